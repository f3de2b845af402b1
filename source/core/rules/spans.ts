// [start, end) character spans: what a rule matched inside a field value, and (in the view) what a
// search or a hit marks inside a row. One merge for both, so a hit reads the same in --json, the
// feed and the detail pane.

export type Span = [number, number];

/** Sorted, overlapping or touching spans joined, empty ones dropped; the input is left as it was. */
export function mergeSpans(spans: readonly Span[]): Span[] {
	const sorted = spans.filter(s => s[1] > s[0]).sort((a, b) => a[0] - b[0]);
	const out: Span[] = [];
	for (const s of sorted) {
		const last = out.at(-1);
		if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
		else out.push([s[0], s[1]]);
	}
	return out;
}
