import {describe, expect, it} from 'vitest';
import {JsonDocumentSplitter} from '../../../source/core/sources/json-splitter.js';

const split = (chunks: string[]) => {
	const s = new JsonDocumentSplitter();
	return [...chunks.flatMap(c => s.push(c)), ...s.end()];
};

describe('JsonDocumentSplitter', () => {
	it('splits NDJSON', () => {
		expect(split(['{"a":1}\n{"b":2}\n'])).toEqual(['{"a":1}', '{"b":2}']);
	});
	it('splits pretty and concatenated documents, across chunk boundaries', () => {
		const text = '{\n  "a": {"x": "}{"},\n  "b": [1, 2]\n}{"c":"\\"}"}  {"d":1}';
		for (let cut = 1; cut < text.length; cut++) {
			expect(split([text.slice(0, cut), text.slice(cut)])).toEqual([
				'{\n  "a": {"x": "}{"},\n  "b": [1, 2]\n}',
				'{"c":"\\"}"}',
				'{"d":1}',
			]);
		}
	});
	it('ends a string at the first quote after an even run of backslashes, wherever the chunks are cut', () => {
		const docs = ['{"p":"C:\\\\","q":"a\\"}\\\\\\"b"}', '{"r":"\\\\\\\\"}', '{"s":"{[\\"]}"}'];
		const text = docs.join('\n');
		for (let cut = 1; cut < text.length; cut++) {
			expect(split([text.slice(0, cut), text.slice(cut)])).toEqual(docs);
		}
		expect(docs.map(d => JSON.parse(d))).toEqual([{p: 'C:\\', q: 'a"}\\"b'}, {r: '\\\\'}, {s: '{["]}'}]);
	});
	it('unfolds a top-level array of objects into its elements', () => {
		expect(split(['[{"a":1},', ' {"b":[2]}\n]'])).toEqual(['{"a":1}', '{"b":[2]}']);
		expect(split(['[]'])).toEqual([]);
	});
	it('passes stray lines and bare values on as their own documents', () => {
		expect(split(['not json\n{"a":1}\n42\nnull'])).toEqual(['not json', '{"a":1}', '42', 'null']);
	});
	it('emits an unterminated document at the end instead of losing it', () => {
		expect(split(['{"a":1}\n{"b":'])).toEqual(['{"a":1}', '{"b":']);
	});
	it('a document broken by bad bytes does not swallow the NDJSON line after it', () => {
		// An unbalanced "{" or "[" that never closes: the next line is a whole document at column 0.
		expect(split(['{ garbage [ more\n{"good":1}\n'])).toEqual(['{ garbage [ more', '{"good":1}']);
		expect(split(['[\x01{\x02\n', '{"good":1}\n{"good":2}\n'])).toEqual(['[\x01{\x02', '{"good":1}', '{"good":2}']);
		// Across chunks: the decision waits for the whole next line.
		const text = '{"a": [1,\n{"good":{"x":"}"}}\nnot json\n';
		for (let cut = 1; cut < text.length; cut++) {
			expect(split([text.slice(0, cut), text.slice(cut)])).toEqual(['{"a": [1,', '{"good":{"x":"}"}}', 'not json']);
		}
	});
	it('a line break inside a string ends a broken document (JSON strings hold no raw line break)', () => {
		expect(split(['{"a": "open\n  indented tail\n{"good":1}\n'])).toEqual([
			'{"a": "open',
			'indented tail',
			'{"good":1}',
		]);
		expect(split(['{ "\n{"good":1}'])).toEqual(['{ "', '{"good":1}']);
	});
	it('pretty-printed documents with nested objects on their own lines stay whole', () => {
		const pretty = JSON.stringify({a: [{b: 1}, {c: [{d: 2}]}], e: 'x\ny'}, null, 2);
		const tabs = JSON.stringify([{a: 1}, {b: {c: 3}}], null, '\t');
		expect(split([`${pretty}\n${pretty}\n`])).toEqual([pretty, pretty]);
		expect(split([tabs])).toEqual(['{\n\t\t"a": 1\n\t}', '{\n\t\t"b": {\n\t\t\t"c": 3\n\t\t}\n\t}']);
	});
	it('skips a byte order mark opening the stream, keeps other odd characters of a stray line', () => {
		expect(split(['\ufeff{\n  "a": 1\n}\n'])).toEqual(['{\n  "a": 1\n}']);
		expect(split(['{"a":1}\n\f\u00a0x\u00a0\n'])).toEqual(['{"a":1}', '\f\u00a0x\u00a0']);
	});
	it('handles very deep nesting without recursion', () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		expect(split([deep, '\n{"x":1}'])).toEqual([deep, '{"x":1}']);
	});
});

describe('JsonDocumentSplitter on garbage between good lines', () => {
	// Bytes made of JSON's structural characters, escapes and control bytes, between two NDJSON
	// lines: whatever the garbage opens (a string, an object, an escape), both good lines come out whole.
	const alphabet = '{}[]"\\\n abc\x1b\x07\u00ff\x00';
	const garbage = (seed: number, length: number): string => {
		let s = seed;
		let out = '';
		for (let i = 0; i < length; i++) {
			s = (s * 1103515245 + 12345) & 0x7fffffff;
			out += alphabet[(s >> 16) % alphabet.length];
		}
		return out;
	};
	it('keeps the good line before and after the garbage, for every seed and chunk cut', () => {
		const first = '{"EventID":1,"CommandLine":"first"}';
		const last = '{"EventID":1,"CommandLine":"last"}';
		for (let seed = 1; seed <= 60; seed++) {
			const text = `${first}\nhello \x1b]0;T\x07 {\n${garbage(seed, 200 + seed * 13)}\n${last}\n`;
			for (const cut of [0, 40, Math.floor(text.length / 2), text.length - 10]) {
				const docs = cut === 0 ? split([text]) : split([text.slice(0, cut), text.slice(cut)]);
				expect(docs[0], `seed ${seed} cut ${cut}`).toBe(first);
				expect(docs.at(-1), `seed ${seed} cut ${cut}`).toBe(last);
			}
		}
	});
});
