// The reducer's part for correlations and the tuning loop: a correlation hit's events (enter on
// it lists them, enter on one opens it), a correlation's live groups and a filter's suppressed
// events (v in the rules panel), and the filter builder (e on a hit: pick fields, apply, write).
import {lowerBoundSeq, topHit} from '../core/view/index.js';
import type {Command, ViewContext} from './actions.js';
import type {Mode} from './modes.js';
import {selectedEvent} from './selection.js';
import type {UiState} from './ui-state.js';

export interface TuneDraft {
	/** The hit's event and rule. */
	seq: number;
	ruleId: string;
	ruleTitle: string;
	fields: ReadonlyArray<{field: string; value: string}>;
	/** Indexes into fields that the filter keeps. */
	chosen: readonly number[];
	path: string;
}

export interface CorrelationUi {
	members?: {title: string; seqs: readonly number[]; index: number};
	groups?: {id: string; title: string; index: number};
	tune?: TuneDraft & {index: number};
}

export const CORRELATION_MODES: ReadonlySet<Mode> = new Set(['members', 'groups', 'tune', 'tune-path']);

/** Fields a filter keeps unless the analyst says otherwise: what names the program and its parent. */
const DEFAULT_FIELDS = ['Image', 'ParentImage'];

function say(state: UiState, text: string): UiState {
	return {...state, message: {id: state.nextId, text, kind: 'info'}, nextId: state.nextId + 1};
}

function withCorr(state: UiState, corr: CorrelationUi, mode: Mode, returnMode: Mode): UiState {
	return {...state, corr: {...state.corr, ...corr}, mode, returnMode, paneScroll: 0};
}

function slug(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 40) || 'rule'
	);
}

/** Enter on a correlation hit lists its events instead of opening the detail. */
export function openMembers(state: UiState, ctx: ViewContext): UiState | undefined {
	const ev = selectedEvent(state, ctx.visible, ctx.height);
	const c = ev?.correlation;
	if (!ev || !c) return undefined;
	const pinned = state.follow
		? {...state, follow: false, selectedSeq: ev.seq, anchorSeq: ctx.visible.at(-1)?.seq}
		: state;
	return withCorr(pinned, {members: {title: c.title, seqs: c.seqs, index: 0}}, 'members', 'feed');
}

function cursorIn(state: UiState, by: number | 'top' | 'bottom', count: number, index: number): number {
	void state;
	const target = by === 'top' ? 0 : by === 'bottom' ? count - 1 : index + by;
	return Math.max(0, Math.min(count - 1, target));
}

/** The command's result in the correlation modes (and for x), or undefined to leave it to the reducer. */
export function applyCorrelationCommand(state: UiState, action: Command, ctx: ViewContext): UiState | undefined {
	const corr = state.corr ?? {};
	switch (action.type) {
		case 'cursor': {
			if (state.mode === 'members' && corr.members) {
				const m = corr.members;
				return {...state, corr: {...corr, members: {...m, index: cursorIn(state, action.by, m.seqs.length, m.index)}}};
			}
			if (state.mode === 'groups' && corr.groups) {
				const n = ctx.tuning?.groupSeqs?.length ?? 0;
				const g = corr.groups;
				return {...state, corr: {...corr, groups: {...g, index: cursorIn(state, action.by, n, g.index)}}};
			}
			if (state.mode === 'tune' && corr.tune) {
				const t = corr.tune;
				return {...state, corr: {...corr, tune: {...t, index: cursorIn(state, action.by, t.fields.length, t.index)}}};
			}
			return undefined;
		}
		case 'members/jump': {
			const seq = corr.members?.seqs[corr.members.index];
			if (seq === undefined) return say(state, 'no event here');
			const i = lowerBoundSeq(ctx.visible, seq);
			const shown = ctx.visible[i]?.seq === seq;
			// An event the filters hide is shown by clearing them: the jump must land on it.
			const cleared = shown
				? state
				: {...state, hidden: new Set<never>(), hitsOnly: false, ruleId: undefined, searchText: '', searchInput: ''};
			const next: UiState = {
				...cleared,
				follow: false,
				selectedSeq: seq,
				topSeq: undefined,
				anchorSeq: state.anchorSeq ?? ctx.visible.at(-1)?.seq,
				mode: 'detail',
				returnMode: 'members',
				paneScroll: 0,
			};
			return shown ? next : say(next, `filters cleared to show event #${seq}`);
		}
		case 'rules/inspect': {
			const id = ctx.ruleIds?.[state.rulesIndex];
			if (id === undefined) return say(state, 'a skipped file: nothing to show');
			const t = ctx.tuning;
			if (t?.correlationIds?.has(id)) return withCorr(state, {groups: {id, title: id, index: 0}}, 'groups', 'rules');
			const recent = t?.filterRecent?.get(id);
			if (recent)
				return recent.length
					? withCorr(state, {members: {title: `suppressed by ${id}`, seqs: recent, index: 0}}, 'members', 'rules')
					: say(state, 'this filter has suppressed nothing yet');
			return say(state, 'v shows correlations and filters; enter filters the feed by a rule');
		}
		case 'groups/members': {
			const i = corr.groups?.index ?? 0;
			const seqs = ctx.tuning?.groupSeqs?.[i];
			if (!seqs?.length) return say(state, 'no live group here');
			const title = ctx.tuning?.groupTitles?.[i] ?? corr.groups?.id ?? '';
			return withCorr(state, {members: {title, seqs, index: 0}}, 'members', 'groups');
		}
		case 'tune/open': {
			const ev = selectedEvent(state, ctx.visible, ctx.height);
			if (!ev) return say(state, 'nothing selected');
			if (ev.correlation) return say(state, 'a correlation hit: tune the rules it names, on their events');
			const hit = topHit(ev.hits);
			if (!hit) return say(state, 'no rule hit on this event to tune');
			const fields = ctx.tuning?.fields ?? [];
			if (fields.length === 0) return say(state, 'this event has no fields a filter can keep');
			const chosen = fields.flatMap((f, i) => (DEFAULT_FIELDS.includes(f.field) ? [i] : []));
			const tune = {
				seq: ev.seq,
				ruleId: hit.id,
				ruleTitle: hit.title,
				fields,
				chosen: chosen.length ? chosen : [0],
				path: `filter-${slug(hit.title)}.yml`,
				index: 0,
			};
			const pinned = state.follow
				? {...state, follow: false, selectedSeq: ev.seq, anchorSeq: ctx.visible.at(-1)?.seq}
				: state;
			return withCorr(pinned, {tune}, 'tune', state.mode === 'detail' ? 'detail' : 'feed');
		}
		case 'tune/toggle': {
			const t = corr.tune;
			if (!t) return state;
			const chosen = t.chosen.includes(t.index)
				? t.chosen.filter(i => i !== t.index)
				: [...t.chosen, t.index].sort((a, b) => a - b);
			return {...state, corr: {...corr, tune: {...t, chosen}}};
		}
		case 'tune/apply':
		case 'tune/write': {
			const t = corr.tune;
			if (!t) return state;
			if (t.chosen.length === 0) return say(state, 'pick at least one field (space)');
			const path = t.path.trim();
			if (action.type === 'tune/write' && !path) return say(state, 'no file name given');
			const spec = {ruleId: t.ruleId, ruleTitle: t.ruleTitle, fields: t.chosen.map(i => t.fields[i]!)};
			const body =
				action.type === 'tune/apply'
					? {kind: 'filter' as const, apply: true, spec}
					: {kind: 'filter' as const, apply: false, spec, path};
			const back = action.type === 'tune/apply' ? state.returnMode : 'tune';
			return {
				...state,
				mode: back,
				returnMode: back === 'tune' ? state.returnMode : 'feed',
				requests: [...state.requests, {...body, id: state.nextId}],
				nextId: state.nextId + 1,
			};
		}
		case 'tune/path':
			return corr.tune ? {...state, mode: 'tune-path'} : state;
		case 'back':
			if (state.mode === 'tune-path') return {...state, mode: 'tune'};
			return undefined;
		case 'text/insert':
		case 'text/backspace':
		case 'text/clear': {
			const t = corr.tune;
			if (state.mode !== 'tune-path' || !t) return undefined;
			const old = t.path;
			const path =
				action.type === 'text/insert'
					? old + action.text
					: action.type === 'text/clear'
						? ''
						: Array.from(old).slice(0, -1).join('');
			return {...state, corr: {...corr, tune: {...t, path}}};
		}
		default:
			return undefined;
	}
}
