// Times a user types: the jump prompt (@) and --since/--until. One grammar for both:
//   10:42, 10:42:07, 10:42:07.123          a clock time, read in the displayed zone
//   2026-11-27, 2026-11-27T10:42[:07[.123]]  a date (and time) without a zone: the displayed zone
//   2026-11-27T10:42:07Z, ...+01:00         an instant: its own zone
//   -5m, 30s, -1h30m, +2h                   a duration before (-, or no sign) or after (+) a reference
// What a clock time and a duration are counted from is the caller's choice (see ResolveOptions):
// the jump counts from the newest event in view, the flags from the moment edrtail starts.
import type {EdrEvent} from '../event.js';
import {pad2} from './time.js';

/** How times are read and written on screen: UTC, or the local zone (TZ). */
export type TimeZoneMode = 'utc' | 'local';

export type TimeSpec =
	| {kind: 'instant'; ms: number}
	| {kind: 'wall'; year: number; month: number; day: number; clock: Clock}
	| {kind: 'clock'; clock: Clock}
	| {kind: 'offset'; ms: number};

export interface Clock {
	hour: number;
	minute: number;
	second: number;
	milli: number;
}

export const TIME_SPEC_EXAMPLES = '10:42, 10:42:07.123, 2026-11-27T10:42Z, -5m';

const UNIT_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};
const OFFSET = /^([+-]?)((?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+)$/;
const OFFSET_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The spec, or a sentence saying what was wrong and what is accepted. */
export function parseTimeSpec(input: string): {spec: TimeSpec} | {error: string} {
	const text = input.trim();
	const bad = (why: string) => ({error: `"${input}" ${why} (try ${TIME_SPEC_EXAMPLES})`});
	if (text === '') return bad('is no time');
	const offset = OFFSET.exec(text.toLowerCase());
	if (offset) {
		let ms = 0;
		for (const [, n, unit] of offset[2]!.matchAll(OFFSET_PART)) ms += Number(n) * UNIT_MS[unit!]!;
		return {spec: {kind: 'offset', ms: Math.round(offset[1] === '+' ? ms : -ms)}};
	}
	const clock = CLOCK.exec(text);
	if (clock) {
		const c = clockOf(clock[1], clock[2], clock[3], clock[4]);
		return c ? {spec: {kind: 'clock', clock: c}} : bad('is no clock time');
	}
	const dt = DATE_TIME.exec(text);
	if (!dt) return bad('is not a time edrtail reads');
	const [, y, mo, d, h, mi, s, frac, zone] = dt;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const c = clockOf(h ?? '0', mi ?? '00', s, frac);
	if (!c || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return bad('is no date');
	if (zone === undefined) return {spec: {kind: 'wall', year, month, day, clock: c}};
	const utc = Date.UTC(year, month - 1, day, c.hour, c.minute, c.second, c.milli);
	return {spec: {kind: 'instant', ms: utc - zoneOffsetMs(zone)}};
}

function clockOf(h = '0', mi = '00', s = '00', frac = ''): Clock | undefined {
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s);
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	// 07.1 is 100 ms, 07.123456 is 123 ms: the feed shows milliseconds, no finer.
	return {hour, minute, second, milli: Number(frac.slice(0, 3).padEnd(3, '0'))};
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `Z` -> 0, `+01:00` / `+0100` / `+01` -> 3,600,000. */
function zoneOffsetMs(zone: string): number {
	if (zone.toUpperCase() === 'Z') return 0;
	const digits = zone.slice(1).replace(':', '');
	const ms = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
	return zone.startsWith('-') ? -ms : ms;
}

export interface ResolveOptions {
	/** What a duration counts from, and whose day a clock time is on. */
	reference: number;
	zone: TimeZoneMode;
	/**
	 * Which day a clock time is on: 'at-or-before' the latest one at or before the reference (the
	 * jump: `10:42` in a buffer spanning midnight is the 10:42 just before its newest event);
	 * 'same-day' the reference's own day (the flags: `--until 18:00` at 16:00 is in two hours).
	 */
	clockDay: 'at-or-before' | 'same-day';
}

/** Epoch ms of a spec. A local wall time in a DST gap moves forward by the gap; in the repeated hour it is the first. */
export function resolveTimeSpec(spec: TimeSpec, {reference, zone, clockDay}: ResolveOptions): number {
	switch (spec.kind) {
		case 'instant':
			return spec.ms;
		case 'offset':
			return reference + spec.ms;
		case 'wall':
			return wallMs(zone, spec.year, spec.month - 1, spec.day, spec.clock);
		case 'clock': {
			const d = new Date(reference);
			const utc = zone === 'utc';
			const year = utc ? d.getUTCFullYear() : d.getFullYear();
			const month = utc ? d.getUTCMonth() : d.getMonth();
			const day = utc ? d.getUTCDate() : d.getDate();
			const same = wallMs(zone, year, month, day, spec.clock);
			// The day before by its calendar date, not 24 h back: a DST day has 23 or 25 hours.
			return clockDay === 'same-day' || same <= reference ? same : wallMs(zone, year, month, day - 1, spec.clock);
		}
	}
}

function wallMs(zone: TimeZoneMode, year: number, month0: number, day: number, c: Clock): number {
	return zone === 'utc'
		? Date.UTC(year, month0, day, c.hour, c.minute, c.second, c.milli)
		: new Date(year, month0, day, c.hour, c.minute, c.second, c.milli).getTime();
}

/** The time the feed shows for an event (and the jump compares): its own, else when it arrived. */
export function eventTime(ev: EdrEvent): number {
	return ev.time ?? ev.receivedAt;
}

/** The earliest and latest event times in a list, in one pass (Infinity and -Infinity for none). */
export function timeSpan(events: readonly EdrEvent[]): {oldest: number; newest: number} {
	let oldest = Infinity;
	let newest = -Infinity;
	for (let i = 0; i < events.length; i++) {
		const t = eventTime(events[i]!);
		if (t > newest) newest = t;
		if (t < oldest) oldest = t;
	}
	return {oldest, newest};
}

/**
 * The first event in feed order whose time is at or after `target`, or -1. Feed order is arrival
 * order, which is mostly but not strictly time order (partitions and hosts interleave, a delayed
 * partition arrives late), so this scans rather than bisects: the cursor lands where that time
 * first shows in the feed.
 */
export function firstAtOrAfter(events: readonly EdrEvent[], target: number): number {
	for (let i = 0; i < events.length; i++) if (eventTime(events[i]!) >= target) return i;
	return -1;
}

export type TimeJump =
	/** `early`: the time is before every event in view, so the cursor is on the oldest (at `index`). */
	{ok: true; index: number; target: number; early?: boolean} | {ok: false; message: string; target?: number};

/** The jump prompt's answer: where `input` lands in `events`, or why nowhere. */
export function timeJump(events: readonly EdrEvent[], input: string, zone: TimeZoneMode): TimeJump {
	const parsed = parseTimeSpec(input);
	if ('error' in parsed) return {ok: false, message: parsed.error};
	const {oldest, newest} = timeSpan(events);
	if (newest === -Infinity) return {ok: false, message: 'no event in view to jump to'};
	const target = resolveTimeSpec(parsed.spec, {reference: newest, zone, clockDay: 'at-or-before'});
	const index = firstAtOrAfter(events, target);
	if (index >= 0) return oldest > target ? {ok: true, index, target, early: true} : {ok: true, index, target};
	const message = `no event in view at or after ${formatStamp(target, zone)} (the newest is ${formatStamp(newest, zone)})`;
	return {ok: false, message, target};
}

/** `2026-11-27 10:42:07.123` in the zone, `Z` after it in UTC. */
export function formatStamp(ms: number, zone: TimeZoneMode): string {
	const d = new Date(ms);
	if (Number.isNaN(d.getTime())) return '----------';
	const utc = zone === 'utc';
	const date = `${utc ? d.getUTCFullYear() : d.getFullYear()}-${pad2((utc ? d.getUTCMonth() : d.getMonth()) + 1)}-${pad2(utc ? d.getUTCDate() : d.getDate())}`;
	const clock = `${pad2(utc ? d.getUTCHours() : d.getHours())}:${pad2(utc ? d.getUTCMinutes() : d.getMinutes())}:${pad2(utc ? d.getUTCSeconds() : d.getSeconds())}`;
	const milli = String(utc ? d.getUTCMilliseconds() : d.getMilliseconds()).padStart(3, '0');
	return `${date} ${clock}.${milli}${utc ? 'Z' : ''}`;
}
