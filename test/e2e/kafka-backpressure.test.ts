// Back-pressure on the built CLI: `edrtail --json | reader` where the reader stops reading. The
// consumer must stop with it (the data waits in Kafka, not in memory), and lose nothing after.
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {brokers, cliPath, committedOffsets, createTopic, produce, root, unique, waitFor} from './kafka-helpers.js';

const EVENTS = 20_000;
const pad = 'x'.repeat(1500);

describe('a slow reader of edrtail --json', () => {
	it('holds consumption while the pipe is full, then delivers every event once', async () => {
		const topic = unique('slow');
		const group = unique('edrtail-e2e-slow');
		await createTopic(topic, 3);
		await produce(
			topic,
			Array.from({length: EVENTS}, (_, id) => ({value: JSON.stringify({id, host: `WS-${id % 5}`, pad})})),
		);
		// --commit lets the test see how far the consumer got: kafkajs commits per batch handed on.
		const args = [
			'-b',
			brokers(),
			'-t',
			topic,
			'--group',
			group,
			'--commit',
			'--json',
			'--exit-at-end',
			'--from',
			'earliest',
		];
		const child = spawn(process.execPath, [cliPath, ...args], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
		try {
			// Nobody reads: the pipe (64 KiB) fills, then edrtail's own output queue.
			child.stdout.pause();
			const consumed = async () => (await committedOffsets(topic)).reduce((n, o) => n + Number(o.offset), 0);
			await waitFor(async () => (await consumed()) > 0, 60_000, 'a first commit');
			// Given time to read everything, a consumer without back-pressure would have.
			await new Promise(resolve => setTimeout(resolve, 8000));
			const held = await consumed();
			expect(held, stderr).toBeLessThan(EVENTS / 2);
			await new Promise(resolve => setTimeout(resolve, 2000));
			expect(await consumed()).toBe(held);

			const ids: number[] = [];
			let rest = '';
			child.stdout.on('data', (d: Buffer) => {
				const lines = (rest + d.toString('utf8')).split('\n');
				rest = lines.pop() ?? '';
				for (const line of lines) ids.push((JSON.parse(line) as {raw: {id: number}}).raw.id);
			});
			child.stdout.resume();
			expect(await exited, stderr).toBe(0);
			expect(ids).toHaveLength(EVENTS);
			expect(new Set(ids).size).toBe(EVENTS);
		} finally {
			child.kill('SIGKILL');
		}
	}, 180_000);
});
