// The fast reader of Sigma's YAML subset gives exactly what the yaml library gives, or nothing (the
// library then reads the text): hand-made cases at the edges of the subset, mutated rule texts, and
// every file of the SigmaHQ corpus (skipped without it, see test/helpers/sigma-corpus.ts).
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {findRuleFiles} from '../../../source/core/rules/loader.js';
import {parseWithLibrary, parseYamlDocuments} from '../../../source/core/rules/yaml-docs.js';
import {parseSigmaYaml} from '../../../source/core/rules/yaml-fast.js';
import {sigmaCorpus} from '../../helpers/sigma-corpus.js';

interface Rule {
	[key: string]: unknown;
	detection: {selection: Array<Record<string, unknown>>; filter: unknown};
}

/** The fast reading, checked against the library's (the same value, in the same key order). */
function fast(text: string): unknown {
	const value = parseSigmaYaml(text);
	if (value !== undefined) {
		const library = parseWithLibrary(text);
		expect(library).toHaveLength(1);
		expect(JSON.stringify(value)).toBe(JSON.stringify(library[0]!.value));
	}
	return value;
}

const RULE = `title: Suspicious 'cmd' use # a comment
id: 5f1e6e3a-0000-4000-8000-000000000001
status: test
description: |
    First line.

    Indented more:
      kept as is
references:
    - https://example.com/a#b
    - 'it''s quoted'
    - "tab\\there \\u00e9"
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        - Image|endswith: '\\cmd.exe'
          CommandLine|contains:
              - ' /c '
              - c:\\path:with:colons
        - ParentImage: null
    filter:
        EventID: 4688
        Flags: 0x10
        Enabled: true
        Empty:
        Tilde: ~
    condition: selection and not filter
falsepositives:
- Unknown
level: high
`;

describe('fast YAML subset', () => {
	it('reads a rule as the library does: scalars as written, null spellings null, block text', () => {
		const doc = fast(RULE) as Rule;
		expect(doc.title).toBe("Suspicious 'cmd' use");
		expect(doc.description).toBe('First line.\n\nIndented more:\n  kept as is\n');
		expect(doc.references).toEqual(['https://example.com/a#b', "it's quoted", 'tab\there \u00e9']);
		expect(doc.detection.selection[0]?.['CommandLine|contains']).toEqual([' /c ', 'c:\\path:with:colons']);
		expect(doc.detection.selection[1]).toEqual({ParentImage: null});
		expect(doc.detection.filter).toEqual({EventID: '4688', Flags: '0x10', Enabled: 'true', Empty: null, Tilde: null});
		expect(doc.falsepositives).toEqual(['Unknown']);
		expect(Object.keys(doc)).toEqual([
			'title',
			'id',
			'status',
			'description',
			'references',
			'logsource',
			'detection',
			'falsepositives',
			'level',
		]);
	});

	it('keeps a strip block without its newline, and a later duplicate key wins in place', () => {
		expect(fast('a: |-\n  x\n  y\nb: 1\na: 2\n')).toEqual({a: '2', b: '1'});
		expect(Object.keys(fast('a: 1\nb: 2\na: 3\n') as object)).toEqual(['a', 'b']);
	});

	it('leaves everything outside the subset to the library', () => {
		const outside = [
			'a: [1, 2]\n',
			'a: {b: 1}\n',
			'a: &x 1\nb: *x\n',
			'a: !!str 1\n',
			'a: >\n  folded\n',
			'a: |+\n  kept\n\n',
			'a: plain\n  continued\n',
			"a: 'open\n  quote'\n",
			'a: b: c\n',
			'---\na: 1\n---\nb: 2\n',
			'- top\n- list\n',
			'just a scalar\n',
			'a:\n\tb: 1\n',
			'a: 1\r\nb: 2\r\n',
			'a: |\n  at the end',
			"'quoted key': 1\n",
			'a:\n  - b: 1\n  c: 2\n',
			'',
			'# only a comment\n',
		];
		for (const text of outside) {
			expect(parseSigmaYaml(text), JSON.stringify(text)).toBeUndefined();
			// And parseYamlDocuments still reads it, through the library.
			expect(parseYamlDocuments(text)).toEqual(parseWithLibrary(text));
		}
	});

	it('mutated rule texts: the fast reading is the library reading, or none', () => {
		let seed = 7;
		const rnd = (n: number) => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed % n;
		};
		const pieces = [' ', ':', '#', '-', "'", '"', '|', '\n', ': ', ' #', '\n  ', '\n- ', '~', '\\', '|-', '\n\n'];
		let read = 0;
		for (let i = 0; i < 300; i++) {
			let text = RULE;
			for (let m = 1 + rnd(3); m > 0; m--) {
				const at = rnd(text.length + 1);
				text =
					rnd(3) === 0
						? text.slice(0, at) + text.slice(at + 1 + rnd(3))
						: text.slice(0, at) + pieces[rnd(pieces.length)]! + text.slice(at);
			}
			if (fast(text) !== undefined) read++;
		}
		// Enough of them stay in the subset for the comparison to mean something.
		expect(read).toBeGreaterThan(50);
	});

	const corpus = sigmaCorpus();
	it.skipIf(!corpus.root)(
		'reads nearly every SigmaHQ rule file, each as the library does',
		() => {
			const files = findRuleFiles([corpus.root!]).files;
			let read = 0;
			for (const file of files) if (fast(readFileSync(file, 'utf8')) !== undefined) read++;
			expect(read / files.length).toBeGreaterThan(0.99);
		},
		120_000,
	);
});
