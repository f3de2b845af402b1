// What the view shows: category toggles, hits-only, one rule, and the search box's field filters
// (README.md, "Search", says what each field reads) and fuzzy text. Hidden events still count (the store counts them); only the view hides them.
import type {Category, EdrEvent, ProcessInfo} from '../event.js';
import {levelRank} from '../rules/index.js';
import {pivotsPass, type Pivot} from './pivot.js';
import {projectionOf, projectionText} from './projection.js';
import {cidrTest, regexOf, type FieldFilter, type FilterKey, type ParsedQuery} from './query.js';
import {allTermsMatch, compileTerms, type CompiledTerm} from './text-match.js';

export interface ViewFilter {
	hiddenCategories: ReadonlySet<Category>;
	hitsOnly: boolean;
	/** Show only events that hit this rule id (the rules panel's enter). */
	ruleId?: string;
	query?: ParsedQuery;
	/** Only one process's own events (the process tree's enter): `owns` says which, live. */
	process?: ProcessFilter;
	/** Values kept or hidden from the detail pane (pivot.ts), all of them applied. */
	pivots?: readonly Pivot[];
}

/** A process of the process index, and whether an event is its own (ProcessIndex.owns). */
export interface ProcessFilter {
	key: string;
	owns(ev: EdrEvent): boolean;
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

function numberMatches(values: ReadonlyArray<number | undefined>, op: FieldFilter['op'], value: string): boolean {
	const want = Number(value);
	return values.some(p => typeof p === 'number' && compareLevel(Math.sign(p - want), op, 0));
}

const imageOf = (p: ProcessInfo | undefined) => p?.image ?? p?.name;

/** The images `image:` looks at: the acting process and the process acted on (a created child). */
function images(ev: EdrEvent): Array<string | undefined> {
	return [imageOf(ev.actor), imageOf(ev.target?.process)];
}

/** `parent:` means the parent of the process of interest: of a created child that is the actor. */
function parents(ev: EdrEvent): Array<string | undefined> {
	return [imageOf(ev.parent), ev.target?.process ? imageOf(ev.actor) : undefined];
}

function processes(ev: EdrEvent): Array<ProcessInfo | undefined> {
	return [ev.actor, ev.parent, ev.target?.process];
}

/** Every value a field filter (and a pivot) reads, original case (undefined where the event has none). */
export function valuesOf(ev: EdrEvent, key: FilterKey): Array<string | undefined> {
	const t = ev.target ?? {};
	switch (key) {
		case 'host':
			return [ev.host, ev.agentId];
		case 'user':
			return [ev.user, ev.actor?.user, t.login?.user];
		case 'cat':
			return [ev.category, ev.family, ev.subtype];
		case 'type':
			return [ev.subtype];
		case 'family':
			return [ev.family];
		case 'os':
			return [ev.os];
		case 'format':
			return [ev.format];
		case 'rule':
			return ev.hits.flatMap(h => [h.title, h.id]);
		case 'technique':
			return ev.hits.flatMap(h => (Array.isArray(h.tags) ? h.tags : []));
		case 'image':
			return images(ev);
		case 'parent':
			return parents(ev);
		case 'cmdline':
			return [ev.actor?.cmdline, t.process?.cmdline];
		case 'path':
			return [
				t.file?.path,
				t.file?.oldPath,
				t.persistence?.path,
				t.task?.path,
				t.task?.executable,
				...processes(ev).map(imageOf),
			];
		case 'hash':
			return [...processes(ev), t.file].flatMap(p => [p?.sha256, p?.sha1, p?.md5]);
		case 'ip':
			return [t.network?.srcIp, t.network?.dstIp, t.login?.remoteAddress, ...(t.dns?.answers?.split(/[\s;,]+/) ?? [])];
		case 'domain':
			return [t.dns?.query, hostOfUrl(t.http?.url), t.login?.domain];
		case 'key':
			return [t.registry?.key, t.registry?.oldKey, t.registry?.path];
		case 'text':
			return [projectionText(projectionOf(ev))];
		default:
			return [];
	}
}

function hostOfUrl(url: string | undefined): string | undefined {
	if (!url) return undefined;
	const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
	return m?.[1] || undefined;
}

/** `image:cmd.exe` (or `image:cmd`) is the file name; with a slash or backslash, part of the path. */
function imageMatches(image: string, v: string): boolean {
	const path = image.toLowerCase();
	if (/[\\/]/.test(v)) return path.includes(v);
	const name = path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
	if (name === v) return true;
	const dot = name.lastIndexOf('.');
	return dot > 0 && name.slice(0, dot) === v;
}

function domainMatches(name: string, v: string): boolean {
	const d = name.toLowerCase().replace(/\.$/, '');
	return d === v || d.endsWith('.' + v);
}

/** One field filter, before negation. */
function fieldMatches(ev: EdrEvent, f: FieldFilter): boolean {
	const v = f.value;
	if (f.regex) {
		const re = regexOf(v);
		return valuesOf(ev, f.key).some(s => typeof s === 'string' && re.test(f.key === 'text' ? s : s.toLowerCase()));
	}
	switch (f.key) {
		case 'level': {
			const want = levelRank(v);
			return ev.hits.some(h => compareLevel(levelRank(h.level), f.op, want));
		}
		case 'pid':
			return numberMatches([ev.actor?.pid, ev.target?.process?.pid], f.op, v);
		case 'port':
			return numberMatches([ev.target?.network?.srcPort, ev.target?.network?.dstPort], f.op, v);
		case 'ip': {
			const test = cidrTest(v);
			return !!test && valuesOf(ev, 'ip').some(s => typeof s === 'string' && s !== '' && test(s));
		}
		default: {
			const match = MATCHERS[f.key] ?? has;
			return valuesOf(ev, f.key).some(s => typeof s === 'string' && match(s, v));
		}
	}
}

// How a value matches, where it is not "contains, case-insensitively".
const MATCHERS: Partial<Record<FilterKey, (s: string, v: string) => boolean>> = {
	format: (s, v) => lower(s).startsWith(v),
	technique: tagMatches,
	image: imageMatches,
	parent: imageMatches,
	hash: (s, v) => lower(s).startsWith(v),
	domain: domainMatches,
};

export function fieldFiltersPass(ev: EdrEvent, filters: readonly FieldFilter[]): boolean {
	for (const f of filters) if (fieldMatches(ev, f) === f.negate) return false;
	return true;
}

/** The cheap part: toggles, hits-only, rule, field filters. Everything but the fuzzy text. */
export function passesCheap(ev: EdrEvent, filter: ViewFilter): boolean {
	if (filter.hiddenCategories.size > 0 && filter.hiddenCategories.has(ev.category)) return false;
	if (filter.hitsOnly && ev.hits.length === 0) return false;
	if (filter.ruleId !== undefined && !ev.hits.some(h => h.id === filter.ruleId)) return false;
	if (filter.process && !filter.process.owns(ev)) return false;
	if (filter.pivots && filter.pivots.length > 0 && !pivotsPass(ev, filter.pivots)) return false;
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
	const pivots = filter.pivots?.length ? JSON.stringify(filter.pivots) : '';
	return `${hidden}|${filter.hitsOnly ? 1 : 0}|${filter.ruleId ?? ''}|${query}|${filter.process?.key ?? ''}|${pivots}`;
}
