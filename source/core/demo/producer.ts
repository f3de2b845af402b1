// What `edrtail produce` (and the e2e tests) need to write to Kafka: a producer that slices what
// it sends below the broker's size limit, and the admin calls to create and list topics.
import {createKafkaClient, type Admin, type KafkaConnection, type KafkaLogLevel} from '../kafka/index.js';

export interface ProducedMessage {
	key?: string | Buffer | null;
	value: Buffer | string | null;
	/** Record timestamp (CreateTime), ms since epoch; the producer's clock when absent. */
	timestamp?: number;
	/** Record headers (the tests send some: the detail pane shows them). */
	headers?: Record<string, string | Buffer>;
	/** The partition to write to; the key's (or round robin) when absent. */
	partition?: number;
}

export interface KafkaProducer {
	/** Connects now (send connects on first use otherwise). */
	connect(): Promise<void>;
	send(topic: string, messages: ProducedMessage[]): Promise<void>;
	close(): Promise<void>;
}

// The broker's default message.max.bytes is 1 MB per record batch: send in slices well below it.
const MAX_SEND_BYTES = 512 * 1024;

export function createKafkaProducer(
	connection: KafkaConnection,
	options: {logLevel?: KafkaLogLevel; logFile?: string} = {},
): KafkaProducer {
	const client = createKafkaClient(connection, options);
	const producer = client.producer();
	let connected: Promise<void> | undefined;
	const sendSlice = (topic: string, slice: ProducedMessage[]) =>
		producer.send({
			topic,
			messages: slice.map(m => ({
				key: m.key ?? null,
				value: m.value,
				timestamp: m.timestamp === undefined ? undefined : String(m.timestamp),
				...(m.headers ? {headers: m.headers} : {}),
				partition: m.partition,
			})),
		});
	const connect = () => (connected ??= producer.connect());
	return {
		connect,
		async send(topic, messages) {
			await connect();
			for (const slice of sendSlices(messages)) await sendSlice(topic, slice);
		},
		async close() {
			if (connected) await producer.disconnect().catch(() => undefined);
			await client.close();
		},
	};
}

/** Consecutive runs of messages, each under MAX_SEND_BYTES (a bigger message goes alone). */
export function sendSlices(messages: ProducedMessage[]): ProducedMessage[][] {
	const out: ProducedMessage[][] = [];
	let slice: ProducedMessage[] = [];
	let bytes = 0;
	for (const m of messages) {
		const size = (m.value?.length ?? 0) + (m.key?.length ?? 0) + 64;
		if (bytes + size > MAX_SEND_BYTES && slice.length) {
			out.push(slice);
			slice = [];
			bytes = 0;
		}
		slice.push(m);
		bytes += size;
	}
	if (slice.length) out.push(slice);
	return out;
}

async function withAdmin<T>(connection: KafkaConnection, work: (admin: Admin) => Promise<T>): Promise<T> {
	const admin = createKafkaClient(connection, {logLevel: 'nothing', logFile: false}).admin();
	await admin.connect();
	try {
		return await work(admin);
	} finally {
		await admin.disconnect().catch(() => undefined);
	}
}

/** Creates the topic if it does not exist; true when it was created. */
export function ensureTopic(connection: KafkaConnection, topic: string, partitions = 1): Promise<boolean> {
	return withAdmin(connection, async admin => {
		if ((await admin.listTopics()).includes(topic)) return false;
		return admin.createTopics({topics: [{topic, numPartitions: partitions}], waitForLeaders: true});
	});
}

export function listTopics(connection: KafkaConnection): Promise<string[]> {
	return withAdmin(connection, admin => admin.listTopics());
}
