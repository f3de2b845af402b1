// How a run of edrtail ends, in one place (README "Exit codes" lists the same).
import {ConfigError} from '../config/index.js';
import {KafkaFaultError, type KafkaFaultKind} from '../core/kafka/index.js';

export const EXIT = {
	/** Done: the source ended, --count was reached, q or Ctrl-C on the screen, the reader of stdout left. */
	ok: 0,
	/** A runtime failure: the source failed (a broker, a file that cannot be read to its end), stdout failed. */
	failure: 1,
	/** A usage error: the command line, the environment or a file it names asks for what cannot be done. */
	usage: 2,
	/** The full screen crashed (EX_SOFTWARE), after the terminal was restored. */
	crash: 70,
	/** 128 + the signal's number: SIGHUP, SIGINT, SIGTERM. */
	sighup: 129,
	sigint: 130,
	sigterm: 143,
} as const;

export type ExitSignal = 'SIGHUP' | 'SIGINT' | 'SIGTERM';

export const EXIT_SIGNALS: readonly ExitSignal[] = ['SIGHUP', 'SIGINT', 'SIGTERM'];

export function signalExitCode(signal: ExitSignal): number {
	return signal === 'SIGHUP' ? EXIT.sighup : signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

/**
 * A Kafka connection that fails for a known reason: one code per reason, so a script (or `edrtail
 * check` in a health check) can tell a bad password from a broker that is down. 10s: the network,
 * 20s: TLS, 30s: SASL, 40s: authorization and topics.
 */
export const FAULT_EXIT: Readonly<Record<KafkaFaultKind, number>> = {
	dns: 10,
	refused: 11,
	timeout: 12,
	closed: 13,
	'not-tls': 14,
	'tls-unknown-ca': 20,
	'tls-hostname': 21,
	'tls-expired': 22,
	'tls-client-cert': 23,
	'sasl-mechanism': 30,
	'sasl-credentials': 31,
	'topic-authorization': 40,
	'group-authorization': 41,
	'topic-not-found': 42,
	'topic-deleted': 43,
};

/** A usage error exits 2, a known Kafka fault its FAULT_EXIT code, anything else 1. */
export function errorExitCode(error: unknown): number {
	if (error instanceof KafkaFaultError) return FAULT_EXIT[error.fault.kind];
	return error instanceof ConfigError ? EXIT.usage : EXIT.failure;
}
