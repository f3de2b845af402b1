import {describe, it, expect} from 'vitest';
import {shortReason} from '../../../source/core/kafka/index.js';

describe('shortReason', () => {
	it('keeps the system error and address from kafkajs connection errors', () => {
		expect(shortReason('Connection error: connect ECONNREFUSED 127.0.0.1:9092')).toBe('ECONNREFUSED 127.0.0.1:9092');
		expect(shortReason('getaddrinfo ENOTFOUND kafka.example')).toBe('ENOTFOUND kafka.example');
	});

	it('drops kafkajs prefixes, folds whitespace and bounds the length', () => {
		expect(shortReason('Crash: KafkaJSNoBrokerAvailableError: No broker available')).toBe('No broker available');
		expect(shortReason('SASL\nSCRAM-SHA-512 authentication failed')).toBe('SASL SCRAM-SHA-512 authentication failed');
		expect(shortReason('x'.repeat(500))).toHaveLength(200);
	});
});
