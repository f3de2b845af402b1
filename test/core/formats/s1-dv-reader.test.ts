// The direct reader must give exactly what protobufjs' decode + toObject give (values, key order,
// the oneof member decode's getter names) and fail with decode's own error on bytes that are not a
// Packet: on the demo's packets, on every category's fixture, on hand-made odd wire orders, and on
// thousands of seeded mutations of them.
import {inflateSync} from 'node:zlib';
import protobuf from 'protobufjs';
import {describe, expect, it} from 'vitest';
import {createDemoStream, createRng} from '../../../source/core/demo/index.js';
import {encodeDvPacket} from '../../../source/core/formats/index.js';
import {DV_MEMBER, directReader} from '../../../source/core/formats/s1-dv/reader.js';
import {EventType, PacketType, TO_OBJECT_OPTIONS} from '../../../source/core/formats/s1-dv/schema.js';
import {CATEGORY_CASES, DV_META, EVENT_TIME} from '../../fixtures/formats/categories.js';
import {itemAt} from '../../helpers/lists.js';

const read = directReader(PacketType, EventType, 'event');
/** As the decoder reads: the members' own messages (level 3) repeated in a packet are shared. */
const readShared = directReader(PacketType, EventType, 'event', 3);

type Outcome = {ok: true; json: string; members: Array<string | undefined>} | {ok: false; error: string};

/** decode + toObject, as the decoder did before: the JSON text (key order included) and the members. */
function viaProtobufjs(bytes: Uint8Array): Outcome {
	let message: protobuf.Message & {events?: Array<{event?: string}>};
	try {
		message = PacketType.decode(bytes) as typeof message;
	} catch (error) {
		return {ok: false, error: String(error)};
	}
	const object = PacketType.toObject(message, TO_OBJECT_OPTIONS);
	return {ok: true, json: JSON.stringify(object), members: (message.events ?? []).map(e => e.event)};
}

function viaReader(bytes: Uint8Array, reader = read): Outcome {
	let object: Record<string | symbol, unknown>;
	try {
		object = reader(bytes).value;
	} catch (error) {
		return {ok: false, error: String(error)};
	}
	const events = (object.events ?? []) as Array<Record<symbol, string | undefined>>;
	return {ok: true, json: JSON.stringify(object), members: events.map(e => e[DV_MEMBER])};
}

/** The demo's packets (one per host and flush), inflated. */
function demoPackets(flushes: number, perFlush: number): Buffer[] {
	const t0 = Date.UTC(2024, 4, 1);
	const stream = createDemoStream({seed: 11, format: 's1-dv', startTime: t0});
	const out: Buffer[] = [];
	for (let i = 1; i <= flushes; i++)
		for (const m of stream.flush(perFlush, t0 + i * 1000)) out.push(inflateSync(m.value as Uint8Array));
	return out;
}

const fixturePacket = Buffer.from(
	encodeDvPacket(
		{
			meta: DV_META,
			events: CATEGORY_CASES.map(c => ({timestamp: {millisecondsSinceEpoch: EVENT_TIME}, [c.dvMember]: c.dv})),
			version: 'EXPORT_20',
		},
		{compress: false},
	),
);

/** Hand-written wire bytes: a number is written as a varint (a tag is (field << 3) | wire type). */
function varint(n: number): Buffer {
	const out: number[] = [];
	for (; n > 0x7f; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
	out.push(n);
	return Buffer.from(out);
}
function wire(...parts: Array<number | Uint8Array>): Buffer {
	return Buffer.concat(parts.map(p => (typeof p === 'number' ? varint(p) : Buffer.from(p))));
}
const lenDelimited = (field: number, body: Uint8Array) => wire((field << 3) | 2, body.length, body);
const text = (field: number, s: string) => lenDelimited(field, Buffer.from(s));

describe('the s1-dv direct reader', () => {
	it('reads every demo packet as decode + toObject do', () => {
		const packets = demoPackets(4, 400);
		expect(packets.length).toBeGreaterThan(20);
		for (const bytes of packets) expect(viaReader(bytes)).toEqual(viaProtobufjs(bytes));
	});

	it('reads every category fixture as decode + toObject do, members included', () => {
		const outcome = viaReader(fixturePacket);
		expect(outcome).toEqual(viaProtobufjs(fixturePacket));
		expect(outcome.ok && outcome.members).toEqual(CATEGORY_CASES.map(c => c.dvMember));
	});

	it('puts keys in field-number order whatever the wire order, and names the member decode names', () => {
		// Meta with computer_name (9) before uuid (2); an event with its member before its timestamp,
		// then a second member, then the first again: decode's getter names the second.
		const meta = Buffer.concat([text(9, 'WS01'), text(2, 'agent-1'), text(9, 'WS02')]);
		const timestamp = wire(0x08, 1000);
		const dns = text(3, 'example.com');
		const event = Buffer.concat([
			lenDelimited(20, dns),
			lenDelimited(1, timestamp),
			lenDelimited(22, text(5, 'GET')),
			lenDelimited(20, dns),
		]);
		const packet = Buffer.concat([wire(0x18, 2), lenDelimited(2, event), lenDelimited(1, meta)]);
		const outcome = viaReader(packet);
		expect(outcome).toEqual(viaProtobufjs(packet));
		expect(outcome.ok && outcome.json).toBe(
			'{"meta":{"uuid":"agent-1","computerName":"WS02"},"events":[{"timestamp":{"millisecondsSinceEpoch":"1000"},' +
				'"dns":{"query":"example.com"},"http":{"method":"GET"}}],"version":"EXPORT_20"}',
		);
		expect(outcome.ok && outcome.members).toEqual(['http']);
	});

	it('writes 64-bit integers past 2^53, unknown enum numbers, unknown fields and bytes as toObject does', () => {
		// uint64 2^63 + 1 as a varint (a time and a size); an EBOOL of 9; an unknown field 99 of each
		// wire type; bytes.
		const big = wire(0x08, Buffer.from([0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]));
		const unknown = Buffer.concat([
			wire((99 << 3) | 0, 0x96, 0x01),
			wire((99 << 3) | 1, new Uint8Array(8)),
			lenDelimited(99, Buffer.from('zz')),
			wire((99 << 3) | 5, new Uint8Array(4)),
		]);
		const file = Buffer.concat([lenDelimited(2, big), wire((7 << 3) | 0, 9), wire(8 << 3), big.subarray(1), unknown]);
		const moduleLoad = Buffer.concat([text(2, 'C:\\x.dll'), lenDelimited(3, Buffer.from([0, 1, 2, 250]))]);
		const event = Buffer.concat([lenDelimited(13, lenDelimited(3, file)), lenDelimited(45, moduleLoad)]);
		const packet = Buffer.concat([lenDelimited(2, event), unknown]);
		const outcome = viaReader(packet);
		expect(outcome).toEqual(viaProtobufjs(packet));
		expect(outcome.ok && outcome.json).toContain('"9223372036854775809"');
	});

	it('fails with decode own error on damaged packets, and reads the ones decode reads alike', () => {
		const rng = createRng(0x9e3779b9);
		const int = (n: number) => Math.floor(rng.next() * n);
		const seeds = [fixturePacket, ...demoPackets(1, 60)];
		let failures = 0;
		for (let i = 0; i < 2000; i++) {
			const b = Buffer.from(itemAt(seeds, int(seeds.length)));
			const kind = int(4);
			if (kind === 0)
				for (let f = 1 + int(6); f > 0; f--) {
					const at = int(b.length);
					b[at] = (b[at] ?? 0) ^ (1 << int(8));
				}
			else if (kind === 1) b[int(b.length)] = int(256);
			const bytes = kind === 2 ? b.subarray(0, int(b.length)) : kind === 3 ? b.subarray(int(b.length)) : b;
			const expected = viaProtobufjs(bytes);
			if (!expected.ok) failures++;
			expect(viaReader(bytes)).toEqual(expected);
			expect(viaReader(bytes, readShared)).toEqual(expected);
		}
		// Both kinds were met: the equality above covered errors as well as reads.
		expect(failures).toBeGreaterThan(100);
		expect(failures).toBeLessThan(1900);
	});

	it('says how deep the messages it read went', () => {
		// Packet 0 -> Event 1 -> moduleLoad 2 -> its source Process 3 -> 50 parents below it.
		let process = text(10, 'deep.exe');
		for (let i = 0; i < 50; i++) process = lenDelimited(8, process);
		expect(read(lenDelimited(2, lenDelimited(45, lenDelimited(1, process)))).depth).toBe(53);
		expect(read(fixturePacket).depth).toBeGreaterThan(3);
		expect(read(lenDelimited(1, text(9, 'WS01'))).depth).toBe(1);
	});

	it('shares a message repeated at level 3 within a packet, and reads as decode + toObject do', () => {
		const packets = demoPackets(2, 400);
		let shared = 0;
		for (const bytes of packets) {
			expect(viaReader(bytes, readShared)).toEqual(viaProtobufjs(bytes));
			expect(readShared(bytes).depth).toBe(read(bytes).depth);
			const seen = new Set<unknown>();
			const events = (readShared(bytes).value.events ?? []) as Array<Record<string, Record<string, unknown>>>;
			for (const ev of events)
				for (const body of Object.values(ev))
					for (const child of Object.values(body))
						if (typeof child === 'object') {
							if (seen.has(child)) shared++;
							seen.add(child);
						}
		}
		// The demo's agents name the same processes in many events of a packet.
		expect(shared).toBeGreaterThan(packets.length);
		// Not across packets: each read starts afresh.
		const one = itemAt(packets, 0);
		const first = readShared(one).value.events as Array<Record<string, unknown>>;
		const again = readShared(one).value.events as Array<Record<string, unknown>>;
		expect(again[0]).not.toBe(first[0]);
		expect(JSON.stringify(again)).toBe(JSON.stringify(first));
	});

	it('counts the depth below a shared message and keeps the nesting limit where it was', () => {
		// The same 50-deep source Process in two events: the second is the shared one.
		let process = text(10, 'deep.exe');
		for (let i = 0; i < 50; i++) process = lenDelimited(8, process);
		const event = lenDelimited(2, lenDelimited(45, lenDelimited(1, process)));
		const twice = Buffer.concat([event, event]);
		expect(readShared(twice).depth).toBe(53);
		expect(viaReader(twice, readShared)).toEqual(viaProtobufjs(twice));
		// 150 deep, twice: the first read fails as decode does, so there is nothing to share.
		let deep = text(10, 'deep.exe');
		for (let i = 0; i < 150; i++) deep = lenDelimited(8, deep);
		const bad = lenDelimited(2, lenDelimited(45, lenDelimited(1, deep)));
		const outcome = viaReader(Buffer.concat([bad, bad]), readShared);
		expect(outcome).toEqual(viaProtobufjs(Buffer.concat([bad, bad])));
		expect(outcome.ok).toBe(false);
	});

	it('stops at the nesting limit with decode own error', () => {
		// A Process nested in its parent 150 times (Process.parent is field 8).
		let process = text(10, 'deep.exe');
		for (let i = 0; i < 150; i++) process = lenDelimited(8, process);
		const packet = lenDelimited(2, lenDelimited(45, lenDelimited(1, process)));
		const outcome = viaReader(packet);
		expect(outcome).toEqual(viaProtobufjs(packet));
		expect(outcome.ok).toBe(false);
	});
});
