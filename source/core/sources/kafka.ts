// The Kafka source (and the small producer/admin helpers edrtail needs): the only file that
// imports kafkajs. It never disturbs production consumers: by default an ephemeral group
// `edrtail-<random>`, offsets never committed, the group left on stop. Start positions are
// applied by seeking on every group join to the position we track ourselves, so a restart or a
// rebalance neither re-delivers nor skips (kafkajs alone would fall back to auto.offset.reset,
// since nothing is committed).
import {createWriteStream, type WriteStream} from 'node:fs';
import {randomBytes} from 'node:crypto';
import kafkajs from 'kafkajs';
import type {Admin, Batch, Consumer, ConsumerRunConfig, KafkaConfig, KafkaMessage, LogEntry, logCreator as LogCreatorType} from 'kafkajs';
import type {RawRecord, TimestampType} from '../event.js';
import type {EventSource, RecordSink, SourceStatus} from './event-source.js';
import type {KafkaConnection} from './kafka-config.js';
import type {StartPosition} from './start-position.js';

const {Kafka, logLevel: LogLevel, Partitioners} = kafkajs;

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaSourceOptions {
	connection: KafkaConnection;
	/** Names, and patterns that also pick up matching topics created later. */
	topics: Array<string | RegExp>;
	from: StartPosition;
	/** Join this group instead of an ephemeral one (still no commit unless `commit`). */
	groupId?: string;
	commit?: boolean;
	/** End once every partition has been read up to the end offset it had at start. */
	exitAtEnd?: boolean;
	/** kafkajs log level for the log file (EDRTAIL_LOG); errors always feed the status reason. */
	logLevel?: KafkaLogLevel;
	/** How often pattern subscriptions look for new matching topics. */
	patternRefreshMs?: number;
	/** Where kafkajs logs go, as JSON lines; defaults to $EDRTAIL_LOG. Never the terminal. */
	logFile?: string;
}

type PartitionKey = string;
const keyOf = (topic: string, partition: number): PartitionKey => `${topic}\u0000${partition}`;

export function createKafkaSource(options: KafkaSourceOptions): EventSource {
	const {connection} = options;
	const groupId = options.groupId ?? `edrtail-${randomBytes(6).toString('hex')}`;
	const commit = options.commit === true;
	const patterns = options.topics.filter((t): t is RegExp => t instanceof RegExp);
	const names = options.topics.filter((t): t is string => typeof t === 'string');
	const label = `kafka ${connection.brokers.join(',')} ${options.topics.map(t => (t instanceof RegExp ? `/${t.source}/` : t)).join(',')}`;

	// Next offset to read per partition, as far as we have delivered (or been told to start).
	const positions = new Map<PartitionKey, bigint>();
	// Where each partition starts, computed before the consumer runs.
	const initial = new Map<PartitionKey, bigint>();
	// Partitions seeked at least once (with --commit, later joins use the committed offsets).
	const seeded = new Set<PartitionKey>();
	// --exit-at-end: the end offset (high watermark) each partition had at start.
	const ends = new Map<PartitionKey, bigint>();
	const subscribed = new Set<string>();

	let sink: RecordSink | undefined;
	let status: SourceStatus = {state: 'connecting'};
	let stopped = false;
	let ended = false;
	let stopping: Promise<void> | undefined;
	let pollTimer: NodeJS.Timeout | undefined;
	let restarting = false;

	const report = (next: SourceStatus) => {
		if (stopped || ended) return;
		if (next.state === status.state && next.reason === status.reason) return;
		status = next;
		sink?.status(next);
	};

	const logFile = openLogFile(options.logFile ?? process.env.EDRTAIL_LOG);
	const kafka = new Kafka(
		kafkaConfig(connection, options.logLevel ?? (logFile ? 'info' : 'error'), logFile, message => {
			// Keep the specific reason ("ECONNREFUSED host:port") over the generic follow-ups.
			if (status.reason && /^(Restarting the consumer|No broker available)/i.test(message)) return;
			if (status.state === 'connected' || status.state === 'reconnecting') report({state: 'reconnecting', reason: message});
			else if (status.state === 'connecting') report({state: 'connecting', reason: message});
		}),
	);
	const admin: Admin = kafka.admin();
	const consumer: Consumer = kafka.consumer({
		groupId,
		allowAutoTopicCreation: false,
		maxWaitTimeInMs: 1000,
		// Unknown partitions (new topics, added partitions) start at their beginning: all of it is new.
		// Known ones are positioned by seek on join.
	});

	consumer.on(consumer.events.GROUP_JOIN, event => {
		for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
			for (const partition of partitions) {
				const key = keyOf(topic, partition);
				if (commit && seeded.has(key)) continue;
				const target = positions.get(key) ?? initial.get(key);
				if (target === undefined) continue;
				consumer.seek({topic, partition, offset: target.toString()});
				seeded.add(key);
			}
		}
		report({state: 'connected'});
	});
	consumer.on(consumer.events.CRASH, event => {
		const error = event.payload.error as Error;
		const reason = shortReason(error?.message ?? String(error));
		if (event.payload.restart) report({state: 'reconnecting', reason});
		else report({state: 'error', reason});
	});

	const finish = () => {
		if (ended || stopped) return;
		sink?.status({state: 'ended'});
		ended = true;
		sink?.end();
	};

	const checkEnd = () => {
		if (!options.exitAtEnd || ended) return;
		for (const [key, end] of ends) {
			const at = positions.get(key) ?? initial.get(key) ?? 0n;
			if (at < end) return;
		}
		finish();
	};

	const eachBatch: ConsumerRunConfig['eachBatch'] = async ({batch}) => {
		if (stopped || ended) return;
		if (status.state !== 'connected') report({state: 'connected'});
		const key = keyOf(batch.topic, batch.partition);
		const records = toRecords(batch, positions.get(key), options.exitAtEnd ? ends.get(key) : undefined);
		// Control records (transaction markers) count as read too, or --exit-at-end would wait forever.
		if (!(batch as Batch & {isEmptyIncludingFiltered(): boolean}).isEmptyIncludingFiltered()) {
			const next = BigInt(batch.lastOffset()) + 1n;
			if (next > (positions.get(key) ?? -1n)) positions.set(key, next);
		}
		if (records.length) sink?.records(records);
		checkEnd();
	};
	const runConfig: ConsumerRunConfig = {autoCommit: commit, eachBatch, eachBatchAutoResolve: true};

	/** Start offsets for these topics per the --from position (and the end offsets for --exit-at-end). */
	const plan = async (topics: string[], position: StartPosition, recordEnds: boolean) => {
		for (const topic of topics) {
			const watermarks = await admin.fetchTopicOffsets(topic);
			const byTime = position.kind === 'time' ? await admin.fetchTopicOffsetsByTimestamp(topic, position.time) : [];
			const committed = position.kind === 'committed' ? (await admin.fetchOffsets({groupId, topics: [topic]}))[0]?.partitions ?? [] : [];
			for (const w of watermarks) {
				const key = keyOf(topic, w.partition);
				const low = BigInt(w.low);
				const high = BigInt(w.high);
				let start: bigint;
				switch (position.kind) {
					case 'earliest':
						start = low;
						break;
					case 'latest':
						start = high;
						break;
					case 'committed': {
						// -1: the group has no offset for it yet; start from now, as latest does.
						const found = committed.find(p => p.partition === w.partition);
						const at = found ? BigInt(found.offset) : -1n;
						start = at < 0n ? high : at < low ? low : at > high ? high : at;
						break;
					}
					case 'time': {
						const found = byTime.find(p => p.partition === w.partition);
						start = found && BigInt(found.offset) >= 0n ? BigInt(found.offset) : high;
						break;
					}
					case 'offset': {
						const wanted = BigInt(position.offset);
						start = wanted < low ? low : wanted > high ? high : wanted;
						break;
					}
				}
				initial.set(key, start);
				if (recordEnds) ends.set(key, high);
			}
		}
	};

	const matching = (all: string[]) => all.filter(t => !t.startsWith('__') && patterns.some(p => p.test(t)));

	const pollPatterns = async () => {
		if (restarting || stopped || ended) return;
		restarting = true;
		try {
			const fresh = matching(await admin.listTopics()).filter(t => !subscribed.has(t));
			if (fresh.length === 0 || stopped) return;
			// New topics: everything in them was produced after we started looking.
			await plan(fresh, {kind: 'earliest'}, false);
			await consumer.stop();
			if (stopped) return;
			for (const t of fresh) subscribed.add(t);
			await consumer.subscribe({topics: fresh, fromBeginning: true});
			await consumer.run(runConfig);
		} catch (error) {
			report({state: 'reconnecting', reason: shortReason((error as Error).message)});
		} finally {
			restarting = false;
		}
	};

	return {
		label,
		async start(target) {
			sink = target;
			sink.status(status);
			try {
				await admin.connect().catch((error: Error) => {
					throw new Error(`cannot connect to Kafka at ${connection.brokers.join(',')}: ${shortReason(error.message)}`);
				});
				const all = await admin.listTopics();
				const missing = names.filter(n => !all.includes(n));
				if (missing.length) {
					throw new Error(`topic${missing.length > 1 ? 's' : ''} not found on ${connection.brokers.join(',')}: ${missing.join(', ')}`);
				}
				const topics = [...new Set([...names, ...matching(all)])];
				await plan(topics, options.from, options.exitAtEnd === true);
				for (const t of topics) subscribed.add(t);
				if (topics.length) {
					await consumer.connect();
					await consumer.subscribe({topics, fromBeginning: true});
					await consumer.run(runConfig);
				} else {
					report({state: 'connected', reason: 'no topic matches yet'});
				}
			} catch (error) {
				// The rejection is the one report of a failed start (callers show it); no status too.
				const reason = (error as Error).message.replace(/\s+/g, ' ');
				await this.stop();
				throw new Error(reason);
			}
			if (options.exitAtEnd) setImmediate(checkEnd);
			else if (patterns.length) pollTimer = setInterval(() => void pollPatterns(), options.patternRefreshMs ?? 5000);
		},
		stop() {
			stopping ??= (async () => {
				stopped = true;
				if (pollTimer) clearInterval(pollTimer);
				// disconnect() leaves the group, so an ephemeral group disappears with us.
				await consumer.disconnect().catch(() => undefined);
				await admin.disconnect().catch(() => undefined);
				await new Promise<void>(resolve => (logFile ? logFile.end(resolve) : resolve()));
			})();
			return stopping;
		},
	};
}

/** Messages of one fetched batch -> records; drops what was already delivered or lies past the end. */
function toRecords(batch: Batch, position: bigint | undefined, end: bigint | undefined): RawRecord[] {
	const out: RawRecord[] = [];
	const receivedAt = Date.now();
	const first = batch.firstOffset();
	const check = end !== undefined || (position !== undefined && first !== null && BigInt(first) < position);
	for (const m of batch.messages) {
		if (check) {
			const offset = BigInt(m.offset);
			if (position !== undefined && offset < position) continue;
			if (end !== undefined && offset >= end) continue;
		}
		out.push({
			value: m.value,
			receivedAt,
			kafka: {
				topic: batch.topic,
				partition: batch.partition,
				offset: m.offset,
				timestamp: Number(m.timestamp),
				timestampType: timestampTypeOf(m),
			},
		});
	}
	return out;
}

/**
 * v2 record batches carry the type in their attributes (bit 3), which kafkajs exposes as
 * batchContext.timestampType; v1 messages carry the same bit in their own attributes.
 */
export function timestampTypeOf(m: KafkaMessage): TimestampType {
	const context = (m as {batchContext?: {timestampType?: number}}).batchContext;
	const bit = context?.timestampType ?? ((m as {magicByte?: number}).magicByte === 1 ? (m.attributes & 0x08) >> 3 : undefined);
	return bit === 0 ? 'CreateTime' : bit === 1 ? 'LogAppendTime' : 'unknown';
}

/** "Connection error: connect ECONNREFUSED 127.0.0.1:9092" -> "ECONNREFUSED 127.0.0.1:9092". */
export function shortReason(message: string): string {
	const sys = /\b(E[A-Z]{3,})\s+(\S+)/.exec(message);
	if (sys && !/^Error$/.test(sys[1])) return `${sys[1]} ${sys[2]}`;
	const text = message.replace(/^((Connection error|Crash|KafkaJS\w*Error):\s*)+/i, '').replace(/\s+/g, ' ').trim();
	return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

const LEVELS: Record<KafkaLogLevel, number> = {
	nothing: LogLevel.NOTHING,
	error: LogLevel.ERROR,
	warn: LogLevel.WARN,
	info: LogLevel.INFO,
	debug: LogLevel.DEBUG,
};

function openLogFile(path: string | undefined): WriteStream | undefined {
	if (!path) return undefined;
	const stream = createWriteStream(path, {flags: 'a'});
	stream.on('error', () => undefined); // a log file problem must not take the feed down
	return stream;
}

/** kafkajs config: its logs go to the log file (if any) and errors to `onError`; never to the terminal. */
function kafkaConfig(connection: KafkaConnection, level: KafkaLogLevel, logFile: WriteStream | undefined, onError?: (reason: string) => void): KafkaConfig {
	const logCreator: LogCreatorType = () => (entry: LogEntry) => {
		const {message, ...rest} = entry.log as LogEntry['log'] & {error?: string};
		if (logFile && entry.level <= LEVELS[level]) {
			logFile.write(`${JSON.stringify({level: entry.label, namespace: entry.namespace, message, ...rest})}\n`);
		}
		if (entry.level === LogLevel.ERROR && onError) onError(shortReason(rest.error ? `${message}: ${rest.error}` : message));
	};
	const config: KafkaConfig = {
		clientId: connection.clientId,
		brokers: connection.brokers,
		connectionTimeout: connection.connectionTimeout,
		requestTimeout: connection.requestTimeout,
		// Errors must reach the creator whatever the file level is.
		logLevel: Math.max(LEVELS[level], LogLevel.ERROR),
		logCreator,
	};
	if (connection.ssl) {
		const s = connection.ssl;
		config.ssl = {
			ca: s.ca,
			cert: s.cert,
			key: s.key,
			passphrase: s.passphrase,
			rejectUnauthorized: s.rejectUnauthorized,
			servername: s.servername,
			...(s.verifyHostname ? {} : {checkServerIdentity: () => undefined}),
		};
	}
	if (connection.sasl) {
		const {mechanism, username, password} = connection.sasl;
		config.sasl = {mechanism, username, password: password ?? ''} as KafkaConfig['sasl'];
	}
	return config;
}

export interface ProducedMessage {
	key?: string | Buffer | null;
	value: Buffer | string | null;
	/** Record timestamp (CreateTime), ms since epoch; the producer's clock when absent. */
	timestamp?: number;
}

export interface KafkaProducer {
	send(topic: string, messages: ProducedMessage[]): Promise<void>;
	close(): Promise<void>;
}

// The broker's default message.max.bytes is 1 MB per record batch: send in slices well below it.
const MAX_SEND_BYTES = 512 * 1024;

export function createKafkaProducer(connection: KafkaConnection, options: {logLevel?: KafkaLogLevel; logFile?: string} = {}): KafkaProducer {
	const logFile = openLogFile(options.logFile ?? process.env.EDRTAIL_LOG);
	const kafka = new Kafka(kafkaConfig(connection, options.logLevel ?? (logFile ? 'info' : 'nothing'), logFile));
	const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false});
	let connected: Promise<void> | undefined;
	return {
		async send(topic, messages) {
			connected ??= producer.connect();
			await connected;
			let slice: ProducedMessage[] = [];
			let bytes = 0;
			const flush = async () => {
				if (!slice.length) return;
				await producer.send({
					topic,
					messages: slice.map(m => ({key: m.key ?? null, value: m.value, timestamp: m.timestamp === undefined ? undefined : String(m.timestamp)})),
				});
				slice = [];
				bytes = 0;
			};
			for (const m of messages) {
				const size = (m.value?.length ?? 0) + (m.key?.length ?? 0) + 64;
				if (bytes + size > MAX_SEND_BYTES) await flush();
				slice.push(m);
				bytes += size;
			}
			await flush();
		},
		async close() {
			if (connected) await producer.disconnect().catch(() => undefined);
			await new Promise<void>(resolve => (logFile ? logFile.end(resolve) : resolve()));
		},
	};
}

async function withAdmin<T>(connection: KafkaConnection, work: (admin: Admin) => Promise<T>): Promise<T> {
	const admin = new Kafka(kafkaConfig(connection, 'nothing', undefined)).admin();
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
