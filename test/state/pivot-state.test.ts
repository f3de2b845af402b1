// Pivot keys in the reducer: ] and [ walk the detail's pivot fields (scrolling to them), + and -
// add a chip, x and esc remove the newest chip first.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../source/core/event.js';
import type {Action, ViewContext} from '../../source/state/actions.js';
import {initialState, uiReducer, type UiState} from '../../source/state/ui-state.js';
import {makeEvent} from '../helpers/events.js';

const visible: EdrEvent[] = Array.from({length: 3}, (_, i) => makeEvent({seq: i + 1}));
const pivotFields = [
	{key: 'host' as const, value: 'WS01', line: 40},
	{key: 'user' as const, value: 'alice', line: 42},
	{key: 'image' as const, value: 'C:\\x\\cmd.exe', line: 80},
];
const ctx = (extra: Partial<ViewContext> = {}): ViewContext => ({
	visible,
	height: 5,
	now: 0,
	pivotFields,
	paneHeight: 10,
	paneLength: 100,
	...extra,
});
const key = (name: string, c = ctx()): Action => ({type: 'key', press: {name}, ctx: c});
const run = (s: UiState, names: string[]) => names.reduce((st, n) => uiReducer(st, key(n)), s);

describe('pivot keys', () => {
	it('] and [ move over the fields and scroll the pane to the one under the cursor', () => {
		let s = run(initialState(), ['enter', ']']);
		expect(s.fieldCursor).toEqual({seq: 3, index: 0});
		expect(s.paneScroll).toBe(35);
		s = run(s, [']', ']', ']']);
		expect(s.fieldCursor?.index).toBe(2);
		expect(s.paneScroll).toBe(75);
		s = run(s, ['[']);
		expect(s.fieldCursor?.index).toBe(1);
	});

	it('+ keeps, - hides; the same value again replaces its chip; x and esc remove the newest first', () => {
		let s = run(initialState(), ['enter', ']', '+', ']', '-']);
		expect(s.pivots).toEqual([
			{key: 'host', value: 'WS01', exclude: false},
			{key: 'user', value: 'alice', exclude: true},
		]);
		s = run(s, ['+']);
		expect(s.pivots.map(p => [p.key, p.exclude])).toEqual([
			['host', false],
			['user', false],
		]);
		s = run(s, ['x']);
		expect(s.pivots.map(p => p.key)).toEqual(['host']);
		s = run({...s, process: {key: 'k', label: 'cmd.exe'}}, ['escape']);
		expect([s.mode, s.pivots.length, s.process?.key]).toEqual(['feed', 1, 'k']);
		s = run(s, ['escape']);
		expect([s.pivots.length, s.process?.key]).toEqual([0, 'k']);
		s = run(s, ['escape']);
		expect(s.process).toBeUndefined();
		expect(run(s, ['x']).message?.text).toBe('no chip to remove');
	});

	it('another event starts with no field; 0 clears the chips with everything else', () => {
		let s = run(initialState(), ['enter', ']', ']']);
		s = uiReducer(s, key('k'));
		expect(run(s, ['+']).message?.text).toMatch(/move onto a field first/);
		s = run(s, [']', '+']);
		expect(s.pivots).toHaveLength(1);
		expect(run(s, ['escape', '0']).pivots).toEqual([]);
	});
});
