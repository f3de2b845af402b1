// Evaluates every loaded rule that can apply to an event. Rules are grouped by route (format kind,
// OS, category); in each group a literal index over the fields rules require picks the few
// candidate rules for an event, and only those run.
import type {EdrEvent, MatchedField, RuleHit} from '../event.js';
import type {DecodedEvent} from '../formats/index.js';
import {type CorrelationEngine, correlationEvent} from './correlation/index.js';
import {EventContext, FieldReaders, type FieldRegistry} from './event-context.js';
import {KEYWORDS_FIELD} from './field-map.js';
import {appliesTo, type Logsource, routeKey, routeOf} from './logsource.js';
import {Prefilter} from './prefilter.js';
import type {MatchNode} from './match-node.js';
import {type CompiledFilter, FilterSet, RECENT_SUPPRESSED} from './filters.js';
import {type BufferedSuppressed, compileFilterText, fieldValuesOf, suppressedHits} from './tuning.js';
import type {LoadedRuleInfo} from './types.js';

export interface CompiledRule {
	info: LoadedRuleInfo;
	logsource: Logsource;
	node: MatchNode;
	hit: Omit<RuleHit, 'fields'>;
	fieldNames: string[];
	modifiers: string[];
}

/** One group of rules, for the routes that share it (each Security event id is a route). */
export interface RouteStats {
	/** The first route key that built the group. */
	route: string;
	routes: number;
	rules: number;
	/** Rules without prefilter keys: candidates for every event. */
	always: number;
	indexedFields: number;
	keys: number;
	events: number;
	/** Candidate rules, summed over the events. */
	candidates: number;
}

interface Group {
	readers: FieldReaders;
	rules: CompiledRule[];
	prefilter: Prefilter;
	/** Events evaluated and candidate rules they gave (for the benchmark and diagnostics). */
	events: number;
	candidates: number;
}

/** What runs on the hits after matching: filters, then correlations. */
export interface HitStages {
	filters?: FilterSet;
	correlations?: CorrelationEngine;
	/** Without correlations of its own: the rules whose hits are hidden (an unfiltered twin's). */
	hidden?: (ruleId: string) => boolean;
}

export class RuleEngine {
	readonly rules: LoadedRuleInfo[];
	private filterSet: FilterSet | undefined;
	readonly correlations: CorrelationEngine | undefined;
	private readonly hidden: ((ruleId: string) => boolean) | undefined;
	/** Correlation hits made by the last evaluations, until takeDerived. */
	private derived: Array<Omit<EdrEvent, 'seq'>> = [];
	private readonly groups = new Map<string, Group | null>();
	private readonly shared = new Map<string, Group>();
	private readonly ctx: EventContext;
	private readonly cands: number[] = [];
	private readonly ids: Set<string>;
	/** The route of the last Sysmon-named event, by the parts of its key (see groupOf). */
	private lastRoute:
		{eventId?: string; channel?: string; os?: string; category: string; group: Group | null} | undefined;

	constructor(
		private readonly compiled: CompiledRule[],
		private readonly fields: FieldRegistry,
		private readonly prefilter = true,
		stages: HitStages = {},
	) {
		this.filterSet = stages.filters;
		this.correlations = stages.correlations;
		this.hidden = stages.hidden;
		this.rules = compiled.map(r => r.info);
		this.ids = new Set(compiled.map(r => r.hit.id));
		this.ctx = new EventContext(Math.max(1, fields.names.length));
	}

	/**
	 * The same rules (those keep accepts) evaluated without the prefilter: every rule of an
	 * event's route runs. Slow; the reference the prefilter is tested against (it may only skip
	 * rules that cannot match).
	 */
	unfiltered(keep?: (rule: LoadedRuleInfo) => boolean): RuleEngine {
		// Hiding what correlations hide, without feeding them a second time.
		const corr = this.correlations;
		const hidden = corr ? (id: string) => corr.hides(id) : undefined;
		return new RuleEngine(keep ? this.compiled.filter(r => keep(r.info)) : this.compiled, this.fields, false, {hidden});
	}

	get size(): number {
		return this.compiled.length;
	}

	/**
	 * The event's hits. A restored event (edrtail's own NDJSON read back) brings the hits it was
	 * saved with: a loaded rule decides again for itself (its saved hit is dropped; a rule changed
	 * since may no longer hit), a saved hit of a rule not loaded now stays, marked saved.
	 */
	evaluate(event: DecodedEvent): RuleHit[] {
		const hits = this.match(event);
		if (event.hits.length === 0) return hits;
		const corr = this.correlations;
		const kept = event.hits.filter(h => h.saved && !this.ids.has(h.id) && !corr?.has(h.id));
		return kept.length === 0 ? hits : [...hits, ...kept];
	}

	get filters(): FilterSet | undefined {
		return this.filterSet;
	}

	/** Sigma fields of one event, read as the rules read them (the tuning loop offers these). */
	fieldValues(event: DecodedEvent, names: readonly string[]): Array<{field: string; value: string}> {
		return fieldValuesOf(event, names, this.fields);
	}

	/**
	 * A filter document given as text, compiled against this engine's fields: for a preview
	 * (`suppressedBy`) or to apply live (`addFilter`). A RuleError message when it is no filter.
	 */
	compileFilterText(text: string, path: string): {ok: true; filter: CompiledFilter} | {ok: false; error: string} {
		const compiled = compileFilterText(text, path, this.fields);
		return compiled.ok ? {ok: true, filter: compiled.filter} : compiled;
	}

	/** How many of these events have a hit the filter would suppress (nothing is counted on the filter). */
	suppressedBy(filter: CompiledFilter, events: readonly DecodedEvent[]): number {
		return suppressedHits({filter, fields: this.fields}, events, this.resolveRef).length;
	}

	/**
	 * Applies a compiled filter from now on. `buffered`: the hits already shown that it suppresses,
	 * counted on it and listed with what it suppresses next, so the panel tells the whole story.
	 */
	addFilter(filter: CompiledFilter, buffered?: BufferedSuppressed): void {
		if (buffered) {
			filter.info.suppressed += buffered.count;
			filter.info.recent.push(...buffered.recent.slice(-RECENT_SUPPRESSED));
		}
		this.filterSet ??= new FilterSet(this.resolveRef);
		this.filterSet.add(filter);
	}

	/** A rule reference (id or name) as the id of a loaded rule. */
	private readonly resolveRef = (ref: string): string | undefined =>
		this.ids.has(ref) ? ref : this.rules.find(r => r.name === ref)?.id;

	/** The correlation hits the evaluations so far completed, each once, in order. */
	takeDerived(): Array<Omit<EdrEvent, 'seq'>> {
		if (this.derived.length === 0) return [];
		const out = this.derived;
		this.derived = [];
		return out;
	}

	/** Filters, then correlations over the hits (the event is still in ctx). */
	private afterMatch(event: DecodedEvent, hits: RuleHit[]): RuleHit[] {
		const seq = (event as Partial<EdrEvent>).seq ?? 0;
		const filters = this.filterSet;
		if (filters && filters.size) hits = hits.filter(h => !filters.suppresses(h.id, this.ctx, seq));
		const corr = this.correlations;
		const hidden = this.hidden;
		if (!corr) return hidden ? hits.filter(h => !hidden(h.id)) : hits;
		if (hits.length === 0 || !hits.some(h => corr.names(h.id))) return hits;
		const ctx = this.ctx;
		const fields = this.fields;
		const fires = corr.observe(
			{seq, time: event.time ?? event.receivedAt, read: name => ctx.value(fields.id(name))},
			hits.map(h => h.id),
		);
		for (const f of fires) this.derived.push(correlationEvent(f, event));
		return hits.filter(h => !corr.hides(h.id));
	}

	private match(event: DecodedEvent): RuleHit[] {
		if (this.compiled.length === 0) return [];
		const g = this.groupOf(event);
		if (!g) return [];
		const ctx = this.ctx;
		ctx.reset(event, g.readers);
		const cands = this.cands;
		cands.length = 0;
		const pf = g.prefilter;
		pf.begin();
		for (const field of pf.indexes) {
			const text = ctx.value(field.fid);
			if (text) pf.scanValue(field, text);
		}
		for (const {fid, keys, lengths} of pf.equalities) {
			const text = ctx.value(fid);
			if (text !== undefined && lengths.has(text.length)) pf.equal(keys.get(ctx.lower(fid)!));
		}
		// Keyword rules' literals, looked for in every value of the event.
		if (pf.keywords) ctx.eachKeywordValue(pf.scanKeyword, pf.keywordsScanned);
		pf.candidates(cands);
		g.events++;
		g.candidates += cands.length;
		if (cands.length === 0) return [];
		if (cands.length > 1) cands.sort((a, b) => a - b);
		let hits: RuleHit[] | undefined;
		for (const r of cands) {
			const rule = g.rules[r]!; // candidates are indexes into the group's rules
			let matched = false;
			try {
				matched = rule.node.eval(ctx);
			} catch {
				matched = false;
			}
			if (!matched) continue;
			const fields: MatchedField[] = [];
			try {
				rule.node.explain(ctx, fields);
			} catch {
				// The hit stands without its highlights.
			}
			(hits ??= []).push({...rule.hit, fields});
		}
		return hits ? this.afterMatch(event, hits) : [];
	}

	/**
	 * The event's group (null: no rule applies). A Sysmon stream is mostly one route after another:
	 * the last one is kept by the parts of its key, so that no key is made and looked up per event.
	 */
	private groupOf(event: DecodedEvent): Group | null | undefined {
		const sf = event.sigmaFields;
		const last = this.lastRoute;
		if (
			sf &&
			last &&
			last.eventId === sf.EventID &&
			last.channel === sf.Channel &&
			last.os === event.os &&
			last.category === event.category
		)
			return last.group;
		const key = routeKey(event);
		if (key === undefined) return undefined;
		let g = this.groups.get(key);
		if (g === undefined) {
			g = this.buildGroup(event);
			this.groups.set(key, g);
		}
		if (sf)
			this.lastRoute = {eventId: sf.EventID, channel: sf.Channel, os: event.os, category: event.category, group: g};
		return g;
	}

	private buildGroup(event: DecodedEvent): Group | null {
		const route = routeOf(event);
		if (!route) return null;
		const picked: number[] = [];
		const rules: CompiledRule[] = [];
		this.compiled.forEach((r, i) => {
			if (!appliesTo(r.logsource, route)) return;
			picked.push(i);
			rules.push(r);
		});
		if (picked.length === 0) return null;
		// Routes with the same rules share a group (each Security event id is its own route, with
		// the same rules): Sysmon-named fields read alike whatever the category, S1 ones do not.
		const readBy =
			route.kind === 's1' ? route.category : route.kind === 'vendor' ? `${route.format}|${route.category}` : '';
		const shareKey = `${route.kind}|${readBy}|${picked.join(',')}`;
		const known = this.shared.get(shareKey);
		if (known) return known;
		const keys = rules.map(r => (this.prefilter ? r.node.atoms : null));
		const names = route.kind === 'sigma' ? (fid: number) => this.fields.names[fid]! : undefined;
		const prefilter = new Prefilter(keys, this.fields.find(KEYWORDS_FIELD), names);
		const readers = new FieldReaders(route, this.fields);
		const group: Group = {readers, rules, prefilter, events: 0, candidates: 0};
		this.shared.set(shareKey, group);
		return group;
	}

	/** Prefilter figures for the groups built so far (for the benchmark and diagnostics). */
	stats(): RouteStats[] {
		const out = new Map<Group, RouteStats>();
		for (const [route, g] of this.groups) {
			if (!g) continue;
			const known = out.get(g);
			if (known) {
				known.routes++;
				continue;
			}
			const pf = g.prefilter;
			out.set(g, {
				route,
				routes: 1,
				rules: g.rules.length,
				always: pf.always.length,
				indexedFields: pf.indexes.length,
				keys: pf.keyCount,
				events: g.events,
				candidates: g.candidates,
			});
		}
		return [...out.values()];
	}
}
