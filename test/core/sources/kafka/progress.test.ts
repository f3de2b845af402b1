import {describe, expect, it} from 'vitest';
import type {SourceStatus} from '../../../../source/core/sources/event-source.js';
import {ProgressTracker, RATE_WINDOW_MS} from '../../../../source/core/sources/kafka/progress.js';
import {planStart} from '../../../../source/core/sources/kafka/start-plan.js';
import {StatusReporter} from '../../../../source/core/sources/kafka/status.js';

describe('ProgressTracker', () => {
	it('knows each planned partition before any fetch: its end, where we start, the lag between', () => {
		const t = new ProgressTracker();
		t.planned('b', 0, 10n, 10n);
		t.planned('a', 1, 0n, 250n);
		t.planned('a', 0, undefined, undefined);
		expect(t.sample(0)).toEqual({
			partitions: [
				{topic: 'a', partition: 0, fetchRate: 0},
				{topic: 'a', partition: 1, highWatermark: '250', position: '0', lag: 250, fetchRate: 0},
				{topic: 'b', partition: 0, highWatermark: '10', position: '10', lag: 0, fetchRate: 0},
			],
			fetchRate: 0,
		});
	});

	it('follows fetched batches: the high watermark, the position (never back), records per second', () => {
		const t = new ProgressTracker();
		t.planned('a', 0, 0n, 1000n);
		t.sample(0);
		t.fetched(500, 'a', 0, 400, 1200n, 400n);
		const one = t.sample(1000);
		expect(one.partitions[0]).toEqual({
			topic: 'a',
			partition: 0,
			highWatermark: '1200',
			position: '400',
			lag: 800,
			fetchRate: 400,
		});
		t.fetched(1500, 'a', 0, 800, 1200n, 1200n);
		t.fetched(1500, 'a', 0, 0, 1200n, 300n); // a late batch never moves the position back
		const two = t.sample(2000);
		expect(two.partitions[0]).toMatchObject({position: '1200', lag: 0, fetchRate: 600});
		expect(two.fetchRate).toBe(600);
	});

	it('measures the rate over the last few seconds only: it falls to 0 once the topic is quiet', () => {
		const t = new ProgressTracker();
		t.planned('a', 0, 0n, 0n);
		t.sample(0);
		t.fetched(500, 'a', 0, 500, 500n, 500n);
		expect(t.sample(1000).fetchRate).toBe(500);
		let now = 1000;
		while (now <= 1000 + RATE_WINDOW_MS + 1000) t.sample((now += 1000));
		expect(t.sample((now += 1000)).fetchRate).toBe(0);
	});

	it('lists only the partitions of the last group join once there was one', () => {
		const t = new ProgressTracker();
		t.planned('a', 0, 0n, 5n);
		t.planned('a', 1, 0n, 5n);
		t.assign({a: [1]});
		expect(t.sample(0).partitions.map(p => p.partition)).toEqual([1]);
		t.assign({a: [0, 1]});
		expect(t.sample(1000).partitions.map(p => p.partition)).toEqual([0, 1]);
	});

	it('counts a partition first fetched between two samples from its fetch, not from the next sample', () => {
		const t = new ProgressTracker();
		t.sample(0);
		t.fetched(1500, 'new', 0, 300, 300n, 300n);
		expect(t.sample(2000).fetchRate).toBe(600);
	});

	it('adds up the partitions of several topics', () => {
		const t = new ProgressTracker();
		t.sample(0);
		t.fetched(0, 'x', 0, 100, 100n, 100n);
		t.fetched(0, 'y', 3, 50, 80n, 50n);
		const s = t.sample(1000);
		expect(s.fetchRate).toBe(150);
		expect(s.partitions.map(p => [p.topic, p.partition, p.lag])).toEqual([
			['x', 0, 0],
			['y', 3, 30],
		]);
	});
});

describe('planStart: the high watermarks', () => {
	it('keeps each partition end it was planned with, whatever the position', () => {
		const plan = planStart({
			partitions: [
				{partition: 0, low: '0', high: '7'},
				{partition: 1, low: '3', high: '3'},
			],
			position: {kind: 'earliest'},
			exitAtEnd: false,
		});
		expect([...plan.highs]).toEqual([
			[0, 7n],
			[1, 3n],
		]);
	});
});

describe('StatusReporter: progress', () => {
	const sink = () => {
		const seen: SourceStatus[] = [];
		return {seen, sink: {records: () => undefined, status: (s: SourceStatus) => seen.push(s), end: () => undefined}};
	};
	const part = {topic: 't', partition: 0, highWatermark: '9', position: '4', lag: 5, fetchRate: 2.2};

	it('sends the partitions and the fetch rate with the current state, only when they changed', () => {
		const s = sink();
		const r = new StatusReporter();
		r.attach(s.sink);
		r.report({state: 'connected'});
		r.progress([part], 2.2);
		r.progress([{...part}], 2.4);
		r.progress([{...part, position: '9', lag: 0}], 0);
		expect(s.seen).toEqual([
			{state: 'connecting'},
			{state: 'connected'},
			{state: 'connected', partitions: [part], fetchRate: 2},
			{state: 'connected', partitions: [{...part, position: '9', lag: 0}], fetchRate: 0},
		]);
	});

	it('keeps them through a change of state (the panel shows the last known while reconnecting)', () => {
		const s = sink();
		const r = new StatusReporter();
		r.attach(s.sink);
		r.progress([part], 3);
		r.report({state: 'reconnecting', reason: 'ECONNREFUSED 127.0.0.1:9092'});
		expect(s.seen.at(-1)).toEqual({
			state: 'reconnecting',
			reason: 'ECONNREFUSED 127.0.0.1:9092',
			partitions: [part],
			fetchRate: 3,
		});
		r.close();
		r.progress([], 0);
		expect(s.seen).toHaveLength(3);
	});
});

describe('StatusReporter: fail', () => {
	it('says the fault once, ends the sink, and reports nothing after', () => {
		const seen: SourceStatus[] = [];
		let ended = 0;
		const r = new StatusReporter();
		r.attach({records: () => undefined, status: s => seen.push(s), end: () => ended++});
		r.fail({state: 'error', reason: 'topic deleted', fault: 'topic-deleted'});
		r.fail({state: 'error', reason: 'again'});
		r.report({state: 'connected'});
		r.progress([], 0);
		expect(seen).toEqual([{state: 'connecting'}, {state: 'error', reason: 'topic deleted', fault: 'topic-deleted'}]);
		expect(ended).toBe(1);
	});
});
