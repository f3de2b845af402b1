// The visible list: the store's buffer narrowed by the view filter, kept up to date incrementally.
// Same buffer + same filter -> the same result object (React memoisation). A new buffer from the
// store that only appended (and evicted from the front) costs only the new events: events arriving
// while a search is active are tested as they arrive, never by re-running the whole search.
import type {EdrEvent} from '../event.js';
import {filterKey, passesCheap, termsOf, type ViewFilter} from './filter.js';
import {highlightsOf, type FieldHighlight} from './highlight.js';
import {isEmptyQuery} from './query.js';
import {bigramsOf, hasProjection, projectionOf} from './projection.js';
import {lowerBoundSeq} from './seq.js';
import {filterByTerm} from './text-match.js';

export interface ViewResult {
	/** Visible events, oldest first. Treat as immutable; the same array while nothing visible changed. */
	readonly visible: readonly EdrEvent[];
	/** Highlight ranges by event seq, computed on first read (only rendered rows pay for them). */
	readonly highlights: HighlightLookup;
	/** The events array this result was computed from. */
	readonly source: readonly EdrEvent[];
	readonly filter: ViewFilter;
	/** True when the filter hides nothing (visible is the buffer itself). */
	readonly unfiltered: boolean;
	/**
	 * The search's approximate (typo-tolerant) check covered only the newest FUZZY_BUDGET
	 * candidates per term; exact matches are complete. Worth a hint in the search bar.
	 */
	readonly fuzzyLimited: boolean;
	/**
	 * False while `visible` holds only the newest matches of a filter just changed on a big buffer:
	 * the older events are tested by `FilteredView.advance`, a slice at a time (a key's frame
	 * shows the rows on screen at once). Once true, the result equals a whole recompute.
	 */
	readonly complete: boolean;
	/**
	 * While not complete: tests every event left at once and returns the complete result. For what
	 * must see the whole list now (an export), not for a frame.
	 */
	readonly finish?: () => ViewResult;
}

export interface HighlightLookup {
	get(seq: number): FieldHighlight[] | undefined;
}

interface Filtered {
	events: EdrEvent[];
	fuzzyLimited: boolean;
}

function applyFilter(events: readonly EdrEvent[], filter: ViewFilter, fuzzyBudget?: number): Filtered {
	let out: EdrEvent[] = [];
	for (const ev of events) if (passesCheap(ev, filter)) out.push(ev);
	let fuzzyLimited = false;
	for (const term of termsOf(filter.query)) {
		if (out.length === 0) break;
		const r = filterByTerm(term, out, fuzzyBudget);
		out = r.events;
		fuzzyLimited ||= r.fuzzyLimited;
	}
	return {events: out, fuzzyLimited};
}

function isUnfiltered(filter: ViewFilter): boolean {
	return (
		filter.hiddenCategories.size === 0 &&
		!filter.hitsOnly &&
		filter.ruleId === undefined &&
		!filter.process &&
		!filter.pivots?.length &&
		isEmptyQuery(filter.query)
	);
}

class LazyHighlights implements HighlightLookup {
	private readonly cache = new Map<number, FieldHighlight[]>();
	constructor(
		private readonly visible: readonly EdrEvent[],
		private readonly filter: ViewFilter,
	) {}
	get(seq: number): FieldHighlight[] | undefined {
		const hit = this.cache.get(seq);
		if (hit) return hit;
		const i = lowerBoundSeq(this.visible, seq);
		const ev = this.visible[i];
		if (!ev || ev.seq !== seq) return undefined;
		const h = highlightsOf(ev, this.filter.query);
		// Only rendered rows are asked for; bound the cache anyway.
		if (this.cache.size > 2000) this.cache.clear();
		this.cache.set(seq, h);
		return h;
	}
}

/** Projections built ahead of a search per update, newest first (keeps the first search fast). */
const WARM_PER_UPDATE = 5_000;

/**
 * A new filter on a buffer bigger than this is applied to its newest PROGRESSIVE_FIRST events
 * first, the rest by `advance`. Only filters without fuzzy terms: those are tested event by
 * event; a fuzzy term ranks the candidates of the whole buffer at once.
 */
export const PROGRESSIVE_MIN = 20_000;
const PROGRESSIVE_FIRST = 5_000;
/** Events `advance` tests per call unless told otherwise. */
export const ADVANCE_SLICE = 10_000;

/**
 * Keeps one filtered view of a live buffer. Call `update` with every snapshot's events and the
 * current filter; it returns the previous result when nothing changed.
 */
export class FilteredView {
	private result: ViewResult | undefined;
	private key = '';
	private lastSeq = -Infinity;
	private warmLow = Infinity;
	private warmHigh = -Infinity;
	/** The range [low, high] that was warm when a burst left a gap above it (every event in it is warm). */
	private doneRange: {low: number; high: number} | undefined;
	/** While the result is not complete: events below this seq are still to be tested. */
	private untestedBelow = -Infinity;

	/**
	 * `warm: false`: `update` builds no projections (call `warm`). `progressive`: a new filter on
	 * a big buffer may give an incomplete result, and the caller calls `advance` until it is complete.
	 */
	constructor(private readonly options: {warm?: boolean; progressive?: boolean} = {}) {}

	update(events: readonly EdrEvent[], filter: ViewFilter): ViewResult {
		const prev = this.result;
		if (prev && prev.source === events && prev.filter === filter) return prev;
		const key = filterKey(filter);
		const sameFilter = prev !== undefined && key === this.key;
		if (sameFilter && prev.source === events) return prev;
		const last = events.at(-1);
		const result =
			sameFilter && (!last || last.seq >= this.lastSeq)
				? this.extend(prev, events, filter)
				: this.full(events, filter, key);
		if (this.options.warm !== false) this.warm(events);
		return result;
	}

	/**
	 * Builds search projections (and their bigram bitmaps, which every fuzzy term reads) for at most
	 * `budget` events, the newest first, so that by the time the user types a query the buffer is
	 * indexed. `update` calls it with WARM_PER_UPDATE unless the view was made with `warm: false`;
	 * a screen calls it in idle slices instead, between keys. True when every event of `events` is
	 * done. Invariant: every event with seq in [warmLow, warmHigh] has its projection.
	 */
	warm(events: readonly EdrEvent[], budget = WARM_PER_UPDATE): boolean {
		if (events.length === 0) return true;
		const newFrom = Math.max(lowerBoundSeq(events, this.warmHigh + 1), events.length - budget);
		if (newFrom < events.length) {
			for (let j = newFrom; j < events.length; j++) bigramsOf(projectionOf(events[j]!));
			budget -= events.length - newFrom;
			// A burst larger than the budget leaves a gap: restart the range at the new events, and keep
			// the range warmed so far, so that filling the gap ends at it instead of looking it all over.
			if (events[newFrom]!.seq > this.warmHigh + 1 && lowerBoundSeq(events, this.warmHigh + 1) < newFrom) {
				if (this.warmLow <= this.warmHigh) this.doneRange = {low: this.warmLow, high: this.warmHigh};
				this.warmLow = events[newFrom]!.seq;
			}
			if (this.warmLow === Infinity) this.warmLow = events[newFrom]!.seq;
			this.warmHigh = events.at(-1)!.seq;
		}
		// Events found warm already (behind a gap that was filled) cost a lookup each: bounded too.
		let j = lowerBoundSeq(events, this.warmLow) - 1;
		for (let looked = 0; j >= 0 && budget > 0 && looked < budget * 20; j--, looked++) {
			const done = this.doneRange;
			if (done && events[j]!.seq <= done.high && events[j]!.seq >= done.low) {
				// The gap is filled: the range before it is warm already, and joins this one.
				j = lowerBoundSeq(events, done.low);
				this.warmLow = events[j]!.seq;
				this.doneRange = undefined;
				continue;
			}
			if (!hasProjection(events[j]!)) {
				bigramsOf(projectionOf(events[j]!));
				budget--;
			}
			this.warmLow = events[j]!.seq;
		}
		return j < 0 && this.warmHigh >= events.at(-1)!.seq;
	}

	private full(events: readonly EdrEvent[], filter: ViewFilter, key: string): ViewResult {
		const unfiltered = isUnfiltered(filter);
		this.key = key;
		this.lastSeq = events.at(-1)?.seq ?? -Infinity;
		this.untestedBelow = -Infinity;
		const progressive = this.options.progressive && events.length > PROGRESSIVE_MIN;
		if (!unfiltered && progressive && termsOf(filter.query).length === 0) {
			const from = events.length - PROGRESSIVE_FIRST;
			this.untestedBelow = events[from]!.seq;
			return this.publish(applyFilter(events.slice(from), filter).events, events, filter, false);
		}
		const r = unfiltered ? {events: events as EdrEvent[], fuzzyLimited: false} : applyFilter(events, filter);
		return (this.result = {
			visible: r.events,
			highlights: new LazyHighlights(r.events, filter),
			source: events,
			filter,
			unfiltered,
			fuzzyLimited: r.fuzzyLimited,
			complete: true,
		});
	}

	/** A filtered result; while not complete it can be finished at once (an export needs it whole). */
	private publish(
		visible: EdrEvent[],
		events: readonly EdrEvent[],
		filter: ViewFilter,
		complete: boolean,
		fuzzyLimited = false,
	): ViewResult {
		return (this.result = {
			visible,
			highlights: new LazyHighlights(visible, filter),
			source: events,
			filter,
			unfiltered: false,
			fuzzyLimited,
			complete,
			...(complete ? {} : {finish: () => this.advance(Infinity)!}),
		});
	}

	/**
	 * Tests up to `budget` more of the events an incomplete result has not tested yet, the newest
	 * of them first, and returns the result with their matches in place (the next `update` with the
	 * same buffer and filter returns it too). The result as it is when nothing is left.
	 */
	advance(budget = ADVANCE_SLICE): ViewResult | undefined {
		const prev = this.result;
		if (!prev || prev.complete) return prev;
		const events = prev.source;
		const end = lowerBoundSeq(events, this.untestedBelow);
		const from = Math.max(0, end - Math.max(1, budget));
		const found = applyFilter(events.slice(from, end), prev.filter).events;
		const complete = from === 0;
		this.untestedBelow = complete ? -Infinity : events[from]!.seq;
		if (found.length === 0) return complete ? (this.result = {...prev, complete}) : prev;
		return this.publish(found.concat(prev.visible), events, prev.filter, complete);
	}

	private extend(prev: ViewResult, events: readonly EdrEvent[], filter: ViewFilter): ViewResult {
		const first = events[0];
		const fresh = events.slice(lowerBoundSeq(events, this.lastSeq + 1));
		this.lastSeq = events.at(-1)?.seq ?? this.lastSeq;
		if (prev.unfiltered)
			return (this.result = {
				...prev,
				visible: events,
				highlights: new LazyHighlights(events, filter),
				source: events,
				filter,
			});
		// Evicted events leave from the front of the visible list too.
		const drop = first ? lowerBoundSeq(prev.visible, first.seq) : prev.visible.length;
		const added = fresh.length ? applyFilter(fresh, filter) : {events: [], fuzzyLimited: false};
		const fuzzyLimited = prev.fuzzyLimited || added.fuzzyLimited;
		// Events still to be tested that the buffer evicted need no testing any more.
		const complete = prev.complete || !first || first.seq >= this.untestedBelow;
		if (complete) this.untestedBelow = -Infinity;
		if (drop === 0 && added.events.length === 0)
			return (this.result = {...prev, source: events, filter, fuzzyLimited, complete});
		const visible = drop === 0 ? prev.visible.concat(added.events) : prev.visible.slice(drop).concat(added.events);
		return this.publish(visible, events, filter, complete, fuzzyLimited);
	}
}

/** One-shot form of FilteredView for callers that keep no state. */
export function filterEvents(events: readonly EdrEvent[], filter: ViewFilter): readonly EdrEvent[] {
	return isUnfiltered(filter) ? events : applyFilter(events, filter).events;
}

/**
 * Index of the next (direction 1) or previous (-1) visible event with rule hits, starting after
 * `fromIndex` and wrapping around like a pager's n/N; undefined when no visible event has hits.
 */
export function nextHitIndex(visible: readonly EdrEvent[], fromIndex: number, direction: 1 | -1): number | undefined {
	const n = visible.length;
	if (n === 0) return undefined;
	const start = Math.min(Math.max(fromIndex, -1), n);
	for (let step = 1; step <= n; step++) {
		const i = (((start + direction * step) % n) + n) % n;
		if (visible[i]!.hits.length > 0) return i;
	}
	return undefined;
}
