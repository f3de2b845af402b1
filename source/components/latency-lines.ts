// `l`, the demo screen, as lines for the pane: how late telemetry is, at a glance. Percentiles of
// the three figures, their histograms side by side, and the slowest hosts.
import {LATENCY_KINDS, LATENCY_LABELS, type LatencySummary} from '../core/store/index.js';
import {formatCount, histogramBars, histogramLabels, hostRows, percentileRows, sanitizeText} from '../core/view/index.js';
import type {Theme} from '../theme/theme.js';
import type {Line} from './line.js';

const COLS = ['p50', 'p90', 'p99', 'max'] as const;

function cells(values: readonly string[], width: number): string {
	return values.map(v => v.padStart(width)).join('');
}

export function latencyLines(latency: LatencySummary, width: number, theme: Theme): Line[] {
	const out: Line[] = [];
	const rows = percentileRows(latency);
	const labelW = 17;
	const cw = width >= 70 ? 9 : 7;
	out.push([{text: 'latency', style: theme.title}, {text: '  sliding window of recent events', style: theme.muted}]);
	out.push([{text: ''.padEnd(labelW) + cells(['count', ...COLS], cw), style: theme.muted}]);
	for (const r of rows) {
		const strong = r.kind === 'receiveMinusEvent';
		out.push([
			{text: r.label.padEnd(labelW), style: strong ? {bold: true} : undefined},
			{text: cells([formatCount(r.count)], cw), style: theme.muted},
			{text: cells([r.p50, r.p90, r.p99, r.max], cw), style: strong ? {...theme.accent, bold: true} : theme.accent},
		]);
	}
	if (rows.every(r => r.count === 0)) {
		out.push([]);
		out.push([{text: 'no latency data yet: events need an event time (and a Kafka timestamp for the Kafka figures)', style: theme.muted}]);
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
	out.push([{text: 'histogram'.padEnd(labelCol), style: theme.muted}, ...kinds.map(k => ({text: LATENCY_LABELS[k].padEnd(colW), style: {bold: true}}))]);
	for (let i = first; i <= last; i++) {
		const line: Line = [{text: labels[i]!.padEnd(labelCol), style: theme.muted}];
		bars.forEach(b => {
			const bar = b[i]!;
			const pct = bar.count ? `${Math.round(bar.fraction * 100)}%` : '';
			line.push({text: bar.bar.padEnd(barW), style: theme.accent}, {text: pct.padStart(4).padEnd(colW - barW), style: theme.muted});
		});
		out.push(line);
	}

	const hosts = hostRows(latency, 'receiveMinusEvent', 50);
	if (hosts.length) {
		const hostW = Math.max(8, Math.min(24, width - labelW - 5 * cw));
		out.push([]);
		out.push([{text: 'per host, receive - event, slowest p95 first', style: theme.muted}]);
		out.push([{text: 'host'.padEnd(hostW) + cells(['count', ...COLS], cw), style: theme.muted}]);
		for (const h of hosts) {
			out.push([{text: sanitizeText(h.host, hostW - 1).padEnd(hostW)}, {text: cells([formatCount(h.count)], cw), style: theme.muted}, {text: cells([h.p50, h.p90, h.p99, h.max], cw), style: theme.accent}]);
		}
	}
	return out;
}
