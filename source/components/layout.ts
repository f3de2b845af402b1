// Where everything goes for a terminal size and mode. 80x24 is the design size; pieces drop away
// down to 40x12. The frame is one row shorter than the terminal (a full-height frame makes Ink
// clear the screen and scrollback on every frame).
import type {Mode} from '../state/modes.js';

export interface Layout {
	width: number;
	height: number;
	headerLines: 0 | 1 | 2;
	categoryBar: boolean;
	filterBar: boolean;
	/** The chips of the process filter and pivots, above the feed. */
	chipBar: boolean;
	body: number;
	feed: {width: number; height: number};
	detail?: {width: number; height: number; edge: 'left' | 'top' | 'none'};
}

export const WIDE_COLUMNS = 120;

export function computeLayout(
	size: {columns: number; rows: number},
	mode: Mode,
	filtersShown: boolean,
	chipsShown = false,
): Layout {
	const width = Math.max(10, size.columns);
	const height = Math.max(3, size.rows - 1);
	const headerLines = height >= 16 ? 2 : height >= 6 ? 1 : 0;
	const categoryBar =
		height >= 10 &&
		(mode === 'feed' ||
			mode === 'detail' ||
			mode === 'search' ||
			mode === 'picker' ||
			mode === 'export' ||
			mode === 'find' ||
			mode === 'goto');
	const filterBar =
		mode === 'search' || mode === 'export' || mode === 'find' || mode === 'goto' || (filtersShown && height >= 8);
	const chipBar = chipsShown && height >= 8 && mode !== 'help' && mode !== 'latency' && mode !== 'partitions';
	const body = Math.max(1, height - headerLines - (categoryBar ? 1 : 0) - (filterBar ? 1 : 0) - (chipBar ? 1 : 0) - 1);
	if (mode !== 'detail')
		return {width, height, headerLines, categoryBar, filterBar, chipBar, body, feed: {width, height: body}};
	if (width >= WIDE_COLUMNS) {
		const feedWidth = Math.floor(width * 0.45);
		return {
			width,
			height,
			headerLines,
			categoryBar,
			filterBar,
			chipBar,
			body,
			feed: {width: feedWidth, height: body},
			detail: {width: width - feedWidth, height: body, edge: 'left'},
		};
	}
	if (body >= 14) {
		const feedHeight = Math.max(3, Math.floor(body / 3));
		return {
			width,
			height,
			headerLines,
			categoryBar,
			filterBar,
			chipBar,
			body,
			feed: {width, height: feedHeight},
			detail: {width, height: body - feedHeight, edge: 'top'},
		};
	}
	// Too small to share: the detail takes the body; up/down still move the (hidden) selection.
	return {
		width,
		height,
		headerLines,
		categoryBar,
		filterBar,
		chipBar,
		body,
		feed: {width, height: 0},
		detail: {width, height: body, edge: 'none'},
	};
}
