// --since and --until on a real broker, with --json: --since seeks each partition to the offsets
// for its timestamp and still filters by event time; --until ends each partition at its first
// event after it, and the run once every partition did (exit 0).
import {beforeAll, describe, expect, it} from 'vitest';
import {brokers, createTopic, parseLines, produce, runCli, unique} from './kafka-helpers.js';

const base = Date.parse('2026-03-04T05:00:00.000Z');
const at = (s: number) => base + s * 1000;
const iso = (s: number) => new Date(at(s)).toISOString();
const line = (id: number | string, eventSecond: number) =>
	JSON.stringify({id, timestamp: iso(eventSecond), host: 'WS-1', message: `event ${id}`});

describe('--since and --until on Kafka', {timeout: 120_000}, () => {
	const topic = unique('time2p');

	beforeAll(async () => {
		await createTopic(topic, 2);
		// Partition p holds ids p, p+2, ... 58+p, one second apart, record time = event time.
		// Two more: "early" opens partition 0 with an old record time but an event time inside the
		// window (a seek by timestamp skips it); "stale" sits in partition 1 after id 11 with a
		// record time inside the window but an event time before it (the event-time filter drops it).
		const messages = [{partition: 0, value: line('early', 20.5), timestamp: at(0)}];
		for (let n = 0; n < 30; n++)
			for (const p of [0, 1]) {
				const id = 2 * n + p;
				messages.push({partition: p, value: line(id, id), timestamp: at(id)});
				if (id === 11) messages.push({partition: 1, value: line('stale', 5), timestamp: at(11.5)});
			}
		await produce(topic, messages);
	});

	it('--since seeks by timestamp then filters by event time; --until (past) ends every partition', async () => {
		const args = ['-b', brokers(), '-t', topic, '--json', '--since', iso(10), '--until', iso(40)];
		const result = await runCli(args);
		expect(result.code, result.stderr).toBe(0);
		const ids = parseLines(result.stdout).map(l => l.raw.id);
		expect(ids.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({length: 31}, (_, i) => i + 10));
	});

	it('--until stops each partition at its own first event after it', async () => {
		// Partition 0 opens with "early" (20.5 s): past --until at once, nothing of it is read.
		// Partition 1 gives 1, 3, 5 and stops at 7; "stale" (5 s, after 11) is never reached.
		const args = ['-b', brokers(), '-t', topic, '--json', '--from', 'earliest', '--until', iso(6)];
		const result = await runCli(args);
		expect(result.code, result.stderr).toBe(0);
		const lines = parseLines(result.stdout);
		expect(lines.map(l => [l.kafka?.partition, l.raw.id])).toEqual([
			[1, 1],
			[1, 3],
			[1, 5],
		]);
	});

	it('refuses a bad time with exit 2 and one sentence', async () => {
		const result = await runCli(['-b', brokers(), '-t', topic, '--json', '--since', 'soonish']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--since: "soonish" is not a time');
	});
});
