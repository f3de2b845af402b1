// One group's events of one correlation, kept in event-time order, and what a window of them
// reaches. Windows slide on event time: the window ending at an event holds every event of the
// group at most one timespan older, whatever order they arrived in.
import type {CorrelationType} from './types.js';

export interface Entry {
	time: number;
	/** A chained correlation's hit: when its own window started (its time is when it ended). */
	start?: number;
	/** The event, or for a chained correlation the events of the inner hit. */
	seq: number | number[];
	/** Position of the rule it came from in the correlation's `rules`. */
	pos: number;
	/** value_sum/avg/percentile: the field's number. */
	num: number;
	/** value_count: the field's value (tuple). */
	str: string;
}

/** Index of the first entry with time >= t (entries sorted by time). */
export function lowerBound(entries: readonly Entry[], t: number): number {
	let lo = 0;
	let hi = entries.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (entries[mid]!.time < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Inserts in time order (after equal times: arrival breaks ties); returns the index. */
export function insertEntry(entries: Entry[], e: Entry): number {
	let i = entries.length;
	if (i === 0 || entries[i - 1]!.time <= e.time) {
		entries.push(e);
		return i;
	}
	let lo = 0;
	while (lo < i) {
		const mid = (lo + i) >>> 1;
		if (entries[mid]!.time <= e.time) lo = mid + 1;
		else i = mid;
	}
	entries.splice(lo, 0, e);
	return lo;
}

/** What entries[from..to] (inclusive) reach for the correlation's type. */
export function windowValue(
	type: CorrelationType,
	entries: readonly Entry[],
	from: number,
	to: number,
	percentile = 50,
): number {
	switch (type) {
		case 'event_count':
			return to - from + 1;
		case 'value_count': {
			const seen = new Set<string>();
			for (let i = from; i <= to; i++) seen.add(entries[i]!.str);
			return seen.size;
		}
		case 'temporal': {
			const seen = new Set<number>();
			for (let i = from; i <= to; i++) seen.add(entries[i]!.pos);
			return seen.size;
		}
		case 'temporal_ordered': {
			// Greedy: the earliest occurrence of each rule after the previous one's finds the order if
			// any exists; the value is how many of the rules, in order, the window holds.
			let next = 0;
			for (let i = from; i <= to; i++) if (entries[i]!.pos === next) next++;
			return next;
		}
		case 'value_sum':
		case 'value_avg': {
			let sum = 0;
			for (let i = from; i <= to; i++) sum += entries[i]!.num;
			return type === 'value_sum' ? sum : sum / (to - from + 1);
		}
		case 'value_percentile': {
			const nums: number[] = [];
			for (let i = from; i <= to; i++) nums.push(entries[i]!.num);
			nums.sort((a, b) => a - b);
			// Nearest rank: the smallest value with at least p% of the values at or below it.
			const rank = Math.ceil((percentile / 100) * nums.length);
			return nums[Math.min(nums.length - 1, Math.max(0, rank - 1))]!;
		}
	}
}

/**
 * value_count over a sliding window, kept between events: the distinct values of entries[lo..hi]
 * with how often each occurs. Counting a window afresh walks all of it (up to the group's cap,
 * a thousand entries or more) for every event; as events arrive, the window's ends only move
 * forward, so each entry is added once and removed once. Any other move starts it again.
 */
export class DistinctWindow {
	private lo = 0;
	private hi = -1;
	private readonly counts = new Map<string, number>();

	/** windowValue('value_count', entries, from, to), for the entries as they are now. */
	count(entries: readonly Entry[], from: number, to: number): number {
		if (from < this.lo || to < this.hi) this.reset(from);
		if (this.hi < this.lo) this.reset(from);
		for (let i = this.hi + 1; i <= to; i++) this.add(entries[i]!.str);
		this.hi = Math.max(this.hi, to);
		for (let i = this.lo; i < from; i++) this.remove(entries[i]!.str);
		this.lo = Math.max(this.lo, from);
		return this.counts.size;
	}

	/** The first k entries are about to leave the array (entries.splice(0, k)). */
	dropFront(entries: readonly Entry[], k: number): void {
		for (let i = this.lo; i < k && i <= this.hi; i++) this.remove(entries[i]!.str);
		this.lo = Math.max(this.lo, k) - k;
		this.hi -= k;
		if (this.hi < this.lo) this.reset(0);
	}

	/** An entry was inserted before the end: indices moved, so it starts again. */
	clear(): void {
		this.reset(0);
	}

	private reset(at: number): void {
		this.counts.clear();
		this.lo = at;
		this.hi = at - 1;
	}

	private add(s: string): void {
		this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
	}

	private remove(s: string): void {
		const n = this.counts.get(s)! - 1;
		if (n === 0) this.counts.delete(s);
		else this.counts.set(s, n);
	}
}
