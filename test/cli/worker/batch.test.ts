import {describe, expect, it} from 'vitest';
import type {EdrEvent, ProcessInfo, RawRecord} from '../../../source/core/event.js';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {createPipeline} from '../../../source/core/pipeline.js';
import {loadRules} from '../../../source/core/rules/index.js';
import {generateDemoRecords, type DemoWireFormat} from '../../../source/core/demo/index.js';
import {InternPool} from '../../../source/cli/worker/intern.js';
import {
	BatchPacker,
	originsOf,
	processHash,
	ProcessTable,
	sameProcess,
	type EventPlace,
	type RecordOrigin,
} from '../../../source/cli/worker/pack.js';
import {BatchReader} from '../../../source/cli/worker/unpack.js';

const {engine} = loadRules([], {builtin: true});
const kafka = (offset: number) => ({
	topic: 'telemetry',
	partition: 0,
	offset: String(offset),
	timestamp: 1_700_000_000_000 + offset,
	timestampType: 'CreateTime' as const,
});

/** Runs records through the real stages, keeping which record gave which events (as the thread does). */
function decodeBatch(records: RawRecord[]): {events: EdrEvent[]; origins: RecordOrigin[]; skipped: number} {
	const places = new WeakMap<object, EventPlace>();
	let events: EdrEvent[] = [];
	let skipped = 0;
	const sink = createPipeline(
		{
			decode: r => {
				const d = decodeRecord(r);
				d.forEach((ev, index) => places.set(ev, {record: r, index}));
				return d;
			},
			evaluate: ev => engine.evaluate(ev),
			derived: engine.correlations ? () => engine.takeDerived() : undefined,
		},
		{
			events: e => {
				events = e;
			},
			skipped: n => {
				skipped = n;
			},
			status() {},
			end() {},
		},
	);
	sink.records(records);
	return {events, origins: originsOf(events, ev => places.get(ev)), skipped};
}

/** What crosses the thread boundary: a structured clone, the bytes transferred. */
function cross<T extends {bytes: ArrayBuffer}>(message: T): T {
	return structuredClone(message, {transfer: [message.bytes]});
}

const withoutRaw = (ev: EdrEvent) => {
	const rest: Partial<EdrEvent> = {...ev};
	delete rest.raw;
	delete rest.sigmaFields;
	return rest;
};

describe('a batch across the thread boundary', () => {
	it('correlation hits cross too, and the events after them keep their own record and raw', () => {
		// The built-in correlations fire on the demo's scenarios (spray, scan, the regsvr32 chain).
		const records = generateDemoRecords(4000, {seed: 1, format: 's1-cf2'}).map((r, i) => ({...r, kafka: kafka(i)}));
		const {events, origins, skipped} = decodeBatch(records);
		const made = events.filter(e => e.category === 'correlation');
		expect(made.length, 'a built-in correlation fires in 4,000 demo events').toBeGreaterThan(0);
		const expected = events.map(e => ({...withoutRaw(e), raw: e.raw}));
		const got = new BatchReader({decode: {}, compress: false}).read(
			cross(new BatchPacker().pack(events, origins, skipped)),
		);
		expect(got.map(e => ({...withoutRaw(e), raw: e.raw}))).toEqual(expected);
		expect(got.filter(e => e.category === 'correlation').map(e => e.correlation?.id)).toEqual(
			made.map(e => e.correlation?.id),
		);
	}, 60_000);

	for (const format of ['s1-dv', 's1-cf2', 'sysmon'] as DemoWireFormat[]) {
		it(`${format}: the same events, seqs, hits and raw events on the other side`, async () => {
			const records = generateDemoRecords(600, {seed: 3, format}).map((r, i) => ({...r, kafka: kafka(i)}));
			const {events, origins, skipped} = decodeBatch(records);
			const expected = events.map(e => ({...withoutRaw(e), raw: e.raw}));
			const message = new BatchPacker().pack(events, origins, skipped);
			expect(message.bytes.byteLength).toBeGreaterThan(0);
			const reader = new BatchReader({decode: {}, compress: false});
			const got = reader.read(cross(message));
			expect(got.map(e => e.seq)).toEqual(events.map(e => e.seq));
			expect(got.map(e => ({...withoutRaw(e), raw: e.raw}))).toEqual(expected);
			expect(got.some(e => e.hits.length > 0)).toBe(true);
			// What the screen does not need does not cross: Sysmon's flat fields (the tuning loop reads
			// them) are decoded again on demand, like raw, and held by no event.
			expect(message.events.every(p => !('sigmaFields' in p))).toBe(true);
			expect(got.every(e => !Object.keys(e).includes('sigmaFields'))).toBe(true);
			expect(got.map(e => e.sigmaFields)).toEqual(events.map(e => e.sigmaFields));
			// 600 events decoded, compared field by field: seconds on a busy machine.
		}, 30_000);
	}

	it("a record's key and headers cross as their own bytes, cut to what the detail shows", () => {
		const fetch = Buffer.alloc(64 * 1024, 0x41);
		const key = fetch.subarray(0, 8);
		const big = fetch.subarray(100, 100 + 5000);
		const records = generateDemoRecords(3, {seed: 1, format: 's1-cf2'}).map((r, i) => ({
			...r,
			kafka: kafka(i),
			kafkaMeta: i === 1 ? {key, headers: [{name: 'big', value: big}, {name: 'none'}]} : undefined,
		}));
		const {events, origins} = decodeBatch(records);
		const message = new BatchPacker().pack(events, origins, 0);
		const meta = message.records[1]!.kafkaMeta!;
		// Copies, not views of the fetch buffer (which a structured clone would send whole): the
		// batch's keys and header values in one buffer of exactly their kept bytes.
		expect(meta.key!.buffer.byteLength).toBe(8 + 1024);
		expect(meta.headers![0]!.value!.buffer).toBe(meta.key!.buffer);
		expect(meta.headers![0]!.value!.byteLength).toBe(1024);
		expect(meta.headers![0]!.size).toBe(5000);
		const got = new BatchReader({decode: {}, compress: false}).read(cross(message));
		const mid = got.find(e => e.kafka?.offset === '1')!;
		expect(Buffer.from(mid.kafkaMeta!.key!).toString()).toBe('AAAAAAAA');
		expect(mid.kafkaMeta!.headers!.map(h => h.name)).toEqual(['big', 'none']);
		expect(got.find(e => e.kafka?.offset === '0')!.kafkaMeta).toBeUndefined();
	});

	it("the keys of a batch's records share one buffer on the screen's side", () => {
		const records = generateDemoRecords(20, {seed: 2, format: 's1-cf2'}).map((r, i) => ({
			...r,
			kafka: kafka(i),
			kafkaMeta: {key: Buffer.from(`host-${i}`), headers: [{name: 'h', value: Buffer.from(`v${i}`)}]},
		}));
		const {events, origins} = decodeBatch(records);
		const got = new BatchReader({decode: {}, compress: false}).read(cross(new BatchPacker().pack(events, origins, 0)));
		expect(got.map(e => Buffer.from(e.kafkaMeta!.key!).toString())).toEqual(events.map(e => `host-${e.kafka!.offset}`));
		expect(got.map(e => Buffer.from(e.kafkaMeta!.headers![0]!.value!).toString())).toEqual(
			events.map(e => `v${e.kafka!.offset}`),
		);
		const buffers = new Set(got.flatMap(e => [e.kafkaMeta!.key!.buffer, e.kafkaMeta!.headers![0]!.value!.buffer]));
		expect(buffers.size).toBe(1);
	});

	it('raw still decodes once the record bytes are compressed in the background', async () => {
		const records = generateDemoRecords(300, {seed: 5, format: 's1-cf2'});
		const {events, origins} = decodeBatch(records);
		const reader = new BatchReader({decode: {}});
		const got = reader.read(cross(new BatchPacker().pack(events, origins, 0)));
		// Compression runs on libuv's pool; wait for its callback.
		for (let i = 0; i < 100 && reader.stats.compressed === 0; i++)
			await new Promise(resolve => setTimeout(resolve, 20));
		expect(reader.stats.compressed).toBe(1);
		// Brotli keeps about 8% of these 300 CF2 events' JSON; deflate at level 1 kept 17%.
		expect(reader.stats.bytesKept).toBeLessThan(reader.stats.bytesIn * 0.12);
		expect(got.map(e => e.raw)).toEqual(events.map(e => e.raw));
		expect(got.at(-1)!.raw).toEqual(events.at(-1)!.raw);
	});

	it('small batches are compressed together in one block, and every raw still decodes from it', async () => {
		const records = generateDemoRecords(400, {seed: 7, format: 's1-cf2'});
		const reader = new BatchReader({decode: {}, blockBytes: 64 * 1024, blockWaitMs: 60_000});
		const packer = new BatchPacker();
		const expected: unknown[] = [];
		const got: EdrEvent[] = [];
		// Batches of 10 events, as a Kafka fetch brings them at 10,000 events/s.
		for (let i = 0; i < records.length; i += 10) {
			const {events, origins} = decodeBatch(records.slice(i, i + 10));
			expected.push(...events.map(e => e.raw));
			got.push(...reader.read(cross(packer.pack(events, origins, 0))));
		}
		for (let i = 0; i < 100 && reader.stats.compressed < 30; i++) await new Promise(resolve => setTimeout(resolve, 20));
		expect(reader.stats.batches).toBe(40);
		// Blocks of at least 64 KiB, each of several batches; the tail still waits for its block.
		expect(reader.stats.blocks).toBeGreaterThan(1);
		expect(reader.stats.blocks).toBeLessThanOrEqual(Math.floor(reader.stats.bytesIn / (64 * 1024)));
		expect(reader.stats.compressed).toBeGreaterThanOrEqual(reader.stats.blocks * 2);
		expect(reader.stats.compressed).toBeLessThan(40);
		expect(reader.stats.bytesKept).toBeLessThan(reader.stats.bytesIn * 0.3);
		// In order, out of order, and twice: each event's raw comes back from its place in its block.
		expect(got.map(e => e.raw)).toEqual(expected);
		const shuffled = got.map((e, i) => [e, expected[i]] as const).reverse();
		for (const [e, raw] of shuffled) expect(e.raw).toEqual(raw);
	});

	it('a block that does not fill is compressed once it has waited', async () => {
		const records = generateDemoRecords(40, {seed: 8, format: 's1-cf2'});
		const reader = new BatchReader({decode: {}, blockBytes: 1024 * 1024, blockWaitMs: 30});
		const {events, origins} = decodeBatch(records);
		const got = reader.read(cross(new BatchPacker().pack(events, origins, 0)));
		expect(reader.stats.compressed).toBe(0);
		for (let i = 0; i < 100 && reader.stats.compressed === 0; i++)
			await new Promise(resolve => setTimeout(resolve, 20));
		expect(reader.stats).toMatchObject({batches: 1, compressed: 1, blocks: 1});
		expect(got.map(e => e.raw)).toEqual(events.map(e => e.raw));
	});

	it('bytes that do not compress stay as they are, and the next batches are not tried', async () => {
		// s1-dv packets are zlib streams already.
		const reader = new BatchReader({decode: {}, blockBytes: 4096, blockWaitMs: 60_000});
		const packer = new BatchPacker();
		const expected: unknown[] = [];
		const got: EdrEvent[] = [];
		for (let i = 0; i < 8; i++) {
			const {events, origins} = decodeBatch(generateDemoRecords(200, {seed: 20 + i, format: 's1-dv'}));
			expected.push(...events.map(e => e.raw));
			got.push(...reader.read(cross(packer.pack(events, origins, 0))));
			await new Promise(resolve => setTimeout(resolve, 30));
		}
		expect(reader.stats.blocks).toBe(0);
		expect(reader.stats.bytesKept).toBe(reader.stats.bytesIn);
		expect(got.map(e => e.raw)).toEqual(expected);
	});

	it('hit templates cross once; later batches send only an index and the matched fields', () => {
		const packer = new BatchPacker();
		const records = generateDemoRecords(2000, {seed: 1, format: 'sysmon'});
		const first = decodeBatch(records.slice(0, 1000));
		const second = decodeBatch(records.slice(1000));
		const m1 = packer.pack(first.events, first.origins, 0);
		const m2 = packer.pack(second.events, second.origins, 0);
		const ids1 = new Set(m1.templates.map(([, t]) => t.id));
		expect(m2.templates.every(([, t]) => !ids1.has(t.id))).toBe(true);
		const reader = new BatchReader({decode: {}, compress: false});
		reader.read(cross(m1));
		const got = reader.read(cross(m2));
		expect(got.map(e => e.hits)).toEqual(second.events.map(e => e.hits));
	});

	it('events with no raw (tombstones, undecodable) carry no bytes and read raw as null', () => {
		const records: RawRecord[] = [
			{value: null, receivedAt: 1, kafka: kafka(1)},
			{value: Buffer.from('{"broken'), receivedAt: 2, kafka: kafka(2)},
		];
		const {events, origins} = decodeBatch(records);
		const message = new BatchPacker().pack(events, origins, 0);
		expect(message.bytes.byteLength).toBe(0);
		const got = new BatchReader({decode: {}, compress: false}).read(cross(message));
		expect(got.map(e => [e.category, e.raw, e.kafka?.offset, e.undecodable?.reason])).toEqual(
			events.map(e => [e.category, null, e.kafka?.offset, e.undecodable?.reason]),
		);
	});

	it("a record's events share its Kafka coordinates", () => {
		const records = generateDemoRecords(200, {seed: 2, format: 's1-dv'}).map((r, i) => ({...r, kafka: kafka(i)}));
		const {events, origins} = decodeBatch(records);
		const got = new BatchReader({decode: {}, compress: false}).read(cross(new BatchPacker().pack(events, origins, 0)));
		// One DV packet carries many events: they point at one coordinates object.
		const byOffset = new Map<string, Set<unknown>>();
		for (const e of got)
			(byOffset.get(e.kafka!.offset) ?? byOffset.set(e.kafka!.offset, new Set()).get(e.kafka!.offset)!).add(e.kafka);
		expect([...byOffset.values()].every(s => s.size === 1)).toBe(true);
		expect(got.length).toBeGreaterThan(byOffset.size);
	});
});

describe('processes across the boundary', () => {
	const records = generateDemoRecords(3000, {seed: 4, format: 's1-cf2'});
	const batches = [records.slice(0, 1000), records.slice(1000, 2000), records.slice(2000)].map(decodeBatch);
	const original = batches.flatMap(b => b.events);
	const key = (p: unknown) => JSON.stringify(p);

	it('the events of one process share one actor object on the screen side', () => {
		const packer = new BatchPacker();
		const reader = new BatchReader({decode: {}, compress: false});
		const got = batches.flatMap(b => reader.read(cross(packer.pack(b.events, b.origins, 0))));
		expect(got.map(e => [e.actor, e.parent])).toEqual(original.map(e => [e.actor, e.parent]));
		const objects = new Map<string, Set<unknown>>();
		for (const e of got)
			if (e.actor) (objects.get(key(e.actor)) ?? objects.set(key(e.actor), new Set()).get(key(e.actor))!).add(e.actor);
		expect([...objects.values()].every(s => s.size === 1)).toBe(true);
		expect(objects.size).toBeLessThan(got.length / 4);
	});

	it('a full process table starts over: processes cross again and every event still has its own', () => {
		const packer = new BatchPacker({processTable: 7});
		const reader = new BatchReader({decode: {}, compress: false});
		const messages = batches.map(b => packer.pack(b.events, b.origins, 0));
		expect(messages.at(-1)!.processesFrom).toBeGreaterThan(1);
		const got = messages.flatMap(m => reader.read(cross(m)));
		expect(got.map(e => [e.actor, e.parent])).toEqual(original.map(e => [e.actor, e.parent]));
	});
});

describe('ProcessTable', () => {
	const cmd = (n: number) => `powershell.exe -NoProfile -Command "Get-Process | Where-Object {$_.CPU -gt ${n}}"`;
	const proc = (n: number): ProcessInfo => ({
		name: 'powershell.exe',
		cmdline: cmd(n),
		pid: 4000,
		uid: 'U1',
		startTime: 1.7e12,
	});

	it('gives equal processes one id, in any field order, and any difference its own', () => {
		const table = new ProcessTable();
		const fresh: Array<[number, ProcessInfo]> = [];
		const a = table.idOf(proc(1), fresh);
		const {startTime, ...rest} = proc(1);
		expect(table.idOf({startTime, ...rest}, fresh)).toBe(a);
		// One character in the middle of a long command line, outside any sample of it.
		const long = 'x'.repeat(500);
		const b = table.idOf({cmdline: `${long}a${long}`}, fresh);
		expect(table.idOf({cmdline: `${long}b${long}`}, fresh)).not.toBe(b);
		expect(table.idOf({cmdline: `${long}a${long}`}, fresh)).toBe(b);
		// A field more, even undefined; a number against its text; a pid off by one.
		expect(table.idOf({...proc(1), user: undefined}, fresh)).not.toBe(a);
		expect(table.idOf({...proc(1), pid: '4000' as unknown as number}, fresh)).not.toBe(a);
		expect(table.idOf({...proc(1), pid: 4001}, fresh)).not.toBe(a);
		expect(fresh.map(([id]) => id)).toEqual([a, b, b + 1, b + 2, b + 3, b + 4]);
		expect(processHash({...proc(1)})).toBe(processHash(proc(1)));
		expect(sameProcess({pid: 1}, {pid: 1, name: undefined})).toBe(false);
	});

	it('what it compares later is what crossed, not the event object as it became', () => {
		const table = new ProcessTable();
		const p = proc(2);
		const id = table.idOf(p, []);
		p.pid = 9;
		expect(table.idOf(proc(2), [])).toBe(id);
	});

	it('processes made to share a hash cost a bounded scan: past the bucket they cross again', () => {
		const table = new ProcessTable();
		const long = 'y'.repeat(1000);
		// Sampled every 62 characters: these differ only between samples, so they share a hash.
		const colliding = Array.from({length: 50}, (_, i) => ({
			cmdline: `${long.slice(0, 100)}${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'z' : 'y'}${long.slice(102)}`,
		}));
		expect(new Set(colliding.map(processHash)).size).toBe(1);
		const first = colliding.map(p => table.idOf(p, []));
		expect(new Set(first).size).toBe(50);
		const again = colliding.map(p => table.idOf({...p}, []));
		// The first eight are known; the rest get new ids, and each id still names its own process.
		expect(again.slice(0, 8)).toEqual(first.slice(0, 8));
		expect(again.slice(8).every((id, i) => id !== first[8 + i])).toBe(true);
	});
});

describe('InternPool', () => {
	it('returns the first copy of an equal string, in nested objects too', () => {
		const pool = new InternPool();
		const a = {host: ['SRV', '01'].join('-'), actor: {image: ['C:', 'x.exe'].join('\\')}, n: 3};
		const b = {host: ['SRV', '01'].join('-'), actor: {image: ['C:', 'x.exe'].join('\\')}, n: 4};
		pool.internAll(a);
		pool.internAll(b);
		expect(b).toEqual({host: 'SRV-01', actor: {image: 'C:\\x.exe'}, n: 4});
		expect(pool.size).toBe(2);
	});

	it('stays bounded on an endless run of unique strings, and keeps what keeps coming back', () => {
		const pool = new InternPool(100);
		const hot = pool.intern('hot-host');
		for (let i = 0; i < 10_000; i++) {
			pool.intern(`unique-${i}`);
			if (i % 50 === 0) expect(pool.intern(['hot', 'host'].join('-'))).toBe(hot);
		}
		expect(pool.size).toBeLessThanOrEqual(200);
	});
});
