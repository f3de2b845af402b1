// Brokers: the property keys that name them, the HOST:PORT form, and the two "no brokers" checks
// (one on the flags alone, before any file is read; one on the merged settings).
import {ConfigError} from './errors.js';
import {looksSecret} from './property-keys.js';
import type {ConnectionFlags} from './flags.js';

/** librdkafka's names for the bootstrap list. */
export const BROKER_KEYS: readonly string[] = ['bootstrap.servers', 'metadata.broker.list'];

const DEFAULT_PORT = 9092;

/** On the flags and env alone: a -F file or a profile may still name brokers, so they pass. */
export function checkBrokersNamed(
	brokers: string[],
	flags: ConnectionFlags,
	env: Record<string, string | undefined>,
): void {
	const inX = flags.x?.some(x => BROKER_KEYS.some(key => x.startsWith(`${key}=`)));
	if (brokers.length === 0 && !flags.properties?.length && !flags.profile && !env.EDRTAIL_BROKERS && !inX) {
		throw new ConfigError('no brokers: add -b HOST:PORT (or -F FILE, --profile NAME, EDRTAIL_BROKERS)');
	}
}

/** After every layer is merged: HOST:PORT each, at least one. */
export function finalBrokers(brokers: readonly string[] | undefined): string[] {
	const out = (brokers ?? []).map(normalizeBroker);
	if (out.length === 0) {
		throw new ConfigError(
			'no brokers: pass -b HOST:PORT (or bootstrap.servers in a -F file, EDRTAIL_BROKERS, or a profile)',
		);
	}
	return out;
}

function normalizeBroker(text: string): string {
	// librdkafka accepts "SSL://host:port" style entries; kafkajs wants host:port.
	const b = text.replace(/^[a-z_]+:\/\//i, '');
	const m = /^(\[[0-9a-f:.]+\]|[^\s:/[\]]+)(?::(\d{1,5}))?$/i.exec(b);
	// A connection string pasted as a broker holds its key: name the mistake, not the text.
	const shown = looksSecret(text)
		? 'a broker entry that looks like a connection string (not shown)'
		: `broker "${text}"`;
	if (!m) throw new ConfigError(`${shown} is not HOST:PORT`);
	const port = m[2] === undefined ? DEFAULT_PORT : Number(m[2]);
	if (port < 1 || port > 65535) throw new ConfigError(`${shown}: port out of range`);
	return `${m[1]}:${port}`;
}
