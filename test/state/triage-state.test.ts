// The storyline view, marks and the field copy in the reducer: s opens the selected event's story
// with the cursor on it (kept as a seq), enter opens the detail and esc comes back; m marks, u/U
// jump between marks in view, W writes only the marked events; Y copies the field under the cursor.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../source/core/event.js';
import type {Action, ViewContext} from '../../source/state/actions.js';
import {liveMarks} from '../../source/state/triage-ui.js';
import {initialState, uiReducer, type UiState} from '../../source/state/ui-state.js';
import {makeEvent} from '../helpers/events.js';

const visible: EdrEvent[] = Array.from({length: 6}, (_, i) => makeEvent({seq: i + 1}));
const selectedStory = {key: {kind: 'storyline' as const, id: 'SL-A'}, label: 'regsvr32.exe (3)'};
const ctx = (extra: Partial<ViewContext> = {}): ViewContext => ({
	visible,
	height: 6,
	now: 0,
	oldestSeq: 1,
	...extra,
});
const key = (name: string, c: ViewContext): Action => ({type: 'key', press: {name}, ctx: c});
const run = (s: UiState, actions: Action[]) => actions.reduce(uiReducer, s);
const selectedSeq = (s: UiState) => s.selectedSeq;

describe('the storyline view', () => {
	it('s opens the story of the selected event, the cursor on it; the feed holds still', () => {
		const s = uiReducer(initialState(), key('s', ctx({selectedStory, storySeqs: [2, 6, 4]})));
		expect(s.mode).toBe('story');
		expect(s.story).toEqual({...selectedStory, cursorSeq: 6});
		expect(s.follow).toBe(false);
	});

	it('s on an event with no story says so', () => {
		const s = uiReducer(initialState(), key('s', ctx()));
		expect(s.mode).toBe('feed');
		expect(s.message?.text).toMatch(/no storyline/);
	});

	it('j/k move in story order; the cursor is a seq, so events joining the story do not move it', () => {
		const c = ctx({selectedStory, storySeqs: [2, 6, 4]});
		let s = run(initialState(), [key('s', c), key('j', c)]);
		expect(s.story?.cursorSeq).toBe(4);
		s = run(s, [key('g', c)]);
		expect(s.story?.cursorSeq).toBe(2);
		const grown = ctx({selectedStory, storySeqs: [1, 2, 6, 4]});
		s = run(s, [key('j', grown)]);
		expect(s.story?.cursorSeq).toBe(6);
	});

	it('enter opens the event in the detail; esc goes back to the story, esc again to the feed', () => {
		const c = ctx({selectedStory, storySeqs: [2, 6, 4]});
		let s = run(initialState(), [key('s', c), key('g', c), key('enter', c)]);
		expect([s.mode, selectedSeq(s), s.returnMode]).toEqual(['detail', 2, 'story']);
		s = uiReducer(s, key('escape', c));
		expect(s.mode).toBe('story');
		expect(s.story?.cursorSeq).toBe(2);
		s = uiReducer(s, key('escape', c));
		expect(s.mode).toBe('feed');
	});

	it('enter on an event the filters hide clears them so the detail lands on it', () => {
		const shown = visible.filter(e => e.seq !== 4);
		const c = ctx({visible: shown, selectedStory, storySeqs: [2, 6, 4]});
		const start: UiState = {...initialState(), searchText: 'x', searchInput: 'x', hitsOnly: true};
		const s = run(start, [key('s', c), key('G', c), key('enter', c)]);
		expect([s.mode, selectedSeq(s), s.searchText, s.hitsOnly]).toEqual(['detail', 4, '', false]);
		expect(s.message?.text).toMatch(/filters cleared/);
	});

	it('s from the detail opens the story; s again closes it back to the detail', () => {
		const c = ctx({selectedStory, storySeqs: [6]});
		let s = run(initialState(), [key('enter', c), key('s', c)]);
		expect([s.mode, s.returnMode]).toEqual(['story', 'detail']);
		s = uiReducer(s, key('s', c));
		expect(s.mode).toBe('detail');
	});
});

describe('marks', () => {
	it('m marks the selected event and unmarks it again, saying how many are marked', () => {
		const c = ctx();
		let s = run(initialState(), [key('k', c), key('m', c)]);
		expect([...s.marks]).toEqual([5]);
		expect(s.message?.text).toMatch(/marked #5 · 1 marked/);
		s = uiReducer(s, key('m', c));
		expect(s.marks.size).toBe(0);
		expect(s.message?.text).toMatch(/unmarked #5/);
	});

	it('m in the story marks the event under its cursor', () => {
		const c = ctx({selectedStory, storySeqs: [2, 6, 4]});
		const s = run(initialState(), [key('s', c), key('g', c), key('m', c)]);
		expect([...s.marks]).toEqual([2]);
	});

	it('u/U jump to the next/previous mark in view, wrapping; a mark the filters hide is skipped', () => {
		const c = ctx();
		let s: UiState = {...initialState(), marks: new Set([2, 4, 5])};
		s = run(s, [key('g', c), key('u', c)]);
		expect(selectedSeq(s)).toBe(2);
		s = uiReducer(s, key('u', c));
		expect(selectedSeq(s)).toBe(4);
		s = uiReducer(s, key('U', c));
		expect(selectedSeq(s)).toBe(2);
		s = uiReducer(s, key('U', c));
		expect(selectedSeq(s)).toBe(5);
		const without4 = ctx({visible: visible.filter(e => e.seq !== 4)});
		s = run({...s, selectedSeq: 2}, [key('u', without4)]);
		expect(selectedSeq(s)).toBe(5);
	});

	it('u with no marks, or none in view, says so', () => {
		let s = uiReducer(initialState(), key('u', ctx()));
		expect(s.message?.text).toMatch(/no marks/);
		s = uiReducer({...initialState(), marks: new Set([9])}, key('u', ctx({visible: visible.slice(0, 3)})));
		expect(s.message?.text).toMatch(/no marked event in view/);
	});

	it('W writes only the marked events, by seq, whatever the view; w still writes the view', () => {
		const c = ctx();
		let s: UiState = {...initialState(), marks: new Set([5, 2])};
		s = run(s, [key('W', c)]);
		expect([s.mode, s.exportMarked]).toEqual(['export', true]);
		s = uiReducer(s, key('enter', c));
		expect(s.requests.at(-1)).toMatchObject({kind: 'export', marked: [2, 5]});
		s = run(s, [key('w', c), key('enter', c)]);
		expect(s.exportMarked).toBe(false);
		expect(s.requests.at(-1)).not.toHaveProperty('marked');
	});

	it('W refuses when no mark is left in the buffer, saying why', () => {
		let s = uiReducer(initialState(), key('W', ctx()));
		expect([s.mode, s.message?.text]).toEqual(['feed', 'no marked events: m marks the selected one']);
		s = uiReducer({...initialState(), marks: new Set([1])}, key('W', ctx({oldestSeq: 3})));
		expect([s.mode, s.message?.text]).toEqual(['feed', 'the marked events left the buffer']);
	});

	it('marks on evicted events do not count as live', () => {
		expect(liveMarks(new Set([9, 1, 4]), 3)).toEqual([4, 9]);
		expect(liveMarks(new Set([1]), undefined)).toEqual([]);
	});
});

describe('Y: copy the field under the cursor', () => {
	const pivotFields = [
		{key: 'host' as const, value: 'WS01', line: 10},
		{key: 'cmdline' as const, value: 'regsvr32 /s \u001b[31m\u202escrobj.dll', line: 11},
	];

	it('copies the field under the pivot cursor, escaped, as a copy request', () => {
		const c = ctx({pivotFields});
		const s = run(initialState(), [key('enter', c), key(']', c), key(']', c), key('Y', c)]);
		const req = s.requests.at(-1);
		expect(req).toMatchObject({kind: 'copy-text', what: 'the cmdline'});
		const text = (req as {text: string}).text;
		expect(text).toContain('regsvr32 /s');
		expect(text).not.toMatch(/[\u001b\u202e]/);
	});

	it('with no field under the cursor, says how to get one', () => {
		const s = run(initialState(), [key('enter', ctx({pivotFields})), key('Y', ctx({pivotFields}))]);
		expect(s.requests).toEqual([]);
		expect(s.message?.text).toMatch(/move onto a field first/);
	});
});
