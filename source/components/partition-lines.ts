// `p`, the partitions panel, as lines for the pane: per Kafka topic and partition, the high
// watermark, where this run reads, the lag between and the recent fetch rate, so a user sees
// which partition the screen falls behind on. The columns that matter most stay on a narrow screen.
import type {PartitionProgress, SourceStatus} from '../core/event.js';
import {compactCount, displayWidth, formatCount, sanitizeText, takeWidth} from '../core/view/index.js';
import type {Theme} from '../theme/theme.js';
import {wrapLine, type Line} from './line.js';

type Column = 'part' | 'high' | 'position' | 'lag' | 'rate';
const HEADINGS: Record<Column, string> = {
	part: 'part',
	high: 'high',
	position: 'position',
	lag: 'lag',
	rate: 'fetch/s',
};
/** Reading order, and the order they stay in when not all fit (the topic takes what is left). */
const COLUMNS: readonly Column[] = ['part', 'high', 'position', 'lag', 'rate'];
const KEEP_ORDER: readonly Column[] = ['part', 'lag', 'rate', 'position', 'high'];
/** The topic column never gets narrower than this while a column can still go. */
const MIN_TOPIC = 12;

function widthOf(column: Column, wide: boolean): number {
	if (column === 'part') return 5;
	return wide ? 12 : 9;
}

/** The columns that fit beside a topic column of at least MIN_TOPIC, and their width. */
function columnsFor(width: number): {columns: Column[]; wide: boolean} {
	const wide = width >= 90;
	const kept: Column[] = [];
	let used = MIN_TOPIC;
	for (const c of KEEP_ORDER) {
		const w = widthOf(c, wide);
		if (used + w > width) break;
		kept.push(c);
		used += w;
	}
	return {columns: COLUMNS.filter(c => kept.includes(c)), wide};
}

function fit(text: string, width: number): string {
	if (displayWidth(text) <= width) return text.padEnd(width - displayWidth(text) + text.length);
	return `${takeWidth(text, width - 1)}…`;
}

function cellOf(p: PartitionProgress, column: Column, wide: boolean): string {
	const count = (n: number) => (wide ? formatCount(n) : compactCount(n));
	const offset = (o: string | undefined) =>
		o === undefined ? '?' : o.length > 8 && !wide ? compactCount(Number(o)) : o;
	switch (column) {
		case 'part':
			return String(p.partition);
		case 'high':
			return offset(p.highWatermark);
		case 'position':
			return offset(p.position);
		case 'lag':
			return p.lag === undefined ? '?' : count(p.lag);
		case 'rate':
			return count(Math.round(p.fetchRate));
	}
}

export function partitionLines(status: SourceStatus, width: number, theme: Theme): Line[] {
	const partitions = status.partitions;
	const out: Line[] = [[{text: 'partitions', style: theme.title}]];
	if (!partitions) {
		out.push([]);
		// Two lines, not one cut mid-word: the second fits 40 columns whole.
		out.push(...wrapLine([{text: 'no partitions:', style: theme.muted}], width));
		out.push(...wrapLine([{text: 'this panel is for Kafka sources (-b, -t)', style: theme.muted}], width));
		return out;
	}
	const lag = partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0);
	const fetch = Math.round(status.fetchRate ?? 0);
	out[0]!.push({
		text: `  ${partitions.length} · lag ${formatCount(lag)} · fetch ${formatCount(fetch)}/s`,
		style: theme.muted,
	});
	if (partitions.length === 0) {
		out.push([]);
		out.push(...wrapLine([{text: 'no partition assigned yet', style: theme.muted}], width));
		return out;
	}
	const {columns, wide} = columnsFor(width);
	const topicWidth = Math.max(1, width - columns.reduce((sum, c) => sum + widthOf(c, wide), 0));
	out.push([
		{
			text: fit('topic', topicWidth) + columns.map(c => HEADINGS[c].padStart(widthOf(c, wide))).join(''),
			style: theme.muted,
		},
	]);
	for (const p of partitions) {
		const row: Line = [{text: fit(sanitizeText(p.topic), topicWidth)}];
		for (const c of columns) {
			const text = cellOf(p, c, wide).padStart(widthOf(c, wide));
			const style = c === 'lag' && (p.lag ?? 0) > 0 ? theme.warning : c === 'rate' ? theme.accent : undefined;
			row.push({text, style});
		}
		out.push(row);
	}
	return out;
}
