// source -> decode -> normalize -> rules -> store: the one place the stages meet.
import type {EdrEvent, RawRecord, RuleHit, SourceStatus} from './event.js';
import type {DecodedEvent} from './formats/index.js';
import type {RecordSink} from './sources/index.js';
import type {TimeWindow} from './time-window.js';

export interface PipelineStages {
	/** Wire message -> normalized events; never throws (formats/). */
	decode(record: RawRecord): DecodedEvent[];
	/** Rule hits for one event (rules/); absent when no rules are loaded. */
	evaluate?(event: DecodedEvent): RuleHit[];
	/**
	 * Events the rules stage made from the events evaluated so far (correlation hits), taken once;
	 * they follow the event that completed them, numbered like any other.
	 */
	derived?(): DecodedEvent[];
	/** --since/--until: events outside are dropped before the rules see them (time-window.ts). */
	window?: TimeWindow;
}

export interface PipelineOutput {
	/** A promise holds the batch open until it settles (see RecordSink.records). */
	events(events: EdrEvent[]): void | Promise<void>;
	/** Messages that decoded to no event (tombstones, empty packets). */
	skipped(count: number): void;
	status(status: SourceStatus): void;
	end(): void;
}

/**
 * A RecordSink that runs each batch through decode and rules, numbers the events in arrival
 * order, and hands them on in one call per batch (so the store sees batches, not single events).
 */
export function createPipeline(stages: PipelineStages, output: PipelineOutput): RecordSink & {readonly seq: number} {
	let seq = 0;
	return {
		get seq() {
			return seq;
		},
		records(batch) {
			const out: EdrEvent[] = [];
			let skipped = 0;
			for (const record of batch) {
				const decoded = stages.decode(record);
				if (decoded.length === 0) skipped++;
				for (const d of decoded) {
					const ev = d as EdrEvent;
					if (stages.window && !stages.window.admit(ev)) continue;
					// A correlation hit read back from a saved line: the correlations loaded now make it
					// again after its events (evaluate gives it no hit, and it takes no number); one of a
					// correlation not loaded now stays, as saved.
					if (ev.category === 'correlation' && stages.derived) {
						const kept = stages.evaluate ? safeEvaluate(stages.evaluate, ev) : ev.hits;
						if (kept.length === 0) continue;
						ev.hits = kept;
					}
					ev.seq = ++seq;
					if (stages.evaluate && ev.category !== 'undecodable' && ev.category !== 'correlation')
						ev.hits = safeEvaluate(stages.evaluate, ev);
					out.push(ev);
					if (stages.derived)
						for (const m of stages.derived()) {
							const made = m as EdrEvent;
							made.seq = ++seq;
							out.push(made);
						}
				}
			}
			if (skipped) output.skipped(skipped);
			const handed = out.length ? output.events(out) : undefined;
			// After the batch: what was kept of it is out before a stream that passed --until stops.
			stages.window?.settle();
			return handed;
		},
		status: s => output.status(s),
		end: () => output.end(),
	};
}

// A rule engine bug must not take the stream down: the event goes on without hits.
function safeEvaluate(evaluate: (e: DecodedEvent) => RuleHit[], ev: DecodedEvent): RuleHit[] {
	try {
		return evaluate(ev);
	} catch {
		return [];
	}
}
