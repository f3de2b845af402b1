// Headless runs on the worker pool against the real broker: many batches over several partitions,
// spread across three workers, written in each partition's order, every event once, the same
// lines as the run on one thread; with --commit, offsets committed once the lines are written.
import {beforeAll, describe, expect, it} from 'vitest';
import {brokers, committedOffsets, createTopic, parseLines, produce, runCli, unique} from './kafka-helpers.js';

const EVENTS = 30_000;
const PARTITIONS = 4;

/** Each partition's lines in output order, receivedAt (the time of reading) and the latency from it left out. */
function byPartition(stdout: string): Map<number, string[]> {
	const out = new Map<number, string[]>();
	for (const line of stdout.split('\n')) {
		if (!line) continue;
		const partition = (JSON.parse(line) as {kafka: {partition: number}}).kafka.partition;
		if (!out.has(partition)) out.set(partition, []);
		out.get(partition)!.push(line.replace(/"receivedAt":"[^"]*",/, '').replace(/"latencyMs":\{[^}]*\},/, ''));
	}
	return out;
}

describe('edrtail --json on the worker pool', () => {
	const topic = unique('pool4p');

	beforeAll(async () => {
		await createTopic(topic, PARTITIONS);
		await produce(
			topic,
			Array.from({length: EVENTS}, (_, id) => ({
				key: `host-${id % 11}`,
				value: JSON.stringify({
					id,
					EventID: 1,
					Computer: `WS-${id % 11}`,
					Image: id % 97 === 0 ? 'C:\\Windows\\System32\\whoami.exe' : 'C:\\Windows\\System32\\svchost.exe',
					CommandLine: `run ${id}`,
				}),
			})),
		);
	});

	it('writes every event once, in each partition order, as the single-thread run does', async () => {
		const args = ['-b', brokers(), '-t', topic, '--json', '--exit-at-end', '--from', 'earliest'];
		const pooled = await runCli(args, 120_000, {EDRTAIL_THREADS: '3'});
		expect(pooled.code, pooled.stderr).toBe(0);
		const lines = parseLines(pooled.stdout);
		expect(lines).toHaveLength(EVENTS);
		expect(new Set(lines.map(l => l.raw.id)).size).toBe(EVENTS);
		const last = new Map<number, bigint>();
		for (const l of lines) {
			const offset = BigInt(l.kafka!.offset);
			const before = last.get(l.kafka!.partition);
			if (before !== undefined) expect(offset).toBeGreaterThan(before);
			last.set(l.kafka!.partition, offset);
		}
		const alone = await runCli(args, 120_000, {EDRTAIL_THREADS: '0'});
		expect(alone.code, alone.stderr).toBe(0);
		const a = byPartition(alone.stdout);
		const p = byPartition(pooled.stdout);
		expect(p.size).toBe(PARTITIONS);
		for (const [partition, partitionLines] of a) expect(p.get(partition)).toEqual(partitionLines);
	}, 300_000);

	it('--commit commits every partition to its end once the lines are written', async () => {
		const group = unique('poolgroup');
		const args = ['-b', brokers(), '-t', topic, '--json', '--exit-at-end', '--group', group, '--commit'];
		const result = await runCli([...args, '--from', 'earliest'], 120_000, {EDRTAIL_THREADS: '2'});
		expect(result.code, result.stderr).toBe(0);
		const lines = parseLines(result.stdout);
		expect(lines).toHaveLength(EVENTS);
		const ends = new Map<number, bigint>();
		for (const l of lines) ends.set(l.kafka!.partition, BigInt(l.kafka!.offset) + 1n);
		const committed = (await committedOffsets(topic)).filter(c => c.groupId === group);
		expect(new Map(committed.map(c => [c.partition, BigInt(c.offset)]))).toEqual(ends);
	}, 300_000);
});
