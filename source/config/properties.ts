// kcat/librdkafka properties (-F files, -X pairs, dotted profile keys) -> one settings layer.
// librdkafka keys edrtail has no use for (consumer tuning, group.id, ...) are collected for a
// warning; a key librdkafka does not know either is refused, as kcat does. No error quotes a value
// that may be a secret.
import {BROKER_KEYS} from './brokers.js';
import {ConfigError} from './errors.js';
import {splitList} from './lists.js';
import {PASSWORD_SOURCES} from './password.js';
import {isSecretKey, keyHint, keyKind} from './property-keys.js';
import type {Settings} from './settings.js';

type Protocol = 'plaintext' | 'ssl' | 'sasl_plaintext' | 'sasl_ssl';
const PROTOCOLS: readonly Protocol[] = ['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'];

/** key=value lines; `#` and `!` start comments, as in librdkafka/kcat -F files. */
export function parseProperties(text: string, origin: string): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	const lines = text.split(/\r?\n/);
	lines.forEach((raw, i) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#') || line.startsWith('!')) return;
		const eq = line.indexOf('=');
		if (eq <= 0) throw new ConfigError(`${origin}:${i + 1}: expected key=value${withoutEquals(line)}`);
		out.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
	});
	return out;
}

/**
 * What a line without `=` may show of itself: only a key edrtail knows, and never the rest, which
 * may be the value (`sasl.password S3cr3t`, the Java `key: value` form, a password on its own line).
 */
function withoutEquals(line: string): string {
	const first = line.split(/[\s:]/, 1)[0]!;
	if (keyKind(first) === 'unknown') return ' (the line is not shown: it may hold a secret)';
	if (isSecretKey(first)) return ` on the ${first} line (its value is not shown)`;
	return `, got ${first} without "="`;
}

/** `-X key=value` pairs, each checked for its `=`; a secret is refused (a flag shows in `ps`). */
export function parseXPairs(pairs: readonly string[]): Array<[string, string]> {
	return pairs.map(pair => {
		const eq = pair.indexOf('=');
		if (eq <= 0) throw new ConfigError(`-X ${eq === -1 ? pair.split(/[\s:]/, 1)[0] : pair}: expected key=value`);
		const key = pair.slice(0, eq).trim();
		if (isSecretKey(key)) {
			const from = key === 'sasl.password' ? PASSWORD_SOURCES : 'a -F file or a profile';
			throw new ConfigError(`-X ${key}: a secret never comes from a flag (flags show in ps): use ${from}`);
		}
		return [key, pair.slice(eq + 1).trim()];
	});
}

/** One layer from property pairs; `origin` prefixes errors, unknown keys go to `ignored`. */
export function fromProperties(pairs: Array<[string, string]>, origin: string, ignored: string[]): Settings {
	const s: Settings = {};
	for (const [key, value] of pairs) {
		const where = origin === '-X' ? `-X ${key}` : `${origin}: ${key}`;
		if (BROKER_KEYS.includes(key)) {
			s.brokers = splitList(value, 'broker');
			continue;
		}
		switch (key) {
			case 'security.protocol': {
				const protocol = value.toLowerCase() as Protocol;
				if (!PROTOCOLS.includes(protocol)) {
					throw new ConfigError(`${where}: "${value}" is not PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL`);
				}
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
				if (v !== 'none' && v !== 'https') throw new ConfigError(`${where}: expected none or https, got "${value}"`);
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
				if (keyKind(key) === 'unknown') throw new ConfigError(`${where}: unknown property${keyHint(key)}`);
				ignored.push(key);
		}
	}
	return s;
}

function parseBool(value: string, where: string): boolean {
	const v = value.toLowerCase();
	if (v === 'true' || v === '1') return true;
	if (v === 'false' || v === '0') return false;
	throw new ConfigError(`${where}: expected true or false, got "${value}"`);
}

function parseMs(value: string, where: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n <= 0) {
		throw new ConfigError(`${where}: expected a positive number of milliseconds, got "${value}"`);
	}
	return n;
}
