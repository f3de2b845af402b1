// Data for the latency screen and the header: durations people read at a glance, percentile
// rows, and histogram bars sized to the space available. No styling here.
import {
	HISTOGRAM_BOUNDS_MS,
	LATENCY_KINDS,
	LATENCY_LABELS,
	type LatencyKind,
	type LatencySummary,
	type Percentiles,
} from '../store/index.js';

/**
 * `850ms`, `1.2s`, `14s`, `3m10s`, `2h05m`, `3d4h`. Negative values keep their sign (clock skew
 * between endpoint and Kafka is real and worth seeing); a missing value is `–`.
 */
export function formatMs(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms)) return '–';
	if (ms < 0) return '-' + formatMs(-ms);
	if (ms < 1000) return `${Math.round(ms)}ms`;
	const s = ms / 1000;
	if (s < 10) return `${(Math.round(s * 10) / 10).toFixed(1).replace(/\.0$/, '')}s`;
	if (s < 59.5) return `${Math.round(s)}s`;
	const totalS = Math.round(s);
	if (totalS < 3600) return `${Math.floor(totalS / 60)}m${String(totalS % 60).padStart(2, '0')}s`;
	const totalM = Math.round(s / 60);
	if (totalM < 24 * 60) return `${Math.floor(totalM / 60)}h${String(totalM % 60).padStart(2, '0')}m`;
	const totalH = Math.round(s / 3600);
	return `${Math.floor(totalH / 24)}d${totalH % 24}h`;
}

const boundLabel = (ms: number) => formatMs(ms);

/** Labels of the histogram buckets: `≤10ms` … `≤60s`, then `>60s`. */
export function histogramLabels(bounds: readonly number[] = HISTOGRAM_BOUNDS_MS): string[] {
	return [...bounds.map(b => `≤${boundLabel(b)}`), `>${boundLabel(bounds.at(-1) ?? 0)}`];
}

export interface HistogramBar {
	label: string;
	count: number;
	/** Share of all samples, 0..1. */
	fraction: number;
	/** Whole cells of the bar at this width (the longest bucket fills the width). */
	length: number;
	/** The bar drawn with eighth blocks, at most `width` characters. */
	bar: string;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value / max` of `width` cells, with eighth-cell resolution; non-zero is never empty. */
export function barString(value: number, max: number, width: number): string {
	if (!(max > 0) || !(value > 0) || width <= 0) return '';
	const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
	return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** One bar per bucket, scaled so the fullest bucket is `width` cells long. */
export function histogramBars(
	counts: readonly number[],
	width: number,
	labels: readonly string[] = histogramLabels(),
): HistogramBar[] {
	const max = Math.max(0, ...counts);
	const total = counts.reduce((a, b) => a + b, 0);
	const w = Math.max(0, Math.trunc(width) || 0);
	return counts.map((count, i) => ({
		label: labels[i] ?? String(i),
		count,
		fraction: total > 0 ? count / total : 0,
		length: max > 0 ? Math.round((count / max) * w) : 0,
		bar: barString(count, max, w),
	}));
}

export interface PercentileRow {
	kind: LatencyKind;
	label: string;
	count: number;
	p50: string;
	p90: string;
	p95: string;
	p99: string;
	max: string;
}

function row(kind: LatencyKind, p: Percentiles | undefined, label = LATENCY_LABELS[kind]): PercentileRow {
	return {
		kind,
		label,
		count: p?.count ?? 0,
		p50: formatMs(p?.p50),
		p90: formatMs(p?.p90),
		p95: formatMs(p?.p95),
		p99: formatMs(p?.p99),
		max: formatMs(p?.max),
	};
}

/** The three overall latency figures as table rows (formatted). */
export function percentileRows(latency: LatencySummary): PercentileRow[] {
	return LATENCY_KINDS.map(kind => row(kind, latency[kind]?.percentiles));
}

export interface HostLatencyRow extends PercentileRow {
	host: string;
}

/**
 * Per-host rows of one latency figure, slowest p95 first (the hosts worth a look), at most `limit`.
 */
export function hostRows(
	latency: LatencySummary,
	kind: LatencyKind = 'receiveMinusEvent',
	limit = 20,
): HostLatencyRow[] {
	return latency.perHost
		.filter(h => h[kind] !== undefined)
		.sort((a, b) => (b[kind]?.p95 ?? 0) - (a[kind]?.p95 ?? 0) || a.host.localeCompare(b.host))
		.slice(0, Math.max(0, limit))
		.map(h => ({...row(kind, h[kind]), host: h.host}));
}

/** The header's always-on figure: `p50 1.2s p95 3.4s` of receive - event time, or '' without data. */
export function headerLatency(latency: LatencySummary | undefined): string {
	const p = latency?.receiveMinusEvent?.percentiles;
	return p ? `p50 ${formatMs(p.p50)} p95 ${formatMs(p.p95)}` : '';
}
