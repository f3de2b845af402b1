export interface Percentiles {
	count: number;
	p50: number;
	p90: number;
	p95: number;
	p99: number;
	max: number;
	min: number;
}

/** Nearest-rank percentiles of a sample; undefined for an empty sample. Sorts a copy. */
export function percentiles(values: readonly number[]): Percentiles | undefined {
	if (values.length === 0) return undefined;
	const sorted = Float64Array.from(values).sort();
	const rank = (p: number) =>
		sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
	return {
		count: sorted.length,
		p50: rank(50),
		p90: rank(90),
		p95: rank(95),
		p99: rank(99),
		max: sorted[sorted.length - 1]!,
		min: sorted[0]!,
	};
}

/** Upper bounds (ms) of the latency histogram buckets; the last bucket is open-ended. */
export const HISTOGRAM_BOUNDS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000] as const;

export function histogram(values: readonly number[], bounds: readonly number[] = HISTOGRAM_BOUNDS_MS): number[] {
	const counts = new Array<number>(bounds.length + 1).fill(0);
	for (const v of values) {
		let i = 0;
		while (i < bounds.length && v > bounds[i]!) i++;
		counts[i]!++;
	}
	return counts;
}
