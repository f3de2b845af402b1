// The pipeline thread's entry: source -> decode -> rules, batched per fetch, posted to the screen's
// thread. Runs as a worker_threads Worker started by client.ts; the screen keeps the store, the
// view and the rendering, so a firehose never waits behind a frame and a key never waits behind
// a batch.
import {parentPort, workerData} from 'node:worker_threads';
import type {EdrEvent} from '../../core/event.js';
import {createPipeline, type PipelineStages} from '../../core/pipeline.js';
import {answerTuning, type RuleEngine} from '../../core/rules/index.js';
import type {EventSource, RecordSink} from '../../core/sources/index.js';
// The error class alone: config/index.js loads every flag's parser and the demo generator.
import {ConfigError} from '../../config/errors.js';
import {loadPlanned, skippedOf} from '../rules.js';
import {makeSource} from '../make-source.js';
import {makeStages, withTimeWindow} from '../make-stages.js';
import {isWaitedOut} from '../waiting-source.js';
import {BatchPacker, originsOf, type EventPlace} from './pack.js';
import {FLOW_SENT, FLOW_STOP, FLOW_TAKEN, type FromThread, type ThreadInit, type ToThread} from './protocol.js';

const init = workerData as ThreadInit;
const port = parentPort!;
const flowState = new Int32Array(init.flow);
const post = (message: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function newSource(): Promise<EventSource> {
	return makeSource(init.config, {
		resolveConnection: async () => {
			if (!init.connection) throw new Error('no Kafka connection was given to the pipeline thread');
			return init.connection;
		},
	});
}

/** How often a paused thread looks whether the screen has caught up, ms. */
const ROOM_POLL_MS = 5;

/**
 * A sink that runs the pipeline on each batch and posts the result as one message. When the
 * screen is behind by more than maxInFlight events, `flow` (the source) is paused until it has
 * taken half of them: what waits is the data in Kafka, in the file or in the pipe, not memory
 * between the threads. The thread itself never blocks, so Kafka's heartbeats go on meanwhile.
 */
function threadSink(stages: PipelineStages, flow: {pause(): void; resume(): void}): RecordSink {
	const packer = new BatchPacker();
	let events: EdrEvent[] = [];
	let skipped = 0;
	let sent = 0;
	let waiting: NodeJS.Timeout | undefined;
	// Each decoded event's record and place: the output also holds events no record gave (a
	// correlation's hit) and may leave some out (a saved correlation line, made again here).
	let places = new WeakMap<object, EventPlace>();
	const placing: PipelineStages = {
		decode(record) {
			const decoded = stages.decode(record);
			for (let index = 0; index < decoded.length; index++) places.set(decoded[index]!, {record, index});
			return decoded;
		},
		evaluate: stages.evaluate,
		derived: stages.derived,
		window: stages.window,
	};
	const pipeline = createPipeline(placing, {
		events: out => {
			events = out;
		},
		skipped: n => {
			skipped = n;
		},
		status: status => post({type: 'status', status}),
		end: () => post({type: 'end'}),
	});
	const inFlight = () => (sent - Atomics.load(flowState, FLOW_TAKEN)) | 0;
	const waitForRoom = () => {
		if (waiting || inFlight() <= init.maxInFlight) return;
		flow.pause();
		waiting = setInterval(() => {
			if (!Atomics.load(flowState, FLOW_STOP) && inFlight() > init.maxInFlight / 2) return;
			clearInterval(waiting);
			waiting = undefined;
			flow.resume();
		}, ROOM_POLL_MS);
	};
	return {
		records(batch) {
			if (Atomics.load(flowState, FLOW_STOP)) return;
			events = [];
			skipped = 0;
			pipeline.records(batch);
			if (events.length === 0 && skipped === 0) return;
			const origins = originsOf(events, ev => places.get(ev));
			places = new WeakMap();
			const message = packer.pack(events, origins, skipped);
			// Counted before it is posted: the screen never takes more than was sent.
			sent = (sent + events.length) | 0;
			Atomics.store(flowState, FLOW_SENT, sent);
			post(message, [message.bytes]);
			waitForRoom();
		},
		status: pipeline.status,
		end: pipeline.end,
	};
}

async function main(): Promise<void> {
	let source: EventSource;
	let sink: RecordSink;
	let engine: RuleEngine | undefined;
	try {
		// The source first: the header names it while the rules load.
		source = await newSource();
		post({type: 'label', label: source.label});
		const rules = await loadPlanned(init.plan, text => post({type: 'progress', text}));
		engine = rules.engine;
		// It pauses whichever source is current (a restart makes a new one).
		// Past --until (a file, stdin, the demo, every Kafka partition) the screen shows the source ended.
		const stages = withTimeWindow(
			makeStages(init.config, rules),
			init.config,
			() => source,
			// After the batch that passed it is posted (threadSink posts once the pipeline returns).
			() =>
				setImmediate(() => {
					void source.stop().catch(() => undefined);
					post({type: 'end'});
				}),
		);
		sink = threadSink(stages, {
			pause: () => source.pause(),
			resume: () => source.resume(),
		});
		const list = (rules.engine?.rules ?? []).map(r => ({
			id: r.id,
			title: r.title,
			level: r.level,
			tags: r.tags,
			logsource: r.logsource,
		}));
		post({type: 'ready', label: source.label, rules: list, skippedRules: skippedOf(rules.report)});
	} catch (error) {
		post({type: 'failed', message: messageOf(error), config: error instanceof ConfigError});
		return;
	}
	const start = () =>
		source.start(sink).then(
			() => post({type: 'started'}),
			(error: unknown) => post({type: 'startFailed', message: messageOf(error), waitedOut: isWaitedOut(error)}),
		);
	// Restarts and stops one at a time (a stop waits for a restart's new source); a start is not
	// waited for, so that a stop during a slow start (a broker that does not answer) goes through.
	let queue: Promise<unknown> = Promise.resolve();
	const run = (work: () => Promise<unknown>) => (queue = queue.then(work, work));
	port.on('message', (message: ToThread) => {
		switch (message.type) {
			case 'start':
				void start();
				break;
			case 'restart':
				run(async () => {
					await source.stop().catch(() => undefined);
					try {
						source = await newSource();
					} catch (error) {
						post({type: 'startFailed', message: messageOf(error), waitedOut: isWaitedOut(error)});
						return;
					}
					void start();
				});
				break;
			case 'tuning':
				// Between two batches (this thread does one thing at a time): a filter applies from the next.
				post({type: 'tuning', id: message.id, answer: answerTuning(engine, message.ask)});
				break;
			case 'stop':
				run(async () => {
					// Kafka: leaves the group.
					await source.stop().catch(() => undefined);
					post({type: 'stopped'});
				});
				break;
		}
	});
}

void main();
