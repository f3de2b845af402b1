import {describe, expect, it} from 'vitest';
import {
	hitHighlights,
	hitLines,
	normalizedFields,
	rawLines,
	type DetailLine,
} from '../../../source/core/view/detail-model.js';
import {makeEvent, regsvr32Hit} from './make-event.js';

const text = (lines: DetailLine[]) => lines.map(l => l.map(t => t.text).join('')).join('\n');

describe('rawLines', () => {
	it('pretty-prints JSON with 2-space indent and typed tokens', () => {
		const lines = rawLines({a: 1, b: 'x', c: [true, null], d: {}, e: []});
		expect(text(lines)).toBe(JSON.stringify({a: 1, b: 'x', c: [true, null], d: {}, e: []}, null, 2));
		const kinds = new Set(lines.flat().map(t => t.kind));
		for (const k of ['key', 'number', 'string', 'boolean', 'null', 'punct']) expect(kinds).toContain(k);
	});

	it('neutralises hostile strings and keys', () => {
		const lines = rawLines({'k\x1b[2J': 'a\x1b]0;owned\x07 \u202eexe\u2028'});
		for (const l of lines) for (const t of l) expect(t.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
		const out = text(lines);
		expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
		expect(out).toContain('\\u001b]0;owned\\u0007');
		expect(out).toContain('\\u202e');
	});

	it('marks the matched part of a value from the rule hit spans', () => {
		const cmd = 'regsvr32 /s scrobj.dll';
		const ev = makeEvent(1, {hits: [regsvr32Hit(cmd)], raw: {Event: {CommandLine: cmd, Other: 'scrobj elsewhere'}}});
		const lines = rawLines(ev.raw, {highlight: hitHighlights(ev)});
		const matches = lines
			.flat()
			.filter(t => t.kind === 'match')
			.map(t => t.text);
		expect(matches).toEqual(['scrobj', 'scrobj']);
	});

	it('caps lines and says how many more there are', () => {
		const big = Array.from({length: 10_000}, (_, i) => i);
		const lines = rawLines(big, {maxLines: 100});
		expect(lines).toHaveLength(101);
		expect(text(lines.slice(-1))).toBe(`… ${10_002 - 100} more lines`);
	});

	it('survives deep nesting, cycles, long strings, bytes and bigint', () => {
		let deep: Record<string, unknown> = {};
		const root = deep;
		for (let i = 0; i < 10_000; i++) deep = (deep.x = {}) as Record<string, unknown>;
		expect(text(rawLines(root, {maxDepth: 8}))).toContain('nested too deep');
		const cyc: Record<string, unknown> = {a: 1};
		cyc.self = cyc;
		expect(text(rawLines(cyc))).toContain('[circular]');
		expect(text(rawLines({s: 'y'.repeat(50)}, {maxStringLength: 10}))).toContain('… (+40 chars)');
		expect(text(rawLines({b: new Uint8Array([1, 2, 3]), n: 10n}))).toContain('"AQID"');
	});
});

describe('normalizedFields', () => {
	it('lists what is known, with Kafka coordinates and latency', () => {
		const ev = makeEvent(1, {
			time: Date.UTC(2026, 0, 1, 10, 0, 0),
			receivedAt: Date.UTC(2026, 0, 1, 10, 0, 2),
			host: 'WS01',
			user: 'alice\x1b[2J',
			actor: {image: 'C:\\x.exe', cmdline: 'x.exe /q', pid: 42},
			target: {dns: {query: 'evil.example'}},
			kafka: {
				topic: 'dv',
				partition: 2,
				offset: '77',
				timestamp: Date.UTC(2026, 0, 1, 10, 0, 1),
				timestampType: 'CreateTime',
			},
		});
		const fields = Object.fromEntries(normalizedFields(ev).map(f => [f.label, f.value]));
		expect(fields).toMatchObject({
			category: 'Process Creation',
			time: '2026-01-01T10:00:00.000Z',
			host: 'WS01',
			user: 'alice\\x1b[2J',
			'actor image': 'C:\\x.exe',
			'actor pid': '42',
			'dns query': 'evil.example',
			'kafka topic': 'dv',
			'kafka partition': '2',
			'kafka offset': '77',
			'kafka - event': '1s',
			'receive - kafka': '1s',
			'receive - event': '2s',
		});
	});

	it('shows the Kafka key and headers: text escaped, binary as hex, long values cut with their length', () => {
		const utf8 = (t: string) => new Uint8Array(Buffer.from(t));
		const ev = makeEvent(1, {
			kafkaMeta: {
				// Text with a few controls is text (escaped); mostly controls would be shown as hex.
				key: utf8('host WS01.corp.example \x1b]0;pwn\x07 \u202e'),
				headers: [
					{name: 'bin', value: new Uint8Array([0, 1, 2, 0xff])},
					{name: 'long', value: utf8('y'.repeat(1024)), size: 5000},
					{name: 'evil\x1b[2J', value: utf8('v')},
					{name: 'none'},
					{name: 'empty', value: new Uint8Array(0)},
				],
			},
		});
		const fields = Object.fromEntries(normalizedFields(ev).map(f => [f.label, f.value]));
		expect(fields['kafka key']).toBe('host WS01.corp.example \\x1b]0;pwn\\x07 \\u202e');
		expect(fields['kafka header bin']).toBe('hex 000102ff');
		expect(fields['kafka header long']).toBe(`${'y'.repeat(200)} … (5,000 bytes)`);
		expect(fields['kafka header evil\\x1b[2J']).toBe('v');
		expect(fields['kafka header none']).toBe('(null)');
		expect(fields['kafka header empty']).toBe('(empty)');
		for (const f of normalizedFields(ev)) expect(f.label + f.value).not.toMatch(/[\u0000-\u001f\u202e]/);
	});
});

describe('hitLines', () => {
	it('gives title, level, id, tags, description, references and matched fields', () => {
		const cmd = 'regsvr32 /s scrobj.dll';
		const lines = hitLines(makeEvent(1, {hits: [regsvr32Hit(cmd)]}));
		expect(lines.map(l => l.kind)).toEqual(['title', 'id', 'tags', 'description', 'reference', 'field']);
		expect(lines[0]).toMatchObject({text: 'Regsvr32 Squiblydoo', level: 'high'});
		expect(lines.at(-1)).toMatchObject({label: 'CommandLine|contains', text: cmd, ranges: [[12, 18]]});
	});
});
