// The main thread's handle on the headless workers: each batch goes whole to the next worker in
// turn (its record bytes in one transferred buffer), and comes back as its `--json` lines in one
// transferred buffer. Results may come back out of order across workers; run-json.ts writes them
// in the order the batches were sent. A worker that dies fails every batch it had, and the pool.
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import type {RawRecord} from '../../core/event.js';
import {type LoadReport, parseRuleFileSlice} from '../../core/rules/index.js';
import {ConfigError, type RunConfig} from '../../config/index.js';
import type {LoadedRules} from '../make-stages.js';
import {loadPlanned, type RulesPlan} from '../rules.js';
import {threadEntry} from './client.js';
import type {FromJsonThread, JsonThreadInit, PackedInRecord, ToJsonThread} from './protocol.js';

/** Workers in a pool: one per core, at most 4 (beyond that the main thread's source is the limit). */
export const MAX_THREADS = 4;

/** The pool's size: EDRTAIL_THREADS when given (0: no pool), else the cores, 1 to MAX_THREADS. */
export function poolThreads(config: Pick<RunConfig, 'threads'>): number {
	return config.threads ?? Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/** Rule files parsed and sent to the workers per message: each compiles a slice while the next is parsed. */
const RULE_SLICE = 64;

/** Files smaller than this run in-process: the workers' start-up would cost more than they save. */
export const SMALL_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Whether a headless run goes to the pool. Kafka and big files do. The rest stays on one thread:
 * stdin and the demo are mostly small or slow (a worker's start-up, tens of ms, would be most of
 * the run), and --since/--until keep state per stream across batches, which the pool does not
 * share between workers. So do correlations (JsonPool.hasCorrelations): the caller falls back.
 */
export function poolWanted(config: RunConfig, sizeOf: (path: string) => number): number {
	const threads = poolThreads(config);
	if (threads === 0 || config.output !== 'json') return 0;
	if (config.time.since !== undefined || config.time.until !== undefined) return 0;
	const s = config.source;
	if (s.kind === 'kafka') return threads;
	if (s.kind === 'file' && sizeOf(s.path) >= SMALL_FILE_BYTES) return threads;
	return 0;
}

/**
 * The rules this thread needs beside the pool: only what the correlations need, which run here
 * over the events that feed one. None without correlations; the built-in ones alone when every
 * correlation is built-in, resolves as it does with every rule loaded, and no filter is loaded
 * (the common case: the SigmaHQ corpus has none); else the whole plan. Loading a big corpus here
 * too would only compete with the workers loading it. `report` is the workers' (the whole plan's).
 */
export async function rulesBesidePool(plan: RulesPlan, report: LoadReport | undefined): Promise<LoadedRules> {
	if (!report || report.correlations.length === 0) return {report};
	if (report.filters.length === 0 && report.correlations.every(c => c.path.startsWith('builtin:'))) {
		const builtin = await loadPlanned({...plan, list: {files: [], problems: [], unreadable: []}});
		const same = JSON.stringify(builtin.report?.correlations) === JSON.stringify(report.correlations);
		if (same) return {engine: builtin.engine, report};
	}
	return {engine: (await loadPlanned(plan)).engine, report};
}

/** A batch's result: its printed lines (each ending in a newline), and those with a hit for --hits-to. */
export interface JsonLines {
	bytes: Uint8Array;
	lines: number;
	hits?: Array<[number, string | null, string]>;
	/** The worker that made them (its packed events are read with its own templates and processes). */
	worker: number;
	/** The pipeline's events in the batch, and those that feed a correlation (see protocol.ts). */
	events: number;
	fed?: Extract<FromJsonThread, {type: 'lines'}>['fed'];
}

export interface JsonPoolOptions {
	config: RunConfig;
	plan: RulesPlan;
	threads: number;
	/** --hits-to: lines with a hit come back apart too. */
	hits: boolean;
	/** Another entry module for the workers (tests); default json-thread.js beside this file. */
	entry?: URL;
	/** "rules N/M" as worker 0 loads them. */
	progress?(text: string): void;
}

/** Packs a batch for a worker: its record bytes copied into one buffer to transfer (a Kafka fetch's are views). */
export function packRecords(batch: readonly RawRecord[]): {records: PackedInRecord[]; bytes: ArrayBuffer} {
	let size = 0;
	for (const r of batch) if (r.value instanceof Uint8Array) size += r.value.byteLength;
	const bytes = new ArrayBuffer(size);
	const view = new Uint8Array(bytes);
	let at = 0;
	const records: PackedInRecord[] = new Array(batch.length);
	for (let k = 0; k < batch.length; k++) {
		const r = batch[k]!;
		const packed: PackedInRecord = {receivedAt: r.receivedAt, start: -1, end: -1};
		if (r.value instanceof Uint8Array) {
			view.set(r.value, at);
			packed.start = at;
			at += r.value.byteLength;
			packed.end = at;
		} else packed.value = r.value;
		if (r.kafka !== undefined) packed.kafka = r.kafka;
		if (r.origin !== undefined) packed.origin = r.origin;
		records[k] = packed;
	}
	return {records, bytes};
}

interface Pending {
	resolve(lines: JsonLines): void;
	reject(error: Error): void;
}

export class JsonPool {
	private readonly workers: Worker[] = [];
	private readonly pending = new Map<number, Pending>();
	private next = 0;
	private closing = false;
	private dead: Error | undefined;
	private report: LoadReport | undefined;
	private correlations = false;
	private readonly deathListeners: Array<(error: Error) => void> = [];

	/**
	 * Starts the workers; resolves once every one compiled the rules, which this thread reads and
	 * parses once for all of them while they start.
	 */
	static async open(options: JsonPoolOptions): Promise<JsonPool> {
		const pool = new JsonPool();
		await pool.start(options);
		return pool;
	}

	private constructor() {}

	get size(): number {
		return this.workers.length;
	}

	/** The rules' load report (worker 0's: every worker loads the same plan). */
	get loadReport(): LoadReport | undefined {
		return this.report;
	}

	/** The rules hold correlations: they need every event in order, so the run stays on one thread. */
	get hasCorrelations(): boolean {
		return this.correlations;
	}

	/** Batches sent and not answered yet. */
	get inFlight(): number {
		return this.pending.size;
	}

	/** Called once when a worker dies (or fails) outside close(). */
	onDeath(listener: (error: Error) => void): void {
		this.deathListeners.push(listener);
	}

	/** The batch's lines, from the next worker in turn. */
	process(batch: readonly RawRecord[]): Promise<JsonLines> {
		if (this.dead) return Promise.reject(this.dead);
		const id = this.next++;
		const index = id % this.workers.length;
		const {records, bytes} = packRecords(batch);
		return new Promise<JsonLines>((resolve, reject) => {
			this.pending.set(id, {resolve, reject});
			this.workers[index]!.postMessage({type: 'batch', id, records, bytes} satisfies ToJsonThread, [bytes]);
		});
	}

	/** Ends every worker; what they had not answered is dropped (rejected). */
	async close(): Promise<void> {
		this.closing = true;
		this.failAll(new Error('stopped'));
		await Promise.all(this.workers.map(w => w.terminate()));
	}

	private start(options: JsonPoolOptions): Promise<void> {
		const {url, execArgv} = threadEntry(options.entry ?? defaultEntry());
		let waiting = options.threads;
		// Workers after the first compile a rule's detection only when a route needs it; worker 0
		// compiles them all, and its report (errors included) is the run's. A lazy worker whose
		// report is not worker 0's (a detection that does not compile) loads its rules again, whole.
		let first: LoadReport | undefined;
		let firstIn = false;
		const held: Array<{worker: Worker; report?: LoadReport; ready(): void}> = [];
		const check = (lazy: (typeof held)[number]) => {
			if (sameRules(first, lazy.report)) lazy.ready();
			else lazy.worker.postMessage({type: 'eager'} satisfies ToJsonThread);
		};
		return new Promise<void>((resolve, reject) => {
			const fail = (error: Error) => {
				void this.close();
				reject(error);
			};
			for (let index = 0; index < options.threads; index++) {
				const {config, plan, hits} = options;
				const init: JsonThreadInit = {config, plan, index, hits, lazy: index > 0};
				const worker = new Worker(url, {workerData: init, execArgv, name: `edrtail-json-${index}`});
				this.workers.push(worker);
				let ready = false;
				const isReady = () => {
					ready = true;
					if (--waiting === 0) resolve();
				};
				worker.on('message', (message: FromJsonThread) => {
					switch (message.type) {
						case 'progress':
							options.progress?.(message.text);
							break;
						case 'ready':
							// Worker 0's (or a reloaded worker's) say: a lazy one's report is not checked yet.
							if (!message.lazy && message.correlations) this.correlations = true;
							if (message.lazy) {
								const lazy = {worker, report: message.report, ready: isReady};
								if (firstIn) check(lazy);
								else held.push(lazy);
								break;
							}
							if (index === 0) {
								this.report = first = message.report;
								firstIn = true;
								for (const lazy of held.splice(0)) check(lazy);
							}
							isReady();
							break;
						case 'failed':
							fail(message.config ? new ConfigError(message.message) : new Error(message.message));
							break;
						case 'lines':
							this.answered(index, message);
							break;
					}
				});
				const died = (reason: string) => {
					if (this.closing) return;
					const error = new Error(`worker thread ${index} ${reason}`);
					if (!ready) return fail(error);
					this.died(error);
				};
				worker.on('error', error => died(`failed: ${error.message}`));
				worker.on('exit', code => died(`exited (code ${code})`));
			}
			// The workers start up meanwhile; each then only compiles what was read here once, a slice
			// at a time as it comes (the first slices while the rest are parsed).
			const {list} = options.plan;
			for (let from = 0; ; from += RULE_SLICE) {
				const files = parseRuleFileSlice(list, from, from + RULE_SLICE);
				const last = from + RULE_SLICE >= list.files.length;
				for (const worker of this.workers) worker.postMessage({type: 'rules', files, last} satisfies ToJsonThread);
				if (last) break;
			}
		});
	}

	private answered(worker: number, message: Extract<FromJsonThread, {type: 'lines'}>): void {
		const pending = this.pending.get(message.id);
		if (!pending) return;
		this.pending.delete(message.id);
		const {lines, hits, events, fed} = message;
		pending.resolve({bytes: new Uint8Array(message.bytes), lines, hits, worker, events, fed});
	}

	private died(error: Error): void {
		if (this.dead) return;
		this.dead = error;
		this.failAll(error);
		for (const listener of this.deathListeners) listener(error);
		void this.close();
	}

	private failAll(error: Error): void {
		this.dead ??= error;
		for (const pending of this.pending.values()) pending.reject(error);
		this.pending.clear();
	}
}

/**
 * Whether a lazy worker loaded the same rules as worker 0: the same report but for the tallies,
 * which only worker 0 makes. A detection that does not compile is a skip in worker 0's alone.
 */
export function sameRules(eager: LoadReport | undefined, lazy: LoadReport | undefined): boolean {
	if (!eager || !lazy) return eager === lazy;
	const untallied = (r: LoadReport) =>
		JSON.stringify({...r, byModifier: {}, byLogsource: {}, byLevel: {}, unroutable: 0, fieldGaps: {}});
	return untallied(eager) === untallied(lazy);
}

function defaultEntry(): URL {
	const fromSource = import.meta.url.endsWith('.ts');
	return new URL(fromSource ? './json-thread.ts' : './json-thread.js', import.meta.url);
}
