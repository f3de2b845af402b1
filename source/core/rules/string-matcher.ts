// A Sigma string compiled to the cheapest test that decides it: equality, startsWith, endsWith or
// indexOf on the lowercased value where the pattern allows, a regex compiled once otherwise.
import {countDashes, DASH, expandDashes, mergeLiterals, ONE, type SigmaString, STAR} from './sigma-string.js';
import type {Span} from './spans.js';
import {lower} from './text.js';

export interface StringTest {
	/** v: the field value; lv: lower(v). */
	test(v: string, lv: string): boolean;
	span(v: string, lv: string): Span | undefined;
	/** A lowercase literal every matching value contains ('' when none): the prefilter's key. */
	atom: string;
	/** Every matching value, lowercased, is the atom itself (an equality test). */
	exact?: boolean;
}

// Up to 3 flag positions expand to at most 125 plain tests; beyond that a character class.
const MAX_EXPANDED_DASHES = 3;

export function compileString(input: SigmaString, cased: boolean): StringTest {
	const s = mergeLiterals(input);
	const atom = longestLiteral(s);
	const dashes = countDashes(s);
	if (dashes > 0 && dashes <= MAX_EXPANDED_DASHES) {
		const variants = expandDashes(s).map(v => compileString(v, cased));
		return {
			atom,
			test: (v, lv) => variants.some(t => t.test(v, lv)),
			span(v, lv) {
				for (const t of variants) if (t.test(v, lv)) return t.span(v, lv);
				return undefined;
			},
		};
	}
	const lead = s[0] === STAR;
	const trail = s.length > 1 && s[s.length - 1] === STAR;
	const core = s.slice(lead ? 1 : 0, trail ? -1 : undefined);
	if (core.length === 0) return lead ? anything() : equals('', cased);
	if (core.length === 1 && typeof core[0] === 'string') {
		const lit = core[0];
		if (lead && trail) return contains(lit, cased);
		if (lead) return endsWith(lit, cased);
		if (trail) return startsWith(lit, cased);
		return equals(lit, cased);
	}
	return pattern(s, lead, trail, cased, atom);
}

function longestLiteral(s: SigmaString): string {
	let best = '';
	for (const p of s) if (typeof p === 'string' && p.length > best.length) best = p;
	return lower(best);
}

function anything(): StringTest {
	return {atom: '', test: () => true, span: v => [0, v.length]};
}

function equals(lit: string, cased: boolean): StringTest {
	const l = cased ? lit : lower(lit);
	return {
		atom: lower(lit),
		exact: true,
		test: cased ? v => v === l : (_v, lv) => lv === l,
		span: v => [0, v.length],
	};
}

function contains(lit: string, cased: boolean): StringTest {
	const l = cased ? lit : lower(lit);
	const find = cased ? (v: string) => v.indexOf(l) : (_v: string, lv: string) => lv.indexOf(l);
	return {
		atom: lower(lit),
		test: (v, lv) => find(v, lv) !== -1,
		span(v, lv) {
			const i = find(v, lv);
			return i === -1 ? undefined : [i, i + l.length];
		},
	};
}

function startsWith(lit: string, cased: boolean): StringTest {
	const l = cased ? lit : lower(lit);
	return {
		atom: lower(lit),
		test: cased ? v => v.startsWith(l) : (_v, lv) => lv.startsWith(l),
		span: () => [0, l.length],
	};
}

function endsWith(lit: string, cased: boolean): StringTest {
	const l = cased ? lit : lower(lit);
	return {
		atom: lower(lit),
		test: cased ? v => v.endsWith(l) : (_v, lv) => lv.endsWith(l),
		span: v => [v.length - l.length, v.length],
	};
}

// Wildcards without a regex: segments between stars are found leftmost-first, which is exact for
// glob patterns and linear in the value, so a long attacker-written command line cannot make a
// rule backtrack.
type Seg = {chars: Array<string | typeof ONE | typeof DASH>; lit: string; litAt: number};

function pattern(s: SigmaString, lead: boolean, trail: boolean, cased: boolean, atom: string): StringTest {
	const segs: Seg[] = [];
	let cur: Seg['chars'] = [];
	const close = () => {
		segs.push(segment(cur));
		cur = [];
	};
	const body = s.slice(lead ? 1 : 0, trail ? -1 : undefined);
	for (const p of body) {
		if (p === STAR) close();
		else if (p === ONE || p === DASH) cur.push(p);
		else for (const ch of cased ? p : lower(p)) cur.push(ch);
	}
	close();
	const find = (x: string): Span | undefined => {
		let pos = 0;
		let start = -1;
		for (let k = 0; k < segs.length; k++) {
			const seg = segs[k]!;
			const n = seg.chars.length;
			let at: number;
			if (k === 0 && !lead) at = matchAt(x, 0, seg) ? 0 : -1;
			else if (k === segs.length - 1 && !trail)
				at = x.length - n >= pos && matchAt(x, x.length - n, seg) ? x.length - n : -1;
			else at = search(x, pos, seg);
			if (at === -1) return undefined;
			if (k === 0) start = at;
			pos = at + n;
		}
		if (!trail && pos !== x.length) return undefined;
		return [start, pos];
	};
	const pick = cased ? (v: string) => v : (_v: string, lv: string) => lv;
	return {atom, test: (v, lv) => find(pick(v, lv)) !== undefined, span: (v, lv) => find(pick(v, lv))};
}

function segment(chars: Seg['chars']): Seg {
	let lit = '';
	let litAt = 0;
	let run = '';
	let runAt = 0;
	chars.forEach((c, i) => {
		if (typeof c === 'string') {
			if (!run) runAt = i;
			run += c;
			if (run.length > lit.length) {
				lit = run;
				litAt = runAt;
			}
		} else run = '';
	});
	return {chars, lit, litAt};
}

function matchAt(x: string, i: number, seg: Seg): boolean {
	const {chars} = seg;
	if (i < 0 || i + chars.length > x.length) return false;
	for (let j = 0; j < chars.length; j++) {
		const c = chars[j];
		const ch = x[i + j];
		if (c === ONE) continue;
		if (c === DASH) {
			if (ch !== '-' && ch !== '/' && ch !== '\u2013' && ch !== '\u2014' && ch !== '\u2015') return false;
		} else if (c !== ch) return false;
	}
	return true;
}

function search(x: string, from: number, seg: Seg): number {
	if (!seg.lit) {
		for (let i = from; i + seg.chars.length <= x.length; i++) if (matchAt(x, i, seg)) return i;
		return -1;
	}
	for (let idx = x.indexOf(seg.lit, from + seg.litAt); idx !== -1; idx = x.indexOf(seg.lit, idx + 1)) {
		if (matchAt(x, idx - seg.litAt, seg)) return idx - seg.litAt;
	}
	return -1;
}
