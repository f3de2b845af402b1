import {describe, it, expect} from 'vitest';
import {formatReport} from '../../source/cli/run-check.js';
import type {KafkaConnection} from '../../source/core/kafka/index.js';

const connection: KafkaConnection = {
	brokers: ['k1:9093'],
	clientId: 'edrtail',
	connectionTimeout: 10_000,
	requestTimeout: 30_000,
	ignoredKeys: [],
	ssl: {rejectUnauthorized: true, verifyHostname: true, caFile: '/etc/ca.pem'},
	sasl: {mechanism: 'scram-sha-512', username: 'reader', password: 'hunter2-secret'},
};

describe('formatReport', () => {
	it('says how it connected, then each topic with its partitions, and the group lag; never the password', () => {
		const text = formatReport(
			{
				brokers: ['k1:9093'],
				clusterId: 'abc',
				topics: [
					{
						name: 'dv',
						ratePerSecond: 12.5,
						partitions: [
							{partition: 0, low: '0', high: '10', committed: '7', lag: '3'},
							{partition: 1, low: '5', high: '5'},
						],
					},
				],
				group: {groupId: 'soc', state: 'Stable', members: 1, lag: '3'},
			},
			connection,
		);
		expect(text.split('\n')).toEqual([
			'connected and authenticated to k1:9093 (SASL_SSL, SCRAM-SHA-512 as reader, CA /etc/ca.pem)',
			'cluster abc: 1 broker(s) k1:9093',
			'1 topic(s) this client may see:',
			'  dv: 2 partition(s), 10 record(s) kept, 12.5 msg/s now',
			'    partition 0: offsets 0..10, committed 7, lag 3',
			'    partition 1: offsets 5..5, nothing committed',
			'group soc: Stable, 1 member(s), lag 3 in total',
			'',
		]);
		expect(text).not.toContain('hunter2');
	});

	it('says why the list may be empty', () => {
		const text = formatReport({brokers: ['k1:9093'], clusterId: 'abc', topics: []}, connection);
		expect(text).toContain(
			'no topic this client may see (with ACLs on, the broker shows only topics you may describe)',
		);
	});
});
