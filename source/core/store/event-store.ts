import type {Category, EdrEvent, SourceStatus} from '../event.js';
import {LatencyTracker, type LatencySummary} from './latency.js';
import {RingBuffer} from './ring-buffer.js';

export interface StoreStats {
	/** Events that reached the store (decoded or undecodable), since start. */
	received: number;
	/** Dropped from the buffer to make room (still counted everywhere else). */
	evicted: number;
	undecodable: number;
	/** Messages that carried no event (tombstones, empty packets). */
	skipped: number;
	/** Events with at least one rule hit. */
	withHits: number;
	byCategory: Partial<Record<Category, number>>;
	/** Hit counts per rule id, since start. */
	byRule: Record<string, number>;
	/** Events per second over the last complete second. */
	rate: number;
	/** Events per second, one entry per second, oldest first (for the sparkline). */
	rateHistory: number[];
	buffered: number;
	capacity: number;
}

export interface StoreSnapshot {
	/** Increases with every published change; equal versions mean equal snapshots. */
	version: number;
	/** Buffered events, oldest first. Treat as immutable. */
	events: readonly EdrEvent[];
	stats: StoreStats;
	status: SourceStatus;
	/** The source said it will send no more. */
	ended: boolean;
	latency: LatencySummary;
}

export interface Clock {
	now(): number;
	setInterval(fn: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

const realClock: Clock = {
	now: () => Date.now(),
	setInterval: (fn, ms) => {
		const t = setInterval(fn, ms);
		t.unref?.();
		return t;
	},
	clearInterval: handle => clearInterval(handle as NodeJS.Timeout),
};

/** Events kept when no capacity is given (`--max-events`). */
export const DEFAULT_CAPACITY = 50_000;

export interface EventStoreOptions {
	capacity?: number;
	/**
	 * How often listeners hear about changes, ms, while few events are buffered. Ingest is decoupled
	 * from rendering by this. A big buffer publishes less often (see publishEveryMs).
	 */
	flushMs?: number;
	rateHistorySeconds?: number;
	clock?: Clock;
	/** Bytes of undecodable payloads kept for the screen, all events together (default 32 MiB). */
	payloadBudgetBytes?: number;
}

/** Undecodable events keep up to 64 KiB each; 50,000 of them would be 3 GB. */
export const DEFAULT_PAYLOAD_BUDGET = 32 * 1024 * 1024;

/**
 * Each published snapshot holds its own copy of the buffer (8 bytes per event: 800 KB at 100,000),
 * allocated where only a full GC reclaims it. Twenty such copies a second made up most of the
 * screen's heap under a firehose, so a big buffer is copied at most this many events per ms of
 * interval: 25,000 events every 50 ms, 100,000 every 200 ms.
 */
const COPY_EVENTS_PER_MS = 500;
const MAX_PUBLISH_MS = 250;

/** How long a store with `buffered` events waits between published snapshots, at least `flushMs`. */
export function publishEveryMs(buffered: number, flushMs: number): number {
	return Math.max(flushMs, Math.min(MAX_PUBLISH_MS, Math.ceil(buffered / COPY_EVENTS_PER_MS)));
}

/**
 * The bounded in-memory store between the pipeline and the view. Events go in at any rate; listeners
 * are told at most once per flush interval, and read an immutable snapshot (useSyncExternalStore).
 */
export class EventStore {
	readonly capacity: number;
	private readonly buffer: RingBuffer<EdrEvent>;
	private readonly latency = new LatencyTracker();
	private readonly listeners = new Set<() => void>();
	private readonly clock: Clock;
	private readonly rateHistorySeconds: number;
	private readonly flushMs: number;
	private timer: unknown;
	private dirty = false;
	/** The buffer changed since the last snapshot (a status or skip count alone does not copy it). */
	private eventsDirty = true;
	private publishedAt = -Infinity;
	private version = 0;
	private snapshot: StoreSnapshot;
	private status: SourceStatus = {state: 'connecting'};
	private ended = false;
	private counters = {received: 0, evicted: 0, undecodable: 0, skipped: 0, withHits: 0};
	private byCategory: Partial<Record<Category, number>> = {};
	private byRule: Record<string, number> = {};
	private rateHistory: number[] = [];
	private currentSecond = 0;
	private currentSecondCount = 0;
	private latencySummary: LatencySummary | undefined;
	private latencyAt = -Infinity;
	private latencyAdded = 0;
	private latencyAddedAtSummary = -1;
	private readonly payloadBudget: number;
	/** Events holding a payload, oldest first, from `payloadHead` on, and the bytes they hold. */
	private payloads: EdrEvent[] = [];
	private payloadHead = 0;
	private payloadBytes = 0;

	constructor(options: EventStoreOptions = {}) {
		this.capacity = options.capacity ?? DEFAULT_CAPACITY;
		this.buffer = new RingBuffer(this.capacity);
		this.clock = options.clock ?? realClock;
		this.rateHistorySeconds = options.rateHistorySeconds ?? 60;
		this.payloadBudget = options.payloadBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET;
		this.currentSecond = Math.floor(this.clock.now() / 1000);
		this.flushMs = options.flushMs ?? 50;
		this.snapshot = this.buildSnapshot();
		this.timer = this.clock.setInterval(() => this.tick(), this.flushMs);
	}

	push(events: readonly EdrEvent[]): void {
		if (events.length === 0) return;
		this.tickRate(events.length);
		for (const ev of events) {
			this.counters.evicted += this.buffer.push(ev);
			this.counters.received++;
			if (ev.category === 'undecodable') this.counters.undecodable++;
			if (ev.undecodable?.payload) this.keepPayload(ev);
			this.byCategory[ev.category] = (this.byCategory[ev.category] ?? 0) + 1;
			if (ev.hits.length > 0) {
				this.counters.withHits++;
				for (const h of ev.hits) this.byRule[h.id] = (this.byRule[h.id] ?? 0) + 1;
			}
			this.latency.add(ev);
			this.latencyAdded++;
		}
		this.dirty = true;
		this.eventsDirty = true;
	}

	countSkipped(n = 1): void {
		this.counters.skipped += n;
		this.dirty = true;
	}

	setStatus(status: SourceStatus): void {
		this.status = status;
		this.dirty = true;
	}

	markEnded(): void {
		this.ended = true;
		this.dirty = true;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getSnapshot = (): StoreSnapshot => this.snapshot;

	/** The timer: publishes once the interval for the current buffer size has passed. */
	private tick(): void {
		if (this.clock.now() - this.publishedAt < publishEveryMs(this.buffer.size, this.flushMs)) return;
		this.flush();
	}

	/** Publishes pending changes now. Called by the timer; tests may call it directly. */
	flush(): void {
		// The rate must decay to 0 when nothing arrives, so the clock ticks even when not dirty.
		const before = this.rateHistory.length;
		this.tickRate(0);
		if (!this.dirty && this.rateHistory.length === before) return;
		this.dirty = false;
		this.version++;
		this.publishedAt = this.clock.now();
		this.snapshot = this.buildSnapshot();
		for (const l of this.listeners) l();
	}

	dispose(): void {
		if (this.timer !== undefined) this.clock.clearInterval(this.timer);
		this.timer = undefined;
		this.listeners.clear();
	}

	// Bounded memory for payloads: past the budget the oldest events lose their bytes (an event
	// evicted from the buffer is among the oldest, so its bytes go first). The event keeps its
	// reason, size and preview, and the detail pane says the bytes were not kept.
	private keepPayload(ev: EdrEvent): void {
		this.payloads.push(ev);
		this.payloadBytes += ev.undecodable!.payload!.length;
		while (this.payloadBytes > this.payloadBudget && this.payloadHead < this.payloads.length) {
			const old = this.payloads[this.payloadHead++]!;
			const {payload, ...rest} = old.undecodable!;
			this.payloadBytes -= payload?.length ?? 0;
			old.undecodable = rest;
		}
		if (this.payloadHead > 1024 && this.payloadHead * 2 > this.payloads.length) {
			this.payloads = this.payloads.slice(this.payloadHead);
			this.payloadHead = 0;
		}
	}

	private tickRate(n: number): void {
		const second = Math.floor(this.clock.now() / 1000);
		if (second !== this.currentSecond) {
			this.rateHistory.push(this.currentSecondCount);
			// Seconds with no events at all still count as zeros in the sparkline.
			for (let s = this.currentSecond + 1; s < second && s < this.currentSecond + this.rateHistorySeconds; s++)
				this.rateHistory.push(0);
			if (this.rateHistory.length > this.rateHistorySeconds)
				this.rateHistory.splice(0, this.rateHistory.length - this.rateHistorySeconds);
			this.currentSecond = second;
			this.currentSecondCount = 0;
		}
		this.currentSecondCount += n;
	}

	private buildSnapshot(): StoreSnapshot {
		const events = this.eventsDirty || !this.snapshot ? this.buffer.toArray() : this.snapshot.events;
		this.eventsDirty = false;
		return {
			version: this.version,
			events,
			stats: {
				...this.counters,
				byCategory: {...this.byCategory},
				byRule: {...this.byRule},
				rate: this.rateHistory.at(-1) ?? 0,
				rateHistory: [...this.rateHistory],
				buffered: this.buffer.size,
				capacity: this.capacity,
			},
			status: this.status,
			ended: this.ended,
			latency: this.latencySummaryNow(),
		};
	}

	// Percentiles sort thousands of samples: refresh them twice a second, not on every flush.
	private latencySummaryNow(): LatencySummary {
		const now = this.clock.now();
		const changed = this.latencyAdded !== this.latencyAddedAtSummary;
		const firstData = this.latencyAddedAtSummary <= 0 && this.latencyAdded > 0;
		if (!this.latencySummary || (changed && (firstData || this.ended || now - this.latencyAt >= 500))) {
			this.latencySummary = this.latency.summary();
			this.latencyAt = now;
			this.latencyAddedAtSummary = this.latencyAdded;
		}
		return this.latencySummary;
	}
}
