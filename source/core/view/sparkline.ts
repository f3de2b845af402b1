// A one-line chart of recent values (events/s in the header).
const BARS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as bars scaled to their maximum, right-aligned and left-padded with
 * spaces to exactly `width` characters. Zero (and anything not a positive finite number) is the
 * lowest bar; any positive value shows at least the second, so a trickle is visible.
 */
export function sparkline(values: readonly number[], width: number): string {
	const w = Math.max(0, Math.trunc(width) || 0);
	if (w === 0) return '';
	const recent = values.slice(-w).map(v => (Number.isFinite(v) && v > 0 ? v : 0));
	const max = Math.max(0, ...recent);
	let out = '';
	for (const v of recent) {
		const level = max === 0 || v === 0 ? 0 : Math.max(1, Math.round((v / max) * (BARS.length - 1)));
		out += BARS[level];
	}
	return ' '.repeat(w - recent.length) + out;
}
