// The search box's `/regex/`: a linear-time matcher for the regular subset of JavaScript's syntax.
// JavaScript's RegExp backtracks: `/(a+)+$/` over 30 characters of "a" takes seconds, and the feed
// re-runs a search over 100,000 events. Here the pattern becomes a Thompson NFA, run as a DFA built
// lazily (and bounded): every character of the text costs one table step, whatever the pattern.
// What needs backtracking to mean anything (backreferences, lookaround, \b) is refused by name.
//
// Matching is case-insensitive and looks for the pattern anywhere inside one line: `.` and
// classes never cross a newline, `^` and `$` match at the start and end of a line (a field, in the
// search's projection of an event).
// Over 300 lines by design: one algorithm (parser, NFA, lazy DFA) whose parts share its tables.

/** A pattern the matcher refuses; the message is short enough for the search bar. */
export class SafeRegexError extends Error {}

const MAX_PATTERN = 500;
const MAX_GROUP_DEPTH = 32;
const MAX_STATES = 4_000;
const MAX_REPEAT = 1_000;
const MAX_DFA_STATES = 2_000;

// A character set as sorted inclusive code ranges, optionally negated.
interface CharSet {
	ranges: number[]; // [lo0, hi0, lo1, hi1, ...]
	negate: boolean;
}

type Node =
	| {t: 'set'; set: CharSet}
	| {t: 'cat'; items: Node[]}
	| {t: 'alt'; items: Node[]}
	| {t: 'rep'; node: Node; min: number; max: number}
	| {t: 'bol'}
	| {t: 'eol'};

const DIGIT = [48, 57];
const WORD = [48, 57, 65, 90, 95, 95, 97, 122];
const SPACE = [
	9, 13, 32, 32, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000,
	0x3000, 0xfeff, 0xfeff,
];
const ANY_BUT_NEWLINE: CharSet = {ranges: [10, 10], negate: true};

function inRanges(ranges: readonly number[], c: number): boolean {
	for (let i = 0; i < ranges.length; i += 2) if (c >= ranges[i]! && c <= ranges[i + 1]!) return true;
	return false;
}

/** Complement of sorted ranges over the UTF-16 code units. */
function complement(ranges: readonly number[]): number[] {
	const sorted: Array<[number, number]> = [];
	for (let i = 0; i < ranges.length; i += 2) sorted.push([ranges[i]!, ranges[i + 1]!]);
	sorted.sort((a, b) => a[0] - b[0]);
	const out: number[] = [];
	let next = 0;
	for (const [lo, hi] of sorted) {
		if (lo > next) out.push(next, lo - 1);
		next = Math.max(next, hi + 1);
	}
	if (next <= 0xffff) out.push(next, 0xffff);
	return out;
}

// The text is lower-cased before matching; a set matches a character when it holds the character or
// its upper-case form, so `[A-Z]`, `\x41` and `A` all match "a".
function upperOf(c: number): number {
	if (c >= 97 && c <= 122) return c - 32;
	if (c < 128) return c;
	const u = String.fromCharCode(c).toUpperCase();
	return u.length === 1 ? u.charCodeAt(0) : c;
}

function setMatches(set: CharSet, c: number): boolean {
	if (c === 10) return false; // nothing crosses a line
	const u = upperOf(c);
	const has = inRanges(set.ranges, c) || (u !== c && inRanges(set.ranges, u));
	return has !== set.negate;
}

class Parser {
	private i = 0;
	private depth = 0;
	constructor(private readonly src: string) {}

	parse(): Node {
		const node = this.alternation();
		if (this.i < this.src.length) throw new SafeRegexError(`unmatched ")" in /${this.src}/`);
		return node;
	}

	private peek(): string | undefined {
		return this.src[this.i];
	}

	private alternation(): Node {
		const items = [this.sequence()];
		while (this.peek() === '|') {
			this.i++;
			items.push(this.sequence());
		}
		return items.length === 1 ? items[0]! : {t: 'alt', items};
	}

	private sequence(): Node {
		const items: Node[] = [];
		while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
			const atom = this.atom();
			items.push(this.quantified(atom));
		}
		return {t: 'cat', items};
	}

	private quantified(atom: Node): Node {
		const q = this.quantifier();
		if (!q) return atom;
		if (atom.t === 'bol' || atom.t === 'eol') throw new SafeRegexError('nothing to repeat');
		if (this.peek() === '?') this.i++; // lazy: the same set of matches
		if (this.quantifierAhead()) throw new SafeRegexError('nothing to repeat');
		return {t: 'rep', node: atom, min: q[0], max: q[1]};
	}

	private quantifierAhead(): boolean {
		const c = this.peek();
		return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.i)));
	}

	private quantifier(): [number, number] | undefined {
		const c = this.peek();
		if (c === '*' || c === '+' || c === '?') {
			this.i++;
			return c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
		}
		if (c !== '{') return undefined;
		const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
		if (!m) return undefined; // a lone "{" is a literal, as in JavaScript
		this.i += m[0].length;
		const min = Number(m[1]);
		const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
		if (min > max) throw new SafeRegexError(`numbers out of order in ${m[0]}`);
		if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT))
			throw new SafeRegexError(`repeat count over ${MAX_REPEAT}`);
		return [min, max];
	}

	private atom(): Node {
		const c = this.src[this.i++]!;
		switch (c) {
			case '^':
				return {t: 'bol'};
			case '$':
				return {t: 'eol'};
			case '.':
				return {t: 'set', set: ANY_BUT_NEWLINE};
			case '[':
				return {t: 'set', set: this.charClass()};
			case '(':
				return this.group();
			case '*':
			case '+':
			case '?':
				throw new SafeRegexError('nothing to repeat');
			case '\\':
				return {t: 'set', set: this.escape(false)};
			default:
				if (c === '{' && /^\d+(,\d*)?\}/.test(this.src.slice(this.i))) throw new SafeRegexError('nothing to repeat');
				return literal(c.charCodeAt(0));
		}
	}

	private group(): Node {
		if (this.src.startsWith('?:', this.i)) this.i += 2;
		else if (/^\?<[A-Za-z_$][\w$]*>/.test(this.src.slice(this.i))) this.i = this.src.indexOf('>', this.i) + 1;
		else if (this.peek() === '?') throw new SafeRegexError('lookahead and lookbehind are not supported');
		if (++this.depth > MAX_GROUP_DEPTH) throw new SafeRegexError('groups nested too deep');
		const node = this.alternation();
		this.depth--;
		if (this.peek() !== ')') throw new SafeRegexError(`unterminated group in /${this.src}/`);
		this.i++;
		return node;
	}

	private charClass(): CharSet {
		let negate = false;
		if (this.peek() === '^') {
			negate = true;
			this.i++;
		}
		const ranges: number[] = [];
		for (;;) {
			if (this.i >= this.src.length) throw new SafeRegexError('unterminated character class');
			const c = this.src[this.i++]!;
			if (c === ']') break;
			const lo = c === '\\' ? this.escape(true) : single(c.charCodeAt(0));
			// A range needs single characters on both ends; `[\d-z]` is \d, "-" and "z", as in JavaScript.
			if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && isSingle(lo)) {
				this.i++;
				const d = this.src[this.i++]!;
				const hi = d === '\\' ? this.escape(true) : single(d.charCodeAt(0));
				if (isSingle(hi)) {
					const [a, b] = [lo.ranges[0]!, hi.ranges[0]!];
					if (a > b) throw new SafeRegexError('range out of order in character class');
					ranges.push(a, b);
					continue;
				}
				ranges.push(...lo.ranges, 45, 45, ...flatten(hi));
				continue;
			}
			ranges.push(...flatten(lo));
		}
		return {ranges, negate};
	}

	/** After a backslash: one character set (a class escape or one literal character). */
	private escape(inClass: boolean): CharSet {
		const c = this.src[this.i++];
		if (c === undefined) throw new SafeRegexError('\\ at end of pattern');
		switch (c) {
			case 'd':
				return {ranges: DIGIT, negate: false};
			case 'D':
				return {ranges: DIGIT, negate: true};
			case 'w':
				return {ranges: WORD, negate: false};
			case 'W':
				return {ranges: WORD, negate: true};
			case 's':
				return {ranges: SPACE, negate: false};
			case 'S':
				return {ranges: SPACE, negate: true};
			case 't':
				return single(9);
			case 'n':
				return single(10);
			case 'r':
				return single(13);
			case 'f':
				return single(12);
			case 'v':
				return single(11);
			case '0':
				return single(0);
			case 'x':
			case 'u': {
				const len = c === 'x' ? 2 : 4;
				const hex = this.src.slice(this.i, this.i + len);
				if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new SafeRegexError(`bad \\${c} escape`);
				this.i += len;
				return single(parseInt(hex, 16));
			}
			case 'b':
				if (inClass) return single(8);
				throw new SafeRegexError('\\b is not supported (use \\W or ^ $)');
			case 'B':
				throw new SafeRegexError('\\B is not supported');
			default:
				if (/[1-9]/.test(c)) throw new SafeRegexError('backreferences are not supported');
				if (/[A-Za-z]/.test(c)) throw new SafeRegexError(`unknown escape \\${c}`);
				return single(c.charCodeAt(0));
		}
	}
}

function single(c: number): CharSet {
	return {ranges: [c, c], negate: false};
}

function isSingle(s: CharSet): boolean {
	return !s.negate && s.ranges.length === 2 && s.ranges[0] === s.ranges[1];
}

function flatten(s: CharSet): number[] {
	return s.negate ? complement(s.ranges) : [...s.ranges];
}

function literal(c: number): Node {
	return {t: 'set', set: single(c)};
}

// NFA states in parallel arrays: kind, the set a CHAR state reads, and up to two successors.
const CHAR = 0;
const SPLIT = 1;
const BOL = 2;
const EOL = 3;
const MATCH = 4;
const EPS = 5;

class Nfa {
	kind: number[] = [];
	sets: Array<CharSet | undefined> = [];
	out1: number[] = [];
	out2: number[] = [];

	add(kind: number, set?: CharSet): number {
		if (this.kind.length >= MAX_STATES) throw new SafeRegexError('pattern too large');
		this.kind.push(kind);
		this.sets.push(set);
		this.out1.push(-1);
		this.out2.push(-1);
		return this.kind.length - 1;
	}
}

// A fragment: its start state and the dangling exits to patch ([state, which successor]).
interface Frag {
	start: number;
	exits: Array<[number, 1 | 2]>;
}

function patch(nfa: Nfa, exits: Frag['exits'], to: number): void {
	for (const [s, which] of exits) (which === 1 ? nfa.out1 : nfa.out2)[s] = to;
}

// Builds the fragment of a node. The pattern's nesting is bounded (MAX_GROUP_DEPTH), so this
// recursion is too; the event text is never recursed on.
function build(nfa: Nfa, node: Node): Frag {
	switch (node.t) {
		case 'set': {
			const s = nfa.add(CHAR, node.set);
			return {start: s, exits: [[s, 1]]};
		}
		case 'bol':
		case 'eol': {
			const s = nfa.add(node.t === 'bol' ? BOL : EOL);
			return {start: s, exits: [[s, 1]]};
		}
		case 'cat': {
			if (node.items.length === 0) {
				const s = nfa.add(EPS);
				return {start: s, exits: [[s, 1]]};
			}
			let first: Frag | undefined;
			let exits: Frag['exits'] = [];
			for (const item of node.items) {
				const f = build(nfa, item);
				if (!first) first = f;
				else patch(nfa, exits, f.start);
				exits = f.exits;
			}
			return {start: first!.start, exits};
		}
		case 'alt': {
			const frags = node.items.map(item => build(nfa, item));
			let start = frags.at(-1)!.start;
			for (let i = frags.length - 2; i >= 0; i--) {
				const s = nfa.add(SPLIT);
				nfa.out1[s] = frags[i]!.start;
				nfa.out2[s] = start;
				start = s;
			}
			return {start, exits: frags.flatMap(f => f.exits)};
		}
		case 'rep': {
			const {node: inner, min, max} = node;
			const parts: Frag[] = [];
			for (let i = 0; i < min; i++) parts.push(build(nfa, inner));
			if (max === Infinity) {
				const loop = nfa.add(SPLIT);
				const body = build(nfa, inner);
				nfa.out1[loop] = body.start;
				patch(nfa, body.exits, loop);
				parts.push({start: loop, exits: [[loop, 2]]});
			} else {
				// x{2,4} = x x (x (x)?)? : each optional copy may skip to the end.
				for (let i = min; i < max; i++) {
					const skip = nfa.add(SPLIT);
					const body = build(nfa, inner);
					nfa.out1[skip] = body.start;
					parts.push({start: skip, exits: [...body.exits, [skip, 2]]});
				}
			}
			if (parts.length === 0) {
				const s = nfa.add(EPS);
				return {start: s, exits: [[s, 1]]};
			}
			for (let i = 1; i < parts.length; i++) patch(nfa, parts[i - 1]!.exits, parts[i]!.start);
			return {start: parts[0]!.start, exits: parts.at(-1)!.exits};
		}
	}
}

/** A compiled pattern. `test` expects lower-cased text (the search's projection is). */
export interface SafeRegex {
	readonly source: string;
	test(lowerText: string): boolean;
}

const ASCII = 128;

// The DFA: states numbered from 0, their NFA state sets, and one flat transition table for ASCII
// (state * 128 + char -> state, -1 not computed yet), a map for the other characters.
class Matcher implements SafeRegex {
	private sets: number[][] = [];
	private initialFlags: boolean[] = [];
	private byKey = new Map<string, number>();
	private trans = new Int32Array(0);
	private accept = new Uint8Array(0);
	private atEol: Array<boolean | undefined> = [];
	private other = new Map<number, number>();
	private initial = -1;

	constructor(
		readonly source: string,
		private readonly nfa: Nfa,
		private readonly start: number,
		/** A string every match contains (lower-cased): texts without it are skipped with one indexOf. */
		private readonly required: string,
	) {}

	// Follows epsilon moves from `seeds`; BOL passes only at a line start, EOL only at its end.
	private closure(seeds: Iterable<number>, atBol: boolean, atEol: boolean): number[] {
		const {kind, out1, out2} = this.nfa;
		const seen = new Set<number>();
		const todo = [...seeds];
		while (todo.length) {
			const s = todo.pop()!;
			if (s < 0 || seen.has(s)) continue;
			seen.add(s);
			const k = kind[s];
			if (k === SPLIT) todo.push(out1[s]!, out2[s]!);
			else if (k === EPS || (k === BOL && atBol) || (k === EOL && atEol)) todo.push(out1[s]!);
		}
		return [...seen].sort((a, b) => a - b);
	}

	private reset(): void {
		this.sets = [];
		this.initialFlags = [];
		this.byKey.clear();
		this.trans = new Int32Array(0);
		this.accept = new Uint8Array(0);
		this.atEol = [];
		this.other.clear();
		this.initial = -1;
	}

	private intern(states: number[], initial: boolean): number {
		const key = (initial ? '^' : '') + states.join(',');
		const known = this.byKey.get(key);
		if (known !== undefined) return known;
		// Bounded memory: start the cache again. Each step still costs at most one NFA pass.
		if (this.sets.length >= MAX_DFA_STATES) this.reset();
		const id = this.sets.length;
		this.sets.push(states);
		this.initialFlags.push(initial);
		this.atEol.push(undefined);
		if ((id + 1) * ASCII > this.trans.length) {
			const trans = new Int32Array(Math.max(16, (id + 1) * 2) * ASCII).fill(-1);
			trans.set(this.trans);
			this.trans = trans;
			const accept = new Uint8Array(trans.length / ASCII);
			accept.set(this.accept);
			this.accept = accept;
		}
		this.accept[id] = states.some(s => this.nfa.kind[s] === MATCH) ? 1 : 0;
		this.byKey.set(key, id);
		return id;
	}

	private initialState(): number {
		if (this.initial < 0) this.initial = this.intern(this.closure([this.start], true, false), true);
		return this.initial;
	}

	/** The state after `c` from state `id`, computed and cached (the cache may be reset meanwhile). */
	private step(id: number, c: number): number {
		const {kind, sets, out1} = this.nfa;
		const from = this.sets[id]!;
		const next: number[] = [this.start]; // unanchored: a match may begin at every position
		for (const s of from) if (kind[s] === CHAR && setMatches(sets[s]!, c)) next.push(out1[s]!);
		const before = this.sets;
		const to = this.intern(this.closure(next, false, false), false);
		if (this.sets === before) {
			if (c < ASCII) this.trans[id * ASCII + c] = to;
			else this.other.set(id * 0x10000 + c, to);
		}
		return to;
	}

	private acceptsAtEol(id: number): boolean {
		let v = this.atEol[id];
		if (v === undefined) {
			v = this.closure(this.sets[id]!, this.initialFlags[id]!, true).some(s => this.nfa.kind[s] === MATCH);
			this.atEol[id] = v;
		}
		return v;
	}

	test(text: string): boolean {
		if (this.required && !text.includes(this.required)) return false;
		let id = this.initialState();
		let trans = this.trans;
		let accept = this.accept;
		for (let i = 0; i < text.length; i++) {
			if (accept[id]) return true;
			const c = text.charCodeAt(i);
			let next: number;
			if (c === 10) {
				if (this.acceptsAtEol(id)) return true;
				next = this.initialState();
			} else if (c < ASCII) next = trans[id * ASCII + c]!;
			else next = this.other.get(id * 0x10000 + c) ?? -1;
			if (next < 0) next = this.step(id, c);
			// Interning may have grown or reset the tables.
			trans = this.trans;
			accept = this.accept;
			id = next;
		}
		return accept[id] === 1 || this.acceptsAtEol(id);
	}
}

// The longest run of plain ASCII characters every match must contain, lower-cased ('' if none):
// reg(svr|add)32 -> "reg". Alternatives, optional parts and classes end a run.
function requiredLiteral(node: Node): string {
	let best = '';
	const consider = (s: string) => {
		if (s.length > best.length) best = s;
	};
	const walk = (n: Node): void => {
		if (n.t === 'cat') {
			let run = '';
			for (const item of n.items) {
				const c = literalChar(item);
				if (c !== undefined) {
					run += c;
					continue;
				}
				consider(run);
				run = '';
				walk(item);
			}
			consider(run);
		} else if (n.t === 'rep' && n.min >= 1) walk(n.node);
		else {
			const c = literalChar(n);
			if (c !== undefined) consider(c);
		}
	};
	walk(node);
	return best;
}

function literalChar(n: Node): string | undefined {
	if (n.t !== 'set' || !isSingle(n.set)) return undefined;
	const c = n.set.ranges[0]!;
	return c > 32 && c < 127 ? String.fromCharCode(c).toLowerCase() : undefined;
}

/** Compiles a search regex (without the slashes); throws SafeRegexError with a short reason. */
export function compileSafeRegex(source: string): SafeRegex {
	if (source.length > MAX_PATTERN) throw new SafeRegexError(`regex longer than ${MAX_PATTERN} characters`);
	const ast = new Parser(source).parse();
	const nfa = new Nfa();
	const frag = build(nfa, ast);
	const match = nfa.add(MATCH);
	patch(nfa, frag.exits, match);
	return new Matcher(source, nfa, frag.start, requiredLiteral(ast));
}
