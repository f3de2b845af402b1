// The demo's pacing and its timer-free form: the live demo source and the generated records share
// the tick and the default rate, so tests and benchmarks see the batches the screen sees.
import type {RawRecord} from '../event.js';
import {createDemoStream} from './stream.js';
import {DEFAULT_DEMO_FORMAT, type DemoWireFormat} from './wire.js';

export const DEFAULT_DEMO_RATE = 50;
/** Flush period: small batches, like an agent uploading every few tens of ms. */
export const DEMO_TICK_MS = 50;
/** Fixed default start so that the same seed gives byte-identical records. */
export const DEMO_EPOCH = Date.UTC(2024, 5, 12, 9, 0, 0);

export interface GenerateOptions {
	seed?: number;
	format?: DemoWireFormat;
	/** Time of the first flush, ms (default: a fixed date, so output is reproducible). */
	startTime?: number;
	/** Events per second, which sets the flush sizes (default 50). */
	rate?: number;
}

/** The rate to run at: a missing or non-positive rate means the default. */
export function demoRate(rate: number | undefined): number {
	return rate !== undefined && rate > 0 ? rate : DEFAULT_DEMO_RATE;
}

/**
 * The demo's first `count` events as records, without timers: same grouping and delays as the
 * live source at that rate. For tests and benchmarks.
 */
export function generateDemoRecords(count: number, options: GenerateOptions = {}): RawRecord[] {
	const rate = demoRate(options.rate);
	const start = options.startTime ?? DEMO_EPOCH;
	const format = options.format ?? DEFAULT_DEMO_FORMAT;
	const stream = createDemoStream({seed: options.seed, format, startTime: start, delays: true});
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
