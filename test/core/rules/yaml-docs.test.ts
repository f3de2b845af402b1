// What the rules see of YAML: the author's text for every scalar, null for null, each document on
// its own, and bounds on what aliases and nesting can make a walk cost.
import {describe, expect, it} from 'vitest';
import {parseYaml, parseYamlDocuments} from '../../../source/core/rules/yaml-docs.js';

describe('parseYamlDocuments', () => {
	it('keeps numbers and booleans as written, null as null, the last of a duplicate key', () => {
		const [doc] = parseYamlDocuments('a: 1.0\nb: True\nc:\nd: null\ne: "null"\nf: ~\ng: 0x10\nh: [1, x]\na: 2\n');
		expect(doc).toEqual({value: {a: '2', b: 'True', c: null, d: null, e: 'null', f: null, g: '0x10', h: ['1', 'x']}});
	});

	it('a document that does not parse is skipped alone, with its line', () => {
		expect(parseYamlDocuments('a: 1\n---\nb: [unclosed\n---\nc: 3\n')).toEqual([
			{value: {a: '1'}},
			{error: 'YAML error: unexpected end of the stream within a flow collection at line 3, column 1'},
			{value: {c: '3'}},
		]);
		expect(parseYamlDocuments('')).toEqual([]);
	});

	it('refuses alias expansion past 100,000 nodes and nesting past 64 levels, without recursing', () => {
		const levels = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
		for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries())
			levels.push(`${name}: &${name} [${Array(10).fill(`*${'abcde'[i]}`).join(',')}]`);
		expect(parseYamlDocuments(levels.join('\n'))).toEqual([
			{error: 'YAML error: more than 100000 nodes (aliases expanding?)'},
		]);
		expect(parseYamlDocuments(`x: ${'['.repeat(70)}${']'.repeat(70)}`)).toEqual([
			{error: 'YAML error: nested deeper than 64 levels'},
		]);
		expect(parseYamlDocuments(`x: ${'['.repeat(5000)}${']'.repeat(5000)}`)[0]!.error).toMatch(/^YAML error: /);
	});

	it('raw control characters are not YAML; escapes in double quotes are', () => {
		expect(parseYamlDocuments('title: a\x1bb\n')[0]!.error).toMatch(/non-printable/);
		expect(parseYamlDocuments('title: "a\\eb"\n')).toEqual([{value: {title: 'a\x1bb'}}]);
	});

	it('parseYaml reads one document or throws its reason', () => {
		expect(parseYaml('x: [a, 1]')).toEqual({x: ['a', '1']});
		expect(() => parseYaml('x: [a')).toThrow(/^YAML error: /);
	});
});
