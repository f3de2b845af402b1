// The visible window of the feed: only the rows on screen are built, whatever the buffer holds.
import {Box, Text} from 'ink';
import React from 'react';
import type {EdrEvent} from '../core/event.js';
import type {HighlightLookup} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {FeedRow} from './feed-row.js';

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
}

export function FeedList({
	visible,
	highlights,
	top,
	selected,
	height,
	width,
	emptyText,
	searching,
	find,
}: FeedListProps) {
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
	const end = Math.min(visible.length, top + height);
	for (let i = top; i < end; i++) {
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
				width={width}
				highlights={hl}
				highlightKey={key}
			/>,
		);
	}
	return (
		<Box height={height} width={width} flexDirection="column">
			{rows}
		</Box>
	);
}
