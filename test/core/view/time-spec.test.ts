import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	firstAtOrAfter,
	formatStamp,
	formatTime,
	parseTimeSpec,
	resolveTimeSpec,
	timeJump,
	zonedIso,
	zoneLabel,
	type TimeSpec,
} from '../../../source/core/view/index.js';
import {makeEvent} from './make-event.js';

const at = (iso: string) => Date.parse(iso);
const spec = (text: string): TimeSpec => {
	const r = parseTimeSpec(text);
	if ('error' in r) throw new Error(r.error);
	return r.spec;
};
const utc = {zone: 'utc' as const, clockDay: 'at-or-before' as const};

describe('parseTimeSpec', () => {
	it('reads clock times to the millisecond', () => {
		expect(spec('10:42')).toEqual({kind: 'clock', clock: {hour: 10, minute: 42, second: 0, milli: 0}});
		expect(spec('10:42:07')).toEqual({kind: 'clock', clock: {hour: 10, minute: 42, second: 7, milli: 0}});
		expect(spec(' 10:42:07.123 ')).toEqual({kind: 'clock', clock: {hour: 10, minute: 42, second: 7, milli: 123}});
		expect(spec('9:05:00.5')).toEqual({kind: 'clock', clock: {hour: 9, minute: 5, second: 0, milli: 500}});
	});

	it('reads durations, signed or not (no sign: before the reference)', () => {
		expect(spec('-5m')).toEqual({kind: 'offset', ms: -300_000});
		expect(spec('30s')).toEqual({kind: 'offset', ms: -30_000});
		expect(spec('-1h30m')).toEqual({kind: 'offset', ms: -5_400_000});
		expect(spec('+2h')).toEqual({kind: 'offset', ms: 7_200_000});
		expect(spec('1d')).toEqual({kind: 'offset', ms: -86_400_000});
		expect(spec('250ms')).toEqual({kind: 'offset', ms: -250});
	});

	it('reads ISO instants with their zone, and dates without one as wall times', () => {
		expect(spec('2026-11-27T10:42:07.123Z')).toEqual({kind: 'instant', ms: at('2026-11-27T10:42:07.123Z')});
		expect(spec('2026-11-27T11:42+01:00')).toEqual({kind: 'instant', ms: at('2026-11-27T10:42:00Z')});
		expect(spec('2026-11-27T05:42:00-0500')).toEqual({kind: 'instant', ms: at('2026-11-27T10:42:00Z')});
		expect(spec('2026-11-27 10:42')).toEqual({
			kind: 'wall',
			year: 2026,
			month: 11,
			day: 27,
			clock: {hour: 10, minute: 42, second: 0, milli: 0},
		});
		expect(spec('2026-11-27')).toMatchObject({kind: 'wall', day: 27, clock: {hour: 0, minute: 0}});
	});

	it('says what is wrong and what it takes', () => {
		for (const bad of ['', 'soon', '25:00', '10:61', '10:42:99', '2026-02-30', '2026-13-01T00:00Z', '-5x', '10']) {
			const r = parseTimeSpec(bad);
			expect(r, bad).toHaveProperty('error');
			expect((r as {error: string}).error).toContain('try 10:42');
		}
	});
});

describe('resolveTimeSpec', () => {
	const newest = at('2026-11-27T10:50:00Z');

	it('counts durations from the reference', () => {
		expect(resolveTimeSpec(spec('-5m'), {...utc, reference: newest})).toBe(at('2026-11-27T10:45:00Z'));
		expect(resolveTimeSpec(spec('+1h'), {...utc, reference: newest})).toBe(at('2026-11-27T11:50:00Z'));
	});

	it('puts a clock time on the latest day at or before the reference (across midnight)', () => {
		expect(resolveTimeSpec(spec('10:42'), {...utc, reference: newest})).toBe(at('2026-11-27T10:42:00Z'));
		expect(resolveTimeSpec(spec('10:50'), {...utc, reference: newest})).toBe(newest);
		// After the newest event's clock: yesterday's.
		expect(resolveTimeSpec(spec('23:58'), {...utc, reference: newest})).toBe(at('2026-11-26T23:58:00Z'));
		const justAfterMidnight = at('2026-11-28T00:01:00Z');
		expect(resolveTimeSpec(spec('23:59:30'), {...utc, reference: justAfterMidnight})).toBe(at('2026-11-27T23:59:30Z'));
		expect(resolveTimeSpec(spec('00:00'), {...utc, reference: justAfterMidnight})).toBe(at('2026-11-28T00:00:00Z'));
	});

	it('keeps a clock time on the reference day for the flags', () => {
		const opts = {zone: 'utc' as const, clockDay: 'same-day' as const, reference: newest};
		expect(resolveTimeSpec(spec('18:00'), opts)).toBe(at('2026-11-27T18:00:00Z'));
		expect(resolveTimeSpec(spec('2026-11-27'), opts)).toBe(at('2026-11-27T00:00:00Z'));
	});

	describe('in local time', () => {
		const saved = process.env.TZ;
		beforeEach(() => {
			process.env.TZ = 'Europe/Berlin';
		});
		afterEach(() => {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		});

		it('reads clock and wall times in the local zone', () => {
			const local = {zone: 'local' as const, clockDay: 'at-or-before' as const};
			expect(resolveTimeSpec(spec('10:42'), {...local, reference: newest})).toBe(at('2026-11-27T09:42:00Z'));
			expect(resolveTimeSpec(spec('2026-11-27T10:42'), {...local, reference: newest})).toBe(at('2026-11-27T09:42:00Z'));
		});

		it('steps back a calendar day over a DST change, not 24 hours', () => {
			// 2026-03-29 has 23 hours in Berlin (02:00 -> 03:00).
			const local = {zone: 'local' as const, clockDay: 'at-or-before' as const};
			const ref = at('2026-03-29T08:00:00Z'); // 10:00 CEST
			expect(resolveTimeSpec(spec('11:00'), {...local, reference: ref})).toBe(at('2026-03-28T10:00:00Z'));
			// A time in the gap moves forward by the gap; the repeated hour in October is its first.
			expect(resolveTimeSpec(spec('2026-03-29T02:30'), {...local, reference: ref})).toBe(at('2026-03-29T01:30:00Z'));
			expect(resolveTimeSpec(spec('2026-10-25T02:30'), {...local, reference: ref})).toBe(at('2026-10-25T00:30:00Z'));
		});

		it('writes local times with their offset', () => {
			expect(formatTime(at('2026-11-27T09:42:07.123Z'), true)).toBe('10:42:07.123');
			expect(formatTime(at('2026-11-27T09:42:07.123Z'), true, 'utc')).toBe('09:42:07.123');
			expect(zonedIso(at('2026-11-27T09:42:07.123Z'), 'local')).toBe('2026-11-27T10:42:07.123+01:00');
			expect(zonedIso(at('2026-07-01T09:00:00Z'), 'local')).toBe('2026-07-01T11:00:00.000+02:00');
			expect(zonedIso(at('2026-11-27T09:42:07.123Z'), 'utc')).toBe('2026-11-27T09:42:07.123Z');
			expect(zoneLabel('local', at('2026-11-27T09:42:07Z'))).toBe('local+01:00');
			expect(zoneLabel('utc', 0)).toBe('UTC');
			expect(formatStamp(at('2026-11-27T23:30:00Z'), 'local')).toBe('2026-11-28 00:30:00.000');
		});
	});
});

describe('timeJump', () => {
	const t = (iso: string) => ({time: at(iso)});
	// Two partitions interleaved: times mostly rise, not strictly.
	const events = [
		makeEvent(1, t('2026-11-26T23:59:50Z')),
		makeEvent(2, t('2026-11-27T00:00:05Z')),
		makeEvent(3, t('2026-11-26T23:59:58Z')),
		makeEvent(4, t('2026-11-27T10:42:07.100Z')),
		makeEvent(5, t('2026-11-27T10:42:06Z')),
		makeEvent(6, t('2026-11-27T10:42:07.123Z')),
		makeEvent(7, {time: undefined, receivedAt: at('2026-11-27T10:45:00Z')}),
	];

	it('lands on the first event in feed order at or after the time', () => {
		expect(timeJump(events, '10:42', 'utc')).toMatchObject({ok: true, index: 3});
		expect(timeJump(events, '10:42:07.123', 'utc')).toMatchObject({ok: true, index: 5});
		expect(timeJump(events, '00:00', 'utc')).toMatchObject({ok: true, index: 1});
		expect(timeJump(events, '23:59:55', 'utc')).toMatchObject({ok: true, index: 1});
		// Relative to the newest event (the one known only by its arrival time).
		expect(timeJump(events, '-3m', 'utc')).toMatchObject({ok: true, index: 3, target: at('2026-11-27T10:42:00Z')});
		// Before every event: the oldest, and it says so.
		expect(timeJump(events, '2026-11-26T23:59:00Z', 'utc')).toMatchObject({ok: true, index: 0, early: true});
		expect(timeJump(events, '23:59:50', 'utc')).not.toHaveProperty('early');
	});

	it('says so when nothing is at or after it, or the input is no time', () => {
		const late = timeJump(events, '2026-11-28T00:00Z', 'utc');
		expect(late).toMatchObject({ok: false});
		expect(late.ok === false && late.message).toBe(
			'no event in view at or after 2026-11-28 00:00:00.000Z (the newest is 2026-11-27 10:45:00.000Z)',
		);
		expect(timeJump(events, 'later', 'utc')).toMatchObject({ok: false});
		expect(timeJump([], '10:42', 'utc')).toEqual({ok: false, message: 'no event in view to jump to'});
	});

	it('scans a 100,000-event buffer well within a frame', () => {
		const base = at('2026-11-27T00:00:00Z');
		const many = Array.from({length: 100_000}, (_, i) => makeEvent(i + 1, {time: base + i * 10 + (i % 7) * 3}));
		expect(firstAtOrAfter(many, base + 999_990)).toBe(99_999);
		const started = performance.now();
		const r = timeJump(many, '00:16:39.99', 'utc');
		expect(performance.now() - started).toBeLessThan(100);
		expect(r).toMatchObject({ok: true, index: 99_999});
	});
});
