// How a run of edrtail ends, in one place (README "Exit codes" lists the same).
// The error class alone: config/index.js loads every flag's parser and the demo generator.
import {ConfigError} from '../config/errors.js';
import {KafkaFaultError, type KafkaFaultKind} from '../core/kafka/index.js';
import {EXIT} from './exit-status.js';

export {EXIT, EXIT_SIGNALS, signalExitCode, type ExitSignal} from './exit-status.js';

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
