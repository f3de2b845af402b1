// `edrtail produce`: the demo stream published to a real topic, event times stamped at production,
// so a second edrtail on that topic shows true end-to-end latency (agent -> Kafka -> screen).
import {setTimeout as sleep} from 'node:timers/promises';
import type {KafkaConnection} from '../kafka/index.js';
import {DEFAULT_SEED} from './generator.js';
import {createKafkaProducer, ensureTopic} from './producer.js';
import {createDemoStream} from './stream.js';
import type {DemoWireFormat} from './wire.js';

export interface ProduceOptions {
	connection: KafkaConnection;
	topic: string;
	format: DemoWireFormat;
	/** Events per second. */
	rate: number;
	/** Stop after this long (ms). */
	durationMs?: number;
	/** Stop after this many events. */
	count?: number;
	/** Partitions when the topic has to be created (default 3). */
	partitions?: number;
	seed?: number;
	/** Called after each send with the events sent so far. */
	onProgress?(sent: number): void;
	/** Stops producing (Ctrl-C); what was sent stays sent. */
	signal?: AbortSignal;
}

export interface ProduceResult {
	events: number;
	messages: number;
	/** From the first send to the last, ms. */
	elapsedMs: number;
	/**
	 * The generator or the broker could not keep up with the rate (it fell more than half a second
	 * behind): it produced as fast as it could instead, at events / elapsedMs.
	 */
	behind: boolean;
}

/** `edrtail produce` without --rate, events per second. */
export const DEFAULT_PRODUCE_RATE = 200;
const TICK_MS = 50;
// Behind its rate, a flush still carries at most this many ticks' worth of events: the backlog is
// worked off in bounded sends, back to back, instead of one send that grows with every slow one.
const MAX_TICKS_PER_FLUSH = 4;

export async function runProduce(options: ProduceOptions): Promise<ProduceResult> {
	const rate = options.rate > 0 ? options.rate : DEFAULT_PRODUCE_RATE;
	const {count, durationMs} = options;
	if (count === undefined && durationMs === undefined) throw new Error('produce needs a count or a duration');
	await ensureTopic(options.connection, options.topic, options.partitions ?? 3);
	const producer = createKafkaProducer(options.connection);
	const stream = createDemoStream({seed: options.seed ?? DEFAULT_SEED, format: options.format});
	// The clock starts once connected: the connection's time is not a backlog.
	await producer.connect().catch(async (error: unknown) => {
		await producer.close();
		throw error;
	});
	const started = Date.now();
	let last = started;
	let due = 0;
	let events = 0;
	let messages = 0;
	let behind = false;
	const maxFlush = Math.max(1, Math.ceil((rate * TICK_MS * MAX_TICKS_PER_FLUSH) / 1000));
	const done = () =>
		options.signal?.aborted ||
		(count !== undefined && events >= count) ||
		(durationMs !== undefined && Date.now() - started >= durationMs);
	try {
		while (!done()) {
			const now = Date.now();
			// A slow send does not lower the rate: the next flush carries what fell due meanwhile.
			due += (rate * (now - last)) / 1000;
			last = now;
			let n = Math.min(Math.floor(due), maxFlush);
			if (count !== undefined) n = Math.min(n, count - events);
			if (n > 0) {
				due -= n;
				let batch = stream.flush(n, now);
				if (count !== undefined) {
					let left = count - events;
					batch = batch.filter(m => (left -= m.events) >= 0);
				}
				if (batch.length) {
					await producer.send(
						options.topic,
						batch.map(m => ({key: m.key, value: Buffer.from(m.value), timestamp: now})),
					);
					for (const m of batch) events += m.events;
					messages += batch.length;
					options.onProgress?.(events);
				}
			}
			// What fell due while this flush was generated and sent.
			const backlog = due + (rate * (Date.now() - last)) / 1000;
			if (backlog > rate / 2) behind = true;
			// A backlog is sent at once: as fast as the generator and the broker allow.
			if (!done() && backlog < maxFlush) await sleep(Math.max(1, TICK_MS - (Date.now() - now)));
		}
	} finally {
		await producer.close();
	}
	return {events, messages, elapsedMs: Date.now() - started, behind};
}
