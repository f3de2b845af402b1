// What the Kafka source knows per partition: where it starts (the start plan), how far it has
// delivered, whether it was seeked yet, and with --exit-at-end where it ends. Positions are ours,
// not the group's: nothing is committed by default, so a rejoin seeks back to them.
import type {StartPlan} from './start-plan.js';
import {unfinished} from './start-plan.js';

export type PartitionKey = string;
export const keyOf = (topic: string, partition: number): PartitionKey => `${topic}\u0000${partition}`;

export class PartitionOffsets {
	/** Next offset to read, as far as records were delivered. */
	private readonly positions = new Map<PartitionKey, bigint>();
	/** Where each partition starts, from the start plan. */
	private readonly initial = new Map<PartitionKey, bigint>();
	/** Seeked at least once (with --commit, later joins use the committed offsets). */
	private readonly seeded = new Set<PartitionKey>();
	/** --exit-at-end: the end offset (high watermark) each partition had at start. */
	private readonly ends = new Map<PartitionKey, bigint>();
	/** A group join has been handled: with --commit, partitions assigned later resume where the group left them. */
	private joinedBefore = false;

	adopt(topic: string, plan: StartPlan): void {
		for (const [partition, offset] of plan.seek) this.initial.set(keyOf(topic, partition), offset);
		for (const [partition, end] of plan.ends) this.ends.set(keyOf(topic, partition), end);
	}

	/**
	 * Where a partition just assigned must be seeked to; undefined: leave it where it is. With
	 * --commit only the first join applies the start plan: a partition that comes later (a member
	 * of the group left or died) continues from the group's committed offset, not from our plan.
	 */
	seekTarget(key: PartitionKey, keepCommitted: boolean): bigint | undefined {
		if (keepCommitted && (this.seeded.has(key) || this.joinedBefore)) return undefined;
		return this.positions.get(key) ?? this.initial.get(key);
	}

	/** Every partition of a join was positioned. */
	markJoined(): void {
		this.joinedBefore = true;
	}

	markSeeked(key: PartitionKey): void {
		this.seeded.add(key);
	}

	/** The next offset already delivered up to, if any record of the partition was. */
	position(key: PartitionKey): bigint | undefined {
		return this.positions.get(key);
	}

	end(key: PartitionKey): bigint | undefined {
		return this.ends.get(key);
	}

	/** Records (or control records) up to `next` were read; positions never move back. */
	advance(key: PartitionKey, next: bigint): void {
		if (next > (this.positions.get(key) ?? -1n)) this.positions.set(key, next);
	}

	/**
	 * Every partition of the plan is done: finished (--until passed in it) or, with an end
	 * (--exit-at-end), read up to it. Without a finished partition, the --exit-at-end rule alone.
	 */
	allDone(finished: ReadonlySet<PartitionKey>): boolean {
		if (finished.size === 0) return this.allAtEnd();
		for (const key of this.initial.keys()) {
			if (finished.has(key)) continue;
			const end = this.ends.get(key);
			if (end === undefined || (this.positions.get(key) ?? this.initial.get(key) ?? 0n) < end) return false;
		}
		return true;
	}

	/** Every partition with an end has been read up to it. */
	allAtEnd(): boolean {
		return unfinished(this.ends, key => this.positions.get(key) ?? this.initial.get(key) ?? 0n).length === 0;
	}
}
