// --since/--until on event time in the pipeline: dropped before the rules, per Kafka partition,
// and a stream that passed --until reported once, after its batch was handed on.
import {describe, expect, it} from 'vitest';
import {createPipeline} from '../../source/core/pipeline.js';
import type {EdrEvent, RawRecord} from '../../source/core/event.js';
import type {DecodedEvent} from '../../source/core/formats/index.js';
import {TimeWindow, type StreamId} from '../../source/core/time-window.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const min = (n: number) => T0 + n * 60_000;
// A record's value: "minute" or "minute@partition"; a bare "-" has no time at all.
const rec = (value: string): RawRecord => ({value, receivedAt: 1});
function decode(r: RawRecord): DecodedEvent[] {
	const [m, p] = String(r.value).split('@');
	const ev: DecodedEvent = {
		category: 'DNS',
		family: 'network',
		format: 'json',
		receivedAt: 1,
		target: {},
		hits: [],
		summary: String(r.value),
		raw: {},
	};
	if (m !== '-') ev.time = min(Number(m));
	if (p !== undefined)
		ev.kafka = {topic: 't', partition: Number(p), offset: '0', timestamp: 0, timestampType: 'CreateTime'};
	return [ev];
}

function run(bounds: {since?: number; until?: number}, batches: string[][]) {
	const out: EdrEvent[] = [];
	const passed: Array<StreamId | 'after-batch'> = [];
	let evaluated = 0;
	const window = new TimeWindow(bounds, stream => passed.push(stream));
	const sink = createPipeline(
		{decode, evaluate: () => (evaluated++, []), window},
		{
			events: e => {
				out.push(...e);
				passed.push('after-batch');
			},
			skipped() {},
			status() {},
			end() {},
		},
	);
	for (const b of batches) sink.records(b.map(rec));
	return {summaries: out.map(e => e.summary), seqs: out.map(e => e.seq), passed, evaluated};
}

describe('time window', () => {
	it('drops events before --since and from the first after --until on; numbers only what is kept', () => {
		const r = run({since: min(2), until: min(5)}, [['1', '2', '3'], ['5', '6', '4'], ['7']]);
		expect(r.summaries).toEqual(['2', '3', '5']);
		expect(r.seqs).toEqual([1, 2, 3]);
		// The rules saw only the kept events; the stream passed once, after its batch went out.
		expect(r.evaluated).toBe(3);
		expect(r.passed).toEqual(['after-batch', 'after-batch', undefined]);
	});

	it('keeps an event without any time (it cannot be placed)', () => {
		expect(run({since: min(2)}, [['-', '1', '3']]).summaries).toEqual(['-', '3']);
	});

	it('ends each Kafka partition on its own: a late partition still delivers', () => {
		const r = run({until: min(5)}, [
			['4@0', '6@0', '3@1'],
			['5@0', '4@1', '5@1', '9@1', '1@1'],
		]);
		expect(r.summaries).toEqual(['4@0', '3@1', '4@1', '5@1']);
		expect(r.passed).toEqual(['after-batch', {topic: 't', partition: 0}, 'after-batch', {topic: 't', partition: 1}]);
	});
});
