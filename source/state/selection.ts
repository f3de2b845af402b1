// Where the feed's selection and window are. While following, the newest row; once the user moves,
// both are kept as seqs (indexes shift as the buffer evicts) and found again in each new list.
import type {EdrEvent} from '../core/event.js';
import {feedWindow, lowerBoundSeq, type WindowState} from '../core/view/index.js';
import type {ViewContext} from './actions.js';
import type {Mode} from './modes.js';

/** The part of the UI state that says where the feed is. */
export interface FeedPosition {
	mode: Mode;
	follow: boolean;
	/** Seqs of the selected and top rows while not following (indexes shift as the buffer evicts). */
	selectedSeq?: number;
	topSeq?: number;
	/** Newest visible seq when follow stopped: what came after is "+N new". */
	anchorSeq?: number;
	/** Scroll of the detail, help or latency pane; reset when the selection or the mode changes. */
	paneScroll: number;
}

export type Selection = Pick<FeedPosition, 'follow' | 'selectedSeq' | 'topSeq'>;

/** The window (indexes into `visible`) the state shows. */
export function resolveWindow(state: Selection, visible: readonly EdrEvent[], height: number): WindowState {
	const count = visible.length;
	if (state.follow) return feedWindow({count, height, top: 0, selected: count - 1, follow: true});
	const last = count - 1;
	const selected = state.selectedSeq === undefined ? last : Math.min(lowerBoundSeq(visible, state.selectedSeq), last);
	const top = state.topSeq === undefined ? Math.max(0, selected - height + 1) : lowerBoundSeq(visible, state.topSeq);
	return feedWindow({count, height, top, selected, follow: false});
}

/** The selected event, if any. */
export function selectedEvent(state: Selection, visible: readonly EdrEvent[], height: number): EdrEvent | undefined {
	return visible[resolveWindow(state, visible, height).selected];
}

/** Leaves follow mode where the window is now (the rows hold still from here on). */
export function pin<S extends FeedPosition>(
	state: S,
	ctx: ViewContext,
	win = resolveWindow(state, ctx.visible, ctx.height),
): S {
	const {visible} = ctx;
	if (visible.length === 0) {
		// Nothing shown yet: hold at the first event still to come (the seq after the newest one
		// buffered), not at "the newest", which would keep moving as events arrive.
		const first = (ctx.newestSeq ?? 0) + 1;
		const paneScroll = state.mode === 'detail' ? 0 : state.paneScroll;
		return {
			...state,
			follow: false,
			selectedSeq: first,
			topSeq: first,
			anchorSeq: state.follow ? first - 1 : state.anchorSeq,
			paneScroll,
		};
	}
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

/** Back to following the newest event; the detail pane, now on another event, scrolls to its top. */
export function followNow<S extends FeedPosition>(state: S): S {
	const paneScroll = state.mode === 'detail' ? 0 : state.paneScroll;
	return {...state, follow: true, selectedSeq: undefined, topSeq: undefined, anchorSeq: undefined, paneScroll};
}

/**
 * The next (previous) of `seqs` (ascending seqs of visible events) after (before) the selection,
 * wrapping around: n/N between find matches, u/U between marks.
 */
export function jumpAmong<S extends FeedPosition>(
	state: S,
	seqs: readonly number[],
	direction: 1 | -1,
	ctx: ViewContext,
): S {
	const cur = resolveWindow(state, ctx.visible, ctx.height);
	const here = ctx.visible[cur.selected]?.seq ?? -Infinity;
	let lo = 0;
	let hi = seqs.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (seqs[mid]! <= here) lo = mid + 1;
		else hi = mid;
	}
	// lo: the first one after the selection.
	const atHere = lo > 0 && seqs[lo - 1] === here;
	const i = direction > 0 ? lo % seqs.length : (((atHere ? lo - 2 : lo - 1) % seqs.length) + seqs.length) % seqs.length;
	const index = lowerBoundSeq(ctx.visible, seqs[i]!);
	return pin(
		state,
		ctx,
		feedWindow({count: ctx.visible.length, height: ctx.height, top: cur.top, selected: index, follow: false}),
	);
}
