import {describe, expect, it} from 'vitest';
import {createPipeline} from '../../source/core/pipeline.js';
import type {EdrEvent, RawRecord} from '../../source/core/event.js';
import type {DecodedEvent} from '../../source/core/formats/index.js';

const rec = (value: string | null): RawRecord => ({value, receivedAt: 1});
const decoded = (summary: string): DecodedEvent => ({
	category: 'DNS',
	family: 'network',
	format: 'json',
	receivedAt: 1,
	target: {},
	summary,
	hits: [],
	raw: {},
});

describe('pipeline', () => {
	it('numbers events in arrival order, unfolds one record into many, counts empty records', () => {
		const events: EdrEvent[][] = [];
		let skipped = 0;
		const sink = createPipeline(
			{decode: r => (r.value === null ? [] : String(r.value).split(',').map(decoded))},
			{events: e => void events.push(e), skipped: n => (skipped += n), status() {}, end() {}},
		);
		sink.records([rec('a,b'), rec(null), rec('c')]);
		expect(events).toHaveLength(1);
		expect(events[0]!.map(e => [e.seq, e.summary])).toEqual([
			[1, 'a'],
			[2, 'b'],
			[3, 'c'],
		]);
		expect(skipped).toBe(1);
		expect(sink.seq).toBe(3);
	});

	it('attaches rule hits, and a throwing rule engine costs the hits, not the event', () => {
		const out: EdrEvent[] = [];
		let calls = 0;
		const sink = createPipeline(
			{
				decode: r => [decoded(String(r.value))],
				evaluate: e => {
					calls++;
					if (e.summary === 'boom') throw new Error('engine bug');
					return [{id: 'r', title: 'R', level: 'high', tags: [], fields: []}];
				},
			},
			{events: e => void out.push(...e), skipped() {}, status() {}, end() {}},
		);
		sink.records([rec('ok'), rec('boom')]);
		expect(out.map(e => e.hits.length)).toEqual([1, 0]);
		expect(calls).toBe(2);
	});

	it('numbers the events the rules stage made and puts each after the event that completed it', () => {
		const out: EdrEvent[] = [];
		const made: DecodedEvent[] = [];
		const sink = createPipeline(
			{
				decode: r => String(r.value).split(',').map(decoded),
				evaluate: e => {
					if (e.summary === 'b') made.push({...decoded('made by b'), category: 'correlation', family: 'correlation'});
					return [];
				},
				derived: () => made.splice(0),
			},
			{events: e => void out.push(...e), skipped() {}, status() {}, end() {}},
		);
		sink.records([rec('a,b,c')]);
		expect(out.map(e => [e.seq, e.summary])).toEqual([
			[1, 'a'],
			[2, 'b'],
			[3, 'made by b'],
			[4, 'c'],
		]);
	});

	it('does not run rules on undecodable events', () => {
		const out: EdrEvent[] = [];
		const sink = createPipeline(
			{
				decode: () => [{...decoded('x'), category: 'undecodable', family: 'undecodable'}],
				evaluate: () => [{id: 'r', title: 'R', level: 'low', tags: [], fields: []}],
			},
			{events: e => void out.push(...e), skipped() {}, status() {}, end() {}},
		);
		sink.records([rec('x')]);
		expect(out[0]!.hits).toEqual([]);
	});

	it('returns what the output returns for a batch, so a source can wait for it', async () => {
		let release!: () => void;
		const held = new Promise<void>(resolve => (release = resolve));
		const sink = createPipeline(
			{decode: r => [decoded(String(r.value))]},
			{events: () => held, skipped() {}, status() {}, end() {}},
		);
		const returned = sink.records([rec('a')]);
		expect(returned).toBe(held);
		release();
		await returned;
		expect(sink.records([])).toBeUndefined();
	});
});
