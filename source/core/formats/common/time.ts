import {num} from './text.js';

// Endpoint clocks and proto3 produce nonsense: 0, negative int64s read as uint64 (1.8e19), seconds
// where ms were meant. Anything outside [2000, 2100) is treated as absent rather than shown as a
// date 500 million years away.
const MIN_MS = 946_684_800_000; // 2000-01-01
const MAX_MS = 4_102_444_800_000; // 2100-01-01

export function saneMs(ms: number | undefined): number | undefined {
	return ms !== undefined && ms >= MIN_MS && ms < MAX_MS ? ms : undefined;
}

/** Epoch ms from a number, a numeric string or an ISO date string. */
export function msFrom(value: unknown): number | undefined {
	const n = num(value);
	if (n !== undefined) return saneMs(n);
	if (typeof value !== 'string' || value.length > 64) return undefined;
	return saneMs(Date.parse(value));
}

/** Sysmon's UtcTime is "2024-05-01 10:00:00.123" in UTC without a zone. */
export function msFromUtcTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.length > 64) return undefined;
	if (value.length >= 19 && value[10] === ' ' && !value.endsWith('Z'))
		return saneMs(Date.parse(`${value.slice(0, 10)}T${value.slice(11)}Z`));
	return msFrom(value);
}
