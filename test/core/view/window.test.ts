import {describe, expect, it} from 'vitest';
import {clampScroll, feedWindow, holdWindow, moveWindow} from '../../../source/core/view/window.js';
import {countAfterSeq} from '../../../source/core/view/seq.js';
import {makeEvent} from './make-event.js';

const list = (from: number, to: number) => Array.from({length: to - from + 1}, (_, i) => makeEvent(from + i));

describe('feedWindow', () => {
	it('pins to the bottom in follow mode', () => {
		expect(feedWindow({count: 100, height: 10, selected: 3, top: 0, follow: true})).toEqual({top: 90, selected: 99});
		expect(feedWindow({count: 4, height: 10, selected: 0, top: 0, follow: true})).toEqual({top: 0, selected: 3});
	});

	it('keeps the selection on screen, moving the window as little as possible', () => {
		expect(feedWindow({count: 100, height: 10, selected: 50, top: 45, follow: false})).toEqual({top: 45, selected: 50});
		expect(feedWindow({count: 100, height: 10, selected: 60, top: 45, follow: false})).toEqual({top: 51, selected: 60});
		expect(feedWindow({count: 100, height: 10, selected: 40, top: 45, follow: false})).toEqual({top: 40, selected: 40});
	});

	it('holds still when events are appended while paused', () => {
		const before = feedWindow({count: 100, height: 10, selected: 50, top: 45, follow: false});
		expect(feedWindow({count: 150, height: 10, ...before, follow: false})).toEqual(before);
	});

	it('clamps to the list and handles an empty list', () => {
		expect(feedWindow({count: 5, height: 10, selected: 99, top: 99, follow: false})).toEqual({top: 0, selected: 4});
		expect(feedWindow({count: 0, height: 10, selected: 3, top: 2, follow: false})).toEqual({top: 0, selected: -1});
		expect(feedWindow({count: 10, height: 0, selected: 9, top: 0, follow: false})).toEqual({top: 9, selected: 9});
	});
});

describe('moveWindow', () => {
	const at = {count: 100, height: 10, top: 90, selected: 99, follow: true};
	it('leaves follow mode when scrolling up, and G follows again', () => {
		expect(moveWindow(at, 'up')).toEqual({top: 90, selected: 98, follow: false});
		expect(moveWindow({...at, selected: 50, top: 45, follow: false}, 'bottom')).toEqual({
			top: 90,
			selected: 99,
			follow: true,
		});
		expect(moveWindow(at, 'down')).toEqual({top: 90, selected: 99, follow: true});
	});

	it('pages by a page and jumps to the top', () => {
		expect(moveWindow({...at, follow: false}, 'pageUp')).toEqual({top: 80, selected: 89, follow: false});
		expect(moveWindow({...at, follow: false, top: 0, selected: 0}, 'pageDown')).toEqual({
			top: 10,
			selected: 10,
			follow: false,
		});
		expect(moveWindow({...at, follow: false, top: 40, selected: 45}, 'halfPageUp')).toEqual({
			top: 35,
			selected: 40,
			follow: false,
		});
		expect(moveWindow(at, 'top')).toEqual({top: 0, selected: 0, follow: false});
		expect(moveWindow({...at, follow: false, top: 0, selected: 2}, 'up', 5)).toEqual({
			top: 0,
			selected: 0,
			follow: false,
		});
	});
});

describe('holdWindow', () => {
	it('keeps the same rows on screen when the buffer evicts from the front', () => {
		const prev = list(1, 100);
		const next = list(21, 120); // 20 evicted, 20 new
		const held = holdWindow(prev, {top: 40, selected: 45}, next, 10);
		expect(next[held.top]!.seq).toBe(41);
		expect(next[held.selected]!.seq).toBe(46);
	});

	it('moves an evicted selection to the oldest remaining row', () => {
		const held = holdWindow(list(1, 100), {top: 0, selected: 2}, list(51, 150), 10);
		expect(held).toEqual({top: 0, selected: 0});
	});

	it('counts events that arrived after the pause', () => {
		expect(countAfterSeq(list(21, 120), 100)).toBe(20);
		expect(countAfterSeq(list(21, 120), 200)).toBe(0);
	});
});

describe('clampScroll', () => {
	it('keeps a scroll offset within the content', () => {
		expect(clampScroll(-3, 100, 10)).toBe(0);
		expect(clampScroll(95, 100, 10)).toBe(90);
		expect(clampScroll(5, 3, 10)).toBe(0);
		expect(clampScroll(Infinity, 100, 10)).toBe(90);
	});
});
