// The errors below are the ones kafkajs and Node gave against the secured test broker
// (scripts/dev-kafka), reduced to the fields the explanation reads.
import {describe, it, expect} from 'vitest';
import {explainKafkaError, KafkaFaultError, topicNotFound} from '../../../source/core/kafka/index.js';
import {chooseTopics} from '../../../source/core/sources/kafka/topics.js';
import {errorExitCode, FAULT_EXIT} from '../../../source/cli/exit-codes.js';

const plain = {connection: {brokers: ['kafka.example:9092']}};
const scram = {
	connection: {
		brokers: ['kafka.example:9093'],
		ssl: {rejectUnauthorized: true, verifyHostname: true},
		sasl: {mechanism: 'scram-sha-512' as const, username: 'reader', password: 'hunter2-secret'},
	},
	topics: ['private-a'],
};
const mtls = {connection: {brokers: ['kafka.example:9094'], ssl: {rejectUnauthorized: true, verifyHostname: true}}};

function connectionError(message: string, code?: string) {
	return Object.assign(new Error(`Connection error: ${message}`), {name: 'KafkaJSConnectionError', code});
}

describe('explainKafkaError', () => {
	const cases: Array<[string, unknown, object, string, RegExp]> = [
		[
			'DNS',
			connectionError('getaddrinfo ENOTFOUND nosuchhost.invalid', 'ENOTFOUND'),
			plain,
			'dns',
			/^cannot resolve the host name nosuchhost\.invalid: check the broker address/,
		],
		[
			'refused',
			connectionError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
			plain,
			'refused',
			/^nothing listens on 127\.0\.0\.1:1 \(connection refused\): check the port, or start the broker$/,
		],
		[
			'unknown CA',
			connectionError('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'),
			scram,
			'tls-unknown-ca',
			/^the certificate of kafka\.example:9093 is signed by a CA .*: give that CA with --tls-ca FILE/,
		],
		[
			'hostname mismatch',
			connectionError(
				"Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ",
				'ERR_TLS_CERT_ALTNAME_INVALID',
			),
			{connection: {brokers: ['127.0.0.1:9093'], ssl: {rejectUnauthorized: true, verifyHostname: true}}},
			'tls-hostname',
			/^the certificate of 127\.0\.0\.1:9093 does not name 127\.0\.0\.1: .* --tls-no-verify-hostname$/,
		],
		[
			'expired certificate',
			connectionError('certificate has expired', 'CERT_HAS_EXPIRED'),
			scram,
			'tls-expired',
			/^the certificate of kafka\.example:9093 has expired .*: its operator must renew it/,
		],
		[
			'client certificate required',
			connectionError(
				'805CCCCA977F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:' +
					'../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42',
				'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
			),
			mtls,
			'tls-client-cert',
			/^kafka\.example:9094 requires a client certificate: give it with --tls-cert FILE --tls-key FILE$/,
		],
		[
			'TLS to a plaintext port',
			connectionError('Client network socket disconnected before secure TLS connection was established', 'ECONNRESET'),
			mtls,
			'not-tls',
			/^kafka\.example:9094 does not speak TLS on this port: /,
		],
		[
			'mechanism refused',
			Object.assign(new Error('The broker does not support the requested SASL mechanism'), {
				type: 'UNSUPPORTED_SASL_MECHANISM',
			}),
			scram,
			'sasl-mechanism',
			/^kafka\.example:9093 does not enable SCRAM-SHA-512 on this listener: use a mechanism it enables/,
		],
		[
			'bad password',
			new Error(
				'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to ' +
					'invalid credentials with SASL mechanism SCRAM-SHA-512',
			),
			scram,
			'sasl-credentials',
			/^kafka\.example:9093 rejected the user name or password of reader \(SCRAM-SHA-512\): check the password/,
		],
		[
			'topic authorization',
			Object.assign(new Error('Not authorized to access topics: [Topic authorization failed]'), {
				type: 'TOPIC_AUTHORIZATION_FAILED',
				code: 29,
			}),
			scram,
			'topic-authorization',
			/^reader \(SCRAM-SHA-512\) is not authorized to read topic private-a on kafka\.example:9093/,
		],
		[
			'group authorization',
			Object.assign(new Error('Not authorized to access group: Group authorization failed'), {
				type: 'GROUP_AUTHORIZATION_FAILED',
			}),
			{...scram, groupId: 'soc'},
			'group-authorization',
			/^reader \(SCRAM-SHA-512\) is not authorized to use consumer group soc on kafka\.example:9093: /,
		],
		[
			'a denied group as kafkajs reports it: no coordinator found',
			Object.assign(new Error('Failed to find group coordinator'), {name: 'KafkaJSGroupCoordinatorNotFound'}),
			{...scram, groupId: 'denied-soc'},
			'group-authorization',
			/^kafka\.example:9093 found no coordinator for consumer group denied-soc: reader \(SCRAM-SHA-512\) is most likely not authorized to use it \(ask the operator for READ on it/,
		],
		[
			'plaintext to a TLS port',
			new Error('Closed connection'),
			plain,
			'closed',
			/^kafka\.example:9092 closed the connection: the port may need TLS \(--tls\) or SASL/,
		],
		[
			'the short reason of a logged error',
			'ECONNREFUSED 10.0.0.5:9092',
			plain,
			'refused',
			/^nothing listens on 10\.0\.0\.5:9092 /,
		],
	];
	for (const [name, error, ctx, kind, sentence] of cases) {
		it(`${name}: one sentence naming the cause and the fix`, () => {
			const fault = explainKafkaError(error, ctx as Parameters<typeof explainKafkaError>[1]);
			expect(fault?.kind).toBe(kind);
			expect(fault?.sentence).toMatch(sentence);
			expect(fault?.sentence).not.toContain('\n');
			expect(fault?.sentence).not.toContain('hunter2-secret');
		});
	}

	it('reads the error a kafkajs retrier wraps', () => {
		const wrapped = Object.assign(new Error('Restarting the consumer'), {
			originalError: connectionError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
		});
		expect(explainKafkaError(wrapped, plain)?.kind).toBe('refused');
	});

	it('leaves an error it does not know alone', () => {
		expect(explainKafkaError(new Error('The group is rebalancing'), plain)).toBeUndefined();
	});

	it('says when the rejected client certificate was given', () => {
		const given = {connection: {...mtls.connection, ssl: {...mtls.connection.ssl, cert: 'PEM'}}};
		const fault = explainKafkaError(connectionError('sslv3 alert bad certificate'), given);
		expect(fault?.sentence).toMatch(/rejected the client certificate: use one signed by a CA the broker trusts/);
	});
});

describe('chooseTopics', () => {
	const admin = (visible: string[], denied: string[]) => ({
		listTopics: () => Promise.resolve(visible),
		fetchTopicMetadata: ({topics}: {topics: string[]}) =>
			topics.some(t => denied.includes(t))
				? Promise.reject(
						Object.assign(new Error('Not authorized to access topics: [Topic authorization failed]'), {
							type: 'TOPIC_AUTHORIZATION_FAILED',
						}),
					)
				: Promise.reject(
						Object.assign(new Error('This server does not host this topic-partition'), {
							type: 'UNKNOWN_TOPIC_OR_PARTITION',
						}),
					),
	});

	it('reports a topic the broker leaves out of the list for lack of rights as not authorized', async () => {
		const failure = await chooseTopics(admin(['readable-a'], ['private-a']), ['private-a'], [], 'k:9093', scram).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(KafkaFaultError);
		expect((failure as KafkaFaultError).fault.kind).toBe('topic-authorization');
		expect((failure as Error).message).toMatch(/^reader \(SCRAM-SHA-512\) is not authorized to read topic private-a/);
		expect(errorExitCode(failure)).toBe(FAULT_EXIT['topic-authorization']);
	});

	it('reports a topic that the broker says it does not host as not found', async () => {
		const failure = await chooseTopics(admin(['a'], []), ['b'], [], 'k:9092', plain).catch((e: unknown) => e);
		expect((failure as Error).message).toBe(topicNotFound(['b'], 'k:9092').sentence);
		expect((failure as Error).message).toMatch(/^topic not found on k:9092: b /);
		expect(errorExitCode(failure)).toBe(42);
	});

	it('returns the named and the matching topics when all exist', async () => {
		expect(await chooseTopics(admin(['a', 'b', 'dv-1'], []), ['a'], [/^dv-/], 'k', plain)).toEqual(['a', 'dv-1']);
	});
});

describe('FAULT_EXIT', () => {
	it('gives every fault its own code, apart from 0, 1, 2 and the signal codes', () => {
		const codes = Object.values(FAULT_EXIT);
		expect(new Set(codes).size).toBe(codes.length);
		for (const c of codes) expect(c > 2 && c < 64).toBe(true);
	});
});
