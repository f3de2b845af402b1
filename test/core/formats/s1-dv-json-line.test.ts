// The s1-dv `--json` fast path (decode with rawJson: raw's text made while decoding, repeated
// messages read and serialized once per packet) must write the very bytes of the generic path
// (raw serialized from the decoded object by the line writer), and raw must be what protobufjs'
// decode + toObject give: on the demo's packets, on every member's fixture, and on hostile packets.
import {deflateSync, inflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import type {EdrEvent, RawRecord} from '../../../source/core/event.js';
import {createDemoStream} from '../../../source/core/demo/index.js';
import {decodeRecord, encodeDvPacket, type DecodedEvent} from '../../../source/core/formats/index.js';
import {PacketType, TO_OBJECT_OPTIONS} from '../../../source/core/formats/s1-dv/schema.js';
import {serializeJsonLine, serializeJsonLines} from '../../../source/core/view/index.js';
import {CATEGORY_CASES, DV_META, EVENT_TIME} from '../../fixtures/formats/categories.js';

const kafka = {
	topic: 'dv',
	partition: 1,
	offset: '42',
	timestamp: EVENT_TIME + 700,
	timestampType: 'CreateTime' as const,
};

function record(value: Uint8Array): RawRecord {
	return {value, receivedAt: EVENT_TIME + 1500, kafka};
}

/** The lines both ways, as `--json` writes them (one batch) and one by one. */
function bothWays(value: Uint8Array): {fast: string; generic: string; single: string[]} {
	const withSeq = (events: DecodedEvent[]): EdrEvent[] => events.map((e, i) => ({...e, seq: i + 1}));
	const fastEvents = withSeq(decodeRecord(record(value), {rawJson: true}));
	const genericEvents = withSeq(decodeRecord(record(value)));
	expect(genericEvents.every(e => e.rawJson === undefined)).toBe(true);
	return {
		fast: Buffer.concat(serializeJsonLines(fastEvents)).toString('utf8'),
		generic: Buffer.concat(serializeJsonLines(genericEvents)).toString('utf8'),
		single: genericEvents.map(e => serializeJsonLine(e)),
	};
}

function expectSameLines(value: Uint8Array): string[] {
	const {fast, generic, single} = bothWays(value);
	expect(fast).toBe(generic);
	expect(fast).toBe(single.map(l => `${l}\n`).join(''));
	return fast.split('\n').slice(0, -1);
}

/** raw of each line = {meta, ...event} of protobufjs' own rendering of the packet. */
function expectRawAsProtobufjs(lines: string[], packetBytes: Uint8Array): void {
	const packet = PacketType.toObject(PacketType.decode(packetBytes), TO_OBJECT_OPTIONS) as {
		meta?: object;
		events?: object[];
	};
	const raws = lines.map(l => (JSON.parse(l) as {raw: unknown}).raw);
	expect(raws).toEqual((packet.events ?? []).map(e => ({meta: packet.meta ?? {}, ...e})));
}

function demoMessages(flushes: number, perFlush: number): Uint8Array[] {
	const t0 = Date.UTC(2024, 4, 1);
	const stream = createDemoStream({seed: 23, format: 's1-dv', startTime: t0});
	const out: Uint8Array[] = [];
	for (let i = 1; i <= flushes; i++)
		for (const m of stream.flush(perFlush, t0 + i * 1000)) out.push(m.value as Uint8Array);
	return out;
}

const withEvents = (events: object[]) => encodeDvPacket({meta: DV_META, events, version: 'EXPORT_20'});
const at = {timestamp: {millisecondsSinceEpoch: EVENT_TIME}};

/** Varint and length-delimited pieces, to write what the encoder would refuse. */
function varint(n: number): Buffer {
	const out: number[] = [];
	for (; n > 0x7f; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
	out.push(n);
	return Buffer.from(out);
}
const field = (id: number, body: Uint8Array) => Buffer.concat([varint((id << 3) | 2), varint(body.length), body]);

describe('the s1-dv --json fast path', () => {
	it('writes the generic path bytes for the demo packets, every member the demo makes', () => {
		const members = new Set<string>();
		for (const value of demoMessages(3, 500)) {
			const lines = expectSameLines(value);
			expectRawAsProtobufjs(lines, inflateSync(value));
			for (const l of lines) members.add(Object.keys((JSON.parse(l) as {raw: object}).raw)[2] ?? '');
		}
		expect(members.size).toBeGreaterThan(15);
	});

	it('writes the generic path bytes for every category fixture, and for events repeated in a packet', () => {
		const events = CATEGORY_CASES.map(c => ({...at, [c.dvMember]: c.dv}));
		const value = withEvents([...events, ...events, ...events.slice().reverse()]);
		const lines = expectSameLines(value);
		expect(lines).toHaveLength(events.length * 3);
		expectRawAsProtobufjs(lines, inflateSync(value));
	});

	it('writes the same bytes for hostile strings: invalid UTF-8, controls, DEL, C1, huge', () => {
		// A commandLine whose bytes are not UTF-8 (a lone continuation byte, a surrogate's encoding,
		// a cut sequence), terminal controls, and a 2 MB path; each in two events, so they repeat.
		const badUtf8 = Buffer.from([0x61, 0x80, 0xed, 0xa0, 0x80, 0xff, 0xe2, 0x82, 0x62]);
		const proc = Buffer.concat([field(3, badUtf8), field(10, Buffer.from('bad-utf8-in-its-command-line.exe'))]);
		const creation = field(2, proc);
		const timestamp = field(1, Buffer.concat([Buffer.from([8]), varint(EVENT_TIME)]));
		const rawEvent = Buffer.concat([timestamp, field(2, creation)]);
		const hostile = [
			{...at, processCreation: {process: {commandLine: 'cmd \u001b[31m\u0007 \u007f \u009b x', name: 'a.exe'}}},
			{...at, fileCreation: {source: {name: 'w.exe'}, targetFile: {path: `C:\\${'x'.repeat(2_000_000)}.txt`}}},
		];
		const packet = Buffer.concat([
			inflateSync(withEvents([...hostile, ...hostile])),
			field(2, rawEvent),
			field(2, rawEvent),
		]);
		const lines = expectSameLines(deflateSync(packet));
		expect(lines).toHaveLength(6);
		expectRawAsProtobufjs(lines, packet);
	});

	it('writes the same bytes for deep nesting, past the line depth and past the reader limit', () => {
		// A source Process nested in its parent 80 times (deeper than the line keeps), then 150 (an
		// undecodable packet); Process.parent is field 8, a member's source field 1.
		const nested = (n: number) => {
			let p: Buffer = field(10, Buffer.from('deep.exe'));
			for (let i = 0; i < n; i++) p = field(8, p);
			return p;
		};
		for (const depth of [20, 80, 150]) {
			const event = field(2, Buffer.concat([field(1, Buffer.from([8, 1])), field(45, field(1, nested(depth)))]));
			const packet = Buffer.concat([field(1, field(9, Buffer.from('WS01'))), event, event]);
			const lines = expectSameLines(deflateSync(packet));
			expect(lines).toHaveLength(depth === 150 ? 1 : 2);
			if (depth === 150) expect(JSON.parse(lines[0]!)).toMatchObject({category: 'undecodable'});
			else if (depth === 20) expectRawAsProtobufjs(lines, packet);
		}
	});

	it('writes the same bytes with unknown fields at every level', () => {
		const unknown = Buffer.concat([field(99, Buffer.from('zz')), varint((98 << 3) | 0), varint(7)]);
		const proc = Buffer.concat([field(10, Buffer.from('u.exe')), unknown, field(3, Buffer.from('u.exe /x /y /z'))]);
		const body = Buffer.concat([field(2, proc), unknown, field(3, Buffer.from('example.com'))]);
		const event = field(2, Buffer.concat([unknown, field(20, body)]));
		const packet = Buffer.concat([field(1, Buffer.concat([field(9, Buffer.from('WS01')), unknown])), event, event]);
		const lines = expectSameLines(deflateSync(packet));
		expect(lines).toHaveLength(2);
		expectRawAsProtobufjs(lines, packet);
	});

	it('gives truncated and damaged packets the same undecodable rows', () => {
		const packets = demoMessages(1, 120).map(v => inflateSync(v));
		let undecodable = 0;
		for (const [i, packet] of packets.entries())
			for (const cut of [1, 7, Math.floor(packet.length / 3), packet.length - 1]) {
				const flipped = Buffer.from(packet);
				flipped[(i * 37 + cut) % flipped.length]! ^= 0x40;
				for (const bytes of [packet.subarray(0, cut), flipped]) {
					const lines = expectSameLines(deflateSync(bytes));
					undecodable += lines.filter(l => l.startsWith('{"category":"undecodable"')).length;
				}
			}
		expect(undecodable).toBeGreaterThan(packets.length);
	});
});
