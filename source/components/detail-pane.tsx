// The selected event in full, scrollable; a scroll position shows when there is more.
import {Box, Text} from 'ink';
import React from 'react';
import {useTheme} from '../theme/theme-context.js';
import {LinesView, type Line} from './line.js';

export interface DetailPaneProps {
	lines: readonly Line[] | undefined;
	scroll: number;
	height: number;
	width: number;
	/** A left border when shown beside the feed, a top rule when below it. */
	edge: 'left' | 'top' | 'none';
	/** Shown when no event is selected. */
	emptyText?: string;
}

export function DetailPane({lines, scroll, height, width, edge, emptyText = 'nothing selected'}: DetailPaneProps) {
	const theme = useTheme();
	const inner = edge === 'left' ? width - 2 : width;
	const bodyHeight = Math.max(0, edge === 'top' ? height - 1 : height);
	const all = lines ?? [];
	const more =
		all.length > scroll + bodyHeight
			? ` ${Math.min(all.length, scroll + bodyHeight)}/${all.length} J/K PgDn `
			: all.length > bodyHeight
				? ` end ${all.length}/${all.length} `
				: '';
	const body = lines ? (
		<LinesView lines={all} top={scroll} height={bodyHeight} width={inner} />
	) : (
		<Text wrap="truncate" {...theme.muted}>
			{emptyText}
		</Text>
	);
	if (edge === 'left') {
		return (
			<Box width={width} height={height} flexDirection="row">
				<Box width={2} height={height} flexDirection="column">
					{Array.from({length: height}, (_, i) => (
						<Text key={i} {...theme.muted}>
							{i === height - 1 && more ? '┴' : '│'}
						</Text>
					))}
				</Box>
				<Box width={inner} height={height} flexDirection="column">
					{body}
				</Box>
			</Box>
		);
	}
	return (
		<Box width={width} height={height} flexDirection="column">
			{edge === 'top' && (
				<Text wrap="truncate" {...theme.muted}>
					{('── detail ' + more).padEnd(width, '─').slice(0, width)}
				</Text>
			)}
			{body}
		</Box>
	);
}
