import {describe, it, expect} from 'vitest';
import type {Batch, KafkaMessage} from '../../../../source/core/kafka/index.js';
import type {SourceStatus} from '../../../../source/core/sources/event-source.js';
import {keyOf, PartitionOffsets} from '../../../../source/core/sources/kafka/offsets.js';
import {
	metaOf,
	nextOffsetAfter,
	sliceRecords,
	timestampTypeOf,
	toRecords,
} from '../../../../source/core/sources/kafka/records.js';
import {StatusReporter} from '../../../../source/core/sources/kafka/status.js';
import {planStart} from '../../../../source/core/sources/kafka/start-plan.js';

function batch(offsets: number[], emptyIncludingFiltered = offsets.length === 0): Batch {
	const messages = offsets.map(o => ({
		offset: String(o),
		timestamp: '1000',
		attributes: 0,
		key: null,
		value: Buffer.from('m'),
	}));
	return {
		topic: 't',
		partition: 0,
		messages,
		firstOffset: () => (offsets.length ? String(offsets[0]) : null),
		lastOffset: () => String(offsets.at(-1) ?? 41),
		isEmptyIncludingFiltered: () => emptyIncludingFiltered,
	} as unknown as Batch;
}

const message = (extra: object) =>
	({offset: '0', timestamp: '0', attributes: 0, key: null, value: null, ...extra}) as unknown as KafkaMessage;

describe('timestampTypeOf', () => {
	it('reads the record batch attribute kafkajs exposes, and bit 3 of v1 message attributes', () => {
		expect(timestampTypeOf(message({batchContext: {timestampType: 0}}))).toBe('CreateTime');
		expect(timestampTypeOf(message({batchContext: {timestampType: 1}}))).toBe('LogAppendTime');
		expect(timestampTypeOf(message({magicByte: 1, attributes: 0x08}))).toBe('LogAppendTime');
		expect(timestampTypeOf(message({magicByte: 1, attributes: 0x01}))).toBe('CreateTime');
		expect(timestampTypeOf(message({magicByte: 0}))).toBe('unknown');
	});
});

describe('toRecords', () => {
	it('keeps every message of a fresh batch, with its Kafka coordinates', () => {
		const records = toRecords(batch([5, 6]), undefined, undefined);
		expect(records.map(r => r.kafka?.offset)).toEqual(['5', '6']);
		expect(records[0]?.kafka).toMatchObject({topic: 't', partition: 0, timestamp: 1000});
	});

	it('drops what was delivered already (a refetch after a rejoin) and what lies past the end', () => {
		expect(toRecords(batch([5, 6, 7, 8]), 7n, undefined).map(r => r.kafka?.offset)).toEqual(['7', '8']);
		expect(toRecords(batch([5, 6, 7, 8]), undefined, 7n).map(r => r.kafka?.offset)).toEqual(['5', '6']);
	});

	it('keeps the key and headers (a repeated header as several, a null one without a value), else none', () => {
		expect(toRecords(batch([5]), undefined, undefined)[0]!.kafkaMeta).toBeUndefined();
		const key = Buffer.from('host-1');
		const meta = metaOf(message({key, headers: {trace: Buffer.from('t1'), tag: ['a', Buffer.from('b')], gone: null}}));
		expect(meta?.key).toBe(key);
		expect(meta?.headers?.map(h => [h.name, h.value && Buffer.from(h.value).toString()])).toEqual([
			['trace', 't1'],
			['tag', 'a'],
			['tag', 'b'],
			['gone', undefined],
		]);
		expect(metaOf(message({headers: {}}))).toBeUndefined();
		expect(metaOf(message({key: Buffer.alloc(0)}))?.key?.length).toBe(0);
	});

	it('counts control records as read: the next offset follows the batch even when no message is left', () => {
		expect(nextOffsetAfter(batch([5, 6]))).toBe(7n);
		expect(nextOffsetAfter(batch([], false))).toBe(42n);
		expect(nextOffsetAfter(batch([], true))).toBeUndefined();
	});
});

describe('PartitionOffsets', () => {
	const offsets = () => {
		const o = new PartitionOffsets();
		const partitions = [{partition: 0, low: '0', high: '10'}];
		o.adopt('t', planStart({partitions, position: {kind: 'earliest'}, exitAtEnd: true}));
		return o;
	};
	const key = keyOf('t', 0);

	it('seeks a joined partition to its planned start, then to what was delivered', () => {
		const o = offsets();
		expect(o.seekTarget(key, false)).toBe(0n);
		o.advance(key, 4n);
		expect(o.seekTarget(key, false)).toBe(4n);
		// Positions never move back (an older batch arriving late).
		o.advance(key, 2n);
		expect(o.position(key)).toBe(4n);
		expect(o.seekTarget(keyOf('other', 0), false)).toBeUndefined();
	});

	it('with --commit, seeks only on the first join: later joins use the committed offsets', () => {
		const o = offsets();
		expect(o.seekTarget(key, true)).toBe(0n);
		o.markSeeked(key);
		expect(o.seekTarget(key, true)).toBeUndefined();
		expect(o.seekTarget(key, false)).toBe(0n);
	});

	it('with --commit, a partition first assigned after the first join resumes at the committed offset', () => {
		// A detector of the group died: its partitions continue where it committed, not at our plan.
		const o = offsets();
		o.markJoined();
		expect(o.seekTarget(key, true)).toBeUndefined();
		expect(o.seekTarget(key, false)).toBe(0n);
	});

	it('is at the end once every partition was read up to its end at start', () => {
		const o = offsets();
		expect(o.end(key)).toBe(10n);
		expect(o.allAtEnd()).toBe(false);
		o.advance(key, 10n);
		expect(o.allAtEnd()).toBe(true);
	});

	it('is done (--until) once every partition is finished, or with an end, read up to it', () => {
		const partitions = [
			{partition: 0, low: '0', high: '10'},
			{partition: 1, low: '0', high: '5'},
		];
		const live = new PartitionOffsets();
		live.adopt('t', planStart({partitions, position: {kind: 'earliest'}, exitAtEnd: false}));
		const k1 = keyOf('t', 1);
		// Live (no ends): only finishing every partition ends it.
		expect(live.allDone(new Set([key]))).toBe(false);
		expect(live.allDone(new Set([key, k1]))).toBe(true);
		// With ends (an --until already past): a partition read to its end is done too.
		const past = new PartitionOffsets();
		past.adopt('t', planStart({partitions, position: {kind: 'earliest'}, exitAtEnd: true}));
		expect(past.allDone(new Set([key]))).toBe(false);
		past.advance(k1, 5n);
		expect(past.allDone(new Set([key]))).toBe(true);
		// Nothing finished: the --exit-at-end rule alone.
		expect(past.allDone(new Set())).toBe(past.allAtEnd());
	});
});

describe('StatusReporter', () => {
	const sink = () => {
		const seen: SourceStatus[] = [];
		let ended = 0;
		const target = {records: () => undefined, status: (s: SourceStatus) => seen.push(s), end: () => ended++};
		return {seen, ended: () => ended, sink: target};
	};

	it('passes the lag on with the state it is in, once per change, and not after close', () => {
		const s = sink();
		const r = new StatusReporter();
		r.attach(s.sink);
		r.report({state: 'connected'});
		r.lag(120);
		r.lag(120);
		r.lag(0);
		r.close();
		r.lag(5);
		expect(s.seen).toEqual([
			{state: 'connecting'},
			{state: 'connected'},
			{state: 'connected', lag: 120},
			{state: 'connected', lag: 0},
		]);
	});

	it('sends the status so far on attach, then each change once', () => {
		const s = sink();
		const r = new StatusReporter();
		r.report({state: 'connecting', reason: 'x'});
		r.attach(s.sink);
		r.report({state: 'connected'});
		r.report({state: 'connected'});
		expect(s.seen).toEqual([{state: 'connecting', reason: 'x'}, {state: 'connected'}]);
	});

	it('keeps the specific reason a logged error gave over the generic follow-ups', () => {
		const s = sink();
		const r = new StatusReporter();
		r.attach(s.sink);
		r.logged('ECONNREFUSED 127.0.0.1:9092');
		r.logged('No broker available');
		expect(r.current).toEqual({state: 'connecting', reason: 'ECONNREFUSED 127.0.0.1:9092'});
		r.report({state: 'connected'});
		r.logged('Restarting the consumer in 300ms');
		expect(r.current).toEqual({state: 'reconnecting', reason: 'Restarting the consumer in 300ms'});
	});

	it('says ended once and then nothing more; after close, nothing at all', () => {
		const s = sink();
		const r = new StatusReporter();
		r.attach(s.sink);
		r.end();
		r.report({state: 'error', reason: 'late'});
		expect(s.seen.at(-1)).toEqual({state: 'ended'});
		expect(s.ended()).toBe(1);
		const t = sink();
		const closed = new StatusReporter();
		closed.attach(t.sink);
		closed.close();
		closed.report({state: 'connected'});
		expect(t.seen).toEqual([{state: 'connecting'}]);
	});
});

describe('sliceRecords', () => {
	const rec = (bytes: number) => ({value: Buffer.alloc(bytes), receivedAt: 0});

	it('cuts records into slices of about maxBytes, in order, each with at least one record', () => {
		const records = [rec(10), rec(10), rec(10), rec(25), rec(1), rec(0)];
		const slices = sliceRecords(records, 20);
		expect(slices.map(s => s.map(r => r.value?.length))).toEqual([[10, 10], [10], [25], [1, 0]]);
		expect(slices.flat()).toEqual(records);
	});

	it('gives one empty slice for no records, so the end check still has its turn', () => {
		expect(sliceRecords([], 20)).toEqual([[]]);
		expect(sliceRecords([{value: null, receivedAt: 0}], 20)).toHaveLength(1);
	});
});
