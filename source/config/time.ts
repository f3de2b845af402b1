// --utc, --since and --until -> the zone the screen starts in and the event-time window. Times are
// read as the jump prompt reads them (core/view's time grammar), counted from `now` (the start):
// `-15m` and `15m` are 15 minutes before it, `+2h` two hours after it, and a clock time (`10:42`)
// is on today's date, in UTC with --utc and in the local zone (TZ) otherwise.
import {formatStamp, parseTimeSpec, resolveTimeSpec, TIME_SPEC_EXAMPLES} from '../core/view/index.js';
import {ConfigError} from './errors.js';
import type {ParsedFlags} from './flags.js';

export interface TimeConfig {
	/** The screen starts with times in UTC (T toggles). */
	utc: boolean;
	/** Events with an event time before this (epoch ms) are dropped. */
	since?: number;
	/** The first event with an event time after this ends its stream (a Kafka partition, a file). */
	until?: number;
}

export function timeConfigOf(flags: Pick<ParsedFlags, 'utc' | 'since' | 'until'>, now: number): TimeConfig {
	const utc = Boolean(flags.utc);
	const zone = utc ? 'utc' : 'local';
	const read = (name: string, text: string | undefined): number | undefined => {
		if (text === undefined) return undefined;
		const parsed = parseTimeSpec(text);
		if ('error' in parsed)
			throw new ConfigError(`${name}: "${text}" is not a time: use ${TIME_SPEC_EXAMPLES}, an ISO date or 2h`);
		return resolveTimeSpec(parsed.spec, {reference: now, zone, clockDay: 'same-day'});
	};
	const since = read('--since', flags.since);
	const until = read('--until', flags.until);
	if (since !== undefined && until !== undefined && until < since)
		throw new ConfigError(
			`--until ${formatStamp(until, zone)} is before --since ${formatStamp(since, zone)}: nothing would be read`,
		);
	return {utc, since, until};
}
