import {describe, expect, it} from 'vitest';
import {mergeSpans, type Span} from '../../../source/core/rules/index.js';
import {engineFor, sysmonEvent} from './rule-helpers.js';

describe('mergeSpans', () => {
	it('sorts and merges overlapping spans, dropping empty ones', () => {
		expect(
			mergeSpans([
				[5, 8],
				[0, 2],
				[1, 3],
				[4, 4],
				[7, 9],
			]),
		).toEqual([
			[0, 3],
			[5, 9],
		]);
	});

	it('joins touching spans and leaves its input alone', () => {
		const input: Span[] = [
			[3, 5],
			[0, 3],
		];
		expect(mergeSpans(input)).toEqual([[0, 5]]);
		expect(input).toEqual([
			[3, 5],
			[0, 3],
		]);
	});

	it('a rule that matched nothing visible marks nothing: no empty span reaches the hit', () => {
		const {engine} = engineFor("selection:\n  CommandLine|re: 'x*'\ncondition: selection");
		const [hit] = engine.evaluate(sysmonEvent({CommandLine: 'abc'}));
		expect(hit?.fields.find(f => f.field === 'CommandLine')?.spans).toEqual([]);
	});
});
