// The visible window of the feed: only the rows on screen are built, whatever the buffer holds.
import {Box, Text} from 'ink';
import React from 'react';
import type {EdrEvent} from '../core/event.js';
import type {HighlightLookup, TimeZoneMode} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {FeedRow, wrappedRowLines} from './feed-row.js';

export interface FeedListProps {
	visible: readonly EdrEvent[];
	highlights: HighlightLookup;
	top: number;
	selected: number;
	height: number;
	width: number;
	/** Shown when there is nothing to list. */
	emptyText: string;
	/** Whether highlights are worth asking for (a search is active). */
	searching: boolean;
	/** The find (F): its matches are marked in place, their text highlighted instead of the search's. */
	find?: {has(seq: number): boolean; highlights: HighlightLookup};
	/** Characters the summaries are scrolled sideways by. */
	offset?: number;
	/** Wrap the selected row over several rows (the rows around it make room). */
	wrapSelected?: boolean;
	/** Seqs of the marked events (m): a mark in their first column. */
	marks?: ReadonlySet<number>;
	/** The zone of the time column. */
	zone?: TimeZoneMode;
}

export function FeedList(props: FeedListProps) {
	const {
		visible,
		highlights,
		top,
		selected,
		height,
		width,
		emptyText,
		searching,
		find,
		offset,
		wrapSelected,
		marks,
		zone,
	} = props;
	const theme = useTheme();
	if (visible.length === 0) {
		return (
			<Box height={height} width={width} flexDirection="column">
				<Text wrap="truncate" {...theme.muted}>
					{emptyText}
				</Text>
			</Box>
		);
	}
	const rows: React.ReactNode[] = [];
	let first = top;
	let end = Math.min(visible.length, top + height);
	// A wrapped selection takes several rows: rows below it give way first, then rows above.
	const sel = visible[selected];
	const wrapRows =
		wrapSelected && sel && selected >= top && selected < end
			? wrappedRowLines({event: sel, selected: true, width, zone}, theme, Math.max(1, height - 1)).length
			: 1;
	for (let extra = end - first - 1 + wrapRows - height; extra > 0; extra--) {
		if (end - 1 > selected) end--;
		else if (first < selected) first++;
	}
	for (let i = first; i < end; i++) {
		const ev = visible[i]!;
		const found = find?.has(ev.seq) ?? false;
		const hl = found
			? find!.highlights.get(ev.seq)
			: searching || ev.hits.length > 0
				? highlights.get(ev.seq)
				: undefined;
		const key = hl && hl.length ? hl.map(h => `${h.field}${h.source}${h.ranges.join(';')}`).join('|') : '';
		rows.push(
			<FeedRow
				key={ev.seq}
				event={ev}
				selected={i === selected}
				found={found}
				marked={marks?.has(ev.seq) ?? false}
				width={width}
				highlights={hl}
				highlightKey={key}
				offset={offset}
				zone={zone}
				wrapRows={i === selected && wrapRows > 1 ? wrapRows : undefined}
			/>,
		);
	}
	return (
		<Box height={height} width={width} flexDirection="column">
			{rows}
		</Box>
	);
}
