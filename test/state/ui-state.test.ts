import {describe, expect, it, vi} from 'vitest';
import type {EdrEvent} from '../../source/core/event.js';
import {exportFileName} from '../../source/core/view/export.js';
import {KEYMAP} from '../../source/state/keymap.js';
import {countAfterSeq} from '../../source/core/view/seq.js';
import type {Action, ViewContext} from '../../source/state/actions.js';
import {resolveWindow} from '../../source/state/selection.js';
import {initialState, uiReducer, type UiState} from '../../source/state/ui-state.js';
import {makeEvent} from '../helpers/events.js';

const list = (n: number, from = 1): EdrEvent[] => Array.from({length: n}, (_, i) => makeEvent({seq: from + i}));
const ctxOf = (visible: readonly EdrEvent[], height = 5, extra: Partial<ViewContext> = {}): ViewContext => ({
	visible,
	height,
	now: 0,
	...extra,
});
const run = (state: UiState, actions: Action[]) => actions.reduce(uiReducer, state);
const key = (name: string, ctx: ViewContext, text?: string): Action => ({type: 'key', press: {name, text}, ctx});
const typed = (s: string, ctx: ViewContext): Action[] => [...s].map(c => key(c === ' ' ? 'space' : c, ctx, c));

describe('feed movement and follow', () => {
	const events = list(20);
	const ctx = ctxOf(events);

	it('follows the newest event until the user moves up', () => {
		const s0 = initialState();
		expect(resolveWindow(s0, events, 5)).toEqual({top: 15, selected: 19});
		const s1 = uiReducer(s0, {type: 'move', move: 'up', ctx});
		expect(s1.follow).toBe(false);
		expect(s1.selectedSeq).toBe(19);
		expect(resolveWindow(s1, events, 5).selected).toBe(18);
	});

	it('holds the rows still while new events arrive, and counts them as new', () => {
		const paused = uiReducer(initialState(), {type: 'togglePause', ctx});
		expect(paused.follow).toBe(false);
		const more = [...events, ...list(7, 21)];
		const win = resolveWindow(paused, more, 5);
		expect(more[win.selected]!.seq).toBe(20);
		expect(more[win.top]!.seq).toBe(16);
		expect(countAfterSeq(more, paused.anchorSeq!)).toBe(7);
	});

	it('keeps the selection by seq when the buffer evicts from the front', () => {
		const s = run(initialState(), [
			{type: 'move', move: 'up', ctx},
			{type: 'move', move: 'up', ctx},
		]);
		const evicted = [...events.slice(5), ...list(5, 21)];
		expect(evicted[resolveWindow(s, evicted, 5).selected]!.seq).toBe(18);
	});

	it('G and f follow again; space toggles', () => {
		const up = uiReducer(initialState(), {type: 'move', move: 'top', ctx});
		expect(resolveWindow(up, events, 5).selected).toBe(0);
		expect(uiReducer(up, {type: 'move', move: 'bottom', ctx}).follow).toBe(true);
		expect(uiReducer(up, {type: 'follow', ctx}).follow).toBe(true);
		expect(uiReducer(up, {type: 'togglePause', ctx}).follow).toBe(true);
	});

	it('replays keys that arrived together one by one: "kkk" moves three rows', () => {
		const s = run(initialState(), typed('kkk', ctx));
		expect(resolveWindow(s, events, 5).selected).toBe(16);
	});

	it('n and N jump between events with hits, wrapping around', () => {
		const withHits = events.map(e =>
			e.seq === 4 || e.seq === 12
				? {...e, hits: [{id: 'r', title: 'R', level: 'high' as const, tags: [], fields: []}]}
				: e,
		);
		const c = ctxOf(withHits);
		const s1 = uiReducer(initialState(), {type: 'nextHit', direction: 1, ctx: c});
		expect(s1.selectedSeq).toBe(4);
		expect(uiReducer(s1, {type: 'nextHit', direction: 1, ctx: c}).selectedSeq).toBe(12);
		expect(uiReducer(s1, {type: 'nextHit', direction: -1, ctx: c}).selectedSeq).toBe(12);
		expect(uiReducer(initialState(), {type: 'nextHit', direction: 1, ctx}).message?.text).toMatch(/no rule hits/);
	});
});

describe('keys that arrive together after a key that changes the view (issue 10 #11)', () => {
	const hit = {id: 'r', title: 'R', level: 'high' as const, tags: [], fields: []};
	const all = list(20).map(e => (e.seq === 4 || e.seq === 12 || e.seq === 15 ? {...e, hits: [hit]} : e));
	const hits = all.filter(e => e.hits.length > 0);

	it('"hk" in one burst: k waits for the hits-only view and moves to the previous hit', () => {
		const stale = ctxOf(all, 5, {viewRev: 0});
		const s1 = run(initialState(), [key('h', stale, 'h'), key('k', stale, 'k')]);
		expect(s1.hitsOnly).toBe(true);
		expect(s1.deferred.map(p => p.name)).toEqual(['k']);
		// The app replays it once the view for the new filter is on screen.
		const s2 = uiReducer(s1, {type: 'keys/replay', ctx: ctxOf(hits, 5, {viewRev: s1.viewRev})});
		expect(s2.deferred).toEqual([]);
		expect(resolveWindow(s2, hits, 5).selected).toBe(1);
		expect(s2.selectedSeq).toBe(12);
	});

	it('keys after a deferred one wait too, in order; text typed into a box never waits', () => {
		const stale = ctxOf(all, 5, {viewRev: 0});
		const s1 = run(initialState(), [key('h', stale, 'h'), key('k', stale, 'k'), key('enter', stale)]);
		expect(s1.deferred.map(p => p.name)).toEqual(['k', 'enter']);
		const s2 = uiReducer(s1, {type: 'keys/replay', ctx: ctxOf(hits, 5, {viewRev: s1.viewRev})});
		expect(s2.mode).toBe('detail');
		expect(s2.selectedSeq).toBe(12);
		const typedNow = run(initialState(), typed('/abc', stale));
		expect(typedNow.searchInput).toBe('abc');
		expect(typedNow.deferred).toEqual([]);
	});

	it('"rj" in one burst moves the rules cursor once the panel lists the rules', () => {
		const stale = ctxOf([], 5, {viewRev: 0, ruleIds: []});
		const s1 = run(initialState(), [key('r', stale, 'r'), key('j', stale, 'j')]);
		const s2 = uiReducer(s1, {type: 'keys/replay', ctx: ctxOf([], 5, {viewRev: s1.viewRev, ruleIds: ['a', 'b']})});
		expect(s2.rulesIndex).toBe(1);
	});

	it('space on an empty feed holds at the first event to come; more arriving does not move it', () => {
		const s = uiReducer(initialState(), key('space', ctxOf([], 5, {newestSeq: 20, live: true}), ' '));
		expect(s.follow).toBe(false);
		const later = list(30, 21);
		const win = resolveWindow(s, later, 5);
		expect(later[win.selected]!.seq).toBe(21);
		expect(later[win.top]!.seq).toBe(21);
		expect(countAfterSeq(later, s.anchorSeq!)).toBe(30);
	});

	it('enter on an empty view of a live source opens the detail on the next event to pass the filters', () => {
		const none = ctxOf([], 5, {newestSeq: 20, live: true});
		const s = uiReducer(initialState(), key('enter', none));
		expect(s.mode).toBe('detail');
		expect(s.message).toBeUndefined();
		const later = [...hits, ...list(3, 21).map(e => (e.seq === 22 ? {...e, hits: [hit]} : e))].filter(
			e => e.hits.length > 0,
		);
		expect(later[resolveWindow(s, later, 5).selected]!.seq).toBe(22);
		// More arriving does not move it: the pane holds still, as an opened detail does.
		const more = [...later, {...list(1, 30)[0]!, hits: [hit]}];
		expect(more[resolveWindow(s, more, 5).selected]!.seq).toBe(22);
		const ended = uiReducer(initialState(), key('enter', ctxOf([], 5, {newestSeq: 20, live: false})));
		expect(ended.mode).toBe('feed');
		expect(ended.message?.text).toMatch(/nothing to show/);
	});
});

describe('filters', () => {
	it('a digit toggles a whole family; a second press shows it again', () => {
		const ctx = ctxOf([]);
		const s1 = uiReducer(initialState(), key('1', ctx));
		expect([...s1.hidden].sort()).toEqual(['Process Creation', 'Process Exit', 'Process Termination']);
		expect(uiReducer(s1, key('1', ctx)).hidden.size).toBe(0);
		expect(uiReducer(initialState(), key('8', ctx)).hidden.has('other')).toBe(true);
	});

	it('the picker toggles single categories and 0 shows everything again', () => {
		const ctx = ctxOf([]);
		const s = run(initialState(), [key('c', ctx), key('j', ctx), key('space', ctx, ' '), key('h', ctx)]);
		expect(s.mode).toBe('picker');
		expect([...s.hidden]).toEqual(['Process Termination']);
		const all = run({...s, hitsOnly: true, ruleId: 'x'}, [key('0', ctx)]);
		expect(all.hidden.size).toBe(0);
		expect(all.hitsOnly).toBe(false);
		expect(all.ruleId).toBeUndefined();
	});

	it('h toggles hits-only', () => {
		expect(uiReducer(initialState(), key('h', ctxOf([]))).hitsOnly).toBe(true);
	});

	it('the rules panel filters by the rule under the cursor, in the order it lists them', () => {
		const ctx = ctxOf([], 5, {ruleIds: ['a', 'b', 'c']});
		const s = run(initialState(), [key('r', ctx), key('j', ctx), key('enter', ctx)]);
		expect(s.ruleId).toBe('b');
		expect(s.mode).toBe('feed');
		// esc in the feed clears the rule filter first, then the search.
		const withSearch = {...s, searchText: 'x', searchInput: 'x'};
		const e1 = uiReducer(withSearch, key('escape', ctx));
		expect(e1.ruleId).toBeUndefined();
		expect(e1.searchText).toBe('x');
		expect(uiReducer(e1, key('escape', ctx)).searchText).toBe('');
	});
});

describe('search box', () => {
	const ctx = ctxOf(list(3));

	it('"/abc" typed in one burst opens the search and types abc (keys are matched against the new mode)', () => {
		const s = run(initialState(), typed('/host:ws01 q', ctx));
		expect(s.mode).toBe('search');
		expect(s.searchInput).toBe('host:ws01 q');
		expect(s.requests).toEqual([]);
	});

	it('applies debounced text only while it is still in the box; enter keeps it, esc clears it', () => {
		const typing = run(initialState(), typed('/abc', ctx));
		expect(typing.searchText).toBe('');
		const applied = uiReducer(typing, {type: 'search/apply', text: 'abc'});
		expect(applied.searchText).toBe('abc');
		expect(uiReducer(typing, {type: 'search/apply', text: 'ab'}).searchText).toBe('');
		const kept = uiReducer(typing, key('enter', ctx));
		expect(kept.mode).toBe('feed');
		expect(kept.searchText).toBe('abc');
		const cancelled = uiReducer(applied, key('escape', ctx));
		expect(cancelled.mode).toBe('feed');
		expect(cancelled.searchText).toBe('');
		expect(uiReducer(cancelled, {type: 'search/apply', text: 'abc'}).searchText).toBe('');
	});

	it('backspace and ctrl-u edit the box', () => {
		const s = run(initialState(), [...typed('/abc', ctx), key('backspace', ctx)]);
		expect(s.searchInput).toBe('ab');
		expect(uiReducer(s, key('ctrl+u', ctx)).searchInput).toBe('');
	});
});

describe('modes and requests', () => {
	const events = list(4);
	const ctx = ctxOf(events, 5, {now: new Date(2026, 10, 27, 10, 15, 0).getTime()});

	it('enter opens the detail pinned to the selected event; up/down move it; esc returns', () => {
		const s = run(initialState(), [key('enter', ctx)]);
		expect(s.mode).toBe('detail');
		expect(s.follow).toBe(false);
		expect(s.selectedSeq).toBe(4);
		const up = uiReducer({...s, paneScroll: 7}, key('up', ctx));
		expect(up.selectedSeq).toBe(3);
		expect(up.paneScroll).toBe(0);
		expect(uiReducer(up, key('escape', ctx)).mode).toBe('feed');
	});

	it('scrolls panes within their length', () => {
		const c = ctxOf(events, 5, {paneLength: 30, paneHeight: 10});
		const s = run(initialState(), [key('enter', c), key('pagedown', c), key('pagedown', c), key('pagedown', c)]);
		expect(s.paneScroll).toBe(20);
		expect(uiReducer(s, key('g', c)).paneScroll).toBe(0);
	});

	it('h in the detail jumps to the rule hits and, again, back to the raw event; says so when there are none', () => {
		const c = ctxOf(events, 5, {paneLength: 300, paneHeight: 10, paneSections: {raw: 2, hits: 120, fields: 140}});
		const s = run(initialState(), [key('enter', c), key('h', c, 'h')]);
		expect(s.paneScroll).toBe(120);
		expect(s.hitsOnly).toBe(false);
		expect(uiReducer(s, key('h', c, 'h')).paneScroll).toBe(0);
		const none = run(initialState(), [key('enter', ctx), key('h', ctx, 'h')]);
		expect(none.paneScroll).toBe(0);
		expect(none.message?.text).toBe('no rule hits on this event');
	});

	it('? and l toggle help and latency and return where they came from', () => {
		const s = run(initialState(), [key('enter', ctx), key('?', ctx)]);
		expect(s.mode).toBe('help');
		expect(uiReducer(s, key('?', ctx)).mode).toBe('detail');
		expect(uiReducer(uiReducer(initialState(), key('l', ctx)), key('escape', ctx)).mode).toBe('feed');
	});

	it('p toggles the partitions panel from the feed or the detail, and q or esc goes back', () => {
		const p = uiReducer(initialState(), key('p', ctx));
		expect(p.mode).toBe('partitions');
		expect(uiReducer(p, key('p', ctx)).mode).toBe('feed');
		expect(uiReducer(p, key('q', ctx, 'q')).mode).toBe('feed');
		const fromDetail = run(initialState(), [key('enter', ctx), key('p', ctx)]);
		expect(fromDetail.mode).toBe('partitions');
		expect(uiReducer(fromDetail, key('escape', ctx)).mode).toBe('detail');
	});

	it('w asks for a path with a dated default; enter requests the export', () => {
		const s = uiReducer(initialState(), key('w', ctx));
		expect(s.mode).toBe('export');
		expect(s.exportPath).toBe('edrtail-export-20261127-101500.ndjson');
		expect(exportFileName(ctx.now)).toBe(s.exportPath);
		const typedPath = run(s, [key('ctrl+u', ctx), ...typed('out.ndjson', ctx), key('enter', ctx)]);
		expect(typedPath.mode).toBe('feed');
		// The export is the view as the prompt counted it: up to the newest event visible when w was pressed.
		expect(typedPath.requests).toEqual([
			{id: expect.any(Number), kind: 'export', path: 'out.ndjson', upToSeq: ctx.visible.at(-1)!.seq},
		]);
		const later = {...ctx, visible: [...ctx.visible, {...ctx.visible.at(-1)!, seq: ctx.visible.at(-1)!.seq + 1}]};
		expect(run(s, [key('enter', later)]).requests[0]).toMatchObject({upToSeq: ctx.visible.at(-1)!.seq});
		expect(run(s, [key('ctrl+u', ctx), key('enter', ctx)]).message?.kind).toBe('error');
	});

	it('y requests a copy of the selected event; q and ctrl-c request quit from every mode', () => {
		expect(uiReducer(initialState(), key('y', ctx)).requests).toEqual([{id: expect.any(Number), kind: 'copy', seq: 4}]);
		for (const opener of [[], ['enter'], ['/'], ['?'], ['l'], ['c'], ['r'], ['w']]) {
			const s = run(
				initialState(),
				opener.map(k => key(k, ctx, k)),
			);
			const quit = uiReducer(s, key('ctrl+c', ctx));
			expect(quit.requests.some(r => r.kind === 'quit')).toBe(true);
		}
		expect(uiReducer(initialState(), key('q', ctx)).requests[0]?.kind).toBe('quit');
		const done = uiReducer(uiReducer(initialState(), key('q', ctx)), {type: 'requests/done', ids: [1]});
		expect(done.requests).toEqual([]);
	});

	it('messages clear only themselves', () => {
		const s = uiReducer(initialState(), {type: 'message', text: 'hello'});
		expect(uiReducer(s, {type: 'message/clear', id: s.message!.id + 1}).message?.text).toBe('hello');
		expect(uiReducer(s, {type: 'message/clear', id: s.message!.id}).message).toBeUndefined();
	});

	it('reads no clock: the time of the key comes with it', () => {
		const clock = vi.spyOn(Date, 'now').mockImplementation(() => {
			throw new Error('the reducer read the clock');
		});
		for (const b of KEYMAP)
			for (const mode of b.modes) {
				const state = {...initialState(), mode, follow: false};
				expect(
					() => uiReducer(state, {...b.action, ctx: {...ctx, ruleIds: ['r1']}}),
					`${mode} ${b.keys[0]}`,
				).not.toThrow();
			}
		clock.mockRestore();
		const later = {...ctx, now: new Date(2027, 0, 2, 3, 4, 5).getTime()};
		expect(uiReducer(initialState(), key('w', later)).exportPath).toBe('edrtail-export-20270102-030405.ndjson');
	});

	it('starts from the cli options', () => {
		const s = initialState({hiddenCategories: ['DNS'], search: 'regsvr32', hitsOnly: true});
		expect(s.hidden.has('DNS')).toBe(true);
		expect(s.searchText).toBe('regsvr32');
		expect(s.hitsOnly).toBe(true);
	});
});
