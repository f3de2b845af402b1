import type {RawRecord, SourceStatus} from '../event.js';

// The status types live in event.ts, which the store reads too; sources name them from here.
export type {ConnectionState, SourceStatus} from '../event.js';

/** Where a source delivers what it reads. The sink never throws. */
export interface RecordSink {
	/**
	 * A batch. A promise says the batch is done only when it settles (its hits published): the
	 * Kafka source waits for it before the batch counts as read and its offset may be committed;
	 * a rejection leaves the batch uncommitted. Other sources do not wait.
	 */
	records(batch: RawRecord[]): void | Promise<void>;
	/**
	 * How many batches the sink may hold open at once (default 1): a sink that works on several
	 * in parallel (the headless worker pool) settles their promises in the order it got them.
	 */
	readonly concurrency?: number;
	status(status: SourceStatus): void;
	/** No more records will come (end of file, --exit-at-end reached, --count). */
	end(): void;
}

/**
 * One interface for every input: Kafka, file, stdin, demo, and an in-memory array for tests.
 * start() resolves once the source is running (not when it ends); stop() releases everything
 * (Kafka: leaves the group) and is safe to call twice.
 *
 * pause() and resume() are flow control for a reader slower than the source (`edrtail --json |
 * slow`): after pause() the source reads nothing more until resume(), so what waits is the data
 * still in Kafka or in the file, not memory. What it had read already may still arrive (at most
 * the batch in hand). Both may be called at any time, repeatedly, before start and after stop.
 */
export interface EventSource {
	/** Short text for the header: "kafka localhost:9092 telemetry", "file events.ndjson", "demo 200/s". */
	readonly label: string;
	start(sink: RecordSink): Promise<void>;
	stop(): Promise<void>;
	pause(): void;
	resume(): void;
	/**
	 * A source of several streams (Kafka's partitions): that partition is done (--until passed in
	 * it); nothing more of it is read or handed on, and the source ends once every partition is
	 * done (or, with --exit-at-end, read to its end). A source without it has one stream: the
	 * runner ends the run instead.
	 */
	finishPartition?(topic: string, partition: number): void;
}
