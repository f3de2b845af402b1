// Per partition: the high watermark, our position, the lag and the recent fetch rate, for the
// partitions panel (`p`) and the header's fetch rate. Pure: the caller passes the time, so every
// figure is unit-tested without a broker or a clock.
import type {PartitionProgress} from '../../event.js';
import {keyOf, type PartitionKey} from './offsets.js';

/**
 * The fetch rate is the records fetched over about this long: kafkajs fetches about once a second
 * per broker, so a shorter window would jump between 0 and twice the rate; a longer one would keep
 * showing a rate for seconds after the topic went quiet.
 */
export const RATE_WINDOW_MS = 5000;

interface Partition {
	topic: string;
	partition: number;
	high?: bigint;
	position?: bigint;
	/** Records fetched since the start. */
	fetched: number;
	/** [time, fetched] at each sample within the window, oldest first. */
	samples: Array<[number, number]>;
}

export interface ProgressSample {
	/** Ordered by topic, then partition. */
	partitions: PartitionProgress[];
	/** The partitions' fetch rates summed, records per second. */
	fetchRate: number;
}

export class ProgressTracker {
	private readonly partitions = new Map<PartitionKey, Partition>();
	/** The partitions of the last group join; undefined before the first (all planned ones count). */
	private assigned: Set<PartitionKey> | undefined;

	/** Where the start plan put a partition, and its end then: known before anything was fetched. */
	planned(topic: string, partition: number, position: bigint | undefined, high: bigint | undefined): void {
		const p = this.entry(topic, partition);
		if (p.position === undefined) p.position = position;
		if (p.high === undefined || (high !== undefined && high > p.high)) p.high = high;
	}

	/** The partitions the group gave us; a partition another member reads leaves the panel. */
	assign(assignment: Record<string, readonly number[]>): void {
		this.assigned = new Set();
		for (const [topic, partitions] of Object.entries(assignment)) {
			for (const partition of partitions) {
				this.entry(topic, partition);
				this.assigned.add(keyOf(topic, partition));
			}
		}
	}

	/** A batch fetched at `now`: its record count, the partition's high watermark, the next offset after it. */
	fetched(
		now: number,
		topic: string,
		partition: number,
		records: number,
		high: bigint | undefined,
		next: bigint | undefined,
	): void {
		const p = this.entry(topic, partition);
		// The partition's first batch: its records count from now, not from the next sample.
		if (p.samples.length === 0) p.samples.push([now, p.fetched]);
		p.fetched += records;
		if (high !== undefined) p.high = high;
		if (next !== undefined && (p.position === undefined || next > p.position)) p.position = next;
	}

	/** The figures now; call it at a steady pace (once a second), as the rate is measured between calls. */
	sample(now: number): ProgressSample {
		const partitions: PartitionProgress[] = [];
		let fetchRate = 0;
		const keys = [...this.partitions.keys()].filter(k => this.assigned?.has(k) ?? true);
		for (const key of keys) {
			const p = this.partitions.get(key)!;
			p.samples.push([now, p.fetched]);
			while (p.samples.length > 1 && now - p.samples[0]![0] > RATE_WINDOW_MS) p.samples.shift();
			const [since, before] = p.samples[0]!;
			const rate = now > since ? ((p.fetched - before) * 1000) / (now - since) : 0;
			fetchRate += rate;
			partitions.push(progressOf(p, rate));
		}
		partitions.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
		return {partitions, fetchRate};
	}

	private entry(topic: string, partition: number): Partition {
		const key = keyOf(topic, partition);
		let p = this.partitions.get(key);
		if (!p) {
			p = {topic, partition, fetched: 0, samples: []};
			this.partitions.set(key, p);
		}
		return p;
	}
}

function progressOf(p: Partition, rate: number): PartitionProgress {
	const out: PartitionProgress = {topic: p.topic, partition: p.partition, fetchRate: rate};
	if (p.high !== undefined) out.highWatermark = p.high.toString();
	if (p.position !== undefined) out.position = p.position.toString();
	if (p.high !== undefined && p.position !== undefined) out.lag = p.high > p.position ? Number(p.high - p.position) : 0;
	return out;
}
