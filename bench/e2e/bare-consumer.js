// The bare kafkajs consumer the baselines share: one group with edrtail's own settings (a group,
// maxWaitTimeInMs 1000), eachBatch, reading from the beginning until every partition reached the
// end offset it had at start. Resolves with the milliseconds from start to that end.
import {randomBytes} from 'node:crypto';
import kafkajs from 'kafkajs';

/** Reads TOPIC on BROKERS to its end offsets, handing each batch to eachBatch first. */
export async function consumeToEnd(brokers, topic, clientId, eachBatch) {
	const logLevel = kafkajs.logLevel.NOTHING;
	const kafka = new kafkajs.Kafka({clientId, brokers: brokers.split(','), logLevel});
	const started = performance.now();
	const admin = kafka.admin();
	await admin.connect();
	const ends = new Map((await admin.fetchTopicOffsets(topic)).map(p => [p.partition, BigInt(p.high)]));
	await admin.disconnect();
	const reached = new Map();
	const done = () => [...ends].every(([p, end]) => (reached.get(p) ?? 0n) >= end);
	const consumer = kafka.consumer({groupId: `${clientId}-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 1000});
	let finish;
	const finished = new Promise(resolve => (finish = resolve));
	await consumer.connect();
	await consumer.subscribe({topics: [topic], fromBeginning: true});
	if (done()) finish();
	await consumer.run({
		eachBatch: async ({batch}) => {
			await eachBatch(batch);
			if (!batch.isEmpty()) reached.set(batch.partition, BigInt(batch.lastOffset()) + 1n);
			if (done()) finish();
		},
	});
	await finished;
	const ms = performance.now() - started;
	await consumer.disconnect();
	return ms;
}
