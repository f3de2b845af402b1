// The whole UI state as one pure reducer: what the keys change, tested without a terminal. Keys and
// commands carry the screen they acted on in `ctx` (the visible list, the feed height, the time of
// the key), so the reducer stays pure (it reads no clock) and keys that arrive together are applied
// one after another on fresh state. The action types live in actions.ts, the feed position in
// selection.ts.
// Over 300 lines by design: the reducer is one switch over every command, read top to bottom.
import type {Category} from '../core/event.js';
import {
	clampScroll,
	exportFileName,
	feedWindow,
	moveWindow,
	nextHitIndex,
	pivotText,
	sanitizeText,
	timeJump,
	formatStamp,
	type Pivot,
	type TimeZoneMode,
} from '../core/view/index.js';
import type {Action, Command, KeyPress, MessageKind, ScrollBy, ViewContext} from './actions.js';
import {applyCorrelationCommand, CORRELATION_MODES, type CorrelationUi, openMembers} from './correlation-ui.js';
import {commandFor} from './key-input.js';
import {categoriesOfFamily, PICKER_CATEGORIES, type Mode} from './modes.js';
import {followNow, jumpAmong, pin, resolveWindow, selectedEvent, type FeedPosition} from './selection.js';
import {applyTriageCommand, type StoryUi} from './triage-ui.js';

export interface Message {
	id: number;
	text: string;
	kind: MessageKind;
}

export type RequestBody =
	| {kind: 'quit'}
	| {kind: 'copy'; seq: number}
	/** Text already made safe (a field of the detail), and what it is, for the message. */
	| {kind: 'copy-text'; text: string; what: string}
	/** The view up to upToSeq; or with `marked`, the buffer's events with those seqs, whatever the filters. */
	| {kind: 'export'; path: string; upToSeq: number; marked?: readonly number[]}
	| {kind: 'filter'; apply: boolean; spec: FilterRequest; path?: string};

/** A filter the tuning loop asks for: the rule, and the fields (with the hit's values) it keeps. */
export interface FilterRequest {
	ruleId: string;
	ruleTitle: string;
	fields: ReadonlyArray<{field: string; value: string}>;
}
export type Request = RequestBody & {id: number};

export interface UiState extends FeedPosition {
	/** Where esc from help or latency goes back to. */
	returnMode: Mode;
	hidden: ReadonlySet<Category>;
	hitsOnly: boolean;
	ruleId?: string;
	/** The search box as typed, and the text the view applies (debounced, or on enter). */
	searchInput: string;
	searchText: string;
	pickerIndex: number;
	rulesIndex: number;
	exportPath: string;
	/** The newest event the export prompt counted: what is written is the view as it was then. */
	exportUpToSeq: number;
	/** The export prompt writes the marked events (W), not the view (w). */
	exportMarked: boolean;
	message?: Message;
	/** Side effects for the app to run (quit, copy, export), in order. */
	requests: readonly Request[];
	nextId: number;
	/** Bumped whenever what the screen lists changes (mode, toggles, rule, search): see ScreenContext.viewRev. */
	viewRev: number;
	/** Keys of a burst waiting for the screen a key before them changed ('keys/replay' applies them). */
	deferred: readonly KeyPress[];
	// The process tree (t): whose tree is open, the row under the cursor (keys of the process
	// index: rows come and go as the tree grows), and the process the feed is narrowed to.
	treeKey?: string;
	treeCursor?: string;
	process?: {key: string; label: string};
	// Pivots: values kept or hidden, in the order added; the detail's field under the cursor (of
	// the event with that seq: another event's fields start again from none).
	pivots: readonly Pivot[];
	fieldCursor?: {seq: number; index: number};
	/** The find box as typed, and the find applied (on enter): matches marked in place. */
	findInput: string;
	findText: string;
	/** Long lines: columns the summaries are scrolled by, and whether the selected row wraps. */
	hscroll: number;
	wrapSelected: boolean;
	/** The correlation lists and the filter builder (correlation-ui.ts). */
	corr?: CorrelationUi;
	/** The storyline view (s) and the marked events' seqs (m), see triage-ui.ts. */
	story?: StoryUi;
	marks: ReadonlySet<number>;
	/** The jump prompt (@) as typed; the zone every time on screen is read and written in (T). */
	gotoInput: string;
	zone: TimeZoneMode;
}

export interface InitialOptions {
	hiddenCategories?: readonly Category[];
	search?: string;
	hitsOnly?: boolean;
	/** Start with times in UTC (--utc) rather than local time. */
	utc?: boolean;
}

export function initialState(initial: InitialOptions = {}): UiState {
	const search = initial.search ?? '';
	return {
		mode: 'feed',
		returnMode: 'feed',
		follow: true,
		hidden: new Set(initial.hiddenCategories ?? []),
		hitsOnly: Boolean(initial.hitsOnly),
		searchInput: search,
		searchText: search,
		paneScroll: 0,
		pickerIndex: 0,
		rulesIndex: 0,
		exportPath: '',
		exportUpToSeq: 0,
		exportMarked: false,
		requests: [],
		nextId: 1,
		viewRev: 0,
		deferred: [],
		pivots: [],
		findInput: '',
		findText: '',
		hscroll: 0,
		wrapSelected: false,
		marks: new Set(),
		gotoInput: '',
		zone: initial.utc ? 'utc' : 'local',
	};
}

function say(state: UiState, text: string, kind: MessageKind = 'info'): UiState {
	return {...state, message: {id: state.nextId, text, kind}, nextId: state.nextId + 1};
}

function request(state: UiState, r: RequestBody): UiState {
	return {...state, requests: [...state.requests, {...r, id: state.nextId}], nextId: state.nextId + 1};
}

function withHidden(state: UiState, categories: readonly Category[], hide: boolean): UiState {
	const hidden = new Set(state.hidden);
	for (const c of categories) {
		if (hide) hidden.add(c);
		else hidden.delete(c);
	}
	return {...state, hidden};
}

function scrollTo(current: number, by: ScrollBy, ctx: ViewContext): number {
	const height = Math.max(1, ctx.paneHeight ?? 10);
	const length = ctx.paneLength ?? Number.MAX_SAFE_INTEGER;
	const target =
		by === 'top'
			? 0
			: by === 'bottom'
				? length
				: by === 'page'
					? current + height - 1
					: by === '-page'
						? current - height + 1
						: current + by;
	return clampScroll(target, length, height);
}

function listLength(state: UiState, ctx: ViewContext): number {
	return state.mode === 'picker' ? PICKER_CATEGORIES.length : (ctx.ruleIds?.length ?? 0);
}

/** The screen a pane or box opened from `mode` goes back to: the detail stays, anything else is the feed. */
function screenOf(mode: Mode): 'detail' | 'feed' {
	return mode === 'detail' ? 'detail' : 'feed';
}

function closeMode(state: UiState): UiState {
	return {
		...state,
		mode: state.returnMode === state.mode ? 'feed' : state.returnMode,
		returnMode: 'feed',
		paneScroll: 0,
	};
}

/** Commands that read the screen in ctx (the list, the feed height, the pane, the rule order). */
const READS_SCREEN: ReadonlySet<Command['type']> = new Set([
	'move',
	'togglePause',
	'nextHit',
	'openDetail',
	'scroll',
	'jump',
	'cursor',
	'rules/apply',
	'export/open',
	'copy',
	'tree/open',
	'tree/filter',
	'field/move',
	'pivot/add',
	'members/jump',
	'rules/inspect',
	'groups/members',
	'tune/open',
	'story/open',
	'story/jump',
	'mark/toggle',
	'mark/next',
	'copy/field',
	'goto/commit',
]);

/** Whether `next` lists something else than `prev` did: the screen measured for `prev` is stale. */
function viewChanged(prev: UiState, next: UiState): boolean {
	return (
		prev.mode !== next.mode ||
		prev.hidden !== next.hidden ||
		prev.hitsOnly !== next.hitsOnly ||
		prev.ruleId !== next.ruleId ||
		prev.searchText !== next.searchText ||
		prev.process !== next.process ||
		prev.pivots !== next.pivots ||
		prev.findText !== next.findText
	);
}

function withViewRev(prev: UiState, next: UiState): UiState {
	return next !== prev && next.viewRev === prev.viewRev && viewChanged(prev, next)
		? {...next, viewRev: prev.viewRev + 1}
		: next;
}

export function uiReducer(state: UiState, action: Action): UiState {
	return withViewRev(state, reduce(state, action));
}

function applyKey(state: UiState, press: KeyPress, ctx: ViewContext, fresh: boolean): UiState {
	// Matched here, against the mode as it is after the previous key, not in the input
	// handler: "/abc" typed in one burst opens the search and then types "abc".
	const command = commandFor(press, state.mode);
	if (!command) return state;
	// Keys of one burst share the screen of the last render. After "h" that screen lists the old
	// view, so the "k" or "enter" behind it waits for the render of the new one, and so does every
	// key after it, to keep their order. Text typed into a box reads no screen and never waits.
	const stale = !fresh && (state.deferred.length > 0 || (ctx.viewRev !== undefined && ctx.viewRev !== state.viewRev));
	if (stale && (state.deferred.length > 0 || READS_SCREEN.has(command.type)))
		return {...state, deferred: [...state.deferred, press]};
	return applyCommand(state, command, ctx);
}

function reduce(state: UiState, action: Action): UiState {
	switch (action.type) {
		case 'key':
			return applyKey(state, action.press, action.ctx, false);
		case 'keys/replay': {
			// The first waiting key meets the screen it waited for; those after it may wait again.
			let s: UiState = {...state, deferred: []};
			state.deferred.forEach((press, i) => (s = withViewRev(s, applyKey(s, press, action.ctx, i === 0))));
			return s;
		}
		case 'search/apply':
			// A debounce timer may fire after enter or esc: only the text still in the box applies.
			return action.text === state.searchInput && action.text !== state.searchText
				? {...state, searchText: action.text}
				: state;
		case 'requests/done':
			return {...state, requests: state.requests.filter(r => !action.ids.includes(r.id))};
		case 'message':
			return say(state, action.text, action.kind);
		case 'message/clear':
			return state.message?.id === action.id ? {...state, message: undefined} : state;
		default:
			return applyCommand(state, action, action.ctx);
	}
}

function applyCommand(state: UiState, action: Command, ctx: ViewContext): UiState {
	if (CORRELATION_MODES.has(state.mode) || action.type.startsWith('tune/') || action.type === 'rules/inspect') {
		const handled = applyCorrelationCommand(state, action, ctx);
		if (handled) return handled;
	}
	const triage = applyTriageCommand(state, action, ctx);
	if (triage) return triage;
	switch (action.type) {
		case 'move': {
			const {visible, height} = ctx;
			const cur = resolveWindow(state, visible, height);
			const next = moveWindow(
				{count: visible.length, height, top: cur.top, selected: cur.selected, follow: state.follow},
				action.move,
			);
			if (next.follow) return state.follow ? state : followNow(state);
			return pin(state, ctx, next);
		}
		case 'togglePause':
			return state.follow ? pin(state, ctx) : followNow(state);
		case 'follow':
			return followNow(state);
		case 'nextHit': {
			if (state.findText) return nextFind(state, action.direction, ctx);
			const cur = resolveWindow(state, ctx.visible, ctx.height);
			const i = nextHitIndex(ctx.visible, cur.selected, action.direction);
			if (i === undefined) return say(state, 'no rule hits in view');
			return pin(
				state,
				ctx,
				feedWindow({count: ctx.visible.length, height: ctx.height, top: cur.top, selected: i, follow: false}),
			);
		}
		case 'openDetail': {
			// Nothing in view yet but more to come: the detail opens on the first event to arrive that
			// passes the filters (pin holds there), rather than a refusal that stays on screen after
			// that event is shown.
			if (ctx.visible.length === 0 && !ctx.live) return say(state, 'nothing to show: no event passes the filters');
			const members = openMembers(state, ctx);
			if (members) return members;
			if (state.mode === 'detail') return say(state, 'enter lists the events of a correlation hit');
			return {
				...(state.follow ? pin(state, ctx) : state),
				mode: 'detail',
				returnMode: 'feed',
				paneScroll: 0,
				fieldCursor: undefined,
			};
		}
		case 'back': {
			if (state.mode === 'search') return applyCommand(state, {type: 'search/cancel'}, ctx);
			if (state.mode !== 'feed') return closeMode(state);
			if (state.findText) return {...state, findText: '', findInput: ''};
			if (state.pivots.length > 0 || state.process) return removeChip(state);
			if (state.ruleId !== undefined) return {...state, ruleId: undefined};
			if (state.searchText || state.searchInput) return {...state, searchText: '', searchInput: ''};
			return state;
		}
		case 'toggleMode': {
			if (state.mode === action.mode) return closeMode(state);
			return {...state, mode: action.mode, returnMode: screenOf(state.mode), paneScroll: 0};
		}
		case 'toggleHitsOnly':
			return {...state, hitsOnly: !state.hitsOnly};
		case 'toggleFamily': {
			const cats = categoriesOfFamily(action.family);
			const allHidden = cats.every(c => state.hidden.has(c));
			return withHidden(state, cats, !allHidden);
		}
		case 'toggleCategory':
			return withHidden(state, [action.category], !state.hidden.has(action.category));
		case 'showAll':
			return {...state, hidden: new Set(), hitsOnly: false, ruleId: undefined, process: undefined, pivots: []};
		case 'search/open':
			return {...state, mode: 'search', returnMode: screenOf(state.mode), searchInput: state.searchText};
		case 'search/commit':
			return {...state, searchText: state.searchInput, mode: screenOf(state.returnMode), returnMode: 'feed'};
		case 'search/cancel':
			return {
				...state,
				searchText: '',
				searchInput: '',
				mode: state.mode === 'search' ? screenOf(state.returnMode) : state.mode,
				returnMode: 'feed',
			};
		case 'text/insert':
		case 'text/backspace':
		case 'text/clear': {
			const key =
				state.mode === 'search'
					? 'searchInput'
					: state.mode === 'export'
						? 'exportPath'
						: state.mode === 'find'
							? 'findInput'
							: state.mode === 'goto'
								? 'gotoInput'
								: undefined;
			if (!key) return state;
			const old = state[key];
			const value =
				action.type === 'text/insert'
					? old + action.text
					: action.type === 'text/clear'
						? ''
						: Array.from(old).slice(0, -1).join('');
			return {...state, [key]: value};
		}
		case 'scroll':
			return {...state, paneScroll: scrollTo(state.paneScroll, action.by, ctx)};
		case 'jump': {
			const line = ctx.paneSections?.[action.section];
			if (line === undefined)
				return say(
					state,
					action.section === 'hits' ? 'no rule hits on this event' : `no ${action.section} section here`,
				);
			// Again from where it landed: back to the top, the raw event.
			const target = scrollTo(0, line, ctx);
			return {...state, paneScroll: state.paneScroll === target && target > 0 ? 0 : target};
		}
		case 'cursor': {
			if (state.mode === 'tree') return treeCursor(state, action.by, ctx);
			const n = listLength(state, ctx);
			const key = state.mode === 'picker' ? 'pickerIndex' : 'rulesIndex';
			const cur = state[key];
			const target = action.by === 'top' ? 0 : action.by === 'bottom' ? n - 1 : cur + action.by;
			return {...state, [key]: Math.max(0, Math.min(n - 1, target))};
		}
		case 'picker/toggle': {
			const category = PICKER_CATEGORIES[state.pickerIndex];
			return category ? applyCommand(state, {type: 'toggleCategory', category}, ctx) : state;
		}
		case 'rules/apply': {
			const id = ctx.ruleIds?.[state.rulesIndex];
			if (id === undefined) return closeMode(state);
			return {...state, ruleId: state.ruleId === id ? undefined : id, mode: 'feed', returnMode: 'feed'};
		}
		case 'export/open':
			return {
				...state,
				mode: 'export',
				returnMode: 'feed',
				exportPath: exportFileName(ctx.now),
				exportUpToSeq: ctx.visible.at(-1)?.seq ?? 0,
				exportMarked: Boolean(action.marked),
			};
		case 'export/confirm': {
			const path = state.exportPath.trim();
			if (!path) return say(state, 'no file name given', 'error');
			const marked = state.exportMarked ? [...state.marks].sort((a, b) => a - b) : undefined;
			return request(
				{...state, mode: 'feed', returnMode: 'feed'},
				{kind: 'export', path, upToSeq: state.exportUpToSeq, ...(marked ? {marked} : {})},
			);
		}
		case 'members/jump':
		case 'rules/inspect':
		case 'groups/members':
		case 'tune/open':
		case 'tune/toggle':
		case 'tune/apply':
		case 'tune/path':
		case 'tune/write':
			return applyCorrelationCommand(state, action, ctx) ?? state;
		case 'story/open':
		case 'story/jump':
		case 'mark/toggle':
		case 'mark/next':
		case 'copy/field':
			return applyTriageCommand(state, action, ctx) ?? state;
		case 'copy': {
			const ev = selectedEvent(state, ctx.visible, ctx.height);
			return ev ? request(state, {kind: 'copy', seq: ev.seq}) : say(state, 'nothing selected to copy');
		}
		case 'tree/open': {
			if (state.mode === 'tree') return closeMode(state);
			const key = ctx.selectedProcess;
			if (key === undefined) return say(state, 'no process known for this event');
			return {...state, mode: 'tree', returnMode: screenOf(state.mode), treeKey: key, treeCursor: key};
		}
		case 'tree/filter': {
			const rows = ctx.treeRows ?? [];
			const row = rows.find(r => r.key === state.treeCursor) ?? rows[0];
			if (!row) return closeMode(state);
			return {...state, process: {key: row.key, label: row.label}, mode: 'feed', returnMode: 'feed'};
		}
		case 'field/move':
			return moveFieldCursor(state, action.by, ctx);
		case 'pivot/add': {
			const ev = selectedEvent(state, ctx.visible, ctx.height);
			const field = ev && state.fieldCursor?.seq === ev.seq ? ctx.pivotFields?.[state.fieldCursor.index] : undefined;
			if (!field) return say(state, 'move onto a field first: ] next field, [ previous');
			const pivot: Pivot = {key: field.key, value: field.value, exclude: action.exclude};
			const others = state.pivots.filter(p => p.key !== pivot.key || p.value !== pivot.value);
			return say({...state, pivots: [...others, pivot]}, `${sanitizeText(pivotText(pivot), 60)} (x removes it)`);
		}
		case 'pivot/remove':
			return state.pivots.length > 0 || state.process ? removeChip(state) : say(state, 'no chip to remove');
		case 'hscroll': {
			// Bounded by the longest summary a row keeps (the decoders cut command lines at 1,000).
			const hscroll = Math.max(0, Math.min(2000, state.hscroll + action.by));
			return hscroll === state.hscroll ? state : {...state, hscroll};
		}
		case 'toggleWrap':
			return {...state, wrapSelected: !state.wrapSelected};
		case 'find/open':
			return {...state, mode: 'find', returnMode: screenOf(state.mode), findInput: state.findText};
		case 'find/commit': {
			const next = {...state, findText: state.findInput, mode: screenOf(state.returnMode), returnMode: 'feed' as const};
			return next.findText ? say(next, 'n/N: next/previous match, esc: clear') : next;
		}
		case 'find/cancel':
			return {...state, findText: '', findInput: '', mode: screenOf(state.returnMode), returnMode: 'feed'};
		case 'goto/open':
			return {...state, mode: 'goto', returnMode: screenOf(state.mode), gotoInput: ''};
		case 'goto/commit':
			return jumpToTime(state, ctx);
		case 'toggleZone': {
			const zone = state.zone === 'utc' ? 'local' : 'utc';
			return say({...state, zone}, zone === 'utc' ? 'times in UTC' : 'times in local time');
		}
		case 'quit':
			return request(state, {kind: 'quit'});
	}
}

/** enter in the jump prompt: the cursor to the first event in view at or after the time typed. */
function jumpToTime(state: UiState, ctx: ViewContext): UiState {
	const jump = timeJump(ctx.visible, state.gotoInput, state.zone);
	// A typo or a time past the newest event: the prompt stays open with the text, to fix it.
	if (!jump.ok) return say(state, jump.message, 'error');
	const back = {...state, mode: screenOf(state.returnMode), returnMode: 'feed' as const};
	const cur = resolveWindow(state, ctx.visible, ctx.height);
	const win = feedWindow({
		count: ctx.visible.length,
		height: ctx.height,
		top: cur.top,
		selected: jump.index,
		follow: false,
	});
	const at = formatStamp(jump.target, state.zone);
	// A time before the buffer's start lands on its oldest event: say so, not "jumped to" that time.
	const text = jump.early
		? `${at} is before the oldest event in view: at the oldest`
		: `jumped to ${at} (G: the newest again)`;
	return say(pin(back, ctx, win), text);
}

/** n/N with a find: the next (previous) match after (before) the selection, wrapping around. */
function nextFind(state: UiState, direction: 1 | -1, ctx: ViewContext): UiState {
	const seqs = ctx.findSeqs ?? [];
	if (seqs.length === 0) return say(state, 'no match in view');
	return jumpAmong(state, seqs, direction, ctx);
}

/** The newest chip goes: the last pivot, then the process filter. */
function removeChip(state: UiState): UiState {
	if (state.pivots.length > 0) return {...state, pivots: state.pivots.slice(0, -1)};
	return {...state, process: undefined};
}

/** ] and [ over the detail's pivot fields; the pane scrolls to keep the field in sight. */
function moveFieldCursor(state: UiState, by: 1 | -1, ctx: ViewContext): UiState {
	const fields = ctx.pivotFields ?? [];
	const ev = selectedEvent(state, ctx.visible, ctx.height);
	if (!ev || fields.length === 0) return say(state, 'no field to pivot on here');
	const cur = state.fieldCursor?.seq === ev.seq ? state.fieldCursor.index : -1;
	const index = cur < 0 ? (by > 0 ? 0 : fields.length - 1) : Math.max(0, Math.min(fields.length - 1, cur + by));
	const line = fields[index]!.line;
	const height = Math.max(1, ctx.paneHeight ?? 10);
	const inSight = line >= state.paneScroll && line < state.paneScroll + height;
	const paneScroll = inSight
		? state.paneScroll
		: clampScroll(line - Math.floor(height / 2), ctx.paneLength ?? Number.MAX_SAFE_INTEGER, height);
	return {...state, fieldCursor: {seq: ev.seq, index}, paneScroll};
}

/** The tree's cursor moves by rows on screen; it is kept as a key, so a growing tree does not move it. */
function treeCursor(state: UiState, by: number | 'top' | 'bottom', ctx: ViewContext): UiState {
	const rows = ctx.treeRows ?? [];
	if (rows.length === 0) return state;
	const cur = Math.max(
		0,
		rows.findIndex(r => r.key === state.treeCursor),
	);
	const target = by === 'top' ? 0 : by === 'bottom' ? rows.length - 1 : cur + by;
	return {...state, treeCursor: rows[Math.max(0, Math.min(rows.length - 1, target))]!.key};
}
