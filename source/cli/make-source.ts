import {readFileSync, statSync} from 'node:fs';
import {ignoredWarning, resolveConnection, startPositionOf, topicOrPattern} from '../config/index.js';
import type {ConnectionFlags, RunConfig} from '../config/index.js';
import type {KafkaConnection} from '../core/kafka/index.js';
import {createDemoSource, createFileSource, createKafkaSource, createStreamSource} from '../core/sources/index.js';
import type {EventSource} from '../core/sources/index.js';
import {safeText, say} from './output.js';
import {promptPassword} from './password-prompt.js';

export interface SourceDeps {
	resolveConnection(flags: ConnectionFlags): Promise<KafkaConnection>;
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
			const from = startPositionOf(s.kafka.from);
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

/** Flags + env + files -> a connection, prompting on the terminal when nothing else gives the password. */
export function resolveConnectionFromFlags(flags: ConnectionFlags): Promise<KafkaConnection> {
	for (const warning of readableSecretFiles(flags, process.env)) say(process.stderr, warning);
	return resolveConnection({
		flags,
		env: process.env,
		readFile: (path: string) => readFileSync(path, 'utf8'),
		askPassword: username => promptPassword(`SASL password for ${safeText(username)}: `),
	});
}

/**
 * `edrtail: ignored: group.id (edrtail uses --group), ...` for the librdkafka keys a run does not use,
 * and a line when TLS checks less than it could (--tls-insecure, --tls-no-verify-hostname).
 */
export function warnIgnoredKeys(connection: KafkaConnection): void {
	const warning = ignoredWarning(connection.ignoredKeys);
	if (warning) say(process.stderr, warning);
	const tls = weakTlsWarning(connection);
	if (tls) say(process.stderr, tls);
}

export function weakTlsWarning(connection: KafkaConnection): string | undefined {
	const {ssl} = connection;
	if (!ssl) return undefined;
	if (!ssl.rejectUnauthorized) return 'TLS: the broker certificate is NOT verified (--tls-insecure)';
	if (!ssl.verifyHostname)
		return "TLS: the broker's host name is not checked against its certificate (--tls-no-verify-hostname)";
	return undefined;
}

const SECRET_LINE = /^\s*(sasl\.password|ssl\.key\.password|sasl\.jaas\.config)\s*[=:]/m;

/**
 * A warning per file that holds a secret (a -F file with a password, the password file) and that
 * other users may read: the secret is only as safe as its file. Never the secret itself.
 */
export function readableSecretFiles(flags: ConnectionFlags, env: Record<string, string | undefined>): string[] {
	const files = (flags.properties ?? []).filter(file => {
		try {
			return SECRET_LINE.test(readFileSync(file, 'utf8'));
		} catch {
			return false; // the resolver says what is wrong with it
		}
	});
	if (env.EDRTAIL_SASL_PASSWORD_FILE && !env.EDRTAIL_SASL_PASSWORD) files.push(env.EDRTAIL_SASL_PASSWORD_FILE);
	const warnings: string[] = [];
	for (const file of files) {
		let mode: number;
		try {
			mode = statSync(file).mode;
		} catch {
			continue;
		}
		if (mode & 0o077) {
			warnings.push(`${file} holds a password and other users may read it: chmod 600 ${file}`);
		}
	}
	return warnings;
}
