// Topics that change under a running edrtail, on the real broker: a topic deleted while it is read
// ends a headless run with one sentence and exit code 43 (the full screen shows the same sentence
// as its error state), and partitions added while it is read are picked up, read from their start.
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {createKafkaClient} from '../../source/core/kafka/index.js';
import {
	cliPath,
	connection,
	createTopic,
	parseLines,
	produce,
	recordsIn,
	root,
	unique,
	waitFor,
} from './kafka-helpers.js';

async function withAdmin<T>(work: (admin: ReturnType<ReturnType<typeof createKafkaClient>['admin']>) => Promise<T>) {
	const admin = createKafkaClient(
		{...connection(), clientId: 'edrtail-e2e-admin'},
		{logLevel: 'nothing', logFile: false},
	).admin();
	await admin.connect();
	try {
		return await work(admin);
	} finally {
		await admin.disconnect();
	}
}

function spawnCli(args: string[]) {
	const child = spawn(process.execPath, [cliPath, ...args], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {...process.env, NODE_ENV: 'production'},
	});
	const out = {stdout: '', stderr: ''};
	child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString('utf8')));
	child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString('utf8')));
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	const within = (ms: number) =>
		Promise.race([exited, new Promise<string>(resolve => setTimeout(() => resolve('still running'), ms))]);
	return {out, within, kill: () => child.kill('SIGKILL')};
}

const keyed = (from: number, n: number) =>
	Array.from({length: n}, (_, i) => ({key: `key-${from + i}`, value: JSON.stringify({id: from + i})}));

describe('topics that change while edrtail reads them', () => {
	it('a topic deleted: --json prints what came, says so in one sentence and exits 43', async () => {
		const topic = unique('deleted');
		await createTopic(topic, 2);
		await produce(topic, keyed(0, 40));
		const run = spawnCli(['-b', connection().brokers[0]!, '-t', topic, '--from', 'earliest', '--json']);
		try {
			await waitFor(() => parseLines(run.out.stdout).length >= 40, 60_000, 'the records before');
			await withAdmin(admin => admin.deleteTopics({topics: [topic]}));
			expect(await run.within(60_000), run.out.stderr).toBe(43);
		} finally {
			run.kill();
		}
		expect(new Set(parseLines(run.out.stdout).map(l => l.raw.id)).size).toBe(40);
		const said = run.out.stderr.trim().split('\n');
		expect(said.at(-1)).toBe(
			`edrtail: topic deleted on ${connection().brokers[0]} while edrtail read it: ${topic} ` +
				'(nothing more can come; recreate it or run again with another -t)',
		);
		expect(run.out.stderr).not.toMatch(/\n\s+at /);
	});

	it('partitions added: their records are read too, from their beginning, none lost, none twice', async () => {
		const topic = unique('grown');
		await createTopic(topic, 1);
		await produce(topic, keyed(0, 20));
		const IDS = 80;
		const run = spawnCli(['-b', connection().brokers[0]!, '-t', topic, '--from', 'earliest', '--json']);
		// By coordinates: a record the consumer shows twice has one (partition, offset); a batch the
		// test producer (not idempotent) sent twice under load has two, and is in the topic twice.
		const coordinates = () => parseLines(run.out.stdout).map(l => `${l.kafka?.partition}/${l.kafka?.offset}`);
		let total = 0;
		try {
			await waitFor(() => parseLines(run.out.stdout).length >= 20, 60_000, 'the first records');
			await withAdmin(admin => admin.createPartitions({topicPartitions: [{topic, count: 3}]}));
			// Produced at once, before edrtail can know of the new partitions: they must be read from offset 0.
			await produce(topic, keyed(20, IDS - 20));
			total = await recordsIn(topic);
			await waitFor(() => coordinates().length >= total, 60_000, `all ${total} records`);
			// Time for a record shown twice to show up.
			await new Promise(resolve => setTimeout(resolve, 1500));
		} finally {
			run.kill();
		}
		const lines = parseLines(run.out.stdout);
		expect(lines.length, run.out.stderr).toBe(total);
		expect(new Set(coordinates()).size).toBe(total);
		expect(new Set(lines.map(l => l.raw.id)).size).toBe(IDS);
		expect(new Set(lines.map(l => l.kafka?.partition))).toEqual(new Set([0, 1, 2]));
		for (const partition of [0, 1, 2]) {
			const offsets = lines.filter(l => l.kafka?.partition === partition).map(l => BigInt(l.kafka!.offset));
			expect(
				offsets.reduce((a, b) => (b < a ? b : a)),
				`partition ${partition} read from its start`,
			).toBe(0n);
		}
	});
});
