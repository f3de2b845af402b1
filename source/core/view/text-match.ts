// Fuzzy text matching of query terms against event projections, built to stay fast on 100,000
// events: every term must occur in the event (AND). A term matches an event when it is a
// case-insensitive substring of the projection (cheap, checked first) or, for terms of 4-32
// characters that are not quoted, when fuse.js finds it approximately inside one word of the
// projection (words split at whitespace, quotes, slashes and backslashes). Fuse only ever sees
// words that passed a bigram pre-check, and each distinct word is given to fuse once per term.
import Fuse, {type IFuseOptions} from 'fuse.js';
import type {EdrEvent} from '../event.js';
import {
	BIGRAM_BITS,
	bigramHash,
	bigramsOf,
	FIRST_PIECE,
	hasBigram,
	projectionOf,
	textIncludes,
	type Projection,
} from './projection.js';
import type {QueryTerm} from './query.js';

/** fuse.js threshold: 0.3 allows one error in 4-6 letters, two in 7-9, three in 10-13. */
export const FUZZY_THRESHOLD = 0.3;
const MAX_FUZZY_LENGTH = 32; // fuse's bitap works on patterns of up to 32 characters
const MEMO_CAP = 200_000;

export const FUSE_OPTIONS: IFuseOptions<string> = {
	threshold: FUZZY_THRESHOLD,
	ignoreLocation: true,
	isCaseSensitive: true, // both sides are lower-cased already
	shouldSort: false,
	includeScore: false,
	minMatchCharLength: 1,
};

export function maxErrors(length: number): number {
	return Math.floor(length * FUZZY_THRESHOLD + 1e-9);
}

export interface CompiledTerm {
	text: string;
	fuzzy: boolean;
	/** Bigram hashes of the term, one per position. */
	bigrams: number[];
	/** How many of those positions must be present in an event for an approximate match to be possible. */
	needBigrams: number;
	minWordLength: number;
	/** Word -> does the term match it approximately. Grows as new words are seen. */
	memo: Map<string, boolean>;
}

export function compileTerm(term: QueryTerm): CompiledTerm {
	const text = term.text;
	const fuzzy = !term.exact && text.length <= MAX_FUZZY_LENGTH;
	const k = maxErrors(text.length);
	const bigrams: number[] = [];
	for (let i = 1; i < text.length; i++) bigrams.push(bigramHash(text.charCodeAt(i - 1), text.charCodeAt(i)));
	// q-gram lemma: k edit errors destroy at most 2k of the term's bigram positions.
	return {
		text,
		fuzzy,
		bigrams,
		needBigrams: Math.max(0, bigrams.length - 2 * k),
		minWordLength: Math.max(1, text.length - k),
		memo: new Map(),
	};
}

function bigramsAllow(term: CompiledTerm, p: Projection): boolean {
	if (term.needBigrams === 0) return true;
	const bits = bigramsOf(p);
	let present = 0;
	let missingAllowed = term.bigrams.length - term.needBigrams;
	for (const h of term.bigrams) {
		if (hasBigram(bits, h)) {
			if (++present >= term.needBigrams) return true;
		} else if (--missingAllowed < 0) return false;
	}
	return false;
}

// Word separators (whitespace, quotes, slashes, = , ; ( ) [ ] < > |) as a table: a char-code scan
// instead of a regex, so that a search slices out only the words that can match (candidateWords).
const SEPARATOR = new Uint8Array(128);
for (const ch of ' \t\n\v\f\r"\'\\/=,;()[]<>|') SEPARATOR[ch.charCodeAt(0)] = 1;

/** Same set as the regex class `[\s"'\\/=,;()[\]<>|]` (no u flag: UTF-16 code units). */
export function isWordSeparator(c: number): boolean {
	if (c < 128) return SEPARATOR[c] === 1;
	return (
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000 ||
		c === 0xfeff
	);
}

// Generation-stamped bigram presence of the word being scanned (one table, reset by bumping gen).
const wordBigrams = new Uint32Array(BIGRAM_BITS);
let wordGen = 0; // never wraps in practice; reset anyway before it would

function wordAllows(term: CompiledTerm): boolean {
	let present = 0;
	let missingAllowed = term.bigrams.length - term.needBigrams;
	for (const h of term.bigrams) {
		if (wordBigrams[h] === wordGen) {
			if (++present >= term.needBigrams) return true;
		} else if (--missingAllowed < 0) return false;
	}
	return false;
}

/**
 * Appends to `out` the words of `text` that fuse could match: long enough, and holding enough of
 * the term's bigrams (the q-gram lemma applied to the word, since fuse matches inside one word).
 * Other words are certain non-matches, so they are neither sliced out nor given to fuse.
 */
export function candidateWords(term: CompiledTerm, text: string, out: string[]): void {
	const n = text.length;
	const minLength = term.minWordLength;
	const need = term.needBigrams;
	let start = -1;
	let prev = 0;
	for (let i = 0; i <= n; i++) {
		const c = i < n ? text.charCodeAt(i) : 32;
		if (isWordSeparator(c)) {
			if (start >= 0 && i - start >= minLength && (need === 0 || wordAllows(term))) out.push(text.slice(start, i));
			start = -1;
			continue;
		}
		if (start < 0) {
			start = i;
			if (need > 0 && ++wordGen === 0xffffffff) {
				wordBigrams.fill(0);
				wordGen = 1;
			}
		} else if (need > 0) wordBigrams[bigramHash(prev, c)] = wordGen;
		prev = c;
	}
}

/** candidateWords over each piece of a projection (words never span pieces: a newline separates). */
function projectionWords(term: CompiledTerm, p: Projection, out: string[]): void {
	for (let i = FIRST_PIECE; i < p.length; i++) candidateWords(term, p[i]!, out);
}

function wordsOf(term: CompiledTerm, p: Projection): string[] {
	const out: string[] = [];
	projectionWords(term, p, out);
	return out;
}

function rememberAll(term: CompiledTerm, words: Iterable<string>): void {
	let fresh: string[] = [];
	for (const w of words) if (!term.memo.has(w)) fresh.push(w);
	if (fresh.length === 0) return;
	if (term.memo.size + fresh.length > MEMO_CAP) {
		// Forget old words, but keep every word of this batch: the caller reads them next.
		term.memo.clear();
		fresh = [...new Set(words)];
	}
	for (const w of fresh) term.memo.set(w, false);
	for (const r of new Fuse(fresh, FUSE_OPTIONS).search(term.text)) term.memo.set(fresh[r.refIndex]!, true);
}

/** Does one event match one term (single-event path, e.g. an arriving event or --search). */
export function termMatches(term: CompiledTerm, ev: EdrEvent): boolean {
	const p = projectionOf(ev);
	if (textIncludes(p, term.text)) return true;
	if (!term.fuzzy || !bigramsAllow(term, p)) return false;
	const words = wordsOf(term, p);
	rememberAll(term, words);
	return words.some(w => term.memo.get(w) === true);
}

/**
 * How many events (per term, newest first) one search checks approximately. Exact substring
 * matches are found over the whole buffer; the approximate check costs microseconds per event, so
 * it covers the newest candidates only, and every event that arrives afterwards.
 */
export const FUZZY_BUDGET = 5_000;

export interface TermFilterResult {
	events: EdrEvent[];
	/** Older events were not checked approximately (exact matches among them are included). */
	fuzzyLimited: boolean;
}

/**
 * Narrows `events` to those matching one term, keeping order. Fuse runs once over all the new
 * distinct words of the events that need an approximate check, not once per event.
 */
export function filterByTerm(
	term: CompiledTerm,
	events: readonly EdrEvent[],
	fuzzyBudget = FUZZY_BUDGET,
): TermFilterResult {
	const n = events.length;
	const pass = new Uint8Array(n);
	// One projection lookup per event (a WeakMap get is a good part of a 100k scan), texts read twice.
	const projections = new Array<Projection>(n);
	for (let i = 0; i < n; i++) {
		const p = (projections[i] = projectionOf(events[i]!));
		if (textIncludes(p, term.text)) pass[i] = 1;
	}
	let fuzzyLimited = false;
	if (term.fuzzy) {
		// Candidates' words go into one flat list; an event's words are words[from[j]..to[j]).
		const words: string[] = [];
		const index: number[] = [];
		const from: number[] = [];
		let candidates = 0;
		let i = n - 1;
		for (; i >= 0 && candidates < fuzzyBudget; i--) {
			if (pass[i]) continue;
			const p = projections[i]!;
			if (!bigramsAllow(term, p)) continue;
			candidates++;
			const before = words.length;
			projectionWords(term, p, words);
			if (words.length > before) {
				index.push(i);
				from.push(before);
			}
		}
		for (; i >= 0 && !fuzzyLimited; i--) if (!pass[i]) fuzzyLimited = true;
		rememberAll(term, new Set(words));
		for (let j = 0; j < index.length; j++) {
			const to = j + 1 < index.length ? from[j + 1]! : words.length;
			for (let w = from[j]!; w < to; w++) {
				if (term.memo.get(words[w]!) === true) {
					pass[index[j]!] = 1;
					break;
				}
			}
		}
	}
	const out: EdrEvent[] = [];
	for (let i = 0; i < n; i++) if (pass[i]) out.push(events[i]!);
	return {events: out, fuzzyLimited};
}

export function compileTerms(terms: readonly QueryTerm[]): CompiledTerm[] {
	// Longer terms first: they are the most selective, so later terms see fewer events.
	return terms.map(compileTerm).sort((a, b) => b.text.length - a.text.length);
}

export function allTermsMatch(terms: readonly CompiledTerm[], ev: EdrEvent): boolean {
	for (const t of terms) if (!termMatches(t, ev)) return false;
	return true;
}
