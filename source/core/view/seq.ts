// Buffers and visible lists are sorted by seq (arrival order): positions survive eviction when
// they are kept as seqs and looked up again.
import type {EdrEvent} from '../event.js';

/** Index of the first event with seq >= `seq` (events sorted by seq); length when none. */
export function lowerBoundSeq(events: readonly EdrEvent[], seq: number): number {
	let lo = 0;
	let hi = events.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (events[mid]!.seq < seq) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** How many events arrived after `seq` (the "+N new" count of a paused view). */
export function countAfterSeq(events: readonly EdrEvent[], seq: number): number {
	return events.length - lowerBoundSeq(events, seq + 1);
}

/** How many of `events` (sorted by seq) have a seq at or below `seq`. */
export function upperBoundSeq(events: readonly EdrEvent[], seq: number): number {
	return lowerBoundSeq(events, seq + 1);
}
