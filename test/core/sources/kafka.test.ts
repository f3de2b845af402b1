import {describe, it, expect} from 'vitest';
import type {KafkaMessage} from 'kafkajs';
import {shortReason, timestampTypeOf} from '../../../source/core/sources/kafka.js';

const message = (extra: object) => ({offset: '0', timestamp: '0', attributes: 0, key: null, value: null, ...extra}) as unknown as KafkaMessage;

describe('timestampTypeOf', () => {
	it('reads the record batch attribute kafkajs exposes, and bit 3 of v1 message attributes', () => {
		expect(timestampTypeOf(message({batchContext: {timestampType: 0}}))).toBe('CreateTime');
		expect(timestampTypeOf(message({batchContext: {timestampType: 1}}))).toBe('LogAppendTime');
		expect(timestampTypeOf(message({magicByte: 1, attributes: 0x08}))).toBe('LogAppendTime');
		expect(timestampTypeOf(message({magicByte: 1, attributes: 0x01}))).toBe('CreateTime');
		expect(timestampTypeOf(message({magicByte: 0}))).toBe('unknown');
	});
});

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
