// Time in the reducer: @ opens the jump prompt, enter moves the cursor to the first event in view
// at or after the time typed (read in the zone shown), a bad or too late time keeps the prompt
// open with a message; T toggles UTC and local, and --utc starts in UTC.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../source/core/event.js';
import type {Action, ViewContext} from '../../source/state/actions.js';
import {bindingFor} from '../../source/state/keymap.js';
import {resolveWindow} from '../../source/state/selection.js';
import {initialState, uiReducer, type UiState} from '../../source/state/ui-state.js';
import {makeEvent} from '../helpers/events.js';

const base = Date.parse('2026-11-27T10:40:00Z');
// One event every 30 s from 10:40:00 UTC, the 4th and 5th swapped (two partitions interleaving).
const times = [0, 30, 60, 120, 90, 150, 180, 210, 240, 270].map(s => base + s * 1000);
const visible: EdrEvent[] = times.map((time, i) => makeEvent({seq: i + 1, time}));
const ctx: ViewContext = {visible, height: 4, now: 0};
const press = (name: string, text?: string): Action => ({type: 'key', press: {name, text}, ctx});
const run = (s: UiState, actions: Action[]) => actions.reduce(uiReducer, s);
const typed = (t: string) => [...t].map(c => press(c, c));
const selectedSeq = (s: UiState) => visible[resolveWindow(s, visible, 4).selected]!.seq;
const utc = () => initialState({utc: true});

describe('jump to a time', () => {
	it('@ and T are free keys of their own', () => {
		expect(bindingFor('@', 'feed')?.action).toEqual({type: 'goto/open'});
		expect(bindingFor('@', 'detail')?.action).toEqual({type: 'goto/open'});
		expect(bindingFor('T', 'feed')?.action).toEqual({type: 'toggleZone'});
		// In the prompt they are text.
		expect(bindingFor('@', 'goto')).toBeUndefined();
	});

	it('moves the cursor to the first event at or after a clock time, and stops following', () => {
		const s = run(utc(), [press('@'), ...typed('10:41:30'), press('enter')]);
		expect([s.mode, s.follow]).toEqual(['feed', false]);
		// 10:42:00 (seq 4) comes before 10:41:30 (seq 5) in the feed: the first at or after is seq 4.
		expect(selectedSeq(s)).toBe(4);
		expect(s.message?.text).toBe('jumped to 2026-11-27 10:41:30.000Z (G: the newest again)');
	});

	it('a time before every event lands on the oldest, and says so', () => {
		const s = run(utc(), [press('@'), ...typed('2026-11-27T09:00Z'), press('enter')]);
		expect(selectedSeq(s)).toBe(1);
		expect(s.message?.text).toBe('2026-11-27 09:00:00.000Z is before the oldest event in view: at the oldest');
	});

	it('counts -2m back from the newest event in view', () => {
		const s = run(utc(), [press('@'), ...typed('-2m'), press('enter')]);
		// Newest: 10:44:30; -2m: 10:42:30, seq 6.
		expect(selectedSeq(s)).toBe(6);
	});

	it('reads a clock time in the zone shown: T switches it', () => {
		const saved = process.env.TZ;
		process.env.TZ = 'Asia/Kolkata'; // UTC+05:30
		try {
			const local = run(initialState(), [press('@'), ...typed('16:12'), press('enter')]);
			expect(local.zone).toBe('local');
			// 10:42:00Z, seq 4 (read as UTC, 16:12 would be the day before: seq 1).
			expect(selectedSeq(local)).toBe(4);
			const s = run(initialState(), [press('T')]);
			expect([s.zone, s.message?.text]).toEqual(['utc', 'times in UTC']);
			expect(run(s, [press('T')]).zone).toBe('local');
		} finally {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		}
	});

	it('keeps the prompt open with a message for a bad time or one after the newest event', () => {
		let s = run(utc(), [press('@'), ...typed('10:4x'), press('enter')]);
		expect([s.mode, s.gotoInput, s.follow]).toEqual(['goto', '10:4x', true]);
		expect(s.message?.kind).toBe('error');
		expect(s.message?.text).toContain('try 10:42');
		s = run(s, [press('ctrl+u'), ...typed('2026-11-27T11:00Z'), press('enter')]);
		expect(s.mode).toBe('goto');
		expect(s.message?.text).toBe(
			'no event in view at or after 2026-11-27 11:00:00.000Z (the newest is 2026-11-27 10:44:30.000Z)',
		);
		s = run(s, [press('escape')]);
		expect([s.mode, s.follow]).toEqual(['feed', true]);
	});

	it('from the detail pane it goes back to the detail, on the event it landed on', () => {
		let s = run(utc(), [press('enter')]);
		expect(s.mode).toBe('detail');
		s = run(s, [press('@'), ...typed('10:40'), press('enter')]);
		expect([s.mode, selectedSeq(s)]).toEqual(['detail', 1]);
	});
});
