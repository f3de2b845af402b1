import type {RawRecord, SourceStatus} from '../event.js';

// The status types live in event.ts, which the store reads too; sources name them from here.
export type {ConnectionState, SourceStatus} from '../event.js';

/** Where a source delivers what it reads. Calls are synchronous; the sink never throws. */
export interface RecordSink {
	records(batch: RawRecord[]): void;
	status(status: SourceStatus): void;
	/** No more records will come (end of file, --exit-at-end reached, --count). */
	end(): void;
}

/**
 * One interface for every input: Kafka, file, stdin, demo, and an in-memory array for tests.
 * start() resolves once the source is running (not when it ends); stop() releases everything
 * (Kafka: leaves the group) and is safe to call twice.
 */
export interface EventSource {
	/** Short text for the header: "kafka localhost:9092 telemetry", "file events.ndjson", "demo 200/s". */
	readonly label: string;
	start(sink: RecordSink): Promise<void>;
	stop(): Promise<void>;
}
