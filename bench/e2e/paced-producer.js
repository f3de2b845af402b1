// A producer in its own process (the benchmark's tmux polling must not stall its pacing), driven by
// lines on stdin:
//   backlog N   produce N events as fast as the broker takes them  -> "backlog <events>"
//   go          start producing RATE events/s (paced every 10 ms)
//   stop        stop, wait for the acks                            -> "done <events> <messages> <maxBehindMs>"
// It prints "ready <pool events>" once its pool of demo messages is generated. The pool is flushed
// like the demo at that rate (rate/20 events per flush), so s1-dv packets are as big as an agent's
// batches at that rate.
//   node bench/e2e/paced-producer.js BROKERS TOPIC PARTITIONS FORMAT RATE [POOL_EVENTS]
import {createInterface} from 'node:readline';
import {demoPool, kafkaClient, produceFast, rotate} from './lib.js';

const [brokers, topic, partitionsArg, format, rateArg, poolArg] = process.argv.slice(2);
const partitions = Number(partitionsArg);
const rate = Number(rateArg);
const pool = await demoPool(format, Number(poolArg ?? 50_000), {perFlush: Math.max(9, Math.round(rate / 20))});
const say = text => process.stdout.write(text + '\n');
// One endless stream of messages round the pool, shared by the backlog and the paced phase.
const messages = rotate(pool, Number.MAX_SAFE_INTEGER);
say(`ready ${pool.reduce((n, m) => n + m.events, 0)}`);

/** The most one request carries: 600 KB a partition, under the broker's default 1 MB a batch. */
const BATCH_BYTES = 600_000 * partitions;
const producer = kafkaClient(brokers, 'edrtail-bench-paced').producer({allowAutoTopicCreation: false});
await producer.connect();
let stopping = false;
let pacing;

async function pace() {
	const started = performance.now();
	let events = 0;
	let count = 0;
	let maxBehind = 0;
	const inFlight = new Set();
	while (!stopping) {
		const due = (rate * (performance.now() - started)) / 1000;
		const batch = [];
		let batchEvents = 0;
		let batchBytes = 0;
		// A producer that fell behind (a loaded machine) catches up in requests the broker accepts:
		// unbounded, one request of CF2 JSON grew past its 1 MB message limit.
		while (events + batchEvents < due && batchBytes < BATCH_BYTES) {
			const m = messages.next().value;
			const partition = (count + batch.length) % partitions;
			batch.push({key: m.key, value: m.value, partition, timestamp: String(Date.now())});
			batchEvents += m.events;
			batchBytes += typeof m.value === 'string' ? Buffer.byteLength(m.value) : m.value.length;
		}
		if (batch.length) {
			// Behind by more than what is in flight: the broker or this machine cannot take the rate.
			maxBehind = Math.max(maxBehind, ((due - events) / rate) * 1000);
			const p = producer.send({topic, acks: 1, messages: batch}).finally(() => inFlight.delete(p));
			inFlight.add(p);
			events += batchEvents;
			count += batch.length;
			if (inFlight.size >= 8) await Promise.race(inFlight);
		}
		// Still behind after a full request: the next one at once.
		if (batchBytes < BATCH_BYTES) await new Promise(resolve => setTimeout(resolve, 10));
	}
	await Promise.all(inFlight);
	return {events, count, maxBehind};
}

for await (const line of createInterface({input: process.stdin})) {
	const [command, arg] = line.trim().split(/\s+/);
	if (command === 'backlog') {
		const n = Number(arg);
		let left = n;
		const some = (function* () {
			while (left > 0) {
				const m = messages.next().value;
				left -= m.events;
				yield m;
			}
		})();
		const r = await produceFast(brokers, topic, partitions, some);
		say(`backlog ${r.events}`);
	} else if (command === 'go') {
		pacing = pace();
	} else if (command === 'stop') {
		stopping = true;
		const r = await pacing;
		say(`done ${r.events} ${r.count} ${Math.round(r.maxBehind)}`);
		break;
	}
}
await producer.disconnect();
