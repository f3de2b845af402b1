// --since and --until on event time, after decode (only decoded events have one). The window is
// kept per stream: a Kafka partition, or the one stream of a file, stdin or the demo. Before
// --since an event is dropped; the first event after --until ends its stream: it and every later
// event of that stream are dropped, and the stream is reported passed once its batch is handed on
// (the runner then stops that partition, or the source). Partitions interleave and each keeps its
// own order, so one partition passing --until says nothing about the others: the run ends when
// every partition did (or, with --exit-at-end, reached its end).
import type {EdrEvent} from './event.js';

export interface TimeBounds {
	since?: number;
	until?: number;
}

/** The stream an event came from: its Kafka partition, or undefined (the source's only stream). */
export type StreamId = {topic: string; partition: number} | undefined;

/**
 * The time the window compares: the event's own, else the Kafka record's timestamp. An event with
 * neither (some undecodable records, a JSON line without a time) cannot be placed and is kept.
 */
export function windowTime(ev: EdrEvent): number | undefined {
	return ev.time ?? ev.kafka?.timestamp;
}

export class TimeWindow {
	private readonly passed = new Set<string>();
	private readonly fresh: StreamId[] = [];

	constructor(
		private readonly bounds: TimeBounds,
		private readonly onPassed: (stream: StreamId) => void,
	) {}

	/** Whether the event is in the window; the first one after --until ends its stream. */
	admit(ev: EdrEvent): boolean {
		const key = ev.kafka ? `${ev.kafka.topic}\u0000${ev.kafka.partition}` : '';
		if (this.passed.has(key)) return false;
		const t = windowTime(ev);
		if (t === undefined) return true;
		if (this.bounds.since !== undefined && t < this.bounds.since) return false;
		if (this.bounds.until !== undefined && t > this.bounds.until) {
			this.passed.add(key);
			this.fresh.push(ev.kafka ? {topic: ev.kafka.topic, partition: ev.kafka.partition} : undefined);
			return false;
		}
		return true;
	}

	/** Reports the streams that passed --until since the last call (after their batch was handed on). */
	settle(): void {
		for (const stream of this.fresh.splice(0)) this.onPassed(stream);
	}
}
