// The demo as a stream of wire messages: the generator, a delay model for endpoint -> here, and
// the wire encoder, advanced in flushes. Shared by the live demo source and `edrtail produce`.
import {createDemoGenerator, DEFAULT_SEED, type DemoGenerator} from './generator.js';
import type {DemoEvent} from './model.js';
import {createRng, type Rng} from './prng.js';
import {
	createWireEncoder,
	DEFAULT_DEMO_FORMAT,
	type DemoWireFormat,
	type WireEncoder,
	type WireMessage,
} from './wire.js';

export interface DemoStreamOptions {
	seed?: number;
	format?: DemoWireFormat;
	startTime?: number;
	/**
	 * Give events an endpoint -> here delay (tens to hundreds of ms, jittered). Off for `produce`,
	 * whose events are stamped at production.
	 */
	delays?: boolean;
	/** s1-dv: the compressed size a packet stays within (default MAX_DV_PACKET_BYTES). */
	maxPacketBytes?: number;
}

export interface DemoStream {
	/** The next `n` events, flushed at `now`, as wire messages. */
	flush(n: number, now: number): WireMessage[];
	/** The same, without encoding (tests and the generator's own checks). */
	events(n: number, now: number): DemoEvent[];
}

export function createDemoStream(options: DemoStreamOptions = {}): DemoStream {
	const seed = options.seed ?? DEFAULT_SEED;
	const generator: DemoGenerator = createDemoGenerator({seed, startTime: options.startTime});
	// Delays draw from their own PRNG so the events' content does not depend on the option.
	const delayRng: Rng = createRng(seed ^ 0x5eed);
	const encoder: WireEncoder = createWireEncoder(options.format ?? DEFAULT_DEMO_FORMAT, {
		maxPacketBytes: options.maxPacketBytes,
	});
	const events = (n: number, now: number): DemoEvent[] => {
		const out: DemoEvent[] = [];
		// One upload batch: the oldest event waited longest on the agent.
		const base = options.delays ? 40 + Math.round(delayRng.next() ** 2 * 360) : 0;
		for (let i = 0; i < n; i++) {
			const delay = options.delays ? base + Math.round(((n - 1 - i) / Math.max(1, n)) * 45) + delayRng.int(0, 15) : 0;
			out.push(generator.next(now - delay));
		}
		return out;
	};
	return {
		events,
		flush: (n, now) => encoder.encode(events(n, now), now),
	};
}
