// The prefilter's keys are necessary conditions, never more: a regex's literals occur in every
// value it matches; an AND's and an OR's clauses hold whenever the node is true; the prefilter
// names as candidates exactly the rules whose clauses all hold, before and after it adapts.
import {describe, expect, it} from 'vitest';
import {allOf, anyOf, type Keys} from '../../../source/core/rules/keys.js';
import {LiteralIndex} from '../../../source/core/rules/literal-index.js';
import {MEMO_CHARS, Prefilter} from '../../../source/core/rules/prefilter.js';
import {regexKeys} from '../../../source/core/rules/regex-keys.js';
import type {Atom} from '../../../source/core/rules/match-node.js';
import {rng, sampleRegex} from './rule-events.js';

/** Whether each clause has a literal the prefilter's scan finds in text. */
function clausesHold(clauses: string[][], text: string): boolean {
	const entries = clauses.flatMap((c, id) => c.map(lit => ({lit, id})));
	if (entries.length === 0) return true;
	const found = new Set<number>();
	new LiteralIndex(entries).scan(text, id => found.add(id));
	return clauses.every((_c, id) => found.has(id));
}

const PIECES = [
	'a',
	'b',
	'C',
	'x',
	'-',
	'/',
	' ',
	'.',
	'\\.',
	'\\\\',
	'\\d',
	'\\s',
	'\\w',
	'\\b',
	'^',
	'$',
	'[ab]',
	'[Aa]',
	'[^a]',
	'[a-c]',
	'k+',
	'm*',
	'n?',
	'p{2}',
	'q{1,3}',
	'r{2,}',
	'zz+?',
	'(?=z)',
	'(?!z)',
	'(?<=a)',
	'\\x41',
	'\\u0062',
	'`',
	'\\^',
	'%',
	'\\/',
	'{',
	'}',
	']',
	'\u00e9',
	'\u212a',
	'[\\]x]',
	'[Ii]',
	'\\e',
	'(?<n>ab)',
	'\\k<n>',
];

function randomRegex(next: () => number, depth = 0): string {
	const n = 1 + Math.floor(next() * 5);
	let out = '';
	for (let i = 0; i < n; i++) {
		const r = next();
		if (r < 0.12 && depth < 3) out += `(?:${randomRegex(next, depth + 1)}|${randomRegex(next, depth + 1)})`;
		else if (r < 0.18 && depth < 3) {
			out += `(${randomRegex(next, depth + 1)})${['', '+', '*', '?', '{2}'][Math.floor(next() * 5)]}`;
		} else out += PIECES[Math.floor(next() * PIECES.length)];
	}
	return depth === 0 && next() < 0.2 ? `${out}|${randomRegex(next, 1)}` : out;
}

function mutate(s: string, next: () => number): string {
	const r = next();
	if (r < 0.25) return s.toUpperCase();
	if (r < 0.5 && s.length) {
		const i = Math.floor(next() * s.length);
		return s.slice(0, i) + s.slice(i + 1);
	}
	if (r < 0.7) return `Zq${s}qZ`;
	return s;
}

describe('regex keys', () => {
	it('every value a regex matches holds its keys (fuzz)', () => {
		const next = rng(3);
		let keyed = 0;
		let matched = 0;
		for (let round = 0; round < 3000; round++) {
			const source = randomRegex(next);
			let re: RegExp;
			try {
				re = new RegExp(source, next() < 0.5 ? 'i' : '');
			} catch {
				continue;
			}
			const keys = regexKeys(re);
			if (keys.length) keyed++;
			for (let k = 0; k < 6; k++) {
				const sample = sampleRegex(source, next) ?? '';
				for (const text of [sample, mutate(sample, next)]) {
					if (!re.test(text)) continue;
					matched++;
					const what = `/${source}/${re.flags} on ${JSON.stringify(text)}: ${JSON.stringify(keys)}`;
					expect(clausesHold(keys, text), what).toBe(true);
				}
			}
		}
		// The fuzz reaches both: regexes with keys, and values they match.
		expect(keyed).toBeGreaterThan(1000);
		expect(matched).toBeGreaterThan(5000);
	});

	it('takes the literals a match cannot do without, lowercased', () => {
		expect(regexKeys(/ipconfig\s+\/all/)).toEqual(expect.arrayContaining([['ipconfig'], ['/all']]));
		expect(regexKeys(/[Ii][Ee][Xx]\s*\(/i)).toContainEqual(['iex']);
		expect(regexKeys(/colou?r/).map(c => c.sort())).toContainEqual(['color', 'colour']);
		expect(regexKeys(/(?:net|net1)\s+user/).map(c => c.sort())).toContainEqual(['net', 'net1']);
		expect(regexKeys(/ab+c/)).toEqual(expect.arrayContaining([['ab'], ['bc']]));
		expect(
			regexKeys(/\$\{`?e`?n/)
				.flat()
				.every(k => k.startsWith('${')),
		).toBe(true);
	});

	it('gives nothing when a match can do without any literal', () => {
		for (const re of [/a|/, /(?:abc)?/, /.*/, /[abc]+/, /\d{3}/, /(.)\1/, /(?=secret)\w+/, /\u00e9t\u00e9/u]) {
			expect(regexKeys(re), String(re)).toEqual([]);
		}
	});
});

describe('clauses of AND and OR', () => {
	// A formula over literals in one field: a literal is true when the text contains it.
	type F = {lit: string} | {and: F[]} | {or: F[]};
	const truth = (f: F, text: string): boolean => {
		if ('lit' in f) return text.includes(f.lit);
		return 'and' in f ? f.and.every(c => truth(c, text)) : f.or.some(c => truth(c, text));
	};
	const keysOf = (f: F): Keys => {
		if ('lit' in f) return [[{fid: 0, lit: f.lit}]];
		return 'and' in f ? allOf(f.and.map(keysOf)) : anyOf(f.or.map(keysOf));
	};

	it('hold whenever the formula is true (fuzz)', () => {
		const next = rng(5);
		const lits = ['abc', 'bcd', 'cde', 'xyz', 'yza', 'qrs', 'abcd', 'zab'];
		const pick = (list: string[]) => list[Math.floor(next() * list.length)]!;
		const formula = (depth: number): F => {
			if (depth > 3 || next() < 0.3) return {lit: pick(lits)};
			const children = Array.from({length: 1 + Math.floor(next() * 4)}, () => formula(depth + 1));
			return next() < 0.5 ? {and: children} : {or: children};
		};
		let tested = 0;
		for (let round = 0; round < 2000; round++) {
			const f = formula(0);
			const keys = keysOf(f) ?? [];
			for (let t = 0; t < 20; t++) {
				const text = Array.from({length: 1 + Math.floor(next() * 4)}, () => pick(lits)).join(' ');
				if (!truth(f, text)) continue;
				tested++;
				for (const clause of keys) {
					expect(
						clause.some(a => text.includes(a.lit)),
						`${JSON.stringify(f)} on ${text}`,
					).toBe(true);
				}
			}
		}
		expect(tested).toBeGreaterThan(5000);
	});

	it('keep every clause of an AND and one union per rank for an OR', () => {
		const a: Atom = {fid: 0, lit: 'sekurlsa'};
		const b: Atom = {fid: 1, lit: 'mimikatz.exe'};
		const c: Atom = {fid: 0, lit: 'logonpasswords'};
		expect(allOf([[[a]], [[b]]])).toHaveLength(2);
		expect(anyOf([[[a], [b]], [[c]]])).toEqual(
			expect.arrayContaining([
				[a, c],
				[b, c],
			]),
		);
		expect(anyOf([[[a]], null])).toBeNull();
		// Clauses that filter nothing are dropped: a two-letter flag, an empty literal.
		expect(allOf([[[{fid: 0, lit: '-a'}]], [[{fid: 0, lit: ''}]]])).toBeNull();
		// Equalities and rare characters stay keys however short.
		expect(allOf([[[{fid: 2, lit: '16', exact: true}]], [[{fid: 0, lit: '^^'}]]])).toHaveLength(2);
	});
});

describe('prefilter candidates', () => {
	it('are the rules whose clauses all hold, before and after the prefilter adapts (fuzz)', () => {
		const next = rng(9);
		const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
		const word = () => words[Math.floor(next() * words.length)]!;
		// Field 0 holds substring keys; field 1 substring and equality keys.
		const upTo3 = () => 1 + Math.floor(next() * 3);
		const atom = (): Atom =>
			next() < 0.2 ? {fid: 1, lit: word(), exact: true} : {fid: Math.floor(next() * 2), lit: word()};
		const clause = () => Array.from({length: upTo3()}, atom);
		const rules: Keys[] = Array.from({length: 60}, () => (next() < 0.1 ? null : Array.from({length: upTo3()}, clause)));
		const pf = new Prefilter(rules, undefined);
		for (let event = 0; event < 3000; event++) {
			// Skewed: 'alpha' is in nearly every event, so adaptation has something to move away from.
			const f0 = `alpha ${word()} ${word()}`.toUpperCase();
			const f1 = next() < 0.5 ? word() : `${word()} ${word()}`;
			pf.begin();
			for (const {fid, index} of pf.indexes) pf.scan(index, fid === 0 ? f0 : f1);
			for (const {keys} of pf.equalities) pf.equal(keys.get(f1));
			const got: number[] = [];
			pf.candidates(got);
			const holds = (a: Atom) => (a.exact ? f1 === a.lit : (a.fid === 0 ? f0.toLowerCase() : f1).includes(a.lit));
			const want = rules.flatMap((k, r) => (!k || k.every(c => c.some(holds)) ? [r] : []));
			expect(
				got.sort((x, y) => x - y),
				`event ${event}: ${f0} / ${f1}`,
			).toEqual(want);
		}
	});
});

describe('prefilter memo of recent values', () => {
	it('finds the keys scan finds, for repeated values, keyword keys in two fields, and once values leave it', () => {
		const next = rng(11);
		const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
		const word = () => words[Math.floor(next() * words.length)]!;
		// Field 2 is the keywords pseudo-field: its keys join both field indexes under one id each.
		const atom = (): Atom => ({fid: Math.floor(next() * 3), lit: word()});
		const clause = () => Array.from({length: 1 + Math.floor(next() * 2)}, atom);
		const rules: Keys[] = Array.from({length: 50}, () => Array.from({length: 1 + Math.floor(next() * 2)}, clause));
		const names = (fid: number) => ['f0', 'f1', 'keywords'][fid]!;
		const memo = new Prefilter(rules, 2, names);
		const plain = new Prefilter(rules, 2, names);
		// Long, mostly repeated values: 400 of them hold more than the memo keeps, so some leave it.
		const pool = Array.from({length: 400}, (_v, i) => `${word()} ${'x'.repeat(900)} ${i} ${word()}`.toUpperCase());
		for (let event = 0; event < 4000; event++) {
			const f0 = pool[Math.floor(next() * pool.length)]!;
			const f1 = `${word()} ${word()}`;
			const got: number[][] = [];
			for (const [pf, cached] of [
				[memo, true],
				[plain, false],
			] as const) {
				pf.begin();
				for (const field of pf.indexes) {
					const text = field.fid === 0 ? f0 : f1;
					if (cached) pf.scanValue(field, text);
					else pf.scan(field.index, text);
				}
				const out: number[] = [];
				pf.candidates(out);
				got.push(out.sort((x, y) => x - y));
			}
			expect(got[0], `event ${event}: ${f0.slice(0, 12)} / ${f1}`).toEqual(got[1]);
		}
		for (const field of memo.indexes) {
			expect(field.memoChars).toBeLessThanOrEqual(MEMO_CHARS);
			expect(field.memoChars).toBe([...field.memo.keys()].reduce((n, v) => n + v.length, 0));
		}
		expect(memo.indexes.find(f => f.fid === 0)!.memo.size).toBeLessThan(pool.length);
	});
});
