// The process tree's keys in the reducer: t opens the selected event's process, the cursor moves
// by rows and is kept as a key, enter narrows the feed to one process, esc in the feed undoes it.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../source/core/event.js';
import type {Action, ViewContext} from '../../source/state/actions.js';
import {initialState, uiReducer, type UiState} from '../../source/state/ui-state.js';
import {makeEvent} from '../helpers/events.js';

const visible: EdrEvent[] = Array.from({length: 5}, (_, i) => makeEvent({seq: i + 1}));
const rows = [
	{key: 'root', label: 'explorer.exe (1)'},
	{key: 'cmd', label: 'cmd.exe (2)'},
	{key: 'reg', label: 'regsvr32.exe (3)'},
	{key: 'calc', label: 'calc.exe (4)'},
];
const ctx = (extra: Partial<ViewContext> = {}): ViewContext => ({visible, height: 5, now: 0, ...extra});
const key = (name: string, c: ViewContext): Action => ({type: 'key', press: {name}, ctx: c});
const run = (s: UiState, actions: Action[]) => actions.reduce(uiReducer, s);

describe('process tree keys', () => {
	it("t opens the selected event's process; the cursor starts on it", () => {
		const s = uiReducer(initialState(), key('t', ctx({selectedProcess: 'reg'})));
		expect([s.mode, s.treeKey, s.treeCursor, s.returnMode]).toEqual(['tree', 'reg', 'reg', 'feed']);
	});

	it('t on an event without a known process says so and stays', () => {
		const s = uiReducer(initialState(), key('t', ctx()));
		expect(s.mode).toBe('feed');
		expect(s.message?.text).toMatch(/no process/);
	});

	it('j/k/g/G move over the rows; the cursor is a key, so rows added above do not move it', () => {
		const c = ctx({selectedProcess: 'reg', treeRows: rows});
		let s = run(initialState(), [key('t', c), key('j', c)]);
		expect(s.treeCursor).toBe('calc');
		s = run(s, [key('j', c)]);
		expect(s.treeCursor).toBe('calc');
		s = run(s, [key('g', c)]);
		expect(s.treeCursor).toBe('root');
		s = run(s, [key('G', c), key('k', c)]);
		expect(s.treeCursor).toBe('reg');
		const grown = ctx({treeRows: [{key: 'smss', label: 'smss.exe'}, ...rows]});
		s = run(s, [key('k', grown)]);
		expect(s.treeCursor).toBe('cmd');
	});

	it('enter keeps only the process under the cursor; esc in the feed clears it before the search', () => {
		const c = ctx({selectedProcess: 'reg', treeRows: rows});
		let s = run({...initialState(), searchText: 'x', searchInput: 'x'}, [key('t', c), key('k', c), key('enter', c)]);
		expect(s.mode).toBe('feed');
		expect(s.process).toEqual({key: 'cmd', label: 'cmd.exe (2)'});
		expect(s.viewRev).toBeGreaterThan(0);
		s = uiReducer(s, key('escape', c));
		expect(s.process).toBeUndefined();
		expect(s.searchText).toBe('x');
		s = uiReducer(s, key('escape', c));
		expect(s.searchText).toBe('');
	});

	it('esc and t close the tree back to the pane it was opened from; 0 clears the process filter', () => {
		const c = ctx({selectedProcess: 'reg', treeRows: rows});
		const detail = {...initialState(), mode: 'detail' as const};
		expect(run(detail, [key('t', c), key('escape', c)]).mode).toBe('detail');
		expect(run(detail, [key('t', c), key('t', c)]).mode).toBe('detail');
		const filtered = run(initialState(), [key('t', c), key('enter', c)]);
		expect(uiReducer(filtered, key('0', c)).process).toBeUndefined();
	});
});
