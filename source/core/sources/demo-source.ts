// The built-in demo: realistic EDR telemetry encoded in a real wire format and delivered on a
// timer, so it goes through the same decode path as Kafka data.
import type {RawRecord} from '../event.js';
import {DEFAULT_SEED} from './demo/generator.js';
import {createDemoStream} from './demo/stream.js';
import type {DemoWireFormat} from './demo/wire.js';
import type {EventSource} from './event-source.js';

export type {DemoWireFormat} from './demo/wire.js';
export {DEFAULT_SEED} from './demo/generator.js';

export interface DemoSourceOptions {
	/** Events per second (default 50). */
	rate?: number;
	seed?: number;
	format?: DemoWireFormat;
	/** End after this many events. */
	count?: number;
}

export const DEFAULT_DEMO_RATE = 50;
export const DEFAULT_DEMO_FORMAT: DemoWireFormat = 's1-dv';
/** Flush period: small batches, like an agent uploading every few tens of ms. */
export const DEMO_TICK_MS = 50;
/** After a stall (suspended laptop, debugger), catch up at most this much time. */
const MAX_CATCH_UP_MS = 1000;

export function createDemoSource(options: DemoSourceOptions = {}): EventSource {
	const rate = options.rate !== undefined && options.rate > 0 ? options.rate : DEFAULT_DEMO_RATE;
	const seed = options.seed ?? DEFAULT_SEED;
	const format = options.format ?? DEFAULT_DEMO_FORMAT;
	let timer: ReturnType<typeof setInterval> | undefined;
	return {
		label: `demo ${rate}/s seed ${seed} (${format})`,
		async start(sink) {
			if (timer) return;
			const stream = createDemoStream({seed, format, delays: true});
			let last = Date.now();
			let due = 0;
			let delivered = 0;
			const stop = () => {
				if (timer) clearInterval(timer);
				timer = undefined;
			};
			sink.status({state: 'reading'});
			timer = setInterval(() => {
				const now = Date.now();
				due += (rate * Math.min(now - last, MAX_CATCH_UP_MS)) / 1000;
				last = now;
				let n = Math.floor(due);
				if (n <= 0) return;
				due -= n;
				if (options.count !== undefined) n = Math.min(n, options.count - delivered);
				let messages = stream.flush(n, now);
				if (options.count !== undefined) {
					// One event per JSON message: trim to the count exactly.
					let left = options.count - delivered;
					messages = messages.filter(m => (left -= m.events) >= 0 || m.events === 0);
				}
				const records: RawRecord[] = messages.map(m => ({value: m.value, receivedAt: now, origin: 'demo'}));
				for (const m of messages) delivered += m.events;
				if (records.length) sink.records(records);
				if (options.count !== undefined && delivered >= options.count) {
					stop();
					sink.status({state: 'ended'});
					sink.end();
				}
			}, DEMO_TICK_MS);
		},
		async stop() {
			if (timer) clearInterval(timer);
			timer = undefined;
		},
	};
}

export interface GenerateOptions {
	seed?: number;
	format?: DemoWireFormat;
	/** Time of the first flush, ms (default: a fixed date, so output is reproducible). */
	startTime?: number;
	/** Events per second, which sets the flush sizes (default 50). */
	rate?: number;
}

/** Fixed default start so that the same seed gives byte-identical records. */
export const DEMO_EPOCH = Date.UTC(2024, 5, 12, 9, 0, 0);

/**
 * The demo's first `count` events as records, without timers: same grouping and delays as the
 * live source at that rate. For tests and benchmarks.
 */
export function generateDemoRecords(count: number, options: GenerateOptions = {}): RawRecord[] {
	const rate = options.rate !== undefined && options.rate > 0 ? options.rate : DEFAULT_DEMO_RATE;
	const start = options.startTime ?? DEMO_EPOCH;
	const stream = createDemoStream({seed: options.seed, format: options.format ?? DEFAULT_DEMO_FORMAT, startTime: start, delays: true});
	const perTick = (rate * DEMO_TICK_MS) / 1000;
	const records: RawRecord[] = [];
	let due = 0;
	let produced = 0;
	for (let tick = 1; produced < count; tick++) {
		due += perTick;
		const n = Math.min(Math.floor(due), count - produced);
		if (n <= 0) continue;
		due -= n;
		const now = start + tick * DEMO_TICK_MS;
		for (const m of stream.flush(n, now)) records.push({value: m.value, receivedAt: now, origin: 'demo'});
		produced += n;
	}
	return records;
}
