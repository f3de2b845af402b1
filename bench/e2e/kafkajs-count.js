// The baseline consumer: bare kafkajs, one consumer group, eachBatch, counts messages and does
// nothing else; stops once every partition reached the end offset it had at start.
// node bench/e2e/kafkajs-count.js BROKERS TOPIC   -> prints {"messages": N, "ms": M} on stdout
import {consumeToEnd} from './bare-consumer.js';

const [brokers, topic] = process.argv.slice(2);
let messages = 0;
const ms = await consumeToEnd(brokers, topic, 'bench-bare', batch => {
	messages += batch.messages.length;
});
process.stdout.write(JSON.stringify({messages, ms}) + '\n');
