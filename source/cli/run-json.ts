// Without a terminal (or with --json): one NDJSON line per event that passes the filters.
import type {EdrEvent} from '../core/event.js';
import {createPipeline, type PipelineStages} from '../core/pipeline.js';
import type {EventSource, SourceStatus} from '../core/sources/index.js';
import {serializeJsonLine, serializeJsonLines} from '../core/view/index.js';
import {EXIT, FAULT_EXIT, errorExitCode, signalExitCode, type ExitSignal} from './exit-codes.js';
import {withTimeWindow} from './make-stages.js';
import type {RunConfig} from '../config/index.js';
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
	/** Output queued (bytes) above which the source is paused; default 8 MiB. */
	highWater?: number;
	/** --since/--until: the window on event time; --until ends the run (exit 0) once passed. */
	time?: RunConfig['time'];
}

/**
 * Back-pressure: output the reader has not taken yet, in bytes, past which the source is paused,
 * and below a quarter of which it resumes. A few batches' worth: a fast reader never waits for us
 * to decode the next batch, a slow one (`| less`, a stalled ssh) holds the data in Kafka, not here.
 */
const HIGH_WATER = 8 * 1024 * 1024;

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
	const high = options.highWater ?? HIGH_WATER;
	const low = high / 4;
	return new Promise(resolve => {
		let printed = 0;
		let finished = false;
		let lastError: string | undefined;
		/** The exit code of a known fault that ended the source mid-stream (a topic deleted). */
		let faultExit: number | undefined;
		const printing: EdrEvent[] = [];
		let queued = 0;
		let paused = false;

		const finish = async (code: number) => {
			if (finished) return;
			finished = true;
			flushPending();
			await source.stop().catch(() => undefined);
			// The source has stopped, so every batch's hits were acknowledged (or failed).
			await hits?.close().catch(() => undefined);
			// Exit only once stdout has taken everything (a pipe may be slower than we are).
			out.write('', (error?: Error | null) => (error ? failed(error) : resolve(code)));
		};

		let failedAlready = false;
		const failed = (error: NodeJS.ErrnoException) => {
			if (failedAlready) return;
			failedAlready = true;
			finished = true;
			// `edrtail --json | head`: the reader left; that is a normal end. Anything else is said.
			if (error.code !== 'EPIPE') say(err, `cannot write the output: ${error.message}`);
			void source.stop().catch(() => undefined);
			resolve(error.code === 'EPIPE' ? EXIT.ok : EXIT.failure);
		};

		// One write per batch, not per event, its lines encoded straight into buffers. The write
		// callback says when the reader took them; a file or /dev/null takes them at once.
		const written = (bytes: number) => (error?: Error | null) => {
			if (error) return failed(error);
			queued -= bytes;
			if (paused && queued <= low) {
				paused = false;
				source.resume();
			}
		};
		const flushPending = () => {
			if (printing.length === 0) return;
			for (const bytes of serializeJsonLines(printing)) {
				queued += bytes.length;
				out.write(bytes, written(bytes.length));
			}
			printing.length = 0;
			if (!paused && queued > high) {
				paused = true;
				source.pause();
			}
		};

		out.on('error', failed);
		abort?.addEventListener('abort', () => void finish(signalExitCode(abort.reason as ExitSignal)), {once: true});

		const publishHits = (publisher: HitsPublisher, lines: HitLine[]): Promise<void> =>
			publisher.publish(lines).catch((error: Error) => {
				say(err, `--hits-to: ${error.message.split('\n')[0]}`);
				void finish(EXIT.failure);
				// Rejected, the batch is never committed: another detector (or a restart) reads it again.
				throw error;
			});

		// Past --until the run ends as at the end of a file: what was kept is written, exit 0.
		const windowed = options.time ? withTimeWindow(stages, {time: options.time}, () => source, end) : stages;
		function end() {
			void finish(faultExit ?? (lastError ? EXIT.failure : EXIT.ok));
		}
		const sink = createPipeline(windowed, {
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
					if (status.fault) faultExit = (FAULT_EXIT as Readonly<Record<string, number>>)[status.fault];
				} else if (status.state === 'connected' || status.state === 'reading') lastError = undefined;
			},
			end,
		});

		source.start(sink).catch((error: Error) => {
			say(err, error.message);
			void finish(errorExitCode(error));
		});
	});
}
