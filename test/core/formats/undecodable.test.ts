import {deflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {decodeRecord, encodeDvPacket} from '../../../source/core/formats/index.js';
import {CATEGORY_CASES, DV_META, EVENT_TIME} from '../../fixtures/formats/categories.js';
import {itemAt, only} from '../../helpers/lists.js';

const kafka = {topic: 't', partition: 1, offset: '99', timestamp: 5, timestampType: 'LogAppendTime' as const};

function bad(value: Uint8Array | string | null, options = {}) {
	const events = decodeRecord({value, receivedAt: 7, kafka}, options);
	const ev = only(events);
	expect(ev.category).toBe('undecodable');
	expect(ev.family).toBe('undecodable');
	expect(ev.format).toBe('undecodable');
	expect(ev.kafka).toEqual(kafka);
	expect(ev.receivedAt).toBe(7);
	expect(ev.summary).not.toMatch(/[\n\r\u0000-\u001f]/);
	return ev.undecodable!;
}

const packet = encodeDvPacket(
	{
		meta: DV_META,
		events: CATEGORY_CASES.map(c => ({timestamp: {millisecondsSinceEpoch: EVENT_TIME}, [c.dvMember]: c.dv})),
	},
	{compress: false},
);

describe('bad input is an undecodable row, never an exception', () => {
	it('tombstone', () => {
		expect(bad(null)).toEqual({reason: 'tombstone (null value)', size: 0, preview: ''});
	});

	it('empty and blank messages', () => {
		expect(bad(new Uint8Array()).reason).toBe('empty message');
		expect(bad('').reason).toBe('empty message');
		expect(bad(' \n ').reason).toBe('blank message (whitespace only)');
	});

	it('truncated protobuf', () => {
		const u = bad(packet.subarray(0, packet.length - 7));
		expect(u.reason).toMatch(/^not a protobuf Packet/);
		expect(u.size).toBe(packet.length - 7);
		expect(u.preview).toMatch(/^0a[0-9a-f]+…$/);
		expect(u.preview.length).toBe(64 * 2 + 1);
	});

	it('keeps the payload bytes for the detail and the copy: a copy of the first 64 KiB, not a view of the message', () => {
		const big = Buffer.alloc(100 * 1024, 0xab);
		big[0] = 0x00;
		const u = bad(big);
		expect(u.size).toBe(100 * 1024);
		expect(u.payload).toBeInstanceOf(Uint8Array);
		expect(u.payload!.length).toBe(64 * 1024);
		expect(u.payload!.buffer).not.toBe(big.buffer);
		expect(u.payload!.byteLength).toBe(u.payload!.buffer.byteLength);
		expect(u.payload![1]).toBe(0xab);
		const text = bad('hello \u001b[31m world');
		expect(Buffer.from(text.payload!).toString('utf8')).toBe('hello \u001b[31m world');
		const line = only(
			decodeRecord({value: '{"a":1}\n{oops\n', receivedAt: 1}).filter(e => e.category === 'undecodable'),
		);
		expect(Buffer.from(line.undecodable!.payload!).toString('utf8')).toBe('{oops');
		expect(bad(null).payload).toBeUndefined();
	});

	it('bad zlib stream and truncated zlib stream', () => {
		expect(bad(Buffer.from([0x78, 0x9c, 0xff, 0xff, 0x00, 0x01])).reason).toMatch(/^bad zlib stream/);
		const z = deflateSync(packet);
		expect(bad(z.subarray(0, z.length - 10)).reason).toMatch(/^bad zlib stream/);
	});

	it('zlib bomb: inflated size over the cap', () => {
		const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024));
		expect(bomb.length).toBeLessThan(16 * 1024);
		const u = bad(bomb, {maxInflateBytes: 1024 * 1024});
		expect(u.reason).toBe('zlib bomb: inflated size over the cap of 1048576 bytes');
		expect(u.size).toBe(bomb.length);
	});

	it('zlib that inflates to garbage', () => {
		expect(bad(deflateSync(Buffer.from([0xff, 0xff, 0xff]))).reason).toMatch(/^zlib payload: not a protobuf Packet/);
	});

	it('invalid JSON, with control characters escaped in the text preview', () => {
		const u = bad('{"a": "line1\nline2\u001b[31m"');
		expect(u.reason).toMatch(/^invalid JSON/);
		expect(u.preview).toBe('{"a": "line1\\nline2\\x1b[31m"');
	});

	it('bare JSON number, string, null, boolean', () => {
		expect(bad('42').reason).toBe('JSON number is not an event object');
		expect(bad('"hello"').reason).toBe('JSON string is not an event object');
		expect(bad('null').reason).toBe('JSON null is not an event object');
		expect(bad('true').reason).toBe('JSON boolean is not an event object');
	});

	it('text that is neither JSON nor a packet', () => {
		expect(bad('hello world').reason).toMatch(/not a protobuf Packet/);
		expect(bad('hello world').preview).toBe('hello world');
	});

	it('JSON nested 100,000 deep: no crash', () => {
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const events = decodeRecord({value: deep, receivedAt: 1});
		expect(events).toHaveLength(1);
		expect(['other', 'undecodable']).toContain(itemAt(events, 0).category);
		const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
		const ev = itemAt(decodeRecord({value: deepObject, receivedAt: 1}), 0);
		expect(['other', 'undecodable']).toContain(ev.category);
		expect(ev.summary.length).toBeLessThan(600);
	});

	it('a 10 MB command line decodes, with a bounded one-line summary', () => {
		const huge = `powershell.exe -enc ${'A'.repeat(10 * 1024 * 1024)}\n`;
		const value = JSON.stringify({
			'event.type': 'Process Creation',
			'endpoint.name': 'WS01',
			'src.process.name': 'cmd.exe',
			'tgt.process.cmdline': huge,
		});
		const ev = itemAt(decodeRecord({value, receivedAt: 1}), 0);
		expect(ev.category).toBe('Process Creation');
		expect(ev.target.process?.cmdline?.length).toBe(huge.length);
		expect(ev.summary.length).toBeLessThanOrEqual(500);
		expect(ev.summary.startsWith('cmd.exe -> powershell.exe -enc AAAA')).toBe(true);
	});

	it('invalid UTF-8 in JSON decodes with replacement characters', () => {
		const value = Buffer.concat([
			Buffer.from('{"event.type":"Login","endpoint.name":"WS'),
			Buffer.from([0xff, 0xfe]),
			Buffer.from('","event.login.userName":"bob"}'),
		]);
		const ev = itemAt(decodeRecord({value, receivedAt: 1}), 0);
		expect(ev.category).toBe('Login');
		expect(ev.host).toBe('WS\ufffd\ufffd');
	});

	it('NDJSON with one bad line: good lines decode, the bad one is its own row', () => {
		const events = decodeRecord({value: '{"a":1}\n{oops\n{"b":2}', receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(['other', 'undecodable', 'other']);
		expect(itemAt(events, 1).undecodable?.reason).toMatch(/^invalid JSON on line 2/);
	});

	it('a truncated pretty-printed object stays one row', () => {
		const text = JSON.stringify({a: 1, b: [1, 2, 3], c: {d: 'e'}}, null, 2);
		expect(bad(text.slice(0, -5)).reason).toMatch(/^invalid JSON/);
	});

	it('hostile field types never crash a normalizer', () => {
		const values = [
			{
				'event.type': 'Process Creation',
				'src.process.name': {x: 1},
				'tgt.process.pid': 'abc',
				'endpoint.name': ['a'],
				'event.time': 'never',
			},
			{'event.type': {}, 'endpoint.name': 1},
			{eventType: 'DNS Resolved', dnsResponse: 42, pid: -1, createdAt: 1e300},
			{Event: {System: 'x', EventData: [1, 2]}},
			{Event: {System: {EventID: {'#text': 4624}}, EventData: {Data: [null, 1, {Name: {}}]}}},
			{winlog: {event_id: [], event_data: 'x'}},
			{EventID: '13', TargetObject: 5, Details: null},
		];
		for (const v of values) {
			const events = decodeRecord({value: JSON.stringify(v), receivedAt: 1});
			expect(events).toHaveLength(1);
			expect(typeof itemAt(events, 0).summary).toBe('string');
		}
	});
});

describe('inflate cap option', () => {
	it('a nonsense cap falls back to the default rather than failing every packet', () => {
		const value = encodeDvPacket({
			meta: DV_META,
			events: [
				{
					timestamp: {millisecondsSinceEpoch: EVENT_TIME},
					[itemAt(CATEGORY_CASES, 0).dvMember]: itemAt(CATEGORY_CASES, 0).dv,
				},
			],
		});
		for (const cap of [0, -1, Number.NaN, 1.5])
			expect(itemAt(decodeRecord({value, receivedAt: 1}, {maxInflateBytes: cap}), 0).format).toBe('s1-dv');
	});
});
