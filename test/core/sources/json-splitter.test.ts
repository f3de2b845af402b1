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
			expect(split([text.slice(0, cut), text.slice(cut)])).toEqual(['{\n  "a": {"x": "}{"},\n  "b": [1, 2]\n}', '{"c":"\\"}"}', '{"d":1}']);
		}
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
	it('handles very deep nesting without recursion', () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		expect(split([deep, '\n{"x":1}'])).toEqual([deep, '{"x":1}']);
	});
});
