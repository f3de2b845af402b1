// The whole UI state as one pure reducer: what the keys change, tested without a terminal. Actions
// that depend on what is on screen carry it in `ctx` (the visible list, the feed height), so the
// reducer stays pure and keys that arrive together are applied one after another on fresh state.
import type {Category, EdrEvent, Family} from '../core/event.js';
import {clampScroll, feedWindow, lowerBoundSeq, moveWindow, nextHitIndex, type WindowMove, type WindowState} from '../core/view/index.js';
import {commandFor, type KeyPress} from './key-input.js';
import {categoriesOfFamily, PICKER_CATEGORIES, type Mode} from './modes.js';

export {MODES, TEXT_MODES, TOGGLE_FAMILIES, PICKER_CATEGORIES, categoriesOfFamily, type Mode} from './modes.js';

/** What the screen showed when the key was pressed. */
export interface ViewContext {
	visible: readonly EdrEvent[];
	/** Feed rows on screen. */
	height: number;
	/** Lines of the scrollable pane (detail, help, latency) and its height. */
	paneLength?: number;
	paneHeight?: number;
	/** Rule ids in the order the rules panel lists them. */
	ruleIds?: readonly string[];
	now?: number;
}

export type RequestBody = {kind: 'quit'} | {kind: 'copy'; seq: number} | {kind: 'export'; path: string; upToSeq: number};
export type Request = RequestBody & {id: number};

export interface Message {
	id: number;
	text: string;
	kind: 'info' | 'error';
}

export type ScrollBy = number | 'page' | '-page' | 'top' | 'bottom';

/** What a key (or the app) asks for; `Action` is a command plus the screen context. */
export type Command =
	| {type: 'key'; press: KeyPress}
	| {type: 'move'; move: WindowMove}
	| {type: 'togglePause'}
	| {type: 'follow'}
	| {type: 'nextHit'; direction: 1 | -1}
	| {type: 'openDetail'}
	| {type: 'back'}
	| {type: 'toggleMode'; mode: 'help' | 'latency' | 'picker' | 'rules'}
	| {type: 'toggleHitsOnly'}
	| {type: 'toggleFamily'; family: Family}
	| {type: 'toggleCategory'; category: Category}
	| {type: 'showAll'}
	| {type: 'search/open'}
	| {type: 'search/apply'; text: string}
	| {type: 'search/commit'}
	| {type: 'search/cancel'}
	| {type: 'text/insert'; text: string}
	| {type: 'text/backspace'}
	| {type: 'text/clear'}
	| {type: 'scroll'; by: ScrollBy}
	| {type: 'cursor'; by: number | 'top' | 'bottom'}
	| {type: 'picker/toggle'}
	| {type: 'rules/apply'}
	| {type: 'export/open'}
	| {type: 'export/confirm'}
	| {type: 'copy'}
	| {type: 'quit'}
	| {type: 'requests/done'; ids: readonly number[]}
	| {type: 'message'; text: string; kind?: Message['kind']}
	| {type: 'message/clear'; id: number};

export type Action = Command & {ctx?: ViewContext};

export interface UiState {
	mode: Mode;
	/** Where esc from help or latency goes back to. */
	returnMode: Mode;
	follow: boolean;
	/** Seqs of the selected and top rows while not following (indexes shift as the buffer evicts). */
	selectedSeq?: number;
	topSeq?: number;
	/** Newest visible seq when follow stopped: what came after is "+N new". */
	anchorSeq?: number;
	hidden: ReadonlySet<Category>;
	hitsOnly: boolean;
	ruleId?: string;
	/** The search box as typed, and the text the view applies (debounced, or on enter). */
	searchInput: string;
	searchText: string;
	/** Scroll of the detail, help or latency pane; reset when the selection or the mode changes. */
	paneScroll: number;
	pickerIndex: number;
	rulesIndex: number;
	exportPath: string;
	/** The newest event the export prompt counted: what is written is the view as it was then. */
	exportUpToSeq: number;
	message?: Message;
	/** Side effects for the app to run (quit, copy, export), in order. */
	requests: readonly Request[];
	nextId: number;
}

export interface InitialOptions {
	hiddenCategories?: readonly Category[];
	search?: string;
	hitsOnly?: boolean;
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
		requests: [],
		nextId: 1,
	};
}

const EMPTY_CTX: ViewContext = {visible: [], height: 1};

/** The window (indexes into `visible`) the state shows. */
export function resolveWindow(state: Pick<UiState, 'follow' | 'selectedSeq' | 'topSeq'>, visible: readonly EdrEvent[], height: number): WindowState {
	const count = visible.length;
	if (state.follow) return feedWindow({count, height, top: 0, selected: count - 1, follow: true});
	const selected = state.selectedSeq === undefined ? count - 1 : Math.min(lowerBoundSeq(visible, state.selectedSeq), count - 1);
	const top = state.topSeq === undefined ? Math.max(0, selected - height + 1) : lowerBoundSeq(visible, state.topSeq);
	return feedWindow({count, height, top, selected, follow: false});
}

/** The selected event, if any. */
export function selectedEvent(state: UiState, visible: readonly EdrEvent[], height: number): EdrEvent | undefined {
	return visible[resolveWindow(state, visible, height).selected];
}

/** Leaves follow mode where the window is now (the rows hold still from here on). */
function pin(state: UiState, ctx: ViewContext, win: WindowState = resolveWindow(state, ctx.visible, ctx.height)): UiState {
	const {visible} = ctx;
	const selectedSeq = visible[win.selected]?.seq;
	const changed = selectedSeq !== state.selectedSeq;
	return {
		...state,
		follow: false,
		selectedSeq,
		topSeq: visible[win.top]?.seq,
		anchorSeq: state.follow ? (visible.at(-1)?.seq ?? -1) : state.anchorSeq,
		paneScroll: changed && state.mode === 'detail' ? 0 : state.paneScroll,
	};
}

function followNow(state: UiState): UiState {
	return {...state, follow: true, selectedSeq: undefined, topSeq: undefined, anchorSeq: undefined, paneScroll: state.mode === 'detail' ? 0 : state.paneScroll};
}

function say(state: UiState, text: string, kind: Message['kind'] = 'info'): UiState {
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

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

/** `edrtail-export-20261127-101500.ndjson`, in local time. */
export function defaultExportPath(now: number): string {
	const d = new Date(now);
	return `edrtail-export-${d.getFullYear()}${pad2(d.getMonth() + 1)}${pad2(d.getDate())}-${pad2(d.getHours())}${pad2(d.getMinutes())}${pad2(d.getSeconds())}.ndjson`;
}

function scrollTo(current: number, by: ScrollBy, ctx: ViewContext): number {
	const height = Math.max(1, ctx.paneHeight ?? 10);
	const length = ctx.paneLength ?? Number.MAX_SAFE_INTEGER;
	const target = by === 'top' ? 0 : by === 'bottom' ? length : by === 'page' ? current + height - 1 : by === '-page' ? current - height + 1 : current + by;
	return clampScroll(target, length, height);
}

function listLength(state: UiState, ctx: ViewContext): number {
	return state.mode === 'picker' ? PICKER_CATEGORIES.length : (ctx.ruleIds?.length ?? 0);
}

function closeMode(state: UiState): UiState {
	return {...state, mode: state.returnMode === state.mode ? 'feed' : state.returnMode, returnMode: 'feed', paneScroll: 0};
}

export function uiReducer(state: UiState, action: Action): UiState {
	const ctx = action.ctx ?? EMPTY_CTX;
	switch (action.type) {
		case 'key': {
			// Matched here, against the mode as it is after the previous key, not in the input
			// handler: "/abc" typed in one burst opens the search and then types "abc".
			const command = commandFor(action.press, state.mode);
			return command && command.type !== 'key' ? uiReducer(state, {...command, ctx}) : state;
		}
		case 'move': {
			const {visible, height} = ctx;
			const cur = resolveWindow(state, visible, height);
			const next = moveWindow({count: visible.length, height, top: cur.top, selected: cur.selected, follow: state.follow}, action.move);
			if (next.follow) return state.follow ? state : followNow(state);
			return pin(state, ctx, next);
		}
		case 'togglePause':
			return state.follow ? pin(state, ctx) : followNow(state);
		case 'follow':
			return followNow(state);
		case 'nextHit': {
			const cur = resolveWindow(state, ctx.visible, ctx.height);
			const i = nextHitIndex(ctx.visible, cur.selected, action.direction);
			if (i === undefined) return say(state, 'no rule hits in view');
			return pin(state, ctx, feedWindow({count: ctx.visible.length, height: ctx.height, top: cur.top, selected: i, follow: false}));
		}
		case 'openDetail': {
			if (ctx.visible.length === 0) return say(state, 'nothing to show yet');
			return {...(state.follow ? pin(state, ctx) : state), mode: 'detail', returnMode: 'feed', paneScroll: 0};
		}
		case 'back': {
			if (state.mode === 'search') return uiReducer(state, {type: 'search/cancel'});
			if (state.mode !== 'feed') return closeMode(state);
			if (state.ruleId !== undefined) return {...state, ruleId: undefined};
			if (state.searchText || state.searchInput) return {...state, searchText: '', searchInput: ''};
			return state;
		}
		case 'toggleMode': {
			if (state.mode === action.mode) return closeMode(state);
			const returnMode = state.mode === 'detail' ? 'detail' : 'feed';
			return {...state, mode: action.mode, returnMode, paneScroll: 0};
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
			return {...state, hidden: new Set(), hitsOnly: false, ruleId: undefined};
		case 'search/open':
			return {...state, mode: 'search', returnMode: state.mode === 'detail' ? 'detail' : 'feed', searchInput: state.searchText};
		case 'search/apply':
			// A debounce timer may fire after enter or esc: only the text still in the box applies.
			return action.text === state.searchInput && action.text !== state.searchText ? {...state, searchText: action.text} : state;
		case 'search/commit':
			return {...state, searchText: state.searchInput, mode: state.returnMode === 'detail' ? 'detail' : 'feed', returnMode: 'feed'};
		case 'search/cancel':
			return {...state, searchText: '', searchInput: '', mode: state.mode === 'search' ? (state.returnMode === 'detail' ? 'detail' : 'feed') : state.mode, returnMode: 'feed'};
		case 'text/insert':
		case 'text/backspace':
		case 'text/clear': {
			const key = state.mode === 'search' ? 'searchInput' : state.mode === 'export' ? 'exportPath' : undefined;
			if (!key) return state;
			const old = state[key];
			const value = action.type === 'text/insert' ? old + action.text : action.type === 'text/clear' ? '' : Array.from(old).slice(0, -1).join('');
			return {...state, [key]: value};
		}
		case 'scroll':
			return {...state, paneScroll: scrollTo(state.paneScroll, action.by, ctx)};
		case 'cursor': {
			const n = listLength(state, ctx);
			const key = state.mode === 'picker' ? 'pickerIndex' : 'rulesIndex';
			const cur = state[key];
			const target = action.by === 'top' ? 0 : action.by === 'bottom' ? n - 1 : cur + action.by;
			return {...state, [key]: Math.max(0, Math.min(n - 1, target))};
		}
		case 'picker/toggle': {
			const category = PICKER_CATEGORIES[state.pickerIndex];
			return category ? uiReducer(state, {type: 'toggleCategory', category}) : state;
		}
		case 'rules/apply': {
			const id = ctx.ruleIds?.[state.rulesIndex];
			if (id === undefined) return closeMode(state);
			return {...state, ruleId: state.ruleId === id ? undefined : id, mode: 'feed', returnMode: 'feed'};
		}
		case 'export/open':
			return {...state, mode: 'export', returnMode: 'feed', exportPath: defaultExportPath(ctx.now ?? Date.now()), exportUpToSeq: ctx.visible.at(-1)?.seq ?? 0};
		case 'export/confirm': {
			const path = state.exportPath.trim();
			if (!path) return say(state, 'no file name given', 'error');
			return request({...state, mode: 'feed', returnMode: 'feed'}, {kind: 'export', path, upToSeq: state.exportUpToSeq});
		}
		case 'copy': {
			const ev = selectedEvent(state, ctx.visible, ctx.height);
			return ev ? request(state, {kind: 'copy', seq: ev.seq}) : say(state, 'nothing selected to copy');
		}
		case 'quit':
			return request(state, {kind: 'quit'});
		case 'requests/done':
			return {...state, requests: state.requests.filter(r => !action.ids.includes(r.id))};
		case 'message':
			return say(state, action.text, action.kind);
		case 'message/clear':
			return state.message?.id === action.id ? {...state, message: undefined} : state;
	}
}
