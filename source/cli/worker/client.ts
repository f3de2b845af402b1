// The screen's handle on the pipeline thread: starts it, turns its messages into the pipeline's
// outputs (events, skipped, status, end), forwards start / restart / stop, and reports a thread
// that dies as an error status instead of taking the screen down.
import {Worker} from 'node:worker_threads';
import type {KafkaConnection} from '../../core/kafka/index.js';
import type {PipelineOutput} from '../../core/pipeline.js';
import {type TuningAnswer, type TuningAsk, type TuningBackend, tuningBackend} from '../../core/rules/index.js';
import {ConfigError, type RunConfig} from '../../config/index.js';
import {decodeOptionsOf} from '../make-stages.js';
import type {RulesPlan} from '../rules.js';
import {
	FLOW_SENT,
	FLOW_SLOTS,
	FLOW_STOP,
	FLOW_TAKEN,
	type FromThread,
	type RuleSummary,
	type SkippedRule,
	type ThreadInit,
	type ToThread,
} from './protocol.js';
import {SlicedQueue} from './intake.js';
import {BatchReader} from './unpack.js';

/** A start the thread's source could not make, as its message says; waitedOut as isWaitedOut says. */
class StartFailedError extends Error {
	constructor(
		message: string,
		readonly waitedOut: boolean,
	) {
		super(message);
	}
}

/** The thread's start failed because the broker is not up yet: the screen waits, saying so. */
export function isWaitedOutError(error: unknown): boolean {
	return error instanceof StartFailedError && error.waitedOut;
}

export interface PipelineThreadOptions {
	config: RunConfig;
	/** The rules to load on the thread. */
	plan: RulesPlan;
	connection?: KafkaConnection;
	/** Where the events come from when the source is stdin: piped into the thread. */
	input?: NodeJS.ReadableStream;
	/** Events sent and not yet taken before the thread waits (default 20,000). */
	maxInFlight?: number;
	/** Deflate buffered record bytes in the background (default true). */
	compress?: boolean;
	/** Another entry module for the thread (tests); default pipeline-thread.js beside this file. */
	entry?: URL;
}

/**
 * A heap limit for the pipeline thread. Its live heap is the rules (about 70 MB for the SigmaHQ
 * windows corpus) and the batch in hand, but it allocates fast, and V8 lets such a heap grow to
 * about four times what is live when the limit is high: 300 MB of garbage at 100,000 events. Under
 * a limit below 1 GB V8 grows the heap by a smaller factor (about 1.5), which keeps it near 130 MB.
 */
const THREAD_HEAP_MB = 512;
/**
 * Its young generation: two semi-spaces of 8 MB (V8's default is 16, committed in full under a
 * stream), 16 MB of RSS less for a scavenge twice as often; what survives one is the batch in hand.
 */
const THREAD_YOUNG_MB = 24;

/** What open() tells while the thread gets ready. */
export interface LoadingListener {
	label?(label: string): void;
	progress?(text: string): void;
}

/** How long stop() waits for the source to let go (Kafka: leave the group) before ending the thread. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The thread's entry: the compiled .js next to this file, or, when this file runs from its
 * TypeScript source (vitest), the .ts entry through a loader that compiles it on the way in.
 */
export function threadEntry(entry?: URL): {url: URL; execArgv?: string[]} {
	const fromSource = import.meta.url.endsWith('.ts');
	const url = entry ?? new URL(fromSource ? './pipeline-thread.ts' : './pipeline-thread.js', import.meta.url);
	if (!url.pathname.endsWith('.ts')) return {url};
	return {url, execArgv: ['--import', new URL('./ts-register.mjs', import.meta.url).href]};
}

export class PipelineThread {
	private readonly worker: Worker;
	private readonly flow: Int32Array;
	private readonly reader: BatchReader;
	/** Batches, statuses and the end, landed in order a slice per turn so that keys are read between. */
	private readonly intake = new SlicedQueue<FromThread>(message => this.land(message));
	private ready!: {label: string; rules: RuleSummary[]; skippedRules: SkippedRule[]};
	private opened!: {resolve(): void; reject(error: Error): void};
	private starting: {resolve(): void; reject(error: Error): void} | undefined;
	private stopped: (() => void) | undefined;
	private stopping: Promise<void> | undefined;
	private gone: string | undefined;
	private loading: LoadingListener | undefined;
	/** Tuning requests sent and not answered yet, by id. */
	private readonly asked = new Map<number, {resolve(answer: TuningAnswer): void; reject(error: Error): void}>();
	private nextAsk = 1;
	/** Resolves with the thread's exit code once it has ended. */
	readonly exited: Promise<number>;

	/**
	 * Starts the thread; resolves once its source is built and its rules are loaded. Meanwhile
	 * `loading` hears the source's label (once it is built) and how loading goes ("rules N/M").
	 */
	static async open(
		options: PipelineThreadOptions,
		output: PipelineOutput,
		loading?: LoadingListener,
	): Promise<PipelineThread> {
		const thread = new PipelineThread(options, output);
		thread.loading = loading;
		await new Promise<void>((resolve, reject) => (thread.opened = {resolve, reject}));
		return thread;
	}

	private constructor(
		private readonly options: PipelineThreadOptions,
		private readonly output: PipelineOutput,
	) {
		const flow = new SharedArrayBuffer(FLOW_SLOTS * Int32Array.BYTES_PER_ELEMENT);
		this.flow = new Int32Array(flow);
		this.reader = new BatchReader({decode: decodeOptionsOf(options.config), compress: options.compress});
		const init: ThreadInit = {
			config: options.config,
			plan: options.plan,
			connection: options.connection,
			flow,
			maxInFlight: options.maxInFlight ?? 20_000,
		};
		const {url, execArgv} = threadEntry(options.entry);
		this.worker = new Worker(url, {
			workerData: init,
			execArgv,
			stdin: options.input !== undefined,
			name: 'edrtail-pipeline',
			resourceLimits: {maxOldGenerationSizeMb: THREAD_HEAP_MB, maxYoungGenerationSizeMb: THREAD_YOUNG_MB},
		});
		if (options.input && this.worker.stdin) options.input.pipe(this.worker.stdin);
		this.worker.on('message', (message: FromThread) => this.received(message));
		this.worker.on('error', error => this.died(`pipeline thread failed: ${error.message}`));
		this.exited = new Promise(resolve => this.worker.once('exit', resolve));
		this.worker.on('exit', code => this.died(`pipeline thread exited (code ${code})`));
	}

	/** The source's header label ("kafka localhost:9092 telemetry"). */
	get label(): string {
		return this.ready.label;
	}

	/** Events the pipeline thread has sent that this thread has not taken yet. */
	get behind(): number {
		return (Atomics.load(this.flow, FLOW_SENT) - Atomics.load(this.flow, FLOW_TAKEN)) | 0;
	}

	/** False once the thread has died or been stopped. */
	get alive(): boolean {
		return this.gone === undefined;
	}

	get rules(): RuleSummary[] {
		return this.ready.rules;
	}

	/** The rule files and documents that did not load. */
	get skippedRules(): SkippedRule[] {
		return this.ready.skippedRules;
	}

	/** Resolves once the source runs; rejects with the reason it could not start. */
	start(): Promise<void> {
		return this.command({type: 'start'});
	}

	/** A fresh source in place of one that failed to start, then started. */
	restart(): Promise<void> {
		return this.command({type: 'restart'});
	}

	/** Stops the source (Kafka: leaves the group), then ends the thread. Safe to call twice. */
	stop(): Promise<void> {
		this.stopping ??= (async () => {
			if (this.options.input && this.worker.stdin) this.options.input.unpipe(this.worker.stdin);
			Atomics.store(this.flow, FLOW_STOP, 1);
			if (this.gone === undefined) {
				let timer: NodeJS.Timeout | undefined;
				await new Promise<void>(resolve => {
					this.stopped = resolve;
					timer = setTimeout(resolve, STOP_TIMEOUT_MS);
					this.worker.postMessage({type: 'stop'} satisfies ToThread);
				});
				clearTimeout(timer);
			}
			this.intake.clear();
			this.gone ??= 'stopped';
			this.dropAsked(this.gone);
			await this.worker.terminate();
		})();
		return this.stopping;
	}

	/** One request of the tuning loop, answered by the thread's rule engine. */
	ask(ask: TuningAsk): Promise<TuningAnswer> {
		if (this.gone !== undefined) return Promise.reject(new Error(this.gone));
		const id = this.nextAsk++;
		return new Promise<TuningAnswer>((resolve, reject) => {
			this.asked.set(id, {resolve, reject});
			this.worker.postMessage({type: 'tuning', id, ask} satisfies ToThread);
		});
	}

	/** The tuning loop's backend on this thread's rule engine. */
	tuning(): TuningBackend {
		return tuningBackend(
			ask => this.ask(ask),
			ruleId => this.rules.find(r => r.id === ruleId)?.logsource,
		);
	}

	private command(message: ToThread): Promise<void> {
		if (this.gone !== undefined) return Promise.reject(new Error(this.gone));
		this.starting?.reject(new Error('superseded'));
		return new Promise<void>((resolve, reject) => {
			this.starting = {resolve, reject};
			this.worker.postMessage(message);
		});
	}

	/** What the pipeline's output hears, in the order the thread sent it. */
	private land(message: FromThread): void {
		if (this.stopping) return;
		switch (message.type) {
			case 'batch': {
				const events = this.reader.read(message);
				if (message.skipped) this.output.skipped(message.skipped);
				if (events.length) this.output.events(events);
				// Counted as taken once landed: what waits in the intake holds the thread back too.
				Atomics.add(this.flow, FLOW_TAKEN, events.length);
				break;
			}
			case 'status':
				this.output.status(message.status);
				break;
			case 'end':
				this.output.end();
				break;
		}
	}

	private received(message: FromThread): void {
		switch (message.type) {
			case 'batch':
			case 'status':
			case 'end':
				if (!this.stopping) this.intake.push(message);
				break;
			default:
				// What was sent before it lands first: a start that failed is said after the statuses before it.
				this.intake.flush();
				this.handle(message);
		}
	}

	/** The thread's answers and the start's steps: handled at once, after what was queued before them. */
	private handle(message: Exclude<FromThread, {type: 'batch' | 'status' | 'end'}>): void {
		switch (message.type) {
			case 'label':
				this.loading?.label?.(message.label);
				break;
			case 'progress':
				this.loading?.progress?.(message.text);
				break;
			case 'ready':
				this.ready = {label: message.label, rules: message.rules, skippedRules: message.skippedRules};
				this.opened.resolve();
				break;
			case 'failed':
				this.gone = message.message;
				this.opened.reject(message.config ? new ConfigError(message.message) : new Error(message.message));
				void this.worker.terminate();
				break;
			case 'started':
				this.settle()?.resolve();
				break;
			case 'startFailed':
				this.settle()?.reject(new StartFailedError(message.message, message.waitedOut));
				break;
			case 'stopped':
				this.stopped?.();
				break;
			case 'tuning':
				this.asked.get(message.id)?.resolve(message.answer);
				this.asked.delete(message.id);
				break;
		}
	}

	private settle() {
		const s = this.starting;
		this.starting = undefined;
		return s;
	}

	/** Requests that will not be answered: the thread is gone. */
	private dropAsked(reason: string): void {
		for (const pending of this.asked.values()) pending.reject(new Error(reason));
		this.asked.clear();
	}

	private died(reason: string): void {
		if (this.gone !== undefined) return;
		this.gone = reason;
		this.stopped?.();
		this.opened.reject(new Error(reason));
		this.settle()?.reject(new Error(reason));
		this.dropAsked(reason);
		// After the batches it sent before it died.
		if (!this.stopping) this.intake.push({type: 'status', status: {state: 'error', reason}});
	}
}
