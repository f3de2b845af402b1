// What the correlation lists and the filter builder need from the rule engine, each render: the
// selected hit's fields, the rules panel's correlation and filter rows, a correlation's live
// groups, the builder's preview count, and the side effect that applies or writes a filter.
import {useMemo} from 'react';
import type {EdrEvent, Level} from '../core/event.js';
import {filterYaml, type LiveGroup, type RuleEngine} from '../core/rules/index.js';
import type {TuningScreen} from '../state/actions.js';
import type {FilterRequest, UiState} from '../state/ui-state.js';

export interface TuningProps {
	engine: RuleEngine;
	/** Writes a filter file; rejects with the reason. */
	writeFile(path: string, text: string): Promise<void>;
	/** A fresh UUID for a filter document, and today as YYYY-MM-DD. */
	newId(): string;
	today(): string;
}

/** The Sigma fields the builder offers, in this order, when the event has them. */
const OFFERED = [
	'Image',
	'ParentImage',
	'CommandLine',
	'ParentCommandLine',
	'OriginalFileName',
	'User',
	'Computer',
	'TargetFilename',
	'TargetObject',
	'QueryName',
	'DestinationIp',
	'DestinationPort',
	'DestinationHostname',
	'IpAddress',
	'TargetUserName',
];

export interface ExtraRuleRow {
	id: string;
	title: string;
	level: Level;
	/** Filters: what they suppressed; absent for correlations (counted as hits). */
	suppressed?: number;
	kind: 'correlation' | 'filter';
}

export interface Tuning {
	screen: TuningScreen;
	extraRules: ExtraRuleRow[];
	groups: LiveGroup[];
	/** The builder's filter: how many buffered events it would take a hit from, of how many with the rule's hit. */
	preview?: {suppressed: number; hits: number; error?: string};
	onFilter?(spec: FilterRequest, path?: string): Promise<{ok: boolean; text: string}>;
}

function specText(t: TuningProps, spec: FilterRequest, id: string): string {
	const rule = t.engine.rules.find(r => r.id === spec.ruleId);
	return filterYaml({...spec, id, logsource: rule?.logsource, date: t.today()});
}

export function useTuning(
	tuning: TuningProps | undefined,
	state: UiState,
	selected: EdrEvent | undefined,
	events: readonly EdrEvent[],
	version: number,
): Tuning {
	const engine = tuning?.engine;
	const fields = useMemo(
		() => (engine && selected && !selected.correlation ? engine.fieldValues(selected, OFFERED) : []),
		[engine, selected],
	);
	const showsRules = state.mode === 'rules' || state.mode === 'groups' || state.mode === 'members';
	const extraRules = useMemo((): ExtraRuleRow[] => {
		if (!engine || !showsRules) return [];
		void version;
		const corr = (engine.correlations?.stats() ?? []).map(c => ({
			id: c.id,
			title: `${c.title} [${c.type} ${c.condition} in ${c.timespan}; ${c.groups} live, ${c.late} late, ${c.evicted} evicted]`,
			level: c.level,
			kind: 'correlation' as const,
		}));
		const filters = (engine.filters?.infos() ?? []).map(f => ({
			id: f.id,
			title: `filter: ${f.title}`,
			level: 'informational' as const,
			suppressed: f.suppressed,
			kind: 'filter' as const,
		}));
		return [...corr, ...filters];
	}, [engine, showsRules, version]);
	const groupsId = state.mode === 'groups' || state.mode === 'members' ? state.corr?.groups?.id : undefined;
	const groups = useMemo(() => {
		void version;
		return engine && groupsId ? (engine.correlations?.liveGroups(groupsId) ?? []) : [];
	}, [engine, groupsId, version]);
	const draft = state.mode === 'tune' || state.mode === 'tune-path' ? state.corr?.tune : undefined;
	const preview = useMemo(() => {
		if (!engine || !tuning || !draft) return undefined;
		void version;
		const hits = events.filter(e => e.hits.some(h => h.id === draft.ruleId)).length;
		if (draft.chosen.length === 0) return {suppressed: 0, hits, error: 'pick at least one field'};
		const spec = {ruleId: draft.ruleId, ruleTitle: draft.ruleTitle, fields: draft.chosen.map(i => draft.fields[i]!)};
		const compiled = engine.compileFilterText(specText(tuning, spec, 'preview'), 'tuning:preview');
		if (!compiled.ok) return {suppressed: 0, hits, error: compiled.error};
		return {suppressed: engine.suppressedBy(compiled.filter, events), hits};
	}, [engine, tuning, draft, events, version]);
	const screen = useMemo(
		(): TuningScreen => ({
			fields,
			groupSeqs: groups.map(g => g.seqs),
			groupTitles: groups.map(g =>
				Object.entries(g.group)
					.map(([k, v]) => `${k}=${v}`)
					.join(' '),
			),
			correlationIds: new Set(extraRules.filter(r => r.kind === 'correlation').map(r => r.id)),
			filterRecent: new Map((engine?.filters?.infos() ?? []).map(f => [f.id, f.recent.map(r => r.seq)] as const)),
		}),
		[fields, groups, extraRules, engine],
	);
	const onFilter = useMemo(() => {
		if (!tuning) return undefined;
		return async (spec: FilterRequest, path?: string) => {
			const id = tuning.newId();
			const text = specText(tuning, spec, id);
			const where = path ?? `tuning:${id}`;
			const compiled = tuning.engine.compileFilterText(text, where);
			if (!compiled.ok) return {ok: false, text: `filter not valid: ${compiled.error}`};
			if (path === undefined) {
				tuning.engine.addFilter(compiled.filter);
				return {ok: true, text: `filter applied live to "${spec.ruleTitle}" (r lists it with its count)`};
			}
			try {
				await tuning.writeFile(path, text);
			} catch (error) {
				return {ok: false, text: `not written: ${(error as Error).message}`};
			}
			return {ok: true, text: `wrote a Sigma filter to ${path} (load it with --rules ${path})`};
		};
	}, [tuning]);
	return {screen, extraRules, groups, preview, onFilter};
}
