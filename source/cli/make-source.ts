import {readFileSync} from 'node:fs';
import type {RunConfig, KafkaFlags} from '../config.js';
import {ConfigError} from '../config.js';
import {
	createDemoSource,
	createFileSource,
	createKafkaSource,
	createStreamSource,
	needsPassword,
	parseStartPosition,
	resolveKafkaConnection,
	type EventSource,
	type KafkaConnection,
} from '../core/sources/index.js';
import {promptPassword} from './password-prompt.js';

export interface SourceDeps {
	resolveConnection(flags: KafkaFlags): Promise<KafkaConnection>;
}

export async function makeSource(config: RunConfig, deps: SourceDeps): Promise<EventSource> {
	const s = config.source;
	switch (s.kind) {
		case 'demo':
			return createDemoSource({rate: s.rate, seed: s.seed, format: s.format});
		case 'file':
			return createFileSource({path: s.path, follow: s.follow});
		case 'stdin':
			return createStreamSource(process.stdin, 'stdin');
		case 'kafka': {
			let from;
			try {
				from = parseStartPosition(s.kafka.from);
			} catch (error) {
				throw new ConfigError(`--from: ${(error as Error).message}`);
			}
			return createKafkaSource({
				connection: await deps.resolveConnection(s.kafka),
				topics: s.kafka.topics.map(topicOrPattern),
				from,
				groupId: s.kafka.group,
				commit: s.kafka.commit,
				exitAtEnd: config.exitAtEnd,
			});
		}
	}
}

/** `/^dv-.*\/` subscribes by pattern; anything else is a topic name. */
export function topicOrPattern(text: string): string | RegExp {
	if (text.length > 2 && text.startsWith('/') && text.endsWith('/')) {
		try {
			return new RegExp(text.slice(1, -1));
		} catch (error) {
			throw new ConfigError(`-t ${text}: not a valid pattern (${(error as Error).message})`);
		}
	}
	return text;
}

/** Flags + env + files -> a connection, prompting for the password when nothing else gives it. */
export async function resolveConnectionFromFlags(flags: KafkaFlags): Promise<KafkaConnection> {
	const connection = resolveKafkaConnection({
		flags,
		env: process.env,
		readFile: (path: string) => readFileSync(path, 'utf8'),
	});
	if (needsPassword(connection)) {
		const password = await promptPassword(`SASL password for ${connection.sasl?.username ?? 'user'}: `);
		return {...connection, sasl: {...connection.sasl!, password}};
	}
	return connection;
}
