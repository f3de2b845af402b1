// The demo source: the demo stage's wire messages (core/demo) delivered on a timer at a rate, so
// its telemetry goes through the same decode path as Kafka data. The generator lives in demo/.
import {
	createDemoStream,
	DEFAULT_DEMO_FORMAT,
	DEFAULT_SEED,
	DEMO_TICK_MS,
	demoRate,
	type DemoWireFormat,
} from '../demo/index.js';
import type {RawRecord} from '../event.js';
import type {EventSource} from './event-source.js';

export interface DemoSourceOptions {
	/** Events per second (default 50). */
	rate?: number;
	seed?: number;
	format?: DemoWireFormat;
	/** End after this many events. */
	count?: number;
}

/** After a stall (suspended laptop, debugger), catch up at most this much time. */
const MAX_CATCH_UP_MS = 1000;

export function createDemoSource(options: DemoSourceOptions = {}): EventSource {
	const rate = demoRate(options.rate);
	const seed = options.seed ?? DEFAULT_SEED;
	const format = options.format ?? DEFAULT_DEMO_FORMAT;
	let timer: ReturnType<typeof setInterval> | undefined;
	let paused = false;
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
				// Paused, the demo makes nothing: its events are made up, there is nothing to catch up on.
				if (paused) {
					last = now;
					return;
				}
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
		pause() {
			paused = true;
		},
		resume() {
			paused = false;
		},
	};
}
