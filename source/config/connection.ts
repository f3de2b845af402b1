// One validated Kafka connection from the forms people already have. Layers, later wins:
//   1. a named profile in $XDG_CONFIG_HOME/edrtail/config.json (or ~/.config/edrtail/config.json)
//   2. kcat/librdkafka properties files (-F), in the order given
//   3. -X key=value pairs (same keys as the properties files)
//   4. environment: EDRTAIL_BROKERS, EDRTAIL_SASL_USERNAME, EDRTAIL_SASL_PASSWORD(_FILE)
//   5. flags: --brokers, --sasl-mechanism, --sasl-username, --tls, --tls-ca/-cert/-key, ...
// Pure: files are read through the reader passed in, so every rule is unit-tested without a disk.
// The password never comes from a flag; when nothing gives it, the caller's prompt is asked.
import {CONNECTION_DEFAULTS, EVENT_HUBS_REQUEST_TIMEOUT, isEventHubs, SASL_MECHANISMS} from '../core/kafka/index.js';
import type {KafkaConnection, KafkaSasl, KafkaTls, SaslMechanism} from '../core/kafka/index.js';
import {finalBrokers} from './brokers.js';
import {readOrFail, type FileReader} from './files.js';
import type {ConnectionFlags} from './flags.js';
import {completePassword, readPassword, type AskPassword} from './password.js';
import {configFilePath, loadProfile} from './profile.js';
import {fromProperties, parseProperties, parseXPairs} from './properties.js';
import {fromEnv, fromFlags, mergeLayers, type Settings} from './settings.js';
import {ConfigError} from './errors.js';

export interface ConnectionInput {
	flags: ConnectionFlags;
	env?: Record<string, string | undefined>;
	/** Reads a text file; throws (ENOENT or otherwise) when it cannot. */
	readFile: FileReader;
	/** Overrides where the profile config file is looked for. */
	configPath?: string;
}

/** The connection the layers give, its password possibly still missing (see resolveConnection). */
export function resolveKafkaConnection(input: ConnectionInput): KafkaConnection {
	const env = input.env ?? {};
	const {flags, readFile} = input;
	const ignored: string[] = [];
	const layers: Settings[] = [];

	const path = input.configPath ?? configFilePath(env);
	const profile = loadProfile({wanted: flags.profile ?? env.EDRTAIL_PROFILE, path, readFile}, ignored);
	if (profile) layers.push(profile.settings);
	for (const file of flags.properties ?? []) {
		layers.push(fromProperties(parseProperties(readOrFail(readFile, file, '-F'), file), file, ignored));
	}
	if (flags.x?.length) layers.push(fromProperties(parseXPairs(flags.x), '-X', ignored));
	layers.push(fromEnv(env));
	layers.push(fromFlags(flags));
	return finish(mergeLayers(layers), readFile, profile?.name, ignored);
}

/** The whole connection: resolved, then the password asked for when nothing else gave one. */
export async function resolveConnection(input: ConnectionInput & {askPassword: AskPassword}): Promise<KafkaConnection> {
	return completePassword(resolveKafkaConnection(input), input.askPassword);
}

function finish(s: Settings, readFile: FileReader, profile: string | undefined, ignored: string[]): KafkaConnection {
	const brokers = finalBrokers(s.brokers);
	const sasl = saslOf(s, readFile);
	const ssl = tlsOf(s, readFile);
	const conn: KafkaConnection = {
		brokers,
		clientId: s.clientId || CONNECTION_DEFAULTS.clientId,
		connectionTimeout: s.connectionTimeout ?? CONNECTION_DEFAULTS.connectionTimeout,
		// Event Hubs wants a longer request timeout than a Kafka cluster: its own default, unless set.
		requestTimeout:
			s.requestTimeout ?? (isEventHubs(brokers) ? EVENT_HUBS_REQUEST_TIMEOUT : CONNECTION_DEFAULTS.requestTimeout),
		ignoredKeys: [...new Set(ignored)],
	};
	if (ssl) conn.ssl = ssl;
	if (sasl) conn.sasl = sasl;
	if (profile) conn.profile = profile;
	return conn;
}

function saslOf(s: Settings, readFile: FileReader): KafkaSasl | undefined {
	if (s.mechanism === undefined && !s.saslRequired && s.username === undefined) return undefined;
	if (s.mechanism === undefined) {
		throw new ConfigError(
			'SASL needs a mechanism: --sasl-mechanism plain|scram-sha-256|scram-sha-512 (or sasl.mechanism)',
		);
	}
	const mechanism = s.mechanism.toLowerCase() as SaslMechanism;
	if (!SASL_MECHANISMS.includes(mechanism)) {
		throw new ConfigError(
			`SASL mechanism "${s.mechanism}" is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512`,
		);
	}
	if (!s.username) {
		const hint = '--sasl-username NAME (or sasl.username, EDRTAIL_SASL_USERNAME)';
		throw new ConfigError(`SASL ${mechanism.toUpperCase()} needs a username: ${hint}`);
	}
	return {mechanism, username: s.username, password: readPassword(s, readFile)};
}

function tlsOf(s: Settings, readFile: FileReader): KafkaTls | undefined {
	if (!s.tls) return undefined;
	const rejectUnauthorized = s.verifyCert !== false;
	const ssl: KafkaTls = {
		rejectUnauthorized,
		verifyHostname: rejectUnauthorized && s.verifyHostname !== false,
		ca: s.caFile ? readOrFail(readFile, s.caFile, 'CA') : s.caPem,
		cert: s.certFile ? readOrFail(readFile, s.certFile, 'client certificate') : s.certPem,
		key: s.keyFile ? readOrFail(readFile, s.keyFile, 'client key') : s.keyPem,
		passphrase: s.keyPassword,
		caFile: s.caFile,
		certFile: s.certFile,
		keyFile: s.keyFile,
	};
	if (Boolean(ssl.cert) !== Boolean(ssl.key)) {
		throw new ConfigError(
			'a TLS client certificate needs its key, and a key its certificate (--tls-cert with --tls-key)',
		);
	}
	for (const k of ['ca', 'cert', 'key', 'passphrase', 'caFile', 'certFile', 'keyFile'] as const) {
		if (ssl[k] === undefined) delete ssl[k];
	}
	return ssl;
}
