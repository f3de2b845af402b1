// The one file that imports kafkajs: a client built from a KafkaConnection, its logs routed to a
// file ($EDRTAIL_LOG) and never to the terminal (the full screen owns it), and its error text made
// short enough for a status line. Everything else reaches kafkajs through this file's exports.
import {createWriteStream, type WriteStream} from 'node:fs';
import kafkajs from 'kafkajs';
import type {Admin, ConsumerConfig, Consumer, KafkaConfig, LogEntry, logCreator as LogCreator, Producer} from 'kafkajs';
import type {KafkaConnection} from './connection.js';

export type {Admin, Batch, Consumer, ConsumerRunConfig, EachBatchPayload, KafkaMessage, Producer} from 'kafkajs';

const {Kafka, logLevel: LogLevel, Partitioners} = kafkajs;

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaClientOptions {
	/** kafkajs log level for the log file (default info); errors reach `onError` whatever it is. */
	logLevel?: KafkaLogLevel;
	/** Where kafkajs logs go, as JSON lines; defaults to $EDRTAIL_LOG; false: nowhere. */
	logFile?: string | false;
	/** Each error kafkajs logs, as a short reason (see shortReason). */
	onError?(reason: string): void;
	/** How often kafkajs retries a failed request or connection (its default: 5, over ~10 s). */
	retries?: number;
}

export interface KafkaClient {
	admin(): Admin;
	consumer(config: ConsumerConfig): Consumer;
	/** Never creates topics; names kafkajs 2's default partitioner, which it warns about otherwise. */
	producer(): Producer;
	/** Ends the log file; call it after everything made here is disconnected. */
	close(): Promise<void>;
}

export function createKafkaClient(connection: KafkaConnection, options: KafkaClientOptions = {}): KafkaClient {
	const path = options.logFile === false ? undefined : (options.logFile ?? process.env.EDRTAIL_LOG);
	const logFile = openLogFile(path);
	const level = options.logLevel ?? (logFile ? 'info' : 'error');
	const config = kafkaConfig(connection, level, logFile, options.onError);
	if (options.retries !== undefined) config.retry = {retries: options.retries};
	const kafka = new Kafka(config);
	return {
		admin: () => kafka.admin(),
		consumer: config => kafka.consumer(config),
		producer: () => kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false}),
		close: () => new Promise<void>(resolve => (logFile ? logFile.end(resolve) : resolve())),
	};
}

/** "Connection error: connect ECONNREFUSED 127.0.0.1:9092" -> "ECONNREFUSED 127.0.0.1:9092". */
export function shortReason(message: string): string {
	const [, code, where] = /\b(E[A-Z]{3,})\s+(\S+)/.exec(message) ?? [];
	if (code && where && code !== 'Error') return `${code} ${where}`;
	const text = message
		.replace(/^((Connection error|Crash|KafkaJS\w*Error):\s*)+/i, '')
		.replace(/\s+/g, ' ')
		.trim();
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

function kafkaConfig(
	connection: KafkaConnection,
	level: KafkaLogLevel,
	logFile: WriteStream | undefined,
	onError: ((reason: string) => void) | undefined,
): KafkaConfig {
	const logCreator: LogCreator = () => (entry: LogEntry) => {
		const {message, ...rest} = entry.log as LogEntry['log'] & {error?: string};
		if (logFile && entry.level <= LEVELS[level]) {
			logFile.write(`${JSON.stringify({level: entry.label, namespace: entry.namespace, message, ...rest})}\n`);
		}
		if (entry.level === LogLevel.ERROR && onError)
			onError(shortReason(rest.error ? `${message}: ${rest.error}` : message));
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
