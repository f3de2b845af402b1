import {describe, expect, it, vi, afterEach} from 'vitest';
import {EventStore, type Clock} from '../../../source/core/store/event-store.js';
import {RingBuffer} from '../../../source/core/store/ring-buffer.js';
import {percentiles, histogram} from '../../../source/core/store/percentiles.js';
import {makeEvent} from '../../helpers/events.js';

function fakeClock(start = 1_700_000_000_000) {
	let now = start;
	const timers: Array<{fn: () => void; ms: number; next: number}> = [];
	const clock: Clock = {
		now: () => now,
		setInterval: (fn, ms) => {
			const t = {fn, ms, next: now + ms};
			timers.push(t);
			return t;
		},
		clearInterval: h => {
			timers.splice(timers.indexOf(h as never), 1);
		},
	};
	const advance = (ms: number) => {
		const end = now + ms;
		for (;;) {
			const due = timers.filter(t => t.next <= end).sort((a, b) => a.next - b.next)[0];
			if (!due) break;
			now = due.next;
			due.next += due.ms;
			due.fn();
		}
		now = end;
	};
	return {clock, advance};
}

describe('RingBuffer', () => {
	it('keeps the newest items and reports evictions', () => {
		const r = new RingBuffer<number>(3);
		expect([1, 2, 3].map(n => r.push(n))).toEqual([0, 0, 0]);
		expect(r.push(4)).toBe(1);
		expect(r.toArray()).toEqual([2, 3, 4]);
		expect(r.at(0)).toBe(2);
		expect(r.at(3)).toBeUndefined();
	});
	it('rejects a non-positive capacity', () => {
		expect(() => new RingBuffer(0)).toThrow(/positive/);
	});
});

describe('EventStore', () => {
	afterEach(() => vi.useRealTimers());

	it('evicts the oldest events past capacity and counts them', () => {
		const {clock} = fakeClock();
		const store = new EventStore({capacity: 5, clock});
		store.push(Array.from({length: 8}, (_, i) => makeEvent({summary: `e${i}`})));
		store.flush();
		const snap = store.getSnapshot();
		expect(snap.events.map(e => e.summary)).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
		expect(snap.stats.received).toBe(8);
		expect(snap.stats.evicted).toBe(3);
		expect(snap.stats.buffered).toBe(5);
		store.dispose();
	});

	it('keeps undecodable payloads within a byte budget: the oldest lose theirs first', () => {
		const {clock} = fakeClock();
		const store = new EventStore({capacity: 100, clock, payloadBudgetBytes: 10_000});
		const bad = (n: number) =>
			makeEvent({
				category: 'undecodable',
				summary: `bad ${n}`,
				undecodable: {reason: 'r', size: 4000, preview: 'p', payload: new Uint8Array(4000)},
			});
		store.push([bad(1), bad(2)]);
		store.push([makeEvent(), bad(3), bad(4)]);
		store.flush();
		const held = store.getSnapshot().events.filter(e => e.undecodable?.payload);
		expect(held.map(e => e.summary)).toEqual(['bad 3', 'bad 4']);
		const dropped = store.getSnapshot().events.find(e => e.summary === 'bad 1')!;
		expect(dropped.undecodable).toEqual({reason: 'r', size: 4000, preview: 'p'});
		store.dispose();
	});

	it('counts undecodable, hits, categories, rules and skips', () => {
		const {clock} = fakeClock();
		const store = new EventStore({clock});
		store.push([
			makeEvent({category: 'DNS'}),
			makeEvent({category: 'undecodable', family: 'undecodable'}),
			makeEvent({hits: [{id: 'r1', title: 'R1', level: 'high', tags: [], fields: []}]}),
		]);
		store.countSkipped(2);
		store.flush();
		const {stats} = store.getSnapshot();
		expect(stats.undecodable).toBe(1);
		expect(stats.withHits).toBe(1);
		expect(stats.byRule).toEqual({r1: 1});
		expect(stats.byCategory).toEqual({DNS: 1, undecodable: 1, 'Process Creation': 1});
		expect(stats.skipped).toBe(2);
		store.dispose();
	});

	it('batches notifications: many pushes between flushes mean one notification', () => {
		const {clock, advance} = fakeClock();
		const store = new EventStore({clock, flushMs: 50});
		const listener = vi.fn();
		store.subscribe(listener);
		for (let i = 0; i < 1000; i++) store.push([makeEvent()]);
		expect(listener).not.toHaveBeenCalled();
		advance(50);
		expect(listener).toHaveBeenCalledTimes(1);
		expect(store.getSnapshot().stats.received).toBe(1000);
		advance(40);
		expect(listener).toHaveBeenCalledTimes(1);
		store.dispose();
	});

	it('publishes a big buffer less often than a small one (each snapshot copies the buffer)', () => {
		const {clock, advance} = fakeClock();
		const store = new EventStore({clock, flushMs: 50, capacity: 100_000});
		const listener = vi.fn();
		store.subscribe(listener);
		store.push(Array.from({length: 10}, () => makeEvent()));
		advance(50);
		store.push([makeEvent()]);
		advance(50);
		expect(listener).toHaveBeenCalledTimes(2);
		// 100,000 buffered: 200 ms between snapshots.
		store.push(Array.from({length: 100_000}, () => makeEvent()));
		advance(150);
		expect(listener).toHaveBeenCalledTimes(2);
		advance(50);
		expect(listener).toHaveBeenCalledTimes(3);
		store.push([makeEvent()]);
		advance(150);
		expect(listener).toHaveBeenCalledTimes(3);
		advance(50);
		expect(listener).toHaveBeenCalledTimes(4);
		expect(store.getSnapshot().events).toHaveLength(100_000);
		// flush() itself always publishes.
		store.push([makeEvent()]);
		store.flush();
		expect(listener).toHaveBeenCalledTimes(5);
		store.dispose();
	});

	it('a snapshot for a status change alone reuses the events array', () => {
		const {clock} = fakeClock();
		const store = new EventStore({clock});
		store.push([makeEvent()]);
		store.flush();
		const a = store.getSnapshot();
		store.setStatus({state: 'reconnecting', reason: 'broker down'});
		store.flush();
		const b = store.getSnapshot();
		expect(b).not.toBe(a);
		expect(b.status.state).toBe('reconnecting');
		expect(b.events).toBe(a.events);
		store.push([makeEvent()]);
		store.flush();
		expect(store.getSnapshot().events).toHaveLength(2);
		store.dispose();
	});

	it('keeps the same snapshot object while nothing changes (for useSyncExternalStore)', () => {
		const {clock} = fakeClock();
		const store = new EventStore({clock});
		store.push([makeEvent()]);
		store.flush();
		const a = store.getSnapshot();
		store.flush();
		expect(store.getSnapshot()).toBe(a);
		store.dispose();
	});

	it('measures the rate per second and decays to zero when idle', () => {
		const {clock, advance} = fakeClock(1_700_000_000_000);
		const store = new EventStore({clock, flushMs: 50});
		store.push(Array.from({length: 30}, () => makeEvent()));
		advance(1000);
		expect(store.getSnapshot().stats.rate).toBe(30);
		advance(3000);
		expect(store.getSnapshot().stats.rate).toBe(0);
		expect(store.getSnapshot().stats.rateHistory.slice(0, 1)).toEqual([30]);
		store.dispose();
	});

	it('stops notifying after dispose', () => {
		const {clock, advance} = fakeClock();
		const store = new EventStore({clock});
		const listener = vi.fn();
		store.subscribe(listener);
		store.dispose();
		store.push([makeEvent()]);
		advance(500);
		expect(listener).not.toHaveBeenCalled();
	});

	it('summarises latency from event, kafka and receive times', () => {
		const {clock} = fakeClock();
		const store = new EventStore({clock});
		store.push(
			Array.from({length: 100}, (_, i) =>
				makeEvent({
					host: i % 2 ? 'A' : 'B',
					time: 1000,
					receivedAt: 1000 + 10 * (i + 1),
					kafka: {topic: 't', partition: 0, offset: String(i), timestamp: 1005, timestampType: 'CreateTime'},
				}),
			),
		);
		store.flush();
		const l = store.getSnapshot().latency;
		expect(l.receiveMinusEvent.percentiles).toMatchObject({count: 100, p50: 500, max: 1000, min: 10});
		expect(l.kafkaMinusEvent.percentiles?.p50).toBe(5);
		expect(l.perHost.map(h => h.host)).toEqual(['A', 'B']);
		store.dispose();
	});
});

describe('percentiles', () => {
	it('uses nearest rank and handles empty input', () => {
		expect(percentiles([])).toBeUndefined();
		expect(percentiles([5, 1, 3, 2, 4])).toMatchObject({p50: 3, p90: 5, max: 5, min: 1});
	});
	it('buckets a histogram by upper bounds', () => {
		expect(histogram([1, 10, 11, 1000, 99999], [10, 100, 1000])).toEqual([2, 1, 1, 1]);
	});
});
