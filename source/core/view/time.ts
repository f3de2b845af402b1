// Times as edrtail writes them: ISO 8601 in UTC where a script or a second look reads them (--json,
// the export, the detail pane's fields), the local clock time where the eye scans a column (the feed).

/** `7` -> `07`. */
export function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: past it toISOString writes a six-digit year. */
const YEAR_10000 = 253_402_300_800_000;
const TWO_DIGITS = Array.from({length: 100}, (_, i) => String(i).padStart(2, '0'));
// Every --json line writes two or three times; most share the day of the one before.
let cachedDay = Number.NaN;
let cachedDayText = '';

/** `2026-11-27T10:15:00.005Z`, or undefined for a missing or impossible time. */
export function isoTime(ms: number | undefined): string | undefined {
	if (ms === undefined || !Number.isFinite(ms)) return undefined;
	// Whole milliseconds since 1970 (every time the decoders produce): the day's text once, the
	// clock by arithmetic, the same text toISOString gives without a Date per call.
	if (Number.isSafeInteger(ms) && ms >= 0 && ms < YEAR_10000) {
		let t = ms % DAY_MS;
		const day = ms - t;
		if (day !== cachedDay) {
			cachedDayText = new Date(day).toISOString().slice(0, 11);
			cachedDay = day;
		}
		const milli = t % 1000;
		t = (t - milli) / 1000;
		const sec = t % 60;
		t = (t - sec) / 60;
		const min = t % 60;
		const hour = (t - min) / 60;
		const milliText = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
		return `${cachedDayText}${TWO_DIGITS[hour]}:${TWO_DIGITS[min]}:${TWO_DIGITS[sec]}.${milliText}Z`;
	}
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
