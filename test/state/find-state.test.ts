// Find in the reducer: F opens the box, enter keeps it, n/N jump between its matches (wrapping)
// instead of between rule hits, esc in the feed clears it before anything else.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../source/core/event.js';
import type {Action, ViewContext} from '../../source/state/actions.js';
import {resolveWindow} from '../../source/state/selection.js';
import {initialState, uiReducer, type UiState} from '../../source/state/ui-state.js';
import {makeEvent} from '../helpers/events.js';

const visible: EdrEvent[] = Array.from({length: 10}, (_, i) => makeEvent({seq: i + 1}));
const ctx: ViewContext = {visible, height: 4, now: 0, findSeqs: [2, 5, 9]};
const press = (name: string, text?: string): Action => ({type: 'key', press: {name, text}, ctx});
const run = (s: UiState, actions: Action[]) => actions.reduce(uiReducer, s);
const typed = (t: string) => [...t].map(c => press(c, c));
const selectedSeq = (s: UiState) => visible[resolveWindow(s, visible, 4).selected]!.seq;

describe('find', () => {
	it('F types into its own box; enter keeps it without narrowing; esc in the box clears it', () => {
		let s = run(initialState(), [press('F'), ...typed('calc'), press('enter')]);
		expect([s.mode, s.findText, s.searchText]).toEqual(['feed', 'calc', '']);
		s = run(s, [press('F'), press('backspace'), press('escape')]);
		expect([s.mode, s.findText]).toEqual(['feed', '']);
	});

	it('n/N go to the next and previous match from the selection, wrapping around', () => {
		let s = run(initialState(), [press('F'), ...typed('x'), press('enter')]);
		// Following: the selection is the newest event (seq 10); n wraps to the first match.
		s = run(s, [press('n')]);
		expect(selectedSeq(s)).toBe(2);
		s = run(s, [press('n')]);
		expect(selectedSeq(s)).toBe(5);
		s = run(s, [press('N')]);
		expect(selectedSeq(s)).toBe(2);
		s = run(s, [press('N')]);
		expect(selectedSeq(s)).toBe(9);
	});

	it('without matches n says so; without a find n still jumps between rule hits', () => {
		const none = run(initialState(), [press('F'), ...typed('x'), press('enter')]);
		const noMatch: Action = {type: 'key', press: {name: 'n'}, ctx: {...ctx, findSeqs: []}};
		expect(uiReducer(none, noMatch).message?.text).toBe('no match in view');
		expect(uiReducer(initialState(), press('n')).message?.text).toBe('no rule hits in view');
	});

	it('esc in the feed clears the find first, then the chips', () => {
		let s = run({...initialState(), pivots: [{key: 'host', value: 'WS01', exclude: false}]}, [
			press('F'),
			...typed('x'),
			press('enter'),
			press('escape'),
		]);
		expect([s.findText, s.pivots.length]).toEqual(['', 1]);
		s = run(s, [press('escape')]);
		expect(s.pivots).toEqual([]);
	});
});
