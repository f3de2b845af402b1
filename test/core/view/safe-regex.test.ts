import {describe, expect, it} from 'vitest';
import {compileSafeRegex, SafeRegexError} from '../../../source/core/view/safe-regex.js';

// What JavaScript's RegExp says, with the search's rules: case-insensitive, within one line.
function reference(pattern: string, text: string): boolean {
	const re = new RegExp(pattern, 'im');
	return text
		.toLowerCase()
		.split('\n')
		.some(line => re.test(line));
}

const PATTERNS = [
	'reg(svr|add)32',
	'cmd\\.exe$',
	'^c:\\\\windows',
	'\\d{1,3}\\.\\d{1,3}\\.\\d+\\.\\d+',
	'[a-f0-9]{8}',
	'a.c',
	'[^a-z ]+x',
	'(ab)*c',
	'x?y+z*',
	'colou?r',
	'a{2,}',
	'a{0}b',
	'(?:foo|bar)baz',
	'(?<n>q)r',
	'[\\d-z]',
	'[\\w.]+@[\\w.]+',
	'\\s-enc\\s',
	'^$',
	'^',
	'$',
	'',
	'a|',
	'(|a)b',
	'[A-Z]',
	'POWERSHELL',
	'\\x41b',
	'\\u0041',
	'[]a',
	'[^]',
	'a{,2}',
	'x{',
	'\\.\\*\\+',
	'^(a|b)*$',
	'.*',
	'é',
	'[à-ÿ]+',
];
const TEXTS = [
	'C:\\Windows\\System32\\regsvr32.exe /s /u /i:http://x scrobj.dll',
	'cmd.exe',
	'x\ncmd.exe',
	'10.0.0.5',
	'deadbeef01',
	'abc',
	'aXc',
	'ababc',
	'yyz',
	'color colour',
	'aa',
	'b',
	'foobaz',
	'qr',
	'-',
	'user@example.com',
	'powershell -enc abc',
	'',
	'abab',
	'ABAB',
	'a{,2}',
	'x{',
	'.*+',
	'Été',
	'a\nb',
	'zzz',
];

describe('compileSafeRegex', () => {
	it('agrees with RegExp (case-insensitive, per line) on a table of patterns and texts', () => {
		for (const p of PATTERNS) {
			const re = compileSafeRegex(p);
			for (const t of TEXTS) expect([p, t, re.test(t.toLowerCase())]).toEqual([p, t, reference(p, t)]);
		}
	});

	it('agrees with RegExp on random patterns over a small alphabet', () => {
		let seed = 7;
		const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
		const atoms = ['a', 'b', '.', '[ab]', '[^a]', '(a|b)', '(ab)', '^', '$', '(a|)'];
		const quants = ['', '', '*', '+', '?', '{2}', '{1,3}'];
		for (let n = 0; n < 400; n++) {
			let p = '';
			for (let k = 1 + rnd(4); k > 0; k--) p += atoms[rnd(atoms.length)]! + quants[rnd(quants.length)]!;
			if (/^[$^][*+?{]|[$^]\{|[$^][*+?]/.test(p)) continue; // JavaScript allows no quantifier on an assertion either
			const re = compileSafeRegex(p);
			for (let t = 0; t < 8; t++) {
				let text = '';
				for (let k = rnd(7); k > 0; k--) text += 'abc\n'[rnd(4)];
				expect([p, text, re.test(text)]).toEqual([p, text, reference(p, text)]);
			}
		}
	});

	it('stays linear on patterns that make RegExp backtrack for seconds', () => {
		const text = 'a'.repeat(20_000) + '!';
		for (const p of ['(a+)+$', '(a|a)*b', '(a*)*b', '^(\\w+\\s?)*$', 'a*a*a*a*a*a*b', '(.*a){20}x']) {
			const started = performance.now();
			expect(compileSafeRegex(p).test(text)).toBe(false);
			expect(performance.now() - started).toBeLessThan(1_000);
		}
	});

	it('refuses what needs backtracking, and broken patterns, with a short reason', () => {
		const reason = (p: string) => {
			try {
				compileSafeRegex(p);
				return 'compiled';
			} catch (error) {
				expect(error).toBeInstanceOf(SafeRegexError);
				return (error as Error).message;
			}
		};
		expect(reason('(a)\\1')).toMatch(/backreferences/);
		expect(reason('a(?=b)')).toMatch(/lookahead/);
		expect(reason('(?<!a)b')).toMatch(/lookahead and lookbehind/);
		expect(reason('\\bword')).toMatch(/\\b is not supported/);
		expect(reason('(ab')).toMatch(/unterminated group/);
		expect(reason('ab)')).toMatch(/unmatched/);
		expect(reason('[ab')).toMatch(/unterminated character class/);
		expect(reason('*a')).toMatch(/nothing to repeat/);
		expect(reason('a**')).toMatch(/nothing to repeat/);
		expect(reason('[z-a]')).toMatch(/out of order/);
		expect(reason('a{5,2}')).toMatch(/out of order/);
		expect(reason('a{2000}')).toMatch(/repeat count/);
		expect(reason('(a{1000}){1000}')).toMatch(/too large/);
		expect(reason('\\q')).toMatch(/unknown escape/);
		expect(reason('x'.repeat(501))).toMatch(/longer than/);
		expect(reason('('.repeat(40) + ')'.repeat(40))).toMatch(/nested too deep/);
	});

	it('keeps its DFA cache bounded and still answers right after dropping it', () => {
		// Many distinct DFA states: (a|b)*a(a|b){10} needs about 2^11 of them.
		const re = compileSafeRegex('(a|b)*a(a|b){10}$');
		let seed = 3;
		for (let n = 0; n < 50; n++) {
			let text = '';
			for (let k = 0; k < 400; k++) text += (seed = (seed * 69069 + 1) >>> 0) & 0x10000 ? 'a' : 'b';
			expect(re.test(text)).toBe(reference('(a|b)*a(a|b){10}$', text));
		}
	});
});
