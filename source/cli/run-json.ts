// Without a terminal (or with --json): one NDJSON line per event that passes the filters.
import type {EdrEvent} from '../core/event.js';
import {createPipeline, type PipelineStages} from '../core/pipeline.js';
import type {EventSource, SourceStatus} from '../core/sources/index.js';
import {serializeJsonLine, serializeJsonLines} from '../core/view/index.js';
import {EXIT, errorExitCode, signalExitCode, type ExitSignal} from './exit-codes.js';
import {say} from './output.js';

export interface JsonRunOptions {
	source: EventSource;
	stages: PipelineStages;
	passes(event: EdrEvent): boolean;
	/** Stop after this many printed events. */
	count?: number;
	/** --hits-to: where each printed event with a hit goes too, as its line keyed by host. */
	hits?: HitsPublisher;
	out: NodeJS.WritableStream;
	err: NodeJS.WritableStream;
	/** Aborted with a signal's name (SIGINT, ...): the source stops cleanly (Kafka leaves its group). */
	abort?: AbortSignal;
}

export interface HitLine {
	/** The event's host: one endpoint's hits stay in one partition, in order. */
	key: string | null;
	value: string;
}

export interface HitsPublisher {
	/** Resolves once the topic acknowledged every line. */
	publish(lines: HitLine[]): Promise<void>;
	close(): Promise<void>;
}

/** Resolves with the exit code once the source ends, --count is reached, or output closes. */
export function runJson(options: JsonRunOptions): Promise<number> {
	const {source, stages, passes, count, hits, out, err, abort} = options;
	return new Promise(resolve => {
		let printed = 0;
		let finished = false;
		let lastError: string | undefined;
		const printing: EdrEvent[] = [];

		const finish = async (code: number) => {
			if (finished) return;
			finished = true;
			flushPending();
			await source.stop().catch(() => undefined);
			// The source has stopped, so every batch's hits were acknowledged (or failed).
			await hits?.close().catch(() => undefined);
			// Exit only once stdout has taken everything (a pipe may be slower than we are).
			out.write('', () => resolve(code));
		};

		// One write per batch, not per event, its lines encoded straight into buffers.
		const flushPending = () => {
			if (printing.length) for (const bytes of serializeJsonLines(printing)) out.write(bytes);
			printing.length = 0;
		};

		out.on('error', (error: NodeJS.ErrnoException) => {
			// `edrtail --json | head`: the reader left; that is a normal end.
			finished = true;
			resolve(error.code === 'EPIPE' ? EXIT.ok : EXIT.failure);
		});
		abort?.addEventListener('abort', () => void finish(signalExitCode(abort.reason as ExitSignal)), {once: true});

		const publishHits = (publisher: HitsPublisher, lines: HitLine[]): Promise<void> =>
			publisher.publish(lines).catch((error: Error) => {
				say(err, `--hits-to: ${error.message.split('\n')[0]}`);
				void finish(EXIT.failure);
				// Rejected, the batch is never committed: another detector (or a restart) reads it again.
				throw error;
			});

		const sink = createPipeline(stages, {
			events(events) {
				if (finished) return;
				const hitLines: HitLine[] = [];
				let reachedCount = false;
				for (const ev of events) {
					if (!passes(ev)) continue;
					printing.push(ev);
					if (hits && ev.hits?.length) hitLines.push({key: ev.host ?? null, value: serializeJsonLine(ev)});
					if (count !== undefined && ++printed >= count) {
						reachedCount = true;
						break;
					}
				}
				flushPending();
				// The batch stays open until the hits topic has them: with --commit its offsets wait too.
				const published = hits && hitLines.length ? publishHits(hits, hitLines) : undefined;
				if (reachedCount) void finish(EXIT.ok);
				return published;
			},
			skipped() {},
			status(status: SourceStatus) {
				if (status.state === 'error' || status.state === 'reconnecting') {
					const reason = status.reason ?? status.state;
					if (reason !== lastError) say(err, reason);
					lastError = reason;
				} else if (status.state === 'connected' || status.state === 'reading') lastError = undefined;
			},
			end() {
				void finish(lastError ? EXIT.failure : EXIT.ok);
			},
		});

		source.start(sink).catch((error: Error) => {
			say(err, error.message);
			void finish(errorExitCode(error));
		});
	});
}
