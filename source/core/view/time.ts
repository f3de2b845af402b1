// Times as edrtail writes them: ISO 8601 in UTC where a script reads them (--json, the export);
// on screen (the feed's clock column, the detail's fields, the tree) in the zone the user chose
// (T toggles UTC and local, --utc starts in UTC), which the header names.

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

/** `10:15:00` (or `10:15:00.005` when `long`) in local time or UTC; dashes for a missing time. */
export function formatTime(ms: number | undefined, long: boolean, zone: 'utc' | 'local' = 'local'): string {
	const d = ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms);
	if (!d || Number.isNaN(d.getTime())) return long ? '--:--:--.---' : '--:--:--';
	const utc = zone === 'utc';
	const h = utc ? d.getUTCHours() : d.getHours();
	const m = utc ? d.getUTCMinutes() : d.getMinutes();
	const s = utc ? d.getUTCSeconds() : d.getSeconds();
	const hms = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
	return long ? `${hms}.${String(utc ? d.getUTCMilliseconds() : d.getMilliseconds()).padStart(3, '0')}` : hms;
}

/**
 * ISO 8601 in the zone the screen shows: `...Z` in UTC, with the local offset otherwise
 * (`2026-11-27T11:15:00.005+01:00`), so a time copied off the screen still names its instant.
 */
export function zonedIso(ms: number | undefined, zone: 'utc' | 'local'): string | undefined {
	if (zone === 'utc') return isoTime(ms);
	if (ms === undefined || !Number.isFinite(ms)) return undefined;
	const d = new Date(ms);
	if (Number.isNaN(d.getTime())) return undefined;
	const offset = -d.getTimezoneOffset();
	const abs = Math.abs(offset);
	const shifted = isoTime(ms + offset * 60_000);
	return shifted && `${shifted.slice(0, -1)}${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The header's name for the zone: `UTC`, or `local` with its offset now (`local+01:00`). */
export function zoneLabel(zone: 'utc' | 'local', at: number): string {
	if (zone === 'utc') return 'UTC';
	const offset = -new Date(at).getTimezoneOffset();
	if (offset === 0) return 'local+00:00';
	const abs = Math.abs(offset);
	return `local${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}
