// The store stage's entry: the bounded event buffer between the pipeline and the screen, its
// counters and latency figures. It reads only event.ts (no sources/): see README.md.
export {
	DEFAULT_CAPACITY,
	publishEveryMs,
	EventStore,
	type Clock,
	type EventStoreOptions,
	type StoreSnapshot,
	type StoreStats,
} from './event-store.js';
export {
	LATENCY_KINDS,
	LATENCY_LABELS,
	LatencyTracker,
	type LatencyKind,
	type LatencyStats,
	type LatencySummary,
} from './latency.js';
export {HISTOGRAM_BOUNDS_MS, histogram, percentiles, type Percentiles} from './percentiles.js';
export {RingBuffer} from './ring-buffer.js';
