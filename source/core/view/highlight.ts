// Where to highlight a row: the search terms (exact occurrences, else fuse's approximate match)
// and the text a rule matched, as [start, end) ranges in the original field text; and the row
// split into safe display segments for those ranges.
import Fuse from 'fuse.js';
import type {EdrEvent} from '../event.js';
import {mergeSpans, type Span} from '../rules/index.js';
import {MIN_FUZZY_LENGTH, type ParsedQuery} from './query.js';
import {escapeUnsafe} from './sanitize.js';
import {FUSE_OPTIONS} from './text-match.js';
import {displayWidth, takeWidth} from './width.js';

export type HighlightField = 'summary' | 'host' | 'user';

export interface FieldHighlight {
	field: HighlightField;
	/** Sorted, non-overlapping [start, end) ranges into the field's original text. */
	ranges: Span[];
	/** 'search' for the search box, 'hit' for text a rule matched. */
	source: 'search' | 'hit';
}

/** Every case-insensitive occurrence of `needle` in `text` (non-overlapping). */
export function occurrences(text: string, needle: string, limit = 50): Span[] {
	const out: Span[] = [];
	if (!needle || !text) return out;
	const hay = text.toLowerCase();
	const n = needle.toLowerCase();
	// Lower-casing can change lengths (e.g. U+0130); offsets would then be wrong, so give up.
	if (hay.length !== text.length || n.length !== needle.length) return out;
	for (let i = hay.indexOf(n); i !== -1 && out.length < limit; i = hay.indexOf(n, i + n.length))
		out.push([i, i + n.length]);
	return out;
}

function fuzzyRanges(text: string, term: string): Span[] {
	const lower = text.toLowerCase();
	if (lower.length !== text.length || term.length < MIN_FUZZY_LENGTH || term.length > 32) return [];
	const r = Fuse.match(term, lower, {...FUSE_OPTIONS, includeMatches: true, minMatchCharLength: 2});
	return r.isMatch && r.indices ? r.indices.map(([s, e]) => [s, e + 1] as Span) : [];
}

function searchRanges(text: string | undefined, query: ParsedQuery): Span[] {
	if (!text) return [];
	const ranges: Span[] = [];
	for (const term of query.terms) {
		const exact = occurrences(text, term.text);
		ranges.push(...(exact.length > 0 || term.exact ? exact : fuzzyRanges(text, term.text)));
	}
	return ranges;
}

function filterRanges(text: string | undefined, query: ParsedQuery, key: 'host' | 'user'): Span[] {
	if (!text) return [];
	return query.filters.filter(f => f.key === key && !f.negate).flatMap(f => occurrences(text, f.value));
}

// The text a rule matched (the spans inside each matched field value), found again in the summary.
function hitRanges(ev: EdrEvent): Span[] {
	const ranges: Span[] = [];
	for (const hit of ev.hits) {
		for (const f of hit.fields ?? []) {
			if (typeof f.value !== 'string') continue;
			for (const [s, e] of f.spans ?? []) {
				const piece = f.value.slice(s, e);
				if (piece.length >= 2) ranges.push(...occurrences(ev.summary, piece, 10));
			}
		}
	}
	return ranges;
}

/** All highlights of one event's row. */
export function highlightsOf(ev: EdrEvent, query: ParsedQuery | undefined): FieldHighlight[] {
	const out: FieldHighlight[] = [];
	const add = (field: HighlightField, source: FieldHighlight['source'], ranges: Span[]) => {
		if (ranges.length) out.push({field, source, ranges: mergeSpans(ranges)});
	};
	if (query) {
		add('summary', 'search', searchRanges(ev.summary, query));
		add('host', 'search', [...searchRanges(ev.host, query), ...filterRanges(ev.host, query, 'host')]);
		add('user', 'search', [...searchRanges(ev.user, query), ...filterRanges(ev.user, query, 'user')]);
	}
	if (ev.hits.length) add('summary', 'hit', hitRanges(ev));
	return out;
}

export interface Segment {
	text: string;
	match: boolean;
}

/** `text` cut at sorted, non-overlapping spans into matched and unmatched pieces, none empty. */
export function splitAtSpans(text: string, spans: readonly Span[]): Segment[] {
	const pieces: Segment[] = [];
	let at = 0;
	for (const [s, e] of spans) {
		const start = Math.max(at, Math.min(s, text.length));
		const end = Math.min(e, text.length);
		if (end <= start) continue;
		if (start > at) pieces.push({text: text.slice(at, start), match: false});
		pieces.push({text: text.slice(start, end), match: true});
		at = end;
	}
	if (at < text.length) pieces.push({text: text.slice(at), match: false});
	return pieces;
}

/**
 * Splits `text` at the highlight ranges into display segments, each sanitized, the whole cut to
 * `maxWidth` columns with an ellipsis. The segments are safe to print as they are.
 */
export function segmentsOf(text: string, ranges: readonly Span[], maxWidth = Infinity): Segment[] {
	const safe = splitAtSpans(text, ranges).map(p => ({text: escapeUnsafe(p.text), match: p.match}));
	const widths = safe.map(p => displayWidth(p.text));
	if (widths.reduce((a, b) => a + b, 0) <= maxWidth) return safe;
	const out: Segment[] = [];
	let budget = maxWidth - 1;
	for (let i = 0; i < safe.length && budget > 0; i++) {
		const text = widths[i]! <= budget ? safe[i]!.text : takeWidth(safe[i]!.text, budget);
		if (text) out.push({text, match: safe[i]!.match});
		budget -= widths[i]!;
	}
	if (maxWidth >= 1) out.push({text: '…', match: false});
	return out;
}
