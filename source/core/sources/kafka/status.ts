// The Kafka source's status line: one report per change, the specific reason of a failure kept
// over kafkajs's generic follow-ups, and silence once the source has ended or stopped.
import type {RecordSink, SourceStatus} from '../event-source.js';

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
		this.status = next;
		this.sink?.status(next);
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
