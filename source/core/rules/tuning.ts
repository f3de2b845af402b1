// The tuning loop's contract. What needs the buffered events (the fields a hit offers, how many
// buffered hits a candidate filter suppresses) is computed where the events are, without an
// engine: a filter compiled on its own field registry reads events as the engine does. What needs
// the engine (applying a filter, the filters' counts, a correlation's live groups) is asked of it
// as a small request with a small answer, the same whether the engine is in this thread or in
// the pipeline thread: `answerTuning` is the one implementation, `tuningBackend` the one client.
import type {DecodedEvent} from '../formats/index.js';
import type {CorrelationStats, LiveGroup} from './correlation/index.js';
import type {RuleEngine} from './engine.js';
import {EventContext, FieldReaders, FieldRegistry} from './event-context.js';
import {isMap} from './detection.js';
import {type CompiledFilter, compileFilter, type FilterInfo, FilterSet, RECENT_SUPPRESSED} from './filters.js';
import {type Logsource, routeOf} from './logsource.js';
import {RuleError} from './sigma-string.js';
import {parseYamlDocuments} from './yaml-docs.js';

/** Sigma fields of one event, read as the rules read them; empty values left out. */
export function fieldValuesOf(
	event: DecodedEvent,
	names: readonly string[],
	fields: FieldRegistry = new FieldRegistry(),
): Array<{field: string; value: string}> {
	const route = routeOf(event);
	if (!route) return [];
	const ctx = new EventContext(0);
	ctx.reset(event, new FieldReaders(route, fields));
	const out: Array<{field: string; value: string}> = [];
	for (const field of names) {
		const value = ctx.value(fields.id(field));
		if (value !== undefined && value !== '') out.push({field, value});
	}
	return out;
}

/** A filter document compiled against a field registry (its own unless given one). */
export interface StandaloneFilter {
	filter: CompiledFilter;
	fields: FieldRegistry;
}

export function compileFilterText(
	text: string,
	path: string,
	fields: FieldRegistry = new FieldRegistry(),
): ({ok: true} & StandaloneFilter) | {ok: false; error: string} {
	try {
		const [doc] = parseYamlDocuments(text);
		if (!doc || doc.error !== undefined || !isMap(doc.value) || !isMap(doc.value.filter))
			return {ok: false, error: doc?.error ?? 'not a filter document'};
		const env = {fields, modifiers: new Set<string>(), fieldNames: new Set<string>()};
		return {ok: true, filter: compileFilter(doc.value, path, path, env), fields};
	} catch (error) {
		return {ok: false, error: error instanceof RuleError ? error.message : String(error)};
	}
}

/** One buffered hit a filter suppresses: the event and the rule. */
export interface SuppressedHit {
	seq: number;
	rule: string;
}

/**
 * The events among these whose hit the filter would suppress (one entry per event, its first such
 * hit), counting nothing on the filter. `resolve` turns a rule reference into an id (default: as
 * written, which is what the tuning loop writes).
 */
export function suppressedHits(
	{filter, fields}: StandaloneFilter,
	events: ReadonlyArray<DecodedEvent & {seq?: number}>,
	resolve: (ref: string) => string | undefined = ref => ref,
): SuppressedHit[] {
	const probe = new FilterSet(resolve);
	const out: SuppressedHit[] = [];
	const ctx = new EventContext(0);
	for (const ev of events) {
		if (ev.hits.length === 0) continue;
		const route = routeOf(ev);
		if (!route) continue;
		ctx.reset(ev, new FieldReaders(route, fields));
		const hit = ev.hits.find(h => probe.wouldSuppress(filter, h.id, ctx));
		if (hit) out.push({seq: ev.seq ?? 0, rule: hit.id});
	}
	return out;
}

/** What the buffer held that a filter suppresses, as it crosses to the engine: a count and the last few. */
export interface BufferedSuppressed {
	count: number;
	recent: SuppressedHit[];
}

export function bufferedOf(hits: readonly SuppressedHit[]): BufferedSuppressed {
	return {count: hits.length, recent: hits.slice(-RECENT_SUPPRESSED)};
}

export interface TuningStatus {
	correlations: CorrelationStats[];
	filters: FilterInfo[];
}

/** Live groups answered per request, and the events each lists: a view's worth, not the state. */
export const MAX_ANSWER_GROUPS = 200;
export const MAX_GROUP_SEQS = 200;

export type TuningAsk =
	| {kind: 'status'}
	| {kind: 'groups'; correlation: string; limit: number}
	| {kind: 'addFilter'; text: string; where: string; buffered: BufferedSuppressed};

export type AddFilterResult = {ok: true} | {ok: false; error: string};

export type TuningAnswer =
	| {kind: 'status'; status: TuningStatus}
	| {kind: 'groups'; groups: LiveGroup[]}
	| {kind: 'addFilter'; result: AddFilterResult};

/** The engine's answer to one request (no engine: no rules were loaded). */
export function answerTuning(engine: RuleEngine | undefined, ask: TuningAsk): TuningAnswer {
	switch (ask.kind) {
		case 'status':
			return {
				kind: 'status',
				status: {
					correlations: engine?.correlations?.stats() ?? [],
					// Copies: an answer in this thread must not change when the engine counts on.
					filters: (engine?.filters?.infos() ?? []).map(f => ({...f, recent: [...f.recent]})),
				},
			};
		case 'groups': {
			const limit = Math.max(0, Math.min(ask.limit, MAX_ANSWER_GROUPS));
			const groups = engine?.correlations?.liveGroups(ask.correlation, limit) ?? [];
			return {kind: 'groups', groups: groups.map(g => ({...g, seqs: g.seqs.slice(0, MAX_GROUP_SEQS)}))};
		}
		case 'addFilter': {
			if (!engine) return {kind: 'addFilter', result: {ok: false, error: 'no rules loaded'}};
			const compiled = engine.compileFilterText(ask.text, ask.where);
			if (!compiled.ok) return {kind: 'addFilter', result: compiled};
			engine.addFilter(compiled.filter, ask.buffered);
			return {kind: 'addFilter', result: {ok: true}};
		}
	}
}

/** What the screen's tuning loop asks of the rule engine, wherever it runs. */
export interface TuningBackend {
	/** A loaded rule's logsource: the written filter repeats it. */
	logsource(ruleId: string): Logsource | undefined;
	status(): Promise<TuningStatus>;
	/** A correlation's live groups, the highest value first. */
	groups(correlation: string, limit?: number): Promise<LiveGroup[]>;
	/** Applies a filter document to the events from now on; the buffered hits it suppresses count on it. */
	addFilter(text: string, where: string, buffered: BufferedSuppressed): Promise<AddFilterResult>;
}

/** A backend over a request channel: the engine in this thread, or a message to the pipeline thread. */
export function tuningBackend(
	ask: (request: TuningAsk) => Promise<TuningAnswer>,
	logsource: (ruleId: string) => Logsource | undefined,
): TuningBackend {
	const expect = async <K extends TuningAnswer['kind']>(request: TuningAsk, kind: K) => {
		const answer = await ask(request);
		if (answer.kind !== kind) throw new Error(`tuning: asked ${request.kind}, answered ${answer.kind}`);
		return answer as Extract<TuningAnswer, {kind: K}>;
	};
	return {
		logsource,
		status: async () => (await expect({kind: 'status'}, 'status')).status,
		groups: async (correlation, limit = MAX_ANSWER_GROUPS) =>
			(await expect({kind: 'groups', correlation, limit}, 'groups')).groups,
		addFilter: async (text, where, buffered) =>
			(await expect({kind: 'addFilter', text, where, buffered}, 'addFilter')).result,
	};
}

/** The backend of an engine in this thread (headless tests, and any runner without a pipeline thread). */
export function engineTuning(engine: RuleEngine): TuningBackend {
	return tuningBackend(
		async request => answerTuning(engine, request),
		ruleId => engine.rules.find(r => r.id === ruleId)?.logsource,
	);
}
