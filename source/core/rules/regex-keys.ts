// The literals a JavaScript regex cannot match without: prefilter keys for `re` values. Read from
// the compiled source (what actually runs), conservatively: ASCII literal runs, escaped
// punctuation, one-letter classes like [Ii], alternations of those, and repetitions with at least
// one pass. Anything else (classes, dots, backreferences, non-ASCII, lookarounds' contents) breaks
// a run and adds nothing. Any surprise gives up: no keys, the rule is evaluated on every event.
//
// Why ASCII only: without the u flag, JavaScript folds case so that an ASCII pattern character
// matches only ASCII characters (the Kelvin sign is not a 'k' to /k/i), so a literal the regex
// needs occurs, ASCII case aside, in the value, which is what the prefilter's scan looks for.
import {atomCost} from './keys.js';
import {lower} from './text.js';

interface Info {
	/** The node matches exactly one of these strings (unknown: null). */
	exact: string[] | null;
	/** For a repetition: the strings its match starts with and ends with. */
	head?: string[];
	tail?: string[];
	/** Clauses (each: one of these strings occurs) every match satisfies. */
	cnf: string[][];
}

const MAX_EXACT = 16;
const MAX_LEN = 64;
const UNKNOWN: Info = {exact: null, cnf: []};
const EMPTY: Info = {exact: [''], cnf: []};

class GiveUp extends Error {}

const SHORT_QUANTIFIERS: Record<string, [number, number]> = {'*': [0, Infinity], '+': [1, Infinity], '?': [0, 1]};

function cross(a: string[], b: string[]): string[] | null {
	if (a.length * b.length > MAX_EXACT) return null;
	const out = new Set<string>();
	for (const x of a) for (const y of b) out.add(x + y);
	for (const s of out) if (s.length > MAX_LEN) return null;
	return [...out];
}

// Longer literals first: they are the selective ones.
const cost = (c: string[]) => c.reduce((n, s) => n + atomCost(s), 0);

function tidy(cnf: string[][]): string[][] {
	const seen = new Set<string>();
	const out: string[][] = [];
	for (const c of cnf) {
		if (c.length === 0 || c.some(s => s === '')) continue;
		const u = [...new Set(c)];
		const k = [...u].sort().join('\u0000');
		if (seen.has(k)) continue;
		seen.add(k);
		out.push(u);
	}
	return out.sort((a, b) => cost(a) - cost(b)).slice(0, 6);
}

/** Clauses of lowercase literals every value the regex matches contains; [] when none is known. */
export function regexKeys(re: RegExp): string[][] {
	if (re.flags.includes('u') || re.flags.includes('v')) return [];
	try {
		const p = new Parser(re.source);
		const info = p.alternation();
		if (p.i !== p.src.length) return [];
		return tidy(info.cnf.map(c => c.map(lower)));
	} catch (error) {
		if (error instanceof GiveUp) return [];
		throw error;
	}
}

class Parser {
	i = 0;
	constructor(readonly src: string) {}

	alternation(): Info {
		const branches = [this.sequence()];
		while (this.src[this.i] === '|') {
			this.i++;
			branches.push(this.sequence());
		}
		if (branches.length === 1) return branches[0]!;
		let exact: string[] | null = [];
		for (const b of branches) {
			if (!b.exact || exact === null) exact = null;
			else exact = [...new Set([...exact, ...b.exact])];
		}
		if (exact && exact.length > MAX_EXACT) exact = null;
		// One clause of each branch, i-th cheapest, unioned (as keys.ts anyOf does).
		let cnf: string[][] = [];
		const sorted = branches.map(b => tidy(b.cnf));
		if (sorted.every(c => c.length > 0)) {
			const n = Math.max(...sorted.map(c => c.length));
			for (let k = 0; k < n; k++) cnf.push(sorted.flatMap(c => c[Math.min(k, c.length - 1)]!));
		}
		if (exact && !exact.includes('')) cnf = [exact, ...cnf];
		return {exact, cnf};
	}

	sequence(): Info {
		const cnf: string[][] = [];
		let run: string[] = [''];
		let whole = true;
		const flush = () => {
			if (!run.includes('')) cnf.push(run);
			run = [''];
			whole = false;
		};
		const append = (e: string[]) => {
			const c = cross(run, e);
			if (c) run = c;
			else {
				flush();
				run = e.length <= MAX_EXACT ? e : [''];
			}
		};
		while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
			const piece = this.quantified(this.atom());
			cnf.push(...piece.cnf);
			if (piece.exact) append(piece.exact);
			else if (piece.head && piece.tail) {
				append(piece.head);
				flush();
				run = piece.tail;
			} else flush();
		}
		const exact = whole ? run : null;
		flush();
		return {exact, cnf};
	}

	quantified(info: Info): Info {
		const src = this.src;
		let min: number;
		let max: number;
		const c = src[this.i];
		const short = c === undefined ? undefined : SHORT_QUANTIFIERS[c];
		if (short) {
			[min, max] = short;
			this.i++;
		} else if (c === '{') {
			const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(this.i));
			if (!m) return info;
			min = Number(m[1]);
			max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
			this.i += m[0].length;
		} else return info;
		if (src[this.i] === '?') this.i++;
		if (min === 0) {
			if (max === 1 && info.exact && !info.exact.includes('')) return {exact: [...info.exact, ''], cnf: []};
			return UNKNOWN;
		}
		if (!info.exact) return {exact: null, cnf: info.cnf};
		// At least one pass: its text starts the match and another (or the same) ends it.
		let power: string[] | null = info.exact;
		for (let k = 1; k < min && power; k++) power = cross(power, info.exact);
		if (power && min === max) return {exact: power, cnf: info.cnf};
		return {exact: null, head: power ?? info.exact, tail: info.exact, cnf: info.cnf};
	}

	atom(): Info {
		const src = this.src;
		const c = src[this.i];
		if (c === undefined) throw new GiveUp();
		if (c === '(') return this.group();
		if (c === '[') return this.charClass();
		if (c === '\\') return this.escape();
		this.i++;
		if (c === '.') return UNKNOWN;
		if (c === '^' || c === '$') return EMPTY;
		if (c === '*' || c === '+' || c === '?') throw new GiveUp();
		return c.charCodeAt(0) < 128 ? {exact: [c], cnf: []} : UNKNOWN;
	}

	group(): Info {
		const src = this.src;
		this.i++;
		let look = false;
		if (src[this.i] === '?') {
			const rest = src.slice(this.i, this.i + 3);
			if (rest.startsWith('?:')) this.i += 2;
			else if (rest.startsWith('?=') || rest.startsWith('?!') || rest === '?<=' || rest === '?<!') {
				look = true;
				this.i += rest.startsWith('?<') ? 3 : 2;
			} else if (rest.startsWith('?<')) {
				const end = src.indexOf('>', this.i);
				if (end === -1) throw new GiveUp();
				this.i = end + 1;
			} else throw new GiveUp();
		}
		const inner = this.alternation();
		if (src[this.i] !== ')') throw new GiveUp();
		this.i++;
		// A lookaround consumes nothing: as far as adjacency goes it is the empty string.
		return look ? EMPTY : inner;
	}

	charClass(): Info {
		const src = this.src;
		this.i++;
		const negated = src[this.i] === '^';
		if (negated) this.i++;
		const members = new Set<string>();
		let plain = !negated;
		// In JavaScript a class ends at the first unescaped ']' ('[]' is an empty class).
		while (this.i < src.length && src[this.i] !== ']') {
			let m = src[this.i++]!; // the loop runs while this.i is in range
			if (m === '\\') {
				const e = src[this.i++];
				if (e === undefined) throw new GiveUp();
				if (/[A-Za-z0-9]/.test(e)) {
					plain = false;
					// \cX, \xHH and \uHHHH: skipping their tails only loses literals, never structure
					// (hex digits and letters are neither ']' nor '\').
					continue;
				}
				m = e;
			} else if (m === '-') plain = false;
			if (m.charCodeAt(0) >= 128) plain = false;
			members.add(m.toLowerCase());
		}
		if (src[this.i] !== ']') throw new GiveUp();
		this.i++;
		if (plain && members.size === 1) return {exact: [...members], cnf: []};
		return UNKNOWN;
	}

	escape(): Info {
		const src = this.src;
		const e = src[this.i + 1];
		if (e === undefined) throw new GiveUp();
		this.i += 2;
		if (e === 'b' || e === 'B') return EMPTY;
		if (e === 't') return {exact: ['\t'], cnf: []};
		if (e === 'n') return {exact: ['\n'], cnf: []};
		if (e === 'r') return {exact: ['\r'], cnf: []};
		if (e === 'f') return {exact: ['\f'], cnf: []};
		if (e === 'v') return {exact: ['\v'], cnf: []};
		if (e === 'x' || e === 'u') {
			const n = e === 'x' ? 2 : 4;
			const hex = src.slice(this.i, this.i + n);
			if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return UNKNOWN;
			this.i += n;
			const ch = String.fromCharCode(parseInt(hex, 16));
			return ch.charCodeAt(0) < 128 ? {exact: [ch], cnf: []} : UNKNOWN;
		}
		if (e === 'c') {
			// \cX is a control character; before anything but a letter the backslash is a literal.
			if (/[A-Za-z]/.test(src[this.i] ?? '')) this.i++;
			return UNKNOWN;
		}
		if (e === 'k' && src[this.i] === '<') {
			const end = src.indexOf('>', this.i);
			if (end === -1) throw new GiveUp();
			this.i = end + 1;
			return UNKNOWN;
		}
		if (/[0-9]/.test(e)) {
			while (/[0-9]/.test(src[this.i] ?? '')) this.i++;
			return UNKNOWN;
		}
		if (/[A-Za-z]/.test(e) || e.charCodeAt(0) >= 128) return UNKNOWN;
		return {exact: [e], cnf: []};
	}
}
