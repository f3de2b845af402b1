// `l`, the demo screen, as lines for the pane: how late telemetry is, at a glance. Percentiles of
// the three figures, their histograms side by side, and the slowest hosts.
import {LATENCY_KINDS, LATENCY_LABELS, type LatencySummary} from '../core/store/index.js';
import {
	formatCount,
	histogramBars,
	histogramLabels,
	hostRows,
	percentileRows,
	sanitizeText,
	type PercentileRow,
} from '../core/view/index.js';
import type {Theme} from '../theme/theme.js';
import {wrapLine, type Line} from './line.js';

type Column = 'count' | 'p50' | 'p90' | 'p95' | 'p99' | 'max';
/** The columns in the order they read. */
const COLUMNS: readonly Column[] = ['count', 'p50', 'p90', 'p95', 'p99', 'max'];
/** Which columns stay when not all fit: p95 (the hosts are sorted by it) first, then the median and the worst. */
const KEEP_ORDER: readonly Column[] = ['p95', 'p50', 'max', 'p99', 'count', 'p90'];

/** As many columns of `cw` as fit beside `fixed` columns of label, in reading order. */
function columnsFor(width: number, fixed: number, cw: number): Column[] {
	const n = Math.max(1, Math.floor((width - fixed) / cw));
	const kept = new Set(KEEP_ORDER.slice(0, n));
	return COLUMNS.filter(c => kept.has(c));
}

function cells(values: readonly string[], width: number): string {
	return values.map(v => v.padStart(width)).join('');
}

function valuesOf(r: PercentileRow, cols: readonly Column[]): {count: string; figures: string[]} {
	return {
		count: cols.includes('count') ? formatCount(r.count) : '',
		figures: cols.filter(c => c !== 'count').map(c => r[c]),
	};
}

export function latencyLines(latency: LatencySummary, width: number, theme: Theme): Line[] {
	const out: Line[] = [];
	const rows = percentileRows(latency);
	// The longest label ("receive - kafka") and a space; a little more room when there is room.
	const labelW = width >= 70 ? 17 : 16;
	const cw = width >= 70 ? 9 : 7;
	const cols = columnsFor(width, labelW, cw);
	out.push([
		{text: 'latency', style: theme.title},
		{text: '  sliding window of recent events', style: theme.muted},
	]);
	out.push([{text: ''.padEnd(labelW) + cells(cols, cw), style: theme.muted}]);
	for (const r of rows) {
		const strong = r.kind === 'receiveMinusEvent';
		const v = valuesOf(r, cols);
		out.push([
			{text: r.label.padEnd(labelW), style: strong ? {bold: true} : undefined},
			{text: v.count ? cells([v.count], cw) : '', style: theme.muted},
			{text: cells(v.figures, cw), style: strong ? {...theme.accent, bold: true} : theme.accent},
		]);
	}
	if (rows.every(r => r.count === 0)) {
		out.push([]);
		out.push(
			...wrapLine(
				[
					{
						text: 'no latency data yet: events need an event time (and a Kafka timestamp for the Kafka figures)',
						style: theme.muted,
					},
				],
				width,
			),
		);
		return out;
	}

	// Histograms: one column per figure, only the buckets between the first and last non-empty one.
	const labels = histogramLabels();
	const labelCol = 10;
	// Only the figures with data get a column (the Kafka ones need a Kafka source), as many as fit.
	const withData = LATENCY_KINDS.filter(k => (latency[k]?.percentiles?.count ?? 0) > 0);
	const kinds = withData.slice(0, Math.max(1, Math.floor((width - labelCol) / 22)));
	const colW = Math.min(60, Math.floor((width - labelCol) / kinds.length));
	const barW = Math.max(4, colW - 6);
	const bars = kinds.map(k => histogramBars(latency[k]?.histogram ?? [], barW, labels));
	const nonEmpty = labels.map((_, i) => bars.some(b => (b[i]?.count ?? 0) > 0));
	const first = nonEmpty.indexOf(true);
	const last = nonEmpty.lastIndexOf(true);
	out.push([]);
	out.push([
		{text: 'histogram'.padEnd(labelCol), style: theme.muted},
		...kinds.map(k => ({text: LATENCY_LABELS[k].padEnd(colW), style: {bold: true}})),
	]);
	for (let i = first; i <= last; i++) {
		const line: Line = [{text: labels[i]!.padEnd(labelCol), style: theme.muted}];
		bars.forEach(b => {
			const bar = b[i]!;
			const pct = bar.count ? `${Math.round(bar.fraction * 100)}%` : '';
			line.push(
				{text: bar.bar.padEnd(barW), style: theme.accent},
				{text: pct.padStart(4).padEnd(colW - barW), style: theme.muted},
			);
		});
		out.push(line);
	}

	const hosts = hostRows(latency, 'receiveMinusEvent', 50);
	if (hosts.length) {
		// Host names get 10 to 24 columns; the figures take what is left, p95 always among them.
		const hostCols = columnsFor(width, 10, cw);
		const hostW = Math.max(10, Math.min(24, width - hostCols.length * cw));
		out.push([]);
		const caption = width >= 46 ? 'per host, receive - event, slowest p95 first' : 'per host, slowest p95 first';
		out.push([{text: caption, style: theme.muted}]);
		out.push([{text: 'host'.padEnd(hostW) + cells(hostCols, cw), style: theme.muted}]);
		for (const h of hosts) {
			const v = valuesOf(h, hostCols);
			out.push([
				{text: sanitizeText(h.host, hostW - 1).padEnd(hostW)},
				{text: v.count ? cells([v.count], cw) : '', style: theme.muted},
				{text: cells(v.figures, cw), style: theme.accent},
			]);
		}
	}
	return out;
}
