// What the correlation lists and the filter builder need, each render: the selected hit's fields,
// the rules panel's correlation and filter rows, a correlation's live groups, the builder's
// preview count, and the side effect that applies or writes a filter. The fields and the preview
// are read here from the buffered events; the rest is asked of the rule engine through its
// backend (in this thread or on the pipeline thread), refreshed while a view shows it.
import {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import type {EdrEvent, Level} from '../core/event.js';
import {
	bufferedOf,
	compileFilterText,
	fieldValuesOf,
	filterYaml,
	suppressedHits,
	type LiveGroup,
	type TuningBackend,
	type TuningStatus,
} from '../core/rules/index.js';
import type {TuningScreen} from '../state/actions.js';
import type {FilterRequest, UiState} from '../state/ui-state.js';

export interface TuningProps {
	/** The rule engine's side of the loop. */
	backend: TuningBackend;
	/** Writes a new filter file (never over an existing one); rejects with the reason. */
	writeFile(path: string, text: string): Promise<void>;
	/** A fresh UUID for a filter document, and today as YYYY-MM-DD. */
	newId(): string;
	today(): string;
}

/** How often the rules panel's counts and an open groups list are asked for again, ms. */
export const TUNING_REFRESH_MS = 1000;

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
	/** The groups were asked for and have not come yet. */
	groupsPending: boolean;
	/** The builder's filter: how many buffered events it would take a hit from, of how many with the rule's hit. */
	preview?: {suppressed: number; hits: number; error?: string};
	onFilter?(spec: FilterRequest, path?: string): Promise<{ok: boolean; text: string}>;
}

function specText(t: TuningProps, spec: FilterRequest, id: string): string {
	return filterYaml({...spec, id, logsource: t.backend.logsource(spec.ruleId), date: t.today()});
}

/**
 * The answer of `ask` while `key` is defined, asked again every TUNING_REFRESH_MS and whenever
 * `bump` changes; undefined until the first answer for this key.
 */
function usePolled<T>(ask: (() => Promise<T>) | undefined, key: string | undefined, bump: number): T | undefined {
	const [answer, setAnswer] = useState<{key: string; value: T}>();
	useEffect(() => {
		if (!ask || key === undefined) return;
		let live = true;
		const once = () =>
			ask().then(
				value => live && setAnswer({key, value}),
				// A thread that died has said so in the status bar; the view keeps what it had.
				() => undefined,
			);
		void once();
		const timer = setInterval(() => void once(), TUNING_REFRESH_MS);
		return () => {
			live = false;
			clearInterval(timer);
		};
	}, [ask, key, bump]);
	return answer && answer.key === key ? answer.value : undefined;
}

const NO_GROUPS: LiveGroup[] = [];

export function useTuning(
	tuning: TuningProps | undefined,
	state: UiState,
	selected: EdrEvent | undefined,
	events: readonly EdrEvent[],
	version: number,
): Tuning {
	const backend = tuning?.backend;
	const fields = useMemo(
		() => (backend && selected && !selected.correlation ? fieldValuesOf(selected, OFFERED) : []),
		[backend, selected],
	);
	// Applying a filter asks for the counts again at once.
	const [bump, setBump] = useState(0);
	const showsRules = state.mode === 'rules' || state.mode === 'groups' || state.mode === 'members';
	const askStatus = useMemo(() => backend && (() => backend.status()), [backend]);
	const status: TuningStatus | undefined = usePolled(askStatus, showsRules ? 'status' : undefined, bump);
	const extraRules = useMemo((): ExtraRuleRow[] => {
		if (!status) return [];
		const corr = status.correlations.map(c => ({
			id: c.id,
			title: `${c.title} [${c.type} ${c.condition} in ${c.timespan}; ${c.groups} live, ${c.late} late, ${c.evicted} evicted]`,
			level: c.level,
			kind: 'correlation' as const,
		}));
		const filters = status.filters.map(f => ({
			id: f.id,
			title: `filter: ${f.title}`,
			level: 'informational' as const,
			suppressed: f.suppressed,
			kind: 'filter' as const,
		}));
		return [...corr, ...filters];
	}, [status]);
	const groupsId = state.mode === 'groups' || state.mode === 'members' ? state.corr?.groups?.id : undefined;
	const askGroups = useMemo(
		() => backend && groupsId !== undefined && (() => backend.groups(groupsId)),
		[backend, groupsId],
	);
	const polledGroups = usePolled(askGroups || undefined, groupsId, bump);
	const groups = polledGroups ?? NO_GROUPS;
	const draft = state.mode === 'tune' || state.mode === 'tune-path' ? state.corr?.tune : undefined;
	const preview = useMemo(() => {
		if (!tuning || !draft) return undefined;
		void version;
		const hits = events.filter(e => e.hits.some(h => h.id === draft.ruleId)).length;
		if (draft.chosen.length === 0) return {suppressed: 0, hits, error: 'pick at least one field'};
		const spec = {ruleId: draft.ruleId, ruleTitle: draft.ruleTitle, fields: draft.chosen.map(i => draft.fields[i]!)};
		const compiled = compileFilterText(specText(tuning, spec, 'preview'), 'tuning:preview');
		if (!compiled.ok) return {suppressed: 0, hits, error: compiled.error};
		return {suppressed: suppressedHits(compiled, events).length, hits};
	}, [tuning, draft, events, version]);
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
			filterRecent: new Map((status?.filters ?? []).map(f => [f.id, f.recent.map(r => r.seq)] as const)),
		}),
		[fields, groups, extraRules, status],
	);
	// The buffer as it is when a filter is applied: the hits it suppresses there count on it.
	const latest = useRef(events);
	useLayoutEffect(() => {
		latest.current = events;
	}, [events]);
	const onFilter = useMemo(() => {
		if (!tuning) return undefined;
		return async (spec: FilterRequest, path?: string) => {
			const id = tuning.newId();
			const text = specText(tuning, spec, id);
			const where = path ?? `tuning:${id}`;
			const compiled = compileFilterText(text, where);
			if (!compiled.ok) return {ok: false, text: `filter not valid: ${compiled.error}`};
			if (path === undefined) {
				const buffered = bufferedOf(suppressedHits(compiled, latest.current));
				const added = await tuning.backend.addFilter(text, where, buffered);
				if (!added.ok) return {ok: false, text: `filter not applied: ${added.error}`};
				setBump(n => n + 1);
				const n = buffered.count;
				// The count first: on a narrow screen the message is cut at the right.
				const already = n ? `, ${n} buffered hit${n === 1 ? '' : 's'} count as suppressed` : '';
				return {ok: true, text: `filter applied live${already}: r lists it ("${spec.ruleTitle}")`};
			}
			try {
				await tuning.writeFile(path, text);
			} catch (error) {
				return {ok: false, text: `not written: ${(error as Error).message}`};
			}
			return {ok: true, text: `wrote a Sigma filter to ${path} (load it with --rules ${path})`};
		};
	}, [tuning]);
	return {screen, extraRules, groups, groupsPending: groupsId !== undefined && !polledGroups, preview, onFilter};
}
