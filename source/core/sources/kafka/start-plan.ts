// Where each partition of a topic starts, from what the admin API answered: pure, so every rule
// of --from and --exit-at-end is unit-tested without a broker. Offsets are int64: bigint here,
// the decimal text kafkajs uses on the way in.
import type {StartPosition} from '../start-position.js';

export interface PartitionWatermarks {
	partition: number;
	/** The first offset the partition still holds. */
	low: string;
	/** The offset the next record will get (the end). */
	high: string;
}

/** One partition's answer to "offsets for time" or "committed offsets"; -1 means none. */
export interface PartitionOffset {
	partition: number;
	offset: string;
}

export interface StartPlanInput {
	partitions: readonly PartitionWatermarks[];
	position: StartPosition;
	/** For position kind `time`: the first offset at or after the time, per partition. */
	offsetsForTime?: readonly PartitionOffset[];
	/** For position kind `committed`: the group's committed offsets. */
	committed?: readonly PartitionOffset[];
	/** Record where each partition ends now, to stop there. */
	exitAtEnd: boolean;
}

export interface StartPlan {
	/** The offset to seek to, per partition. */
	seek: Map<number, bigint>;
	/** With exitAtEnd: the high watermark each partition had at start (read up to, not including). */
	ends: Map<number, bigint>;
	/** The high watermark each partition had when planned (where the partitions panel starts). */
	highs: Map<number, bigint>;
}

export function planStart(input: StartPlanInput): StartPlan {
	const seek = new Map<number, bigint>();
	const ends = new Map<number, bigint>();
	const highs = new Map<number, bigint>();
	for (const w of input.partitions) {
		const low = BigInt(w.low);
		const high = BigInt(w.high);
		highs.set(w.partition, high);
		seek.set(w.partition, startOf(input, w.partition, low, high));
		if (input.exitAtEnd) ends.set(w.partition, high);
	}
	return {seek, ends, highs};
}

function startOf(input: StartPlanInput, partition: number, low: bigint, high: bigint): bigint {
	const {position} = input;
	switch (position.kind) {
		case 'earliest':
			return low;
		case 'latest':
			return high;
		case 'committed': {
			// -1: the group has no offset for it yet; start from now, as latest does.
			const at = offsetOf(input.committed, partition);
			return at < 0n ? high : clamp(at, low, high);
		}
		case 'time': {
			// -1: no record at or after the time (it lies past the end): start at the end.
			const at = offsetOf(input.offsetsForTime, partition);
			return at >= 0n ? at : high;
		}
		case 'offset':
			return clamp(BigInt(position.offset), low, high);
	}
}

function offsetOf(answers: readonly PartitionOffset[] | undefined, partition: number): bigint {
	const found = answers?.find(p => p.partition === partition);
	return found ? BigInt(found.offset) : -1n;
}

function clamp(value: bigint, low: bigint, high: bigint): bigint {
	return value < low ? low : value > high ? high : value;
}

/** The partitions not yet read up to their end, given the next offset of each (exit at end). */
export function unfinished<K>(ends: ReadonlyMap<K, bigint>, next: (key: K) => bigint): K[] {
	const out: K[] = [];
	for (const [key, end] of ends) if (next(key) < end) out.push(key);
	return out;
}
