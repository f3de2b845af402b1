// Window maths for the feed (and any scrolled list or pane): which rows are on screen and which
// one is selected. Pure; indexes refer to the visible list, oldest first, newest at the bottom.
import type {EdrEvent} from '../event.js';
import {lowerBoundSeq} from './seq.js';

export interface WindowState {
	/** Index of the first row on screen. */
	top: number;
	/** Index of the selected row; -1 when the list is empty. */
	selected: number;
}

export interface WindowInput extends WindowState {
	count: number;
	/** Rows on screen. */
	height: number;
	/** Follow mode pins the selection and the window to the newest row. */
	follow: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** Clamps a scroll offset so a viewport of `viewport` rows stays within `contentLength` rows. */
export function clampScroll(offset: number, contentLength: number, viewport: number): number {
	const max = Math.max(0, contentLength - Math.max(0, viewport));
	return Number.isFinite(offset) ? clamp(Math.trunc(offset), 0, max) : offset > 0 ? max : 0;
}

/**
 * Where the window and selection are: follow pins both to the bottom; otherwise the selection is
 * clamped to the list and the window moves only as far as needed to keep it on screen, so rows
 * hold still while new events arrive below.
 */
export function feedWindow({count, height, selected, top, follow}: WindowInput): WindowState {
	const h = Math.max(1, Math.trunc(height) || 1);
	if (count <= 0) return {top: 0, selected: -1};
	if (follow) return {top: Math.max(0, count - h), selected: count - 1};
	const sel = clamp(Number.isFinite(selected) ? Math.trunc(selected) : count - 1, 0, count - 1);
	let t = clampScroll(top, count, h);
	if (sel < t) t = sel;
	else if (sel >= t + h) t = sel - h + 1;
	return {top: t, selected: sel};
}

export type WindowMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'halfPageUp' | 'halfPageDown' | 'top' | 'bottom';

/**
 * The window after a key. Moving up or to the top leaves follow mode (like a pager); `bottom`
 * (G) follows again; paging moves the window and the selection by a page.
 */
export function moveWindow(input: WindowInput, move: WindowMove, repeat = 1): WindowState & {follow: boolean} {
	const h = Math.max(1, Math.trunc(input.height) || 1);
	const n = Math.max(1, Math.trunc(repeat) || 1);
	const cur = feedWindow(input);
	if (input.count <= 0) return {...cur, follow: move === 'bottom' ? true : input.follow};
	const page = move === 'halfPageUp' || move === 'halfPageDown' ? Math.max(1, Math.floor(h / 2)) : h;
	let {top, selected} = cur;
	let follow = false;
	switch (move) {
		case 'up':
			selected -= n;
			break;
		case 'down':
			// Down at the newest row while following stays in follow mode.
			if (input.follow) return {...cur, follow: true};
			selected += n;
			break;
		case 'pageUp':
		case 'halfPageUp':
			selected -= page * n;
			top -= page * n;
			break;
		case 'pageDown':
		case 'halfPageDown':
			if (input.follow) return {...cur, follow: true};
			selected += page * n;
			top += page * n;
			break;
		case 'top':
			selected = 0;
			top = 0;
			break;
		case 'bottom':
			follow = true;
			break;
	}
	return {...feedWindow({count: input.count, height: h, selected, top, follow}), follow};
}

/**
 * Keeps a paused or scrolled view still across a new buffer: the rows on screen and the selection
 * are found again by seq (the buffer may have evicted from the front, shifting every index). An
 * evicted selection moves to the oldest remaining row.
 */
export function holdWindow(
	prev: readonly EdrEvent[],
	win: WindowState,
	next: readonly EdrEvent[],
	height: number,
): WindowState {
	if (prev === next) return feedWindow({count: next.length, height, ...win, follow: false});
	const topEv = prev[win.top];
	const selEv = prev[win.selected];
	const top = topEv ? lowerBoundSeq(next, topEv.seq) : win.top;
	const selected = selEv ? lowerBoundSeq(next, selEv.seq) : win.selected;
	return feedWindow({count: next.length, height, top, selected, follow: false});
}
