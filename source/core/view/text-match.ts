// Fuzzy text matching of query terms against event projections, built to stay fast on 100,000
// events: every term must occur in the event (AND). A term matches an event when it is a
// case-insensitive substring of the projection (cheap, checked first) or, for terms of 4-32
// characters that are not quoted, when fuse.js finds it approximately inside one word of the
// projection (words split at whitespace, quotes, slashes and backslashes). Fuse only ever sees
// words that passed a bigram pre-check, and each distinct word is given to fuse once per term.
import Fuse, {type IFuseOptions} from 'fuse.js';
import type {EdrEvent} from '../event.js';
import {bigramHash, bigramsOf, projectionOf, type Projection} from './projection.js';
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

const WORD_CHARS = `[^\\s"'\\\\/=,;()[\\]<>|]`;

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
	/** Finds the words of a projection long enough to match (shorter ones cannot). */
	wordPattern: RegExp;
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
	return {text, fuzzy, bigrams, needBigrams: Math.max(0, bigrams.length - 2 * k), minWordLength: Math.max(1, text.length - k), wordPattern: new RegExp(`${WORD_CHARS}{${Math.max(1, text.length - k)},}`, 'g'), memo: new Map()};
}

function bigramsAllow(term: CompiledTerm, p: Projection): boolean {
	if (term.needBigrams === 0) return true;
	const bits = bigramsOf(p);
	let present = 0;
	let missingAllowed = term.bigrams.length - term.needBigrams;
	for (const h of term.bigrams) {
		if (bits[h >>> 5]! & (1 << (h & 31))) {
			if (++present >= term.needBigrams) return true;
		} else if (--missingAllowed < 0) return false;
	}
	return false;
}

function wordsOf(term: CompiledTerm, p: Projection): string[] {
	return p.text.match(term.wordPattern) ?? [];
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
	if (p.text.includes(term.text)) return true;
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
export function filterByTerm(term: CompiledTerm, events: readonly EdrEvent[], fuzzyBudget = FUZZY_BUDGET): TermFilterResult {
	const n = events.length;
	const pass = new Uint8Array(n);
	for (let i = 0; i < n; i++) if (projectionOf(events[i]!).text.includes(term.text)) pass[i] = 1;
	let fuzzyLimited = false;
	if (term.fuzzy) {
		const pending: Array<{index: number; words: string[]}> = [];
		const unique = new Set<string>();
		let i = n - 1;
		for (; i >= 0 && pending.length < fuzzyBudget; i--) {
			if (pass[i]) continue;
			const p = projectionOf(events[i]!);
			if (!bigramsAllow(term, p)) continue;
			const words = wordsOf(term, p);
			for (const w of words) unique.add(w);
			pending.push({index: i, words});
		}
		for (; i >= 0 && !fuzzyLimited; i--) if (!pass[i]) fuzzyLimited = true;
		rememberAll(term, unique);
		for (const pe of pending) if (pe.words.some(w => term.memo.get(w) === true)) pass[pe.index] = 1;
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
