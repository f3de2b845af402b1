// What the view shows: category toggles, hits-only, one rule, and the search box's field filters
// and fuzzy text. Hidden events still count (the store counts them); only the view hides them.
import type {Category, EdrEvent} from '../event.js';
import {levelRank} from '../rules/index.js';
import type {FieldFilter, ParsedQuery} from './query.js';
import {allTermsMatch, compileTerms, type CompiledTerm} from './text-match.js';

export interface ViewFilter {
	hiddenCategories: ReadonlySet<Category>;
	hitsOnly: boolean;
	/** Show only events that hit this rule id (the rules panel's enter). */
	ruleId?: string;
	query?: ParsedQuery;
}

export const NO_FILTER: ViewFilter = {hiddenCategories: new Set(), hitsOnly: false};

const lower = (s: string | undefined) => (typeof s === 'string' ? s.toLowerCase() : '');
const has = (s: string | undefined, v: string) => typeof s === 'string' && s.toLowerCase().includes(v);

function compareLevel(rank: number, op: FieldFilter['op'], want: number): boolean {
	switch (op) {
		case '>=':
			return rank >= want;
		case '<=':
			return rank <= want;
		case '>':
			return rank > want;
		case '<':
			return rank < want;
		default:
			return rank === want;
	}
}

// `technique:t1218` matches the tag `attack.t1218.010` by prefix; `technique:attack.t1218` too.
function tagMatches(tag: string, value: string): boolean {
	const t = lower(tag);
	return t.startsWith(value) || t.startsWith('attack.' + value);
}

function pidMatches(ev: EdrEvent, op: FieldFilter['op'], value: string): boolean {
	const want = Number(value);
	const pids = [ev.actor?.pid, ev.target?.process?.pid];
	return pids.some(p => typeof p === 'number' && compareLevel(Math.sign(p - want), op, 0));
}

/** One field filter, before negation. */
function fieldMatches(ev: EdrEvent, f: FieldFilter): boolean {
	const v = f.value;
	switch (f.key) {
		case 'host':
			return has(ev.host, v) || has(ev.agentId, v);
		case 'user':
			return has(ev.user, v) || has(ev.actor?.user, v) || has(ev.target?.login?.user, v);
		case 'cat':
			return has(ev.category, v) || has(ev.family, v) || has(ev.subtype, v);
		case 'family':
			return has(ev.family, v);
		case 'os':
			return has(ev.os, v);
		case 'format':
			return lower(ev.format).startsWith(v);
		case 'rule':
			return ev.hits.some(h => has(h.title, v) || has(h.id, v));
		case 'technique':
			return ev.hits.some(h => Array.isArray(h.tags) && h.tags.some(t => tagMatches(t, v)));
		case 'level': {
			const want = levelRank(v);
			return ev.hits.some(h => compareLevel(levelRank(h.level), f.op, want));
		}
		case 'pid':
			return pidMatches(ev, f.op, v);
	}
}

export function fieldFiltersPass(ev: EdrEvent, filters: readonly FieldFilter[]): boolean {
	for (const f of filters) if (fieldMatches(ev, f) === f.negate) return false;
	return true;
}

/** The cheap part: toggles, hits-only, rule, field filters. Everything but the fuzzy text. */
export function passesCheap(ev: EdrEvent, filter: ViewFilter): boolean {
	if (filter.hiddenCategories.size > 0 && filter.hiddenCategories.has(ev.category)) return false;
	if (filter.hitsOnly && ev.hits.length === 0) return false;
	if (filter.ruleId !== undefined && !ev.hits.some(h => h.id === filter.ruleId)) return false;
	return !filter.query || filter.query.filters.length === 0 || fieldFiltersPass(ev, filter.query.filters);
}

const compiledByQuery = new WeakMap<ParsedQuery, CompiledTerm[]>();

/** Compiled fuzzy terms of a query, shared by every caller holding the same parsed query. */
export function termsOf(query: ParsedQuery | undefined): CompiledTerm[] {
	if (!query || query.terms.length === 0) return [];
	let terms = compiledByQuery.get(query);
	if (!terms) {
		terms = compileTerms(query.terms);
		compiledByQuery.set(query, terms);
	}
	return terms;
}

/** Does one event pass the whole filter, fuzzy text included. Never throws on odd events. */
export function eventPasses(ev: EdrEvent, filter: ViewFilter): boolean {
	try {
		if (!passesCheap(ev, filter)) return false;
		const terms = termsOf(filter.query);
		return terms.length === 0 || allTermsMatch(terms, ev);
	} catch {
		return false;
	}
}

/** A string that is equal for filters that select the same events (cache key). */
export function filterKey(filter: ViewFilter): string {
	const hidden = [...filter.hiddenCategories].sort().join(',');
	const q = filter.query;
	const query = q ? JSON.stringify([q.terms, q.filters]) : '';
	return `${hidden}|${filter.hitsOnly ? 1 : 0}|${filter.ruleId ?? ''}|${query}`;
}
