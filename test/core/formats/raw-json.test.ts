import {describe, expect, it} from 'vitest';
import {decodeRecord, encodeDvPacket} from '../../../source/core/formats/index.js';
import {CATEGORY_CASES, cf2Common, DV_META, EVENT_TIME} from '../../fixtures/formats/categories.js';
import {itemAt, only} from '../../helpers/lists.js';

const decodeText = (value: string | Buffer) => decodeRecord({value, receivedAt: 1}, {rawJson: true});

describe('decode with rawJson: raw as one line of JSON text', () => {
	it('is the message text itself for a JSON object, whitespace around it gone', () => {
		// A number past 2^53 shows the text is kept, not made again from the parsed object.
		const text = '{"event.type":"Process Creation","big":12345678901234567890,"s":"a\\u0041"}';
		const ev = only(decodeText(Buffer.from(`\ufeff  ${text}\r\n`)));
		expect(ev.rawJson).toBe(text);
		expect(JSON.parse(ev.rawJson ?? '')).toEqual(ev.raw);
	});

	it('is each line of an NDJSON message', () => {
		const lines = ['{"event.type":"DNS","n":1}', '{"event.type":"DNS","n":2}'];
		const events = decodeText(`${lines[0]}\n\n${lines[1]}\n`);
		expect(events.map(e => e.rawJson)).toEqual(lines);
	});

	it('is left out where the text is not one line, or not raw: the line writer serializes raw then', () => {
		expect(only(decodeText('{\n  "event.type": "DNS"\n}')).rawJson).toBeUndefined();
		const batch = decodeText('[{"event.type":"DNS"},{"event.type":"Login"}]');
		expect(batch).toHaveLength(2);
		expect(batch.map(e => e.rawJson)).toEqual([undefined, undefined]);
		expect(only(decodeText('[1,2]')).rawJson).toBe('[1,2]');
		expect(only(decodeText('not json')).rawJson).toBeUndefined();
	});

	it('is not kept unless asked for (the screen would hold the text twice)', () => {
		expect(only(decodeRecord({value: '{"event.type":"DNS"}', receivedAt: 1})).rawJson).toBeUndefined();
	});

	it('is JSON.stringify(raw) for every s1-dv member, the shared meta included', () => {
		const events = CATEGORY_CASES.map(c => ({timestamp: {millisecondsSinceEpoch: EVENT_TIME}, [c.dvMember]: c.dv}));
		const value = encodeDvPacket({meta: DV_META, events, version: 'EXPORT_20'});
		const decoded = decodeRecord({value, receivedAt: 1}, {rawJson: true});
		expect(decoded).toHaveLength(CATEGORY_CASES.length);
		for (const ev of decoded) expect(ev.rawJson).toBe(JSON.stringify(ev.raw));
		expect(decodeRecord({value, receivedAt: 1}).every(e => e.rawJson === undefined)).toBe(true);
	});

	it('gives CF2 the same raw either way', () => {
		const c = itemAt(CATEGORY_CASES, 0);
		const value = JSON.stringify({...cf2Common(), ...c.cf2});
		const kept = only(decodeText(value));
		const plain = only(decodeRecord({value, receivedAt: 1}));
		expect(kept.raw).toEqual(plain.raw);
		expect(kept.rawJson).toBe(value);
	});
});
