// The Kafka source's status line: one report per change, the specific reason of a failure kept
// over kafkajs's generic follow-ups, and silence once the source has ended or stopped.
import type {RecordSink, SourceStatus} from '../event-source.js';
import type {PartitionProgress} from '../../event.js';

export class StatusReporter {
	private status: SourceStatus = {state: 'connecting'};
	private sink: RecordSink | undefined;
	private closed = false;

	get current(): SourceStatus {
		return this.status;
	}

	/** Starts reporting to the sink, beginning with the status so far. */
	attach(sink: RecordSink): void {
		this.sink = sink;
		sink.status(this.status);
	}

	report(next: SourceStatus): void {
		if (this.closed) return;
		if (next.state === this.status.state && next.reason === this.status.reason) return;
		// The partitions as last seen stay through a state change: while the broker is down the panel
		// shows where each partition was, not nothing.
		const {partitions, fetchRate} = this.status;
		this.status = {
			...next,
			...(partitions && !next.partitions ? {partitions} : {}),
			...(fetchRate !== undefined && next.fetchRate === undefined ? {fetchRate} : {}),
		};
		this.sink?.status(this.status);
	}

	/** Each partition's progress and the fetch rate: the same state, with them; sent only when they changed. */
	progress(partitions: readonly PartitionProgress[], fetchRate: number): void {
		if (this.closed) return;
		const rate = Math.round(fetchRate);
		if (rate === this.status.fetchRate && sameProgress(partitions, this.status.partitions)) return;
		this.status = {...this.status, partitions, fetchRate: rate};
		this.sink?.status(this.status);
	}

	/** How far behind the partitions' ends we are: the same state, with its lag. */
	lag(total: number): void {
		if (this.closed || this.status.lag === total) return;
		this.status = {...this.status, lag: total};
		this.sink?.status(this.status);
	}

	/** An error kafkajs logged: a reason for the current state, not a state of its own. */
	logged(reason: string): void {
		// Keep the specific reason ("ECONNREFUSED host:port") over the generic follow-ups.
		if (this.status.reason && /^(Restarting the consumer|No broker available)/i.test(reason)) return;
		const {state} = this.status;
		if (state === 'connected' || state === 'reconnecting') this.report({state: 'reconnecting', reason});
		else if (state === 'connecting') this.report({state: 'connecting', reason});
	}

	/** The source cannot go on (a fault no retry mends): says why, then ends the sink. */
	fail(status: SourceStatus): void {
		if (this.closed) return;
		this.report(status);
		this.closed = true;
		this.sink?.end();
	}

	/** Nothing more is reported (the source stopped). */
	close(): void {
		this.closed = true;
	}

	/** The source read all it was asked to: says so, then ends the sink. */
	end(): void {
		this.sink?.status({state: 'ended'});
		this.closed = true;
		this.sink?.end();
	}
}

function sameProgress(a: readonly PartitionProgress[], b: readonly PartitionProgress[] | undefined): boolean {
	if (!b || a.length !== b.length) return false;
	return a.every((p, i) => {
		const q = b[i]!;
		return (
			p.topic === q.topic &&
			p.partition === q.partition &&
			p.highWatermark === q.highWatermark &&
			p.position === q.position &&
			Math.round(p.fetchRate) === Math.round(q.fetchRate)
		);
	});
}
