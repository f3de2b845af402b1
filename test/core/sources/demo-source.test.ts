import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {RawRecord} from '../../../source/core/event.js';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {createDemoSource, type RecordSink, type SourceStatus} from '../../../source/core/sources/index.js';

function collector() {
	const records: RawRecord[] = [];
	const statuses: SourceStatus[] = [];
	let ended = 0;
	const sink: RecordSink = {records: b => void records.push(...b), status: s => statuses.push(s), end: () => ended++};
	return {sink, records, statuses, ended: () => ended, events: () => records.flatMap(r => decodeRecord(r))};
}

// Generates and decodes seconds' worth of demo traffic per test: up to 0.4 s idle, more when busy.
describe('demo source', {timeout: 30_000}, () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(Date.UTC(2024, 5, 12, 9, 0, 0));
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('emits rate events per second in small batches, as wire records that decode', async () => {
		const c = collector();
		const source = createDemoSource({rate: 100, seed: 3, format: 's1-dv'});
		expect(source.label).toBe('demo 100/s seed 3 (s1-dv)');
		await source.start(c.sink);
		await vi.advanceTimersByTimeAsync(2000);
		const events = c.events();
		expect(events).toHaveLength(200);
		expect(events.every(e => e.format === 's1-dv' && e.category !== 'undecodable')).toBe(true);
		expect(c.records.every(r => r.value instanceof Uint8Array && r.kafka === undefined)).toBe(true);
		await vi.advanceTimersByTimeAsync(1000);
		expect(c.events()).toHaveLength(300);
		await source.stop();
		await vi.advanceTimersByTimeAsync(1000);
		expect(c.events()).toHaveLength(300);
		expect(vi.getTimerCount()).toBe(0);
		expect(c.ended()).toBe(0);
	});

	it('stamps events shortly before they arrive (endpoint -> here delay, jittered)', async () => {
		const c = collector();
		const source = createDemoSource({rate: 200, format: 's1-cf2'});
		await source.start(c.sink);
		await vi.advanceTimersByTimeAsync(3000);
		await source.stop();
		const events = c.events();
		const delays = events.map(e => e.receivedAt - (e.time as number));
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...delays)).toBeLessThan(1000);
		expect(new Set(delays).size).toBeGreaterThan(20);
		expect(
			events.every(e => (e.ingestTime as number) >= (e.time as number) && (e.ingestTime as number) <= e.receivedAt),
		).toBe(true);
	});

	it('ends after count events, in every format', async () => {
		for (const format of ['s1-dv', 's1-cf2', 'sysmon'] as const) {
			const c = collector();
			const source = createDemoSource({rate: 500, format, count: 120});
			await source.start(c.sink);
			await vi.advanceTimersByTimeAsync(5000);
			expect(c.events(), format).toHaveLength(120);
			expect(c.ended()).toBe(1);
			expect(c.statuses.at(-1)?.state).toBe('ended');
			expect(vi.getTimerCount()).toBe(0);
			await source.stop();
		}
	});

	it('is the same stream for the same seed', async () => {
		const run = async () => {
			const c = collector();
			const source = createDemoSource({rate: 50, seed: 9, format: 's1-cf2', count: 100});
			await source.start(c.sink);
			await vi.advanceTimersByTimeAsync(3000);
			return c.events().map(e => `${e.category} ${e.host} ${e.summary}`);
		};
		vi.setSystemTime(Date.UTC(2024, 5, 12, 9, 0, 0));
		const a = await run();
		vi.setSystemTime(Date.UTC(2024, 5, 12, 9, 0, 0));
		expect(await run()).toEqual(a);
	});
});
