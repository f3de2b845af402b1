// Times as edrtail writes them: ISO 8601 in UTC where a script or a second look reads them (--json,
// the export, the detail pane's fields), the local clock time where the eye scans a column (the feed).

/** `7` -> `07`. */
export function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

/** `2026-11-27T10:15:00.005Z`, or undefined for a missing or impossible time. */
export function isoTime(ms: number | undefined): string | undefined {
	if (ms === undefined || !Number.isFinite(ms)) return undefined;
	const d = new Date(ms);
	return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** `10:15:00` (or `10:15:00.005` when `long`) in local time; dashes for a missing time. */
export function formatTime(ms: number | undefined, long: boolean): string {
	const d = ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms);
	if (!d || Number.isNaN(d.getTime())) return long ? '--:--:--.---' : '--:--:--';
	const hms = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
	return long ? `${hms}.${String(d.getMilliseconds()).padStart(3, '0')}` : hms;
}
