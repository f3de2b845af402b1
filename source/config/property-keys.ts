// Which librdkafka property keys edrtail knows. kcat refuses a key it does not know, and so does
// edrtail (a typo in sasl.mechanism must not turn SASL off); but a -F file written for kcat holds
// consumer tuning edrtail has no use for, and those are accepted with a warning, not refused.
import {suggest} from './suggest.js';

/** The keys that change what edrtail does (properties.ts reads each one). */
export const USED_KEYS: readonly string[] = [
	'bootstrap.servers',
	'metadata.broker.list',
	'security.protocol',
	'sasl.mechanism',
	'sasl.mechanisms',
	'sasl.username',
	'sasl.password',
	'ssl.ca.location',
	'ssl.certificate.location',
	'ssl.key.location',
	'ssl.ca.pem',
	'ssl.certificate.pem',
	'ssl.key.pem',
	'ssl.key.password',
	'enable.ssl.certificate.verification',
	'ssl.endpoint.identification.algorithm',
	'client.id',
	'socket.connection.setup.timeout.ms',
	'request.timeout.ms',
	'socket.timeout.ms',
];

/**
 * librdkafka's settable global, consumer, producer and topic properties that edrtail does not use
 * (its configuration reference, less the callbacks set through the C API). A kcat file holding them
 * still works; each one is named in an "ignored" warning.
 */
export const IGNORED_KEYS: readonly string[] = [
	'builtin.features',
	'message.max.bytes',
	'message.copy.max.bytes',
	'receive.message.max.bytes',
	'max.in.flight.requests.per.connection',
	'max.in.flight',
	'metadata.recovery.strategy',
	'metadata.recovery.rebootstrap.trigger.ms',
	'topic.metadata.refresh.interval.ms',
	'metadata.max.age.ms',
	'topic.metadata.refresh.fast.interval.ms',
	'topic.metadata.refresh.fast.cnt',
	'topic.metadata.refresh.sparse',
	'topic.metadata.propagation.max.ms',
	'topic.blacklist',
	'debug',
	'socket.blocking.max.ms',
	'socket.send.buffer.bytes',
	'socket.receive.buffer.bytes',
	'socket.keepalive.enable',
	'socket.nagle.disable',
	'socket.max.fails',
	'broker.address.ttl',
	'broker.address.family',
	'connections.max.idle.ms',
	'reconnect.backoff.jitter.ms',
	'reconnect.backoff.ms',
	'reconnect.backoff.max.ms',
	'statistics.interval.ms',
	'enabled_events',
	'log_level',
	'log.queue',
	'log.thread.name',
	'enable.random.seed',
	'log.connection.close',
	'internal.termination.signal',
	'api.version.request',
	'api.version.request.timeout.ms',
	'api.version.fallback.ms',
	'broker.version.fallback',
	'allow.auto.create.topics',
	'ssl.cipher.suites',
	'ssl.curves.list',
	'ssl.sigalgs.list',
	'https.ca.location',
	'https.ca.pem',
	'ssl.ca.certificate.stores',
	'ssl.crl.location',
	'ssl.keystore.location',
	'ssl.keystore.password',
	'ssl.providers',
	'ssl.engine.location',
	'ssl.engine.id',
	'sasl.kerberos.service.name',
	'sasl.kerberos.principal',
	'sasl.kerberos.kinit.cmd',
	'sasl.kerberos.keytab',
	'sasl.kerberos.min.time.before.relogin',
	'sasl.oauthbearer.config',
	'enable.sasl.oauthbearer.unsecure.jwt',
	'sasl.oauthbearer.method',
	'sasl.oauthbearer.client.id',
	'sasl.oauthbearer.client.credentials.client.id',
	'sasl.oauthbearer.client.credentials.client.secret',
	'sasl.oauthbearer.client.secret',
	'sasl.oauthbearer.scope',
	'sasl.oauthbearer.extensions',
	'sasl.oauthbearer.token.endpoint.url',
	'sasl.oauthbearer.grant.type',
	'sasl.oauthbearer.assertion.algorithm',
	'sasl.oauthbearer.assertion.private.key.file',
	'sasl.oauthbearer.assertion.private.key.passphrase',
	'sasl.oauthbearer.assertion.private.key.pem',
	'sasl.oauthbearer.assertion.file',
	'sasl.oauthbearer.assertion.claim.aud',
	'sasl.oauthbearer.assertion.claim.exp.seconds',
	'sasl.oauthbearer.assertion.claim.iss',
	'sasl.oauthbearer.assertion.claim.jti.include',
	'sasl.oauthbearer.assertion.claim.nbf.seconds',
	'sasl.oauthbearer.assertion.claim.sub',
	'sasl.oauthbearer.assertion.jwt.template.file',
	'sasl.oauthbearer.metadata.authentication.type',
	'plugin.library.paths',
	'group.id',
	'group.instance.id',
	'partition.assignment.strategy',
	'session.timeout.ms',
	'heartbeat.interval.ms',
	'group.protocol.type',
	'group.protocol',
	'group.remote.assignor',
	'coordinator.query.interval.ms',
	'max.poll.interval.ms',
	'enable.auto.commit',
	'auto.commit.interval.ms',
	'enable.auto.offset.store',
	'queued.min.messages',
	'queued.max.messages.kbytes',
	'fetch.wait.max.ms',
	'fetch.queue.backoff.ms',
	'fetch.message.max.bytes',
	'max.partition.fetch.bytes',
	'fetch.max.bytes',
	'fetch.min.bytes',
	'fetch.error.backoff.ms',
	'offset.store.method',
	'isolation.level',
	'enable.partition.eof',
	'check.crcs',
	'client.rack',
	'transactional.id',
	'transaction.timeout.ms',
	'enable.idempotence',
	'enable.gapless.guarantee',
	'queue.buffering.max.messages',
	'queue.buffering.max.kbytes',
	'queue.buffering.max.ms',
	'linger.ms',
	'message.send.max.retries',
	'retries',
	'retry.backoff.ms',
	'retry.backoff.max.ms',
	'queue.buffering.backpressure.threshold',
	'compression.codec',
	'compression.type',
	'compression.level',
	'batch.num.messages',
	'batch.size',
	'delivery.report.only.error',
	'sticky.partitioning.linger.ms',
	'client.dns.lookup',
	'enable.metrics.push',
	'request.required.acks',
	'acks',
	'message.timeout.ms',
	'delivery.timeout.ms',
	'queuing.strategy',
	'produce.offset.report',
	'partitioner',
	'auto.commit.enable',
	'auto.offset.reset',
	'offset.store.path',
	'offset.store.sync.interval.ms',
	'consume.callback.max.messages',
];

/** What edrtail does instead, for the ignored keys people expect to matter. */
const INSTEAD: Record<string, string> = {
	'group.id': '--group',
	'auto.offset.reset': '--from',
	'enable.auto.commit': '--commit',
	'auto.commit.enable': '--commit',
	'ssl.keystore.location': '--tls-cert and --tls-key (PEM)',
	'ssl.keystore.password': '--tls-cert and --tls-key (PEM)',
};

const USED = new Set(USED_KEYS);
const IGNORED = new Set(IGNORED_KEYS);

export type KeyKind = 'used' | 'ignored' | 'unknown';

export function keyKind(key: string): KeyKind {
	return USED.has(key) ? 'used' : IGNORED.has(key) ? 'ignored' : 'unknown';
}

/** ` (did you mean sasl.mechanism?)` for a near miss of a known key, else "". */
export function keyHint(key: string): string {
	const near = suggest(key, [...USED_KEYS, ...IGNORED_KEYS]);
	return near ? ` (did you mean ${near}?)` : '';
}

/** One warning line for the keys a run ignores, or undefined when there are none. */
export function ignoredWarning(keys: readonly string[]): string | undefined {
	if (keys.length === 0) return undefined;
	const named = keys.map(k => (INSTEAD[k] ? `${k} (edrtail uses ${INSTEAD[k]})` : k));
	return `ignored: ${named.join(', ')}: librdkafka settings edrtail does not use`;
}

// Keys whose values are secrets: never quoted in an error, never taken from -X (flags show in `ps`).
const SECRET = /pass(word|phrase)|secret|private|jaas|(^|\.)key\.pem$|pwd/i;

export function isSecretKey(key: string): boolean {
	return SECRET.test(key);
}

// A value that carries a credential of its own: a connection string (Event Hubs, Azure storage),
// a JAAS line, a URL with user:password@.
const SECRET_IN_VALUE = /(password|pwd|secret|sharedaccesskey|accountkey)\s*[=:]|[^\s/@:]+:[^\s/@]*@/i;

export function looksSecret(value: string): boolean {
	return SECRET_IN_VALUE.test(value);
}
