// `edrtail produce` into a real topic, then `edrtail --json` reads every event back: s1-dv packets
// unfold into their events with the right categories and counts.
import {describe, expect, it} from 'vitest';
import {createKafkaClient} from '../../source/core/kafka/index.js';
import {brokers, connection, parseLines, runCli, unique} from './kafka-helpers.js';

async function messagesOn(topic: string): Promise<number> {
	const admin = createKafkaClient(connection(), {logLevel: 'nothing', logFile: false}).admin();
	await admin.connect();
	try {
		const offsets = await admin.fetchTopicOffsets(topic);
		return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
	} finally {
		await admin.disconnect();
	}
}

describe('edrtail produce on a real Kafka broker', () => {
	it('publishes s1-dv packets that read back as 500 events with their categories', async () => {
		const topic = unique('produce-dv');
		const before = Date.now();
		const produced = await runCli([
			'produce',
			'-b',
			brokers(),
			'-t',
			topic,
			'--format',
			's1-dv',
			'--count',
			'500',
			'--rate',
			'1000',
		]);
		expect(produced.code, produced.stderr).toBe(0);
		const m = /produced (\d+) events in (\d+) messages/.exec(produced.stderr);
		expect(m, produced.stderr).not.toBeNull();
		expect(Number(m![1])).toBe(500);
		const messages = Number(m![2]);
		// One packet per host per flush: fewer messages than events.
		expect(messages).toBeLessThan(500);

		const read = await runCli(['-b', brokers(), '-t', topic, '--json', '--exit-at-end', '--from', 'earliest']);
		expect(read.code, read.stderr).toBe(0);
		const lines = parseLines(read.stdout);
		expect(lines).toHaveLength(500);
		expect(lines.every(l => l.format === 's1-dv')).toBe(true);
		// "other" only for the Atomic regsvr32 runs' module loads (edrtail has no category for them).
		const unexpected = (l: (typeof lines)[number]) =>
			l.category === 'undecodable' || (l.category === 'other' && l.subtype !== 'moduleLoad');
		expect(lines.filter(unexpected)).toEqual([]);
		// Packets unfold: several events share one Kafka record.
		const records = new Set(lines.map(l => `${l.kafka?.partition}/${l.kafka?.offset}`));
		expect(records.size).toBe(messages);
		const categories = new Set(lines.map(l => l.category));
		expect(categories.size).toBeGreaterThanOrEqual(15);
		for (const c of ['Process Creation', 'DNS', 'TCPv4 Connection', 'File Modification', 'Registry Value Modified'])
			expect(categories.has(c), c).toBe(true);
		expect(new Set(lines.map(l => l.host)).size).toBeGreaterThanOrEqual(5);
		// Stamped at production: event time, record time and receive time are of this run.
		for (const l of lines) {
			const time = Date.parse(l.time as string);
			expect(time).toBeGreaterThanOrEqual(before);
			expect(l.kafka!.timestamp).toBe(time);
			expect(Date.parse(l.receivedAt as string)).toBeGreaterThanOrEqual(l.kafka!.timestamp);
			expect((l.latencyMs as {receiveMinusEvent: number}).receiveMinusEvent).toBeGreaterThanOrEqual(0);
		}
	});

	it(
		'asked for more than it can do: packets stay under the broker limit, as fast as it can, and says so',
		{timeout: 120_000},
		async () => {
			const topic = unique('produce-fast');
			// No generator keeps a million events a second: the whole count falls due in one flush,
			// which once made a packet per host larger than the broker accepts.
			const produced = await runCli([
				'produce',
				'-b',
				brokers(),
				'-t',
				topic,
				'--format',
				's1-dv',
				'--count',
				'48000',
				'--rate',
				'1000000',
			]);
			expect(produced.code, produced.stderr).toBe(0);
			expect(produced.stderr).toMatch(/produced 48000 events in \d+ messages/);
			const behind = /asked for 1000000 events\/s, produced (\d+) events\/s: as fast as/.exec(produced.stderr);
			expect(behind, produced.stderr).not.toBeNull();
			expect(Number(behind![1])).toBeGreaterThan(0);
			expect(Number(behind![1])).toBeLessThan(1_000_000);
			expect(produced.stderr.trim().split('\n')).toHaveLength(2);

			// Every packet reached the topic (48,000 events in one packet per host came to over 1 MiB).
			const messages = Number(/in (\d+) messages/.exec(produced.stderr)![1]);
			expect(await messagesOn(topic)).toBe(messages);
		},
	);

	it('says nothing more when it keeps its rate', async () => {
		const produced = await runCli([
			'produce',
			'-b',
			brokers(),
			'-t',
			unique('produce-slow'),
			'--count',
			'100',
			'--rate',
			'200',
		]);
		expect(produced.code, produced.stderr).toBe(0);
		expect(produced.stderr).not.toMatch(/asked for/);
	});

	it('publishes CF2 JSON, one event per message', async () => {
		const topic = unique('produce-cf2');
		const produced = await runCli([
			'produce',
			'-b',
			brokers(),
			'-t',
			topic,
			'--format',
			's1-cf2',
			'--count',
			'200',
			'--rate',
			'1000',
		]);
		expect(produced.code, produced.stderr).toBe(0);
		const read = await runCli(['-b', brokers(), '-t', topic, '--json', '--exit-at-end', '--from', 'earliest']);
		expect(read.code, read.stderr).toBe(0);
		const lines = parseLines(read.stdout);
		expect(lines).toHaveLength(200);
		const known = (l: (typeof lines)[number]) =>
			l.category !== 'undecodable' && (l.category !== 'other' || l.subtype === 'Module Load');
		expect(lines.every(l => l.format === 's1-cf2' && known(l))).toBe(true);
		expect(new Set(lines.map(l => `${l.kafka?.partition}/${l.kafka?.offset}`)).size).toBe(200);
	});
});
