// A headless worker's entry: decode, rules (with --min-level), the output filter and the `--json`
// lines of whole batches, answered in the order they came. The main thread keeps the source, the
// order, --count, back-pressure and commits (json-pool.ts, run-json.ts); what is stateful across
// batches (correlations, --since/--until) keeps the run on the main thread altogether.
import {parentPort, workerData} from 'node:worker_threads';
import type {EdrEvent, RawRecord} from '../../core/event.js';
import {createPipeline, type PipelineStages} from '../../core/pipeline.js';
import {serializeJsonLine, serializeJsonLines} from '../../core/view/index.js';
// The error class alone: config/index.js loads every flag's parser and the demo generator.
import {ConfigError} from '../../config/errors.js';
import {makeOutputFilter, makeStages} from '../make-stages.js';
import type {ParsedRuleFeed, ParsedRuleFile} from '../../core/rules/index.js';
import {loadPlanned} from '../rules.js';
import {BatchPacker, originsOf, type EventPlace} from './pack.js';
import type {FromJsonThread, JsonThreadInit, ToJsonThread} from './protocol.js';

const init = workerData as JsonThreadInit;
const port = parentPort!;
const post = (message: FromJsonThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

/** The records of a batch as the source gave them, their bytes viewed in the one buffer that crossed. */
export function unpackRecords(message: Extract<ToJsonThread, {type: 'batch'}>): RawRecord[] {
	const bytes = new Uint8Array(message.bytes);
	return message.records.map(r => {
		const record: RawRecord = {
			value: r.start < 0 ? (r.value ?? null) : bytes.subarray(r.start, r.end),
			receivedAt: r.receivedAt,
		};
		if (r.kafka !== undefined) record.kafka = r.kafka;
		if (r.origin !== undefined) record.origin = r.origin;
		return record;
	});
}

/** The rule files the main thread reads and parses for every worker: its first messages, a slice each. */
function parsedRules(): ParsedRuleFeed {
	const files: ParsedRuleFile[] = [];
	let wake: (() => void) | undefined;
	const slice = (message: ToJsonThread) => {
		if (message.type !== 'rules') return;
		for (const file of message.files) files.push(file);
		if (message.last) port.off('message', slice);
		wake?.();
		wake = undefined;
	};
	port.on('message', slice);
	return {files, more: () => new Promise<void>(resolve => (wake = resolve))};
}

async function main(): Promise<void> {
	let handle: (message: Extract<ToJsonThread, {type: 'batch'}>) => void = () => {};
	const feed = parsedRules();
	if (!(await start(init.lazy === true, feed))) return;
	// Only a lazy worker may have to load them again: an eager one lets the parsed files go.
	let files = init.lazy ? feed.files : undefined;
	port.on('message', (message: ToJsonThread) => {
		if (message.type === 'batch') handle(message);
		// Its rules were not worker 0's: loaded again, whole, from the files it holds by now.
		else if (message.type === 'eager' && files) {
			void start(false, files);
			files = undefined;
		}
	});

	/** Loads the rules and sets up the stages and `handle`; says ready (or failed). */
	async function start(lazy: boolean, parsed: ParsedRuleFeed | readonly ParsedRuleFile[]): Promise<boolean> {
		try {
			const progress = init.index === 0 ? (text: string) => post({type: 'progress', text}) : undefined;
			// Only compiled here: reading and parsing them once is the main thread's part. The pool
			// shows worker 0's report: the others leave its tallies out.
			const rules = await loadPlanned(init.plan, progress, parsed, {tallies: init.index === 0, lazy});
			const made = makeStages(init.config, rules);
			const passes = makeOutputFilter(init.config);
			// Correlations need every event in the run's order: they run on the main thread. Here they
			// only say which events feed one (those are sent back); they keep no state and fire nothing.
			let feeds = false;
			const correlations = rules.engine?.correlations;
			if (correlations)
				correlations.observe = () => {
					feeds = true;
					return [];
				};
			const fed = new Set<EdrEvent>();
			let places = new WeakMap<object, EventPlace>();
			const stages: PipelineStages = {
				decode(record) {
					const decoded = made.decode(record);
					if (correlations)
						for (let index = 0; index < decoded.length; index++) places.set(decoded[index]!, {record, index});
					return decoded;
				},
				evaluate: made.evaluate && correlations ? evaluateNoting(made.evaluate) : made.evaluate,
				derived: made.derived,
			};
			function evaluateNoting(evaluate: NonNullable<PipelineStages['evaluate']>): PipelineStages['evaluate'] {
				return event => {
					feeds = false;
					const hits = evaluate(event);
					if (feeds) fed.add(event as EdrEvent);
					return hits;
				};
			}
			const packer = new BatchPacker();
			let events: EdrEvent[] = [];
			// Per batch: nothing here outlives it (no status, no end: the main thread's source has those).
			const pipeline = createPipeline(stages, {
				events: out => {
					events = out;
				},
				skipped() {},
				status() {},
				end() {},
			});
			handle = message => {
				events = [];
				pipeline.records(unpackRecords(message));
				const printing: EdrEvent[] = [];
				const feeding: EdrEvent[] = [];
				const feedAt: Array<[number, number, number]> = [];
				for (let k = 0; k < events.length; k++) {
					const ev = events[k]!;
					if (passes(ev)) printing.push(ev);
					if (fed.size && fed.has(ev)) {
						feeding.push(ev);
						feedAt.push([k, printing.length, ev.receivedAt]);
					}
				}
				const chunks = serializeJsonLines(printing);
				let size = 0;
				for (const chunk of chunks) size += chunk.length;
				const bytes = new ArrayBuffer(size);
				const view = new Uint8Array(bytes);
				let at = 0;
				for (const chunk of chunks) {
					view.set(chunk, at);
					at += chunk.length;
				}
				let hits: Array<[number, string | null, string]> | undefined;
				if (init.hits) {
					hits = [];
					for (let i = 0; i < printing.length; i++) {
						const ev = printing[i]!;
						if (ev.hits?.length) hits.push([i, ev.host ?? null, serializeJsonLine(ev)]);
					}
				}
				let feedBack: Extract<FromJsonThread, {type: 'lines'}>['fed'];
				const transfer = [bytes];
				if (feeding.length) {
					const batch = packer.pack(
						feeding,
						originsOf(feeding, ev => places.get(ev)),
						0,
					);
					feedBack = {batch, at: feedAt};
					transfer.push(batch.bytes);
				}
				fed.clear();
				places = new WeakMap();
				const lines = printing.length;
				post({type: 'lines', id: message.id, bytes, lines, hits, events: events.length, fed: feedBack}, transfer);
			};
			post({type: 'ready', report: rules.report, correlations: Boolean(rules.engine?.correlations), lazy});
			return true;
		} catch (error) {
			post({
				type: 'failed',
				message: error instanceof Error ? error.message : String(error),
				config: error instanceof ConfigError,
			});
			return false;
		}
	}
}

void main();
