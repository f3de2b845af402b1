// Without a terminal (or with --json): one NDJSON line per event that passes the filters.
import type {EdrEvent} from '../core/event.js';
import {createPipeline, type PipelineStages} from '../core/pipeline.js';
import type {EventSource, RecordSink, SourceStatus} from '../core/sources/index.js';
import {serializeJsonLine, serializeJsonLines} from '../core/view/index.js';
import {EXIT, FAULT_EXIT, errorExitCode, signalExitCode, type ExitSignal} from './exit-codes.js';
import {withTimeWindow} from './make-stages.js';
import type {RunConfig} from '../config/index.js';
import {say} from './output.js';
import type {JsonLines, JsonPool} from './worker/json-pool.js';
import {BatchReader} from './worker/unpack.js';
import type {DecodeOptions} from '../core/formats/index.js';

export interface JsonRunOptions {
	source: EventSource;
	/** In-process: the stages and the output filter, on this thread. */
	stages?: PipelineStages;
	passes?(event: EdrEvent): boolean;
	/**
	 * Or the worker pool, which runs both (and the lines) per batch on its threads: this thread
	 * keeps the source, the order, --count, --hits-to, back-pressure and commits, and with
	 * correlations loaded runs them (`stages`, `passes`) over the events that feed one.
	 */
	pool?: JsonPool;
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
	/** With the pool and correlations: how the workers decoded, to read back the events that feed one. */
	decode?: DecodeOptions;
	/** With the pool: batches sent to it and not written yet above which the source is paused. */
	maxBatches?: number;
	/** --since/--until: the window on event time; --until ends the run (exit 0) once passed. */
	time?: RunConfig['time'];
}

/**
 * Back-pressure: output the reader has not taken yet, in bytes, past which the source is paused,
 * and below a quarter of which it resumes. A few batches' worth: a fast reader never waits for us
 * to decode the next batch, a slow one (`| less`, a stalled ssh) holds the data in Kafka, not here.
 */
const HIGH_WATER = 8 * 1024 * 1024;

/**
 * Batches in the pool per worker before the source is paused: enough that no worker waits for the
 * next while the main thread writes, few enough that memory holds only a few fetches.
 */
const BATCHES_PER_WORKER = 8;

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
	const {source, count, hits, out, err, abort, pool} = options;
	const high = options.highWater ?? HIGH_WATER;
	const low = high / 4;
	const maxBatches = options.maxBatches ?? (pool ? pool.size * BATCHES_PER_WORKER : Infinity);
	return new Promise(resolve => {
		let printed = 0;
		let finished = false;
		let lastError: string | undefined;
		/** The exit code of a known fault that ended the source mid-stream (a topic deleted). */
		let faultExit: number | undefined;
		const printing: EdrEvent[] = [];
		let queued = 0;
		let paused = false;
		/** With the pool: batches sent to it and not written yet. */
		let inFlight = 0;
		/** With the pool: what each batch not written yet settles with (its promise holds the batch open). */
		const waiters = new Map<number, {resolve(): void; reject(error: Error): void}>();

		const finish = async (code: number) => {
			if (finished) return;
			finished = true;
			flushPending();
			dropWaiters();
			await source.stop().catch(() => undefined);
			await pool?.close();
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
			dropWaiters();
			// `edrtail --json | head`: the reader left; that is a normal end. Anything else is said.
			if (error.code !== 'EPIPE') say(err, `cannot write the output: ${error.message}`);
			void source.stop().catch(() => undefined);
			void pool?.close();
			resolve(error.code === 'EPIPE' ? EXIT.ok : EXIT.failure);
		};

		// Batches never written are never acknowledged: with --commit, Kafka gives them again.
		function dropWaiters() {
			for (const waiter of waiters.values()) waiter.reject(new Error('stopped before its lines were written'));
			waiters.clear();
		}

		// Paused while the reader is behind by more than `high` bytes or the pool by maxBatches
		// batches; resumed once both caught up well (a quarter of the bytes, half the batches).
		const checkFlow = () => {
			if (!paused && (queued > high || inFlight >= maxBatches)) {
				paused = true;
				source.pause();
			} else if (paused && queued <= low && inFlight <= maxBatches / 2) {
				paused = false;
				source.resume();
			}
		};

		// One write per batch, not per event, its lines encoded straight into buffers. The write
		// callback says when the reader took them; a file or /dev/null takes them at once.
		const written = (bytes: number) => (error?: Error | null) => {
			if (error) return failed(error);
			queued -= bytes;
			checkFlow();
		};
		const write = (bytes: Buffer) => {
			queued += bytes.length;
			out.write(bytes, written(bytes.length));
		};
		const flushPending = () => {
			if (printing.length === 0) return;
			for (const bytes of serializeJsonLines(printing)) write(bytes);
			printing.length = 0;
			checkFlow();
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

		function end() {
			void finish(faultExit ?? (lastError ? EXIT.failure : EXIT.ok));
		}
		function status(status: SourceStatus) {
			if (status.state === 'error' || status.state === 'reconnecting') {
				const reason = status.reason ?? status.state;
				if (reason !== lastError) say(err, reason);
				lastError = reason;
				if (status.fault) faultExit = (FAULT_EXIT as Readonly<Record<string, number>>)[status.fault];
			} else if (status.state === 'connected' || status.state === 'reading') lastError = undefined;
		}

		const inProcess = (): RecordSink => {
			const {stages, passes} = options;
			if (!stages || !passes) throw new Error('runJson: stages and passes, or a pool');
			// Past --until the run ends as at the end of a file: what was kept is written, exit 0.
			const windowed = options.time ? withTimeWindow(stages, {time: options.time}, () => source, end) : stages;
			return createPipeline(windowed, {
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
				status,
				end,
			});
		};

		// The pool: batches go out in turn and come back in any order; each is written once every
		// batch before it was, so the lines keep the source's order.
		const pooled = (pool: JsonPool): RecordSink => {
			// A window per stream across batches is not split over workers (poolWanted keeps it here).
			if (options.time?.since !== undefined || options.time?.until !== undefined)
				throw new Error('runJson: --since/--until run in-process, not on the pool');
			let sent = 0;
			let next = 0;
			const ready = new Map<number, JsonLines>();
			let endWanted = false;
			// Hits are published one batch after the other, in order, as in-process.
			let publishing: Promise<void> = Promise.resolve();
			const poolFailed = (error: Error) => {
				if (finished) return;
				say(err, error.message);
				void finish(EXIT.failure);
			};
			pool.onDeath(poolFailed);
			// Correlations run here, over the events that feed one, in the run's order and numbering.
			let seqBase = 0;
			const readers = new Map<number, BatchReader>();
			const readerOf = (worker: number) => {
				let reader = readers.get(worker);
				if (!reader) readers.set(worker, (reader = new BatchReader({decode: options.decode ?? {}, compress: false})));
				return reader;
			};
			/** The batch's lines with the correlation hits its events completed, each after its event. */
			const correlated = (result: JsonLines): {pieces: Piece[]; hitLines: WorkerHit[]} => {
				const {bytes, fed} = result;
				const workerHits = result.hits ?? [];
				const {stages, passes} = options;
				if (!fed || !stages?.evaluate || !stages.derived || !passes) {
					seqBase += result.events;
					return {pieces: [{bytes, lines: result.lines}], hitLines: workerHits};
				}
				const pieces: Piece[] = [];
				const hitLines: WorkerHit[] = [];
				const events = readerOf(result.worker).read(fed.batch);
				let line = 0;
				let byte = 0;
				let numbered = 0;
				let inserted = 0;
				let h = 0;
				const upTo = (end: number) => {
					// The batch's last run is the rest of its bytes: only a cut inside them is searched for.
					const at = end === result.lines ? bytes.length : endOfLine(bytes, end - line, byte);
					pieces.push({bytes: bytes.subarray(byte, at), lines: end - line});
					for (; h < workerHits.length && workerHits[h]![0] < end; h++) {
						const [index, key, value] = workerHits[h]!;
						hitLines.push([index + inserted, key, value]);
					}
					line = end;
					byte = at;
				};
				for (let j = 0; j < events.length; j++) {
					const ev = events[j]!;
					const [k, printedUpTo, receivedAt] = fed.at[j]!;
					ev.seq = seqBase + k + 1 + numbered;
					ev.receivedAt = receivedAt;
					try {
						stages.evaluate(ev);
					} catch {
						continue; // as in-process: a rule engine bug leaves the event without hits
					}
					const made = stages.derived() as EdrEvent[];
					if (made.length === 0) continue;
					upTo(printedUpTo);
					let seq = ev.seq;
					for (const m of made) {
						m.seq = ++seq;
						numbered++;
						if (!passes(m)) continue;
						const text = serializeJsonLine(m);
						if (hits && m.hits.length) hitLines.push([line + inserted, m.host ?? null, text]);
						pieces.push({bytes: Buffer.from(`${text}\n`), lines: 1});
						inserted++;
					}
				}
				upTo(result.lines);
				seqBase += result.events + numbered;
				return {pieces, hitLines};
			};
			const writeLines = (result: JsonLines): Promise<void> | undefined => {
				const {pieces, hitLines} = correlated(result);
				let taken = 0;
				let reachedCount = false;
				for (const piece of pieces) {
					let take = piece.lines;
					let bytes = piece.bytes;
					reachedCount = count !== undefined && printed + take >= count;
					if (reachedCount) {
						take = count! - printed;
						bytes = bytes.subarray(0, endOfLine(bytes, take, 0));
					}
					printed += take;
					taken += take;
					if (bytes.length) write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
					if (reachedCount) break;
				}
				let published: Promise<void> | undefined;
				if (hits && hitLines.length) {
					const lines = hitLines.filter(([index]) => index < taken).map(([, key, value]) => ({key, value}));
					if (lines.length) published = publishing = publishing.then(() => publishHits(hits, lines));
				}
				if (reachedCount) void finish(EXIT.ok);
				return published;
			};
			const drain = () => {
				while (!finished && ready.has(next)) {
					const result = ready.get(next)!;
					const waiter = waiters.get(next);
					ready.delete(next);
					waiters.delete(next);
					next++;
					inFlight--;
					const published = writeLines(result);
					if (published) published.then(waiter?.resolve, waiter?.reject);
					else waiter?.resolve();
				}
				if (finished) return;
				checkFlow();
				if (endWanted && inFlight === 0) end();
			};
			return {
				concurrency: maxBatches,
				records(batch) {
					if (finished) return;
					const id = sent++;
					inFlight++;
					const handed = new Promise<void>((resolve, reject) => waiters.set(id, {resolve, reject}));
					// Only Kafka waits for it (to commit); other sources drop it, rejected or not.
					handed.catch(() => undefined);
					pool.process(batch).then(result => {
						ready.set(id, result);
						drain();
					}, poolFailed);
					checkFlow();
					return handed;
				},
				status,
				// What is still in the pool is written first.
				end() {
					if (inFlight === 0) end();
					else endWanted = true;
				},
			};
		};

		const sink = pool ? pooled(pool) : inProcess();
		source.start(sink).catch((error: Error) => {
			say(err, error.message);
			void finish(errorExitCode(error));
		});
	});
}

/** A run of printed lines, each ending in a newline. */
interface Piece {
	bytes: Uint8Array;
	lines: number;
}

/** A line with a hit for --hits-to: its index among the batch's lines, its key, the line. */
type WorkerHit = [number, string | null, string];

/**
 * The offset just past the `lines`-th newline from `from` (a line never holds a raw newline: JSON
 * escapes it). Searched as a Buffer: its indexOf is memchr, a Uint8Array's compares byte by byte.
 */
function endOfLine(bytes: Uint8Array, lines: number, from: number): number {
	const text = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let at = from;
	for (let n = 0; n < lines; n++) at = text.indexOf(0x0a, at) + 1;
	return at;
}
