// The second s1-dv baseline: what a minimal hand-written consumer that prints the same events does.
// Bare kafkajs (bare-consumer.js, as kafkajs-count.js), each packet inflated
// (zlib), decoded by protobufjs with the project's schema (decode + toObject, the export's JSON
// rendering), and one JSON.stringify line per event written to stdout: {meta, timestamp, member}.
// No normalizing, no summary, no rules, no terminal escaping. Stops at the end offsets it saw at start.
//   node bench/e2e/kafkajs-dv-decode.js BROKERS TOPIC > /dev/null  -> {"messages","events","ms"} on stderr
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {inflateSync} from 'node:zlib';
import {consumeToEnd} from './bare-consumer.js';
import {root} from './paths.js';

const schema = await import(pathToFileURL(join(root, 'dist', 'source', 'core', 'formats', 's1-dv', 'schema.js')).href);
const {PacketType, TO_OBJECT_OPTIONS} = schema;

const [brokers, topic] = process.argv.slice(2);
const drained = () => new Promise(resolve => process.stdout.once('drain', resolve));
let messages = 0;
let events = 0;
const ms = await consumeToEnd(brokers, topic, 'bench-bare-dv', async batch => {
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
});
process.stderr.write(JSON.stringify({messages, events, ms}) + '\n');
