// --hits-to TOPIC: a headless detector publishes each event with a hit (its NDJSON line, keyed by
// host) to a topic on the cluster it reads, so one full screen can tail the hits of many detectors.
import {createKafkaProducer, listTopics} from '../core/demo/index.js';
import type {KafkaConnection} from '../core/kafka/index.js';
import type {HitsPublisher} from './run-json.js';

/** The publisher for --hits-to; the topic must exist (edrtail never creates topics on a real cluster). */
export async function createHitsPublisher(connection: KafkaConnection, topic: string): Promise<HitsPublisher> {
	if (!(await listTopics(connection)).includes(topic)) throw new Error(`--hits-to: no topic ${topic} on the cluster`);
	const producer = createKafkaProducer(connection);
	await producer.connect();
	return {
		// kafkajs acknowledges with acks=all: once this resolves, the hits are on every in-sync replica.
		publish: lines => producer.send(topic, lines),
		close: () => producer.close(),
	};
}
