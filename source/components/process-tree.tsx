// `t`: the selected event's process tree, ancestors above it, descendants below, indented by
// depth. One row per process: image, pid, user, start time, command line cut to the width, a hit
// marker in the level's colour. enter filters the feed to the process under the cursor.
import React from 'react';
import {formatCount, formatTime, sanitizeText, type TimeZoneMode, type TreeRow} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {CursorList} from './cursor-list.js';
import type {Line} from './line.js';

export interface ProcessTreeProps {
	rows: readonly TreeRow[];
	cursor: number;
	/** Shown in the title: whose tree this is. */
	focusLabel?: string;
	height: number;
	width: number;
	/** The zone of the start times. */
	zone?: TimeZoneMode;
}

/** Deep trees stop indenting here, so a row keeps room for its name. */
const MAX_INDENT = 12;

/** The short name a process goes by in the tree, the filter chip and messages. */
export function processLabel(row: TreeRow | undefined): string {
	const info = row?.node.info;
	if (!info) return 'process';
	const name = info.name ?? info.image ?? 'process';
	return sanitizeText(info.pid === undefined ? name : `${name} (${info.pid})`, 80);
}

export function treeLine(row: TreeRow, theme: Theme, width: number, zone: TimeZoneMode = 'local'): Line {
	const {node, depth, role} = row;
	const info = node.info;
	const indent = '  '.repeat(Math.min(depth, MAX_INDENT)) + (depth > 0 ? '└ ' : '');
	const level = node.level;
	const line: Line = [
		{text: level ? (theme.levelGlyph[level] ?? '!') : ' ', style: level ? theme.level[level] : undefined},
		{text: indent, style: theme.muted},
		{
			text: sanitizeText(info.name ?? info.image ?? '?', 80),
			style: role === 'focus' ? {...theme.accent, bold: true} : level ? theme.level[level] : undefined,
		},
	];
	if (info.pid !== undefined) line.push({text: ` ${info.pid}`, style: theme.muted});
	if (node.placeholder) {
		line.push({text: '  (not seen itself: known as a parent)', style: theme.muted});
		return line;
	}
	if (info.user) line.push({text: ` ${sanitizeText(info.user, 40)}`});
	const start = node.start ?? info.startTime;
	if (start !== undefined) line.push({text: ` ${formatTime(start, false, zone)}`, style: theme.muted});
	if (node.hits > 0)
		line.push({text: ` ${formatCount(node.hits)} hit${node.hits === 1 ? '' : 's'}`, style: theme.level[level!]});
	if (info.cmdline) line.push({text: `  ${sanitizeText(info.cmdline, width)}`, style: theme.muted});
	return line;
}

export function ProcessTree({rows, cursor, focusLabel, height, width, zone}: ProcessTreeProps) {
	const theme = useTheme();
	const title: Line = [
		{text: `process tree${focusLabel ? ` of ${focusLabel}` : ''}`, style: theme.title},
		{text: ` · ${formatCount(rows.length)} process${rows.length === 1 ? '' : 'es'}`, style: theme.muted},
		{text: '  enter: its events · esc', style: theme.muted},
	];
	const empty: Line = [{text: 'the process left the buffer', style: theme.muted}];
	const row = (i: number) => ({key: rows[i]!.node.key, line: treeLine(rows[i]!, theme, width, zone)});
	return (
		<CursorList
			title={title}
			empty={empty}
			count={rows.length}
			row={row}
			cursor={cursor}
			height={height}
			width={width}
		/>
	);
}
