// What went wrong reaching a cluster, in one sentence that names the cause and the fix. kafkajs and
// Node say "Connection error: self-signed certificate in certificate chain" or "Closed connection";
// an analyst on a jump host needs "the broker's certificate is signed by a CA edrtail does not
// trust: give it with --tls-ca FILE". Pure: errors are read by their code, kafkajs type and text.
import type {Admin} from './client.js';
import type {KafkaConnection} from './connection.js';

export type KafkaFaultKind =
	| 'dns'
	| 'refused'
	| 'timeout'
	| 'tls-unknown-ca'
	| 'tls-hostname'
	| 'tls-expired'
	| 'tls-client-cert'
	| 'not-tls'
	| 'closed'
	| 'sasl-mechanism'
	| 'sasl-credentials'
	| 'topic-authorization'
	| 'group-authorization'
	| 'topic-not-found'
	| 'topic-deleted';

export interface KafkaFault {
	kind: KafkaFaultKind;
	/** One sentence: the cause, a colon, the fix. Never a password. */
	sentence: string;
}

/** An error whose message is a fault's sentence; `kind` says which (exit codes are chosen by it). */
export class KafkaFaultError extends Error {
	constructor(readonly fault: KafkaFault) {
		super(fault.sentence);
		this.name = 'KafkaFaultError';
	}
}

/** What a fault sentence may name: where we connected, how, and what we asked for. */
export interface FaultContext {
	connection: Pick<KafkaConnection, 'brokers' | 'ssl' | 'sasl'>;
	topics?: readonly string[];
	groupId?: string;
}

interface Clues {
	codes: Set<string>;
	text: string;
}

/** Codes, kafkajs types and messages of the error and the errors it wraps. */
function cluesOf(error: unknown): Clues {
	const codes = new Set<string>();
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current === 'string') {
			texts.push(current);
			break;
		}
		const e = current as {code?: unknown; type?: unknown; message?: unknown; originalError?: unknown; cause?: unknown};
		for (const c of [e.code, e.type]) if (typeof c === 'string') codes.add(c);
		if (typeof e.message === 'string') texts.push(e.message);
		current = e.originalError ?? e.cause;
	}
	return {codes, text: texts.join(' | ')};
}

const has = (clues: Clues, codes: readonly string[], text: RegExp) =>
	codes.some(c => clues.codes.has(c)) || text.test(clues.text);

/** "host:port" named in the text (not "rec_layer_s3.c:1601" of an OpenSSL message), else the first broker. */
function whereOf(clues: Clues, ctx: FaultContext): string {
	const candidates = clues.text.match(/(?<![\w./-])(?:[\w-]+\.)*[\w-]+:\d{1,5}\b/g) ?? [];
	const named = candidates.find(c => !/\.(c|cc|cpp|h|js|ts)[:]/.test(c));
	return named ?? ctx.connection.brokers[0] ?? 'the broker';
}

function hostOf(where: string): string {
	return where.replace(/:\d+$/, '');
}

function topicsOf(ctx: FaultContext): string {
	const topics = ctx.topics?.length ? ctx.topics : undefined;
	return topics ? `topic${topics.length > 1 ? 's' : ''} ${topics.join(', ')}` : 'the topic';
}

/** The sentence for an error, or undefined when it is none of the faults known here. */
export function explainKafkaError(error: unknown, ctx: FaultContext): KafkaFault | undefined {
	const clues = cluesOf(error);
	const where = whereOf(clues, ctx);
	const {ssl, sasl} = ctx.connection;
	const who = sasl ? `${sasl.username} (${sasl.mechanism.toUpperCase()})` : 'this client';
	const fault = (kind: KafkaFaultKind, sentence: string): KafkaFault => ({kind, sentence});

	if (has(clues, ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'], /\b(ENOTFOUND|EAI_AGAIN|getaddrinfo)\b/)) {
		const host = /(?:ENOTFOUND|EAI_AGAIN)\s+([^\s:]+)/.exec(clues.text)?.[1] ?? hostOf(where);
		return fault('dns', `cannot resolve the host name ${host}: check the broker address (-b) or this machine's DNS`);
	}
	if (has(clues, ['ECONNREFUSED'], /\bECONNREFUSED\b/)) {
		return fault('refused', `nothing listens on ${where} (connection refused): check the port, or start the broker`);
	}
	if (
		has(
			clues,
			['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
			/self[- ]signed certificate|unable to (verify the first|get (local )?issuer) certificate/i,
		) ||
		clues.codes.has('UNABLE_TO_GET_ISSUER_CERT_LOCALLY')
	) {
		return fault(
			'tls-unknown-ca',
			`the certificate of ${where} is signed by a CA this client does not trust: ` +
				'give that CA with --tls-ca FILE (ssl.ca.location)',
		);
	}
	if (has(clues, ['ERR_TLS_CERT_ALTNAME_INVALID'], /does not match certificate's altnames|altname/i)) {
		return fault(
			'tls-hostname',
			`the certificate of ${where} does not name ${hostOf(where)}: connect by a name the certificate ` +
				'has, or accept it with --tls-no-verify-hostname',
		);
	}
	if (has(clues, ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'], /certificate (has expired|is not yet valid)/i)) {
		return fault(
			'tls-expired',
			`the certificate of ${where} has expired (or is not valid yet): its operator must renew it, ` +
				"or check this machine's clock",
		);
	}
	if (
		has(
			clues,
			['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE'],
			/alert (bad certificate|certificate required)|alert number (42|116)/i,
		)
	) {
		return fault(
			'tls-client-cert',
			ssl?.cert
				? `${where} rejected the client certificate: use one signed by a CA the broker trusts (--tls-cert, --tls-key)`
				: `${where} requires a client certificate: give it with --tls-cert FILE --tls-key FILE`,
		);
	}
	if (
		has(
			clues,
			['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG'],
			/before secure TLS connection was established|wrong version number|packet length too long/i,
		)
	) {
		return fault(
			'not-tls',
			`${where} does not speak TLS on this port: use the broker's TLS port, or drop --tls ` +
				'(security.protocol PLAINTEXT or SASL_PLAINTEXT)',
		);
	}
	if (has(clues, ['UNSUPPORTED_SASL_MECHANISM'], /does not support the requested SASL mechanism/i)) {
		const mechanism = sasl?.mechanism.toUpperCase() ?? 'this SASL mechanism';
		return fault(
			'sasl-mechanism',
			`${where} does not enable ${mechanism} on this listener: use a mechanism it enables ` +
				'(--sasl-mechanism; Event Hubs takes only PLAIN)',
		);
	}
	if (
		has(
			clues,
			['SASL_AUTHENTICATION_FAILED', 'ILLEGAL_SASL_STATE'],
			/invalid credentials|authentication failed|SASL .*authentication failed/i,
		)
	) {
		return fault(
			'sasl-credentials',
			`${where} rejected the user name or password of ${who}: check the password ` +
				'(EDRTAIL_SASL_PASSWORD, sasl.password) and the user name',
		);
	}
	if (has(clues, ['TOPIC_AUTHORIZATION_FAILED'], /not authorized to access topics/i)) {
		return fault(
			'topic-authorization',
			`${who} is not authorized to read ${topicsOf(ctx)} on ${where} (or it does not exist): ` +
				'ask the operator for READ and DESCRIBE on it',
		);
	}
	if (has(clues, ['GROUP_AUTHORIZATION_FAILED'], /not authorized to access group/i)) {
		const group = ctx.groupId ? `consumer group ${ctx.groupId}` : 'the consumer group';
		return fault(
			'group-authorization',
			`${who} is not authorized to use ${group} on ${where}: ask the operator for READ on it, ` +
				'or name one you may use with --group',
		);
	}
	// kafkajs 2.2.4 keeps GROUP_AUTHORIZATION_FAILED of FindCoordinator to a debug log and throws only
	// "Failed to find group coordinator": on a broker that answered, a denied group is what that is,
	// unless the coordinator stayed unavailable through every retry (its offsets topic not loaded).
	if (has(clues, ['KafkaJSGroupCoordinatorNotFound'], /failed to find group coordinator/i)) {
		const group = ctx.groupId ? `consumer group ${ctx.groupId}` : 'the consumer group';
		return fault(
			'group-authorization',
			`${where} found no coordinator for ${group}: ${who} is most likely not authorized to use it ` +
				'(ask the operator for READ on it, or name one you may use with --group), or it is not available yet',
		);
	}
	if (has(clues, ['ETIMEDOUT'], /\bETIMEDOUT\b|connection timeout|request timed out/i)) {
		return fault(
			'timeout',
			`${where} did not answer in time: check that the host is up and that no firewall drops the traffic`,
		);
	}
	if (has(clues, ['ECONNRESET', 'EPIPE'], /closed connection|connection closed|ECONNRESET|socket hang up/i)) {
		return fault(
			'closed',
			ssl || sasl
				? `${where} closed the connection: check the port is the listener for ${describeSecurity(ctx)}, ` +
						'and that it is a Kafka broker'
				: `${where} closed the connection: the port may need TLS (--tls) or SASL (--sasl-mechanism), ` +
						'or it is not a Kafka broker',
		);
	}
	return undefined;
}

function describeSecurity(ctx: FaultContext): string {
	const {ssl, sasl} = ctx.connection;
	return (sasl ? 'SASL_' : '') + (ssl ? 'SSL' : 'PLAINTEXT');
}

/** The sentence for a topic that a super user would see is absent. */
export function topicNotFound(topics: readonly string[], where: string): KafkaFault {
	const plural = topics.length > 1;
	return {
		kind: 'topic-not-found',
		sentence:
			`topic${plural ? 's' : ''} not found on ${where}: ${topics.join(', ')} ` +
			'(check the name; edrtail never creates topics)',
	};
}

/** The sentence for named topics that were there at start and are gone now. */
export function topicDeleted(topics: readonly string[], where: string): KafkaFault {
	const plural = topics.length > 1;
	return {
		kind: 'topic-deleted',
		sentence:
			`topic${plural ? 's' : ''} deleted on ${where} while edrtail read ${plural ? 'them' : 'it'}: ` +
			`${topics.join(', ')} (nothing more can come; recreate it or run again with another -t)`,
	};
}

/**
 * Why named topics are absent from the topic list. With ACLs on, the broker leaves out the topics a
 * user may not describe, and only the topic's own metadata answers TOPIC_AUTHORIZATION_FAILED: that
 * is "not authorized", not "not found".
 */
export async function explainMissingTopics(
	admin: Pick<Admin, 'fetchTopicMetadata'>,
	missing: readonly string[],
	where: string,
	ctx: FaultContext,
): Promise<KafkaFault> {
	const denied: string[] = [];
	for (const topic of missing) {
		const fault = await admin.fetchTopicMetadata({topics: [topic]}).then(
			() => undefined,
			(error: unknown) => explainKafkaError(error, {...ctx, topics: [topic]}),
		);
		if (fault?.kind === 'topic-authorization') denied.push(topic);
	}
	const fault = denied.length
		? explainKafkaError({type: 'TOPIC_AUTHORIZATION_FAILED'}, {...ctx, topics: denied})
		: undefined;
	return fault ?? topicNotFound(missing, where);
}
