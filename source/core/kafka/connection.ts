// What edrtail needs to reach a cluster, already validated (source/config builds it from flags,
// files and the environment). Pure: no kafkajs here, so the config and its tests load none.

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';
export const SASL_MECHANISMS: readonly SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

/** What a connection is when nothing says otherwise. */
export const CONNECTION_DEFAULTS = {
	clientId: 'edrtail',
	connectionTimeout: 10_000,
	requestTimeout: 30_000,
} as const;

/**
 * Azure Event Hubs speaks Kafka on port 9093 (SASL PLAIN over TLS, user `$ConnectionString`) and
 * answers some requests slowly: its documented client settings ask for a 60 s request timeout
 * (the session timeout it asks for, at least 30 s, is kafkajs' default already).
 */
export const EVENT_HUBS_SUFFIX = '.servicebus.windows.net';
export const EVENT_HUBS_REQUEST_TIMEOUT = 60_000;

/** Every broker is an Event Hubs namespace (host[:port] ending in .servicebus.windows.net). */
export function isEventHubs(brokers: readonly string[]): boolean {
	return brokers.length > 0 && brokers.every(b => b.replace(/:\d+$/, '').toLowerCase().endsWith(EVENT_HUBS_SUFFIX));
}

export interface KafkaTls {
	/** PEM text (read from the files named below). */
	ca?: string;
	cert?: string;
	key?: string;
	/** Passphrase of an encrypted key (ssl.key.password). */
	passphrase?: string;
	/** Verify the broker's certificate chain (off only with --tls-insecure / enable.ssl.certificate.verification=false). */
	rejectUnauthorized: boolean;
	/** Check that the certificate names the host we connected to (off with --tls-no-verify-hostname). */
	verifyHostname: boolean;
	servername?: string;
	caFile?: string;
	certFile?: string;
	keyFile?: string;
}

export interface KafkaSasl {
	mechanism: SaslMechanism;
	username: string;
	/** Undefined: nothing gave one yet, the CLI prompts (needsPassword). */
	password?: string;
}

export interface KafkaConnection {
	brokers: string[];
	clientId: string;
	/** Absent: plaintext. */
	ssl?: KafkaTls;
	sasl?: KafkaSasl;
	connectionTimeout: number;
	requestTimeout: number;
	/** The profile used, if any. */
	profile?: string;
	/** Property keys that were given but mean nothing to edrtail (consumer tuning, group.id, ...). */
	ignoredKeys: string[];
}

/** Without the password, for headers, logs and errors. */
export function describeConnection(conn: KafkaConnection): string {
	const parts: string[] = [(conn.sasl ? 'SASL_' : '') + (conn.ssl ? 'SSL' : 'PLAINTEXT')];
	if (conn.sasl) parts.push(`${conn.sasl.mechanism.toUpperCase()} as ${conn.sasl.username}`);
	if (conn.ssl) {
		if (conn.ssl.caFile) parts.push(`CA ${conn.ssl.caFile}`);
		if (conn.ssl.certFile) parts.push(`client cert ${conn.ssl.certFile}`);
		if (!conn.ssl.rejectUnauthorized) parts.push('certificate NOT verified');
		else if (!conn.ssl.verifyHostname) parts.push('no hostname verification');
	}
	if (conn.profile) parts.push(`profile ${conn.profile}`);
	return `${conn.brokers.join(',')} (${parts.join(', ')})`;
}

/** SASL is on and nothing gave a password: the CLI asks for one (never from a flag). */
export function needsPassword(conn: KafkaConnection): boolean {
	return conn.sasl !== undefined && conn.sasl.password === undefined;
}

export function withPassword(conn: KafkaConnection, password: string): KafkaConnection {
	if (!conn.sasl) return conn;
	return {...conn, sasl: {...conn.sasl, password}};
}
