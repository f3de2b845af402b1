// Pivots: one normalized value of an event, kept (filter-in) or hidden (filter-out) across the
// feed, as lnav's filter-in / filter-out do. They combine with each other, the toggles and the
// search: every keep must match, no hide may. A value matches when it is equal, ignoring case,
// to one of the event's values for that field (the same values the search's field filters read).
import type {EdrEvent} from '../event.js';
import {valuesOf} from './filter.js';

export const PIVOT_KEYS = [
	'host',
	'user',
	'image',
	'parent',
	'cmdline',
	'storyline',
	'hash',
	'ip',
	'domain',
	'key',
	'path',
] as const;
export type PivotKey = (typeof PIVOT_KEYS)[number];

export interface Pivot {
	key: PivotKey;
	/** The value as the event has it (not sanitized: it is compared, and shown through sanitizeText). */
	value: string;
	/** Hide the events with this value, instead of keeping only them. */
	exclude: boolean;
}

/** Every value of the event for a pivot's field, original case. */
export function pivotValues(ev: EdrEvent, key: PivotKey): Array<string | undefined> {
	if (key === 'storyline') return [ev.actor?.storyline, ev.parent?.storyline, ev.target?.process?.storyline];
	return valuesOf(ev, key);
}

function matches(ev: EdrEvent, p: Pivot): boolean {
	const want = p.value.toLowerCase();
	for (const v of pivotValues(ev, p.key)) if (typeof v === 'string' && v.toLowerCase() === want) return true;
	return false;
}

/** Whether an event passes every pivot. */
export function pivotsPass(ev: EdrEvent, pivots: readonly Pivot[]): boolean {
	for (const p of pivots) if (matches(ev, p) === p.exclude) return false;
	return true;
}

/** `host = WS01`, `not user = SYSTEM`: a chip's text (sanitize before drawing). */
export function pivotText(p: Pivot): string {
	return `${p.key} ${p.exclude ? '≠' : '='} ${p.value}`;
}
