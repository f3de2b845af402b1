// One validated Kafka connection from the forms people already have. Layers, later wins:
//   1. a named profile in $XDG_CONFIG_HOME/edrtail/config.json (or ~/.config/edrtail/config.json)
//   2. kcat/librdkafka properties files (-F), in the order given
//   3. -X key=value pairs (same keys as the properties files)
//   4. environment: EDRTAIL_BROKERS, EDRTAIL_SASL_USERNAME, EDRTAIL_SASL_PASSWORD(_FILE)
//   5. flags: --brokers, --sasl-mechanism, --sasl-username, --tls, --tls-ca/-cert/-key, ...
// Pure: files are read through the reader passed in, so every rule is unit-tested without a disk.
// The password never comes from a flag; when nothing gives it, needsPassword() tells the CLI to prompt.

import {SASL_MECHANISMS} from '../kafka/index.js';
import type {KafkaConnection, KafkaSasl, KafkaTls, SaslMechanism} from '../kafka/index.js';

export {SASL_MECHANISMS, describeConnection, needsPassword, withPassword} from '../kafka/index.js';
export type {KafkaConnection, KafkaSasl, KafkaTls, SaslMechanism} from '../kafka/index.js';

/** The flags this module reads; the CLI's KafkaFlags fits it. */
export interface ConnectionFlags {
	brokers?: string[];
	properties?: string[];
	x?: string[];
	profile?: string;
	saslMechanism?: string;
	saslUsername?: string;
	tls?: boolean;
	tlsCa?: string;
	tlsCert?: string;
	tlsKey?: string;
	tlsNoVerifyHostname?: boolean;
	tlsInsecure?: boolean;
	clientId?: string;
}

export interface ConnectionInput {
	flags: ConnectionFlags;
	env?: Record<string, string | undefined>;
	/** Reads a text file; throws (ENOENT or otherwise) when it cannot. */
	readFile: (path: string) => string;
	/** Overrides where the profile config file is looked for. */
	configPath?: string;
}

type Protocol = 'plaintext' | 'ssl' | 'sasl_plaintext' | 'sasl_ssl';

/** One layer of settings; undefined means "this layer says nothing". */
interface Settings {
	brokers?: string[];
	clientId?: string;
	tls?: boolean;
	saslRequired?: boolean;
	mechanism?: string;
	username?: string;
	password?: string;
	passwordFile?: string;
	caFile?: string;
	certFile?: string;
	keyFile?: string;
	caPem?: string;
	certPem?: string;
	keyPem?: string;
	keyPassword?: string;
	verifyCert?: boolean;
	verifyHostname?: boolean;
	connectionTimeout?: number;
	requestTimeout?: number;
}

const EXCLUSIVE: ReadonlyArray<[keyof Settings, keyof Settings]> = [
	['password', 'passwordFile'],
	['caFile', 'caPem'],
	['certFile', 'certPem'],
	['keyFile', 'keyPem'],
];

const PROTOCOLS: readonly Protocol[] = ['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'];

export function resolveKafkaConnection(input: ConnectionInput): KafkaConnection {
	const env = input.env ?? {};
	const flags = input.flags;
	const ignored: string[] = [];
	const layers: Settings[] = [];

	const profile = loadProfile(input, env, ignored);
	if (profile) layers.push(profile.settings);
	for (const path of flags.properties ?? []) {
		const text = readOrFail(input.readFile, path, '-F');
		layers.push(fromProperties(parseProperties(text, path), path, ignored));
	}
	if (flags.x?.length) {
		const pairs: Array<[string, string]> = flags.x.map(pair => {
			const eq = pair.indexOf('=');
			if (eq <= 0) throw new Error(`-X ${pair}: expected key=value`);
			return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
		});
		layers.push(fromProperties(pairs, '-X', ignored));
	}
	layers.push(fromEnv(env));
	layers.push(fromFlags(flags));

	const s: Settings = {};
	for (const layer of layers) {
		// A later layer that gives a secret one way replaces what an earlier one gave the other way.
		for (const [a, b] of EXCLUSIVE) {
			if (layer[a] !== undefined) delete s[b];
			if (layer[b] !== undefined) delete s[a];
		}
		for (const [key, value] of Object.entries(layer)) if (value !== undefined) (s as Record<string, unknown>)[key] = value;
	}
	return finish(s, input.readFile, profile?.name, ignored);
}

/** Where profiles live: $XDG_CONFIG_HOME/edrtail/config.json, else ~/.config/edrtail/config.json. */
export function configFilePath(env: Record<string, string | undefined>): string | undefined {
	if (env.XDG_CONFIG_HOME) return `${env.XDG_CONFIG_HOME}/edrtail/config.json`;
	if (env.HOME) return `${env.HOME}/.config/edrtail/config.json`;
	return undefined;
}

/** key=value lines; `#` and `!` start comments, as in librdkafka/kcat -F files. */
export function parseProperties(text: string, origin: string): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	const lines = text.split(/\r?\n/);
	lines.forEach((raw, i) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#') || line.startsWith('!')) return;
		const eq = line.indexOf('=');
		if (eq <= 0) throw new Error(`${origin}:${i + 1}: expected key=value, got "${line.slice(0, 60)}"`);
		out.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
	});
	return out;
}

function fromProperties(pairs: Array<[string, string]>, origin: string, ignored: string[]): Settings {
	const s: Settings = {};
	for (const [key, value] of pairs) {
		const where = `${origin}: ${key}`;
		switch (key) {
			case 'bootstrap.servers':
			case 'metadata.broker.list':
				s.brokers = splitList(value);
				break;
			case 'security.protocol': {
				const protocol = value.toLowerCase() as Protocol;
				if (!PROTOCOLS.includes(protocol)) throw new Error(`${where}: "${value}" is not PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL`);
				s.tls = protocol === 'ssl' || protocol === 'sasl_ssl';
				s.saslRequired = protocol.startsWith('sasl_');
				break;
			}
			case 'sasl.mechanism':
			case 'sasl.mechanisms':
				s.mechanism = value;
				break;
			case 'sasl.username':
				s.username = value;
				break;
			case 'sasl.password':
				s.password = value;
				break;
			case 'ssl.ca.location':
				s.caFile = value;
				break;
			case 'ssl.certificate.location':
				s.certFile = value;
				break;
			case 'ssl.key.location':
				s.keyFile = value;
				break;
			case 'ssl.ca.pem':
				s.caPem = value;
				break;
			case 'ssl.certificate.pem':
				s.certPem = value;
				break;
			case 'ssl.key.pem':
				s.keyPem = value;
				break;
			case 'ssl.key.password':
				s.keyPassword = value;
				break;
			case 'enable.ssl.certificate.verification':
				s.verifyCert = parseBool(value, where);
				break;
			case 'ssl.endpoint.identification.algorithm': {
				const v = value.toLowerCase();
				if (v !== 'none' && v !== 'https') throw new Error(`${where}: expected none or https, got "${value}"`);
				s.verifyHostname = v === 'https';
				break;
			}
			case 'client.id':
				s.clientId = value;
				break;
			case 'socket.connection.setup.timeout.ms':
				s.connectionTimeout = parseMs(value, where);
				break;
			case 'request.timeout.ms':
			case 'socket.timeout.ms':
				s.requestTimeout = parseMs(value, where);
				break;
			default:
				ignored.push(key);
		}
	}
	return s;
}

function fromEnv(env: Record<string, string | undefined>): Settings {
	return {
		brokers: env.EDRTAIL_BROKERS ? splitList(env.EDRTAIL_BROKERS) : undefined,
		username: env.EDRTAIL_SASL_USERNAME || undefined,
		// A password file names where to read; an explicit password beats it (same layer).
		passwordFile: env.EDRTAIL_SASL_PASSWORD || !env.EDRTAIL_SASL_PASSWORD_FILE ? undefined : env.EDRTAIL_SASL_PASSWORD_FILE,
		password: env.EDRTAIL_SASL_PASSWORD || undefined,
	};
}

function fromFlags(flags: ConnectionFlags): Settings {
	const anyTlsFile = Boolean(flags.tlsCa || flags.tlsCert || flags.tlsKey);
	return {
		brokers: flags.brokers?.length ? flags.brokers.flatMap(splitList) : undefined,
		clientId: flags.clientId,
		// Naming a CA or client cert on the command line means TLS.
		tls: flags.tls || anyTlsFile || flags.tlsInsecure || flags.tlsNoVerifyHostname ? true : undefined,
		mechanism: flags.saslMechanism,
		username: flags.saslUsername,
		caFile: flags.tlsCa,
		certFile: flags.tlsCert,
		keyFile: flags.tlsKey,
		verifyCert: flags.tlsInsecure ? false : undefined,
		verifyHostname: flags.tlsNoVerifyHostname ? false : undefined,
	};
}

/** Profile keys: the property keys above, or the flag names (brokers, saslMechanism, tlsCa, ...). */
function loadProfile(input: ConnectionInput, env: Record<string, string | undefined>, ignored: string[]): {name: string; settings: Settings} | undefined {
	const path = input.configPath ?? configFilePath(env);
	const wanted = input.flags.profile ?? env.EDRTAIL_PROFILE;
	let text: string | undefined;
	if (path) {
		try {
			text = input.readFile(path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${path}: ${(error as Error).message}`);
		}
	}
	if (text === undefined) {
		if (wanted) throw new Error(`profile "${wanted}": no config file at ${path ?? '$XDG_CONFIG_HOME/edrtail/config.json'}`);
		return undefined;
	}
	let config: {profiles?: Record<string, Record<string, unknown>>; defaultProfile?: string};
	try {
		config = JSON.parse(text);
	} catch (error) {
		throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
	}
	const profiles = config.profiles ?? {};
	const name = wanted ?? config.defaultProfile;
	if (!name) return undefined;
	const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
	if (!profile || typeof profile !== 'object') {
		const names = Object.keys(profiles);
		throw new Error(`profile "${name}" not found in ${path}${names.length ? ` (there: ${names.join(', ')})` : ''}`);
	}
	const pairs: Array<[string, string]> = [];
	const flagPart: ConnectionFlags = {};
	for (const [key, value] of Object.entries(profile)) {
		if (key.includes('.')) pairs.push([key, String(value)]);
		else (flagPart as Record<string, unknown>)[key] = key === 'brokers' && typeof value === 'string' ? splitList(value) : value;
	}
	const settings = {...fromProperties(pairs, `${path} profile ${name}`, ignored)};
	for (const [key, value] of Object.entries(fromFlags(flagPart))) if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
	const passwordFile = (profile as Record<string, unknown>).saslPasswordFile;
	if (typeof passwordFile === 'string' && settings.password === undefined) settings.passwordFile = passwordFile;
	return {name, settings};
}

function finish(s: Settings, readFile: (path: string) => string, profile: string | undefined, ignored: string[]): KafkaConnection {
	const brokers = (s.brokers ?? []).map(normalizeBroker);
	if (brokers.length === 0) throw new Error('no brokers: pass -b HOST:PORT (or bootstrap.servers in a -F file, EDRTAIL_BROKERS, or a profile)');

	let sasl: KafkaSasl | undefined;
	if (s.mechanism !== undefined || s.saslRequired || s.username !== undefined) {
		if (s.mechanism === undefined) throw new Error('SASL needs a mechanism: --sasl-mechanism plain|scram-sha-256|scram-sha-512 (or sasl.mechanism)');
		const mechanism = s.mechanism.toLowerCase() as SaslMechanism;
		if (!SASL_MECHANISMS.includes(mechanism)) throw new Error(`SASL mechanism "${s.mechanism}" is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512`);
		if (!s.username) throw new Error(`SASL ${mechanism.toUpperCase()} needs a username: --sasl-username NAME (or sasl.username, EDRTAIL_SASL_USERNAME)`);
		let password = s.password;
		if (password === undefined && s.passwordFile) password = readOrFail(readFile, s.passwordFile, 'password').replace(/\r?\n$/, '');
		sasl = {mechanism, username: s.username, password};
	}

	let ssl: KafkaTls | undefined;
	if (s.tls) {
		const rejectUnauthorized = s.verifyCert !== false;
		ssl = {
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
		if (Boolean(ssl.cert) !== Boolean(ssl.key)) throw new Error('a TLS client certificate needs its key, and a key its certificate (--tls-cert with --tls-key)');
		for (const k of ['ca', 'cert', 'key', 'passphrase', 'caFile', 'certFile', 'keyFile'] as const) if (ssl[k] === undefined) delete ssl[k];
	}

	const conn: KafkaConnection = {
		brokers,
		clientId: s.clientId || 'edrtail',
		connectionTimeout: s.connectionTimeout ?? 10_000,
		requestTimeout: s.requestTimeout ?? 30_000,
		ignoredKeys: [...new Set(ignored)],
	};
	if (ssl) conn.ssl = ssl;
	if (sasl) conn.sasl = sasl;
	if (profile) conn.profile = profile;
	return conn;
}

function normalizeBroker(text: string): string {
	// librdkafka accepts "SSL://host:port" style entries; kafkajs wants host:port.
	const b = text.replace(/^[a-z_]+:\/\//i, '');
	const m = /^(\[[0-9a-f:.]+\]|[^\s:/[\]]+)(?::(\d{1,5}))?$/i.exec(b);
	if (!m) throw new Error(`broker "${text}" is not HOST:PORT`);
	const port = m[2] === undefined ? 9092 : Number(m[2]);
	if (port < 1 || port > 65535) throw new Error(`broker "${text}": port out of range`);
	return `${m[1]}:${port}`;
}

function splitList(text: string): string[] {
	return text
		.split(/[,\s]+/)
		.map(x => x.trim())
		.filter(Boolean);
}

function parseBool(value: string, where: string): boolean {
	const v = value.toLowerCase();
	if (v === 'true' || v === '1') return true;
	if (v === 'false' || v === '0') return false;
	throw new Error(`${where}: expected true or false, got "${value}"`);
}

function parseMs(value: string, where: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n <= 0) throw new Error(`${where}: expected a positive number of milliseconds, got "${value}"`);
	return n;
}

function readOrFail(readFile: (path: string) => string, path: string, what: string): string {
	try {
		return readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new Error(`cannot read ${what} file ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
	}
}
