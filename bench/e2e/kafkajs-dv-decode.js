// The second s1-dv baseline: what a minimal hand-written consumer that prints the same events does.
// Bare kafkajs (one group, eachBatch, the same settings as kafkajs-count.js), each packet inflated
// (zlib), decoded by protobufjs with the project's schema (decode + toObject, the export's JSON
// rendering), and one JSON.stringify line per event written to stdout: {meta, timestamp, member}.
// No normalizing, no summary, no rules, no terminal escaping. Stops at the end offsets it saw at start.
//   node bench/e2e/kafkajs-dv-decode.js BROKERS TOPIC > /dev/null  -> {"messages","events","ms"} on stderr
import {randomBytes} from 'node:crypto';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {inflateSync} from 'node:zlib';
import kafkajs from 'kafkajs';
import {root} from './paths.js';

const schema = await import(pathToFileURL(join(root, 'dist', 'source', 'core', 'formats', 's1-dv', 'schema.js')).href);
const {PacketType, TO_OBJECT_OPTIONS} = schema;

const [brokers, topic] = process.argv.slice(2);
const logLevel = kafkajs.logLevel.NOTHING;
const kafka = new kafkajs.Kafka({clientId: 'bench-bare-dv', brokers: brokers.split(','), logLevel});
const started = performance.now();
const admin = kafka.admin();
await admin.connect();
const ends = new Map((await admin.fetchTopicOffsets(topic)).map(p => [p.partition, BigInt(p.high)]));
await admin.disconnect();
const reached = new Map();
const done = () => [...ends].every(([p, end]) => (reached.get(p) ?? 0n) >= end);

const drained = () => new Promise(resolve => process.stdout.once('drain', resolve));
const consumer = kafka.consumer({groupId: `bench-bare-dv-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 1000});
let messages = 0;
let events = 0;
let finish;
const finished = new Promise(resolve => (finish = resolve));
await consumer.connect();
await consumer.subscribe({topics: [topic], fromBeginning: true});
if (done()) finish();
await consumer.run({
	eachBatch: async ({batch}) => {
		let out = '';
		for (const m of batch.messages) {
			messages++;
			if (!m.value) continue;
			const packet = PacketType.toObject(PacketType.decode(inflateSync(m.value)), TO_OBJECT_OPTIONS);
			for (const ev of packet.events ?? []) {
				out += JSON.stringify({meta: packet.meta, ...ev}) + '\n';
				events++;
			}
		}
		if (out && !process.stdout.write(out)) await drained();
		if (!batch.isEmpty()) reached.set(batch.partition, BigInt(batch.lastOffset()) + 1n);
		if (done()) finish();
	},
});
await finished;
const ms = performance.now() - started;
await consumer.disconnect();
process.stderr.write(JSON.stringify({messages, events, ms}) + '\n');
