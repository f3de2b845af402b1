// The baseline consumer: bare kafkajs, one consumer group, eachBatch, counts messages and does
// nothing else; stops once every partition reached the end offset it had at start.
// node bench/e2e/kafkajs-count.js BROKERS TOPIC   -> prints {"messages": N, "ms": M} on stdout
import {randomBytes} from 'node:crypto';
import kafkajs from 'kafkajs';

const [brokers, topic] = process.argv.slice(2);
const logLevel = kafkajs.logLevel.NOTHING;
const kafka = new kafkajs.Kafka({clientId: 'bench-bare', brokers: brokers.split(','), logLevel});
const started = performance.now();
const admin = kafka.admin();
await admin.connect();
const ends = new Map((await admin.fetchTopicOffsets(topic)).map(p => [p.partition, BigInt(p.high)]));
await admin.disconnect();
const reached = new Map();
const done = () => [...ends].every(([p, end]) => (reached.get(p) ?? 0n) >= end);

// The same consumer settings as edrtail's own (a group, maxWaitTimeInMs 1000).
const consumer = kafka.consumer({groupId: `bench-bare-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 1000});
let messages = 0;
let finish;
const finished = new Promise(resolve => (finish = resolve));
await consumer.connect();
await consumer.subscribe({topics: [topic], fromBeginning: true});
if (done()) finish();
await consumer.run({
	eachBatch: async ({batch}) => {
		messages += batch.messages.length;
		if (!batch.isEmpty()) reached.set(batch.partition, BigInt(batch.lastOffset()) + 1n);
		if (done()) finish();
	},
});
await finished;
const ms = performance.now() - started;
await consumer.disconnect();
process.stdout.write(JSON.stringify({messages, ms}) + '\n');
