import {describe, expect, it} from 'vitest';
import {classifyObject, decodeRecord, encodeDvPacket, sniff} from '../../../source/core/formats/index.js';
import {CATEGORY_CASES, cf2Common, DV_META, EVENT_TIME} from '../../fixtures/formats/categories.js';
import {API_DNS, API_PROCESS_CREATION} from '../../fixtures/formats/s1-api.js';
import {SYSMON_EVTX, SYSMON_FLAT, SYSMON_WINLOGBEAT} from '../../fixtures/formats/sysmon.js';
import {itemAt} from '../../helpers/lists.js';

const dvCase = itemAt(CATEGORY_CASES, 0);
const packet = (compress: boolean) =>
	encodeDvPacket(
		{meta: DV_META, events: [{timestamp: {millisecondsSinceEpoch: EVENT_TIME}, [dvCase.dvMember]: dvCase.dv}]},
		{compress},
	);

describe('format detection', () => {
	it('sniffs bytes without parsing', () => {
		expect(sniff(new Uint8Array())).toEqual({kind: 'empty'});
		expect(sniff(packet(true))).toEqual({kind: 'zlib'});
		expect(sniff(Buffer.from('  \n{"a":1}'))).toEqual({kind: 'json', start: 3});
		expect(sniff(Buffer.from('\ufeff[1]'))).toEqual({kind: 'json', start: 3});
		expect(sniff(Buffer.from('42'))).toEqual({kind: 'json-scalar', start: 0});
		expect(sniff(Buffer.from([0x12, 0x03, 0x01]))).toEqual({kind: 'binary'});
	});

	it('classifies JSON objects by their keys', () => {
		expect(classifyObject({'event.type': 'Process Creation'})).toBe('s1-cf2');
		expect(classifyObject({'src.process.name': 'cmd.exe'})).toBe('s1-cf2');
		expect(classifyObject({eventType: 'DNS Resolved'})).toBe('s1-api');
		expect(classifyObject({processCmd: 'x', srcIp: '1.2.3.4'})).toBe('s1-api');
		expect(classifyObject(SYSMON_EVTX)).toBe('sysmon');
		expect(classifyObject(SYSMON_WINLOGBEAT)).toBe('sysmon');
		expect(classifyObject(SYSMON_FLAT)).toBe('sysmon');
		expect(classifyObject({message: 'hello', level: 'info'})).toBe('json');
		expect(classifyObject({'weird.dotted': 1})).toBe('json');
	});

	it('decodes a mixed stream, each message in its own format', () => {
		const cf2 = JSON.stringify({...cf2Common(), ...itemAt(CATEGORY_CASES, 7).cf2});
		const stream: Array<[Uint8Array | string, string, string]> = [
			[packet(true), 's1-dv', 'Process Creation'],
			[packet(false), 's1-dv', 'Process Creation'],
			[cf2, 's1-cf2', 'DNS'],
			[Buffer.from(cf2), 's1-cf2', 'DNS'],
			[JSON.stringify(API_PROCESS_CREATION), 's1-api', 'Process Creation'],
			[JSON.stringify(API_DNS), 's1-api', 'DNS'],
			[JSON.stringify(SYSMON_EVTX), 'sysmon', 'Process Creation'],
			[JSON.stringify(SYSMON_WINLOGBEAT, null, 2), 'sysmon', 'Process Creation'],
			[JSON.stringify(SYSMON_FLAT), 'sysmon', 'Process Creation'],
			[
				JSON.stringify({message: 'service started', host: 'web-1', '@timestamp': '2024-05-01T10:00:00Z'}),
				'json',
				'other',
			],
			[Buffer.from([0xde, 0xad, 0xbe, 0xef]), 'undecodable', 'undecodable'],
		];
		for (const [value, format, category] of stream) {
			const events = decodeRecord({value, receivedAt: 1});
			expect(events, `${format} ${category}`).toHaveLength(1);
			expect(itemAt(events, 0).format).toBe(format);
			expect(itemAt(events, 0).category).toBe(category);
		}
	});

	it('generic JSON: "other", host and time when present, a compact summary', () => {
		const ev = itemAt(
			decodeRecord({
				value: JSON.stringify({
					message: 'service\nstarted',
					host: 'web-1',
					'@timestamp': '2024-05-01T10:00:00Z',
					nested: {a: 1},
					list: [1, 2],
				}),
				receivedAt: 1,
			}),
			0,
		);
		expect(ev.format).toBe('json');
		expect(ev.host).toBe('web-1');
		expect(ev.time).toBe(Date.UTC(2024, 4, 1, 10));
		expect(ev.summary).toBe('message=service started host=web-1 @timestamp=2024-05-01T10:00:00Z nested={…} list=[2]');
	});

	it('a JSON array of objects gives one event per object', () => {
		const events = decodeRecord({value: JSON.stringify([SYSMON_FLAT, API_DNS]), receivedAt: 1});
		expect(events.map(e => e.format)).toEqual(['sysmon', 's1-api']);
	});

	it('--format forces one decoder', () => {
		const cf2 = JSON.stringify({'src.process.name': 'cmd.exe', eventType: 'x'});
		expect(itemAt(decodeRecord({value: cf2, receivedAt: 1}, {format: 's1-cf2'}), 0).format).toBe('s1-cf2');
		expect(itemAt(decodeRecord({value: cf2, receivedAt: 1}, {format: 'json'}), 0).format).toBe('json');
		expect(
			itemAt(decodeRecord({value: JSON.stringify(SYSMON_FLAT), receivedAt: 1}, {format: 's1-api'}), 0).format,
		).toBe('s1-api');
		// Forcing s1-dv on JSON gives an undecodable row, not a guess.
		const forced = itemAt(decodeRecord({value: cf2, receivedAt: 1}, {format: 's1-dv'}), 0);
		expect(forced.category).toBe('undecodable');
		expect(itemAt(decodeRecord({value: packet(true), receivedAt: 1}, {format: 's1-dv'}), 0).format).toBe('s1-dv');
		expect(itemAt(decodeRecord({value: packet(true), receivedAt: 1}, {format: 'auto'}), 0).format).toBe('s1-dv');
	});
});
