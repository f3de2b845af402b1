// Faults a detector meets on a real broker: the broker not up yet when edrtail starts, and the
// broker restarted under a running edrtail. For the first, the broker
// "appears" as a TCP proxy that starts listening 10 s later on a port where nothing listened, so the
// one broker of the run serves (its advertised listener is reached directly once bootstrapped).
import {execFileSync, spawn} from 'node:child_process';
import {createServer, connect, type Server} from 'node:net';
import {join} from 'node:path';
import {describe, it, expect, beforeAll, afterEach} from 'vitest';
import {
	brokers,
	cliPath,
	createTopic,
	parseLines,
	produce,
	recordsIn,
	root,
	runCli,
	unique,
	waitFor,
} from './kafka-helpers.js';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const {port} = s.address() as {port: number};
			s.close(() => resolve(port));
		});
	});
}

/** Forwards 127.0.0.1:port to the test broker. */
function proxy(port: number): Promise<Server> {
	const [host, target] = brokers().split(':') as [string, string];
	const server = createServer(client => {
		const upstream = connect(Number(target), host);
		client.pipe(upstream).pipe(client);
		const close = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('error', close);
		upstream.on('error', close);
	});
	return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** The built CLI with its output readable while it runs. */
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
	return {out, exited, within, kill: (signal: NodeJS.Signals = 'SIGKILL') => child.kill(signal)};
}

describe('a broker that is not up when edrtail starts', () => {
	const topic = unique('late-broker');
	const EVENTS = 200;
	let server: Server | undefined;

	beforeAll(async () => {
		await createTopic(topic, 2);
		await produce(
			topic,
			Array.from({length: EVENTS}, (_, id) => ({key: `k${id % 3}`, value: JSON.stringify({id, msg: `late ${id}`})})),
		);
	});
	afterEach(() => void server?.close());

	it('headless live mode waits, says so once on stderr, and streams every event once it is up', async () => {
		const port = await freePort();
		const args = ['-b', `127.0.0.1:${port}`, '-t', topic, '--from', 'earliest', '--json', '--count', String(EVENTS)];
		const run = spawnCli(args);
		try {
			// The broker appears 10 s later, and only once edrtail has said that it waits.
			const started = Date.now();
			await waitFor(() => run.out.stderr.includes('waiting for the broker'), 60_000, 'the waiting line');
			await new Promise(resolve => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - started))));
			server = await proxy(port);
			expect(await run.within(90_000), run.out.stderr).toBe(0);
		} finally {
			run.kill();
		}
		const ids = parseLines(run.out.stdout).map(l => l.raw.id);
		expect(ids).toHaveLength(EVENTS);
		expect(new Set(ids).size).toBe(EVENTS);
		const lines = run.out.stderr.trim().split('\n');
		expect(
			lines.filter(l => l.includes('waiting for the broker')),
			run.out.stderr,
		).toHaveLength(1);
		expect(lines[0]).toMatch(/^edrtail: waiting for the broker \(attempt 1\): nothing listens on 127\.0\.0\.1:\d+/);
		expect(lines.at(-1)).toMatch(/^edrtail: connected \(attempt \d+\): streaming$/);
	});

	it('--exit-at-end does not wait: it fails at once with the reason and its exit code', async () => {
		const port = await freePort();
		const started = Date.now();
		const result = await runCli(['-b', `127.0.0.1:${port}`, '-t', topic, '--json', '--exit-at-end'], 60_000);
		// At the first refusal, not after kafkajs's ~10 s of retries (the rest is Node starting up).
		expect(Date.now() - started).toBeLessThan(6000);
		expect(result.code).toBe(11);
		expect(result.stderr.trim()).toMatch(/^edrtail: nothing listens on 127\.0\.0\.1:\d+ \(connection refused\)/);
		expect(result.stderr).not.toContain('waiting');
	});
});

// The run's own broker is stopped and started again on the same ports and data; a broker given
// with EDRTAIL_TEST_BROKERS is not ours to restart.
describe.skipIf(Boolean(process.env.EDRTAIL_TEST_BROKERS))('the broker restarted mid-stream', () => {
	it('--json keeps streaming: every produced key once, none twice', async () => {
		const topic = unique('restart');
		const HALF = 150;
		await createTopic(topic, 3);
		const batch = (from: number) =>
			Array.from({length: HALF}, (_, i) => ({key: `key-${from + i}`, value: JSON.stringify({id: from + i})}));
		await produce(topic, batch(0));

		const run = spawnCli(['-b', brokers(), '-t', topic, '--from', 'earliest', '--json']);
		let total = 0;
		try {
			await waitFor(() => parseLines(run.out.stdout).length >= HALF, 60_000, 'the first half');
			execFileSync(join(root, 'scripts', 'dev-kafka'), ['restart'], {stdio: ['ignore', 'ignore', 'inherit']});
			await produce(topic, batch(HALF));
			// What the topic holds: the producer may have written part of the second half twice.
			total = await recordsIn(topic);
			await waitFor(() => parseLines(run.out.stdout).length >= total, 90_000, 'every record');
			// Nothing more comes (none is shown twice), and the run ends cleanly on SIGINT.
			await new Promise(resolve => setTimeout(resolve, 2000));
			run.kill('SIGINT');
			expect(await run.within(30_000), run.out.stderr).toBe(130);
		} finally {
			run.kill();
		}
		const {stdout, stderr} = run.out;
		const lines = parseLines(stdout);
		expect(lines).toHaveLength(total);
		expect(new Set(lines.map(l => `${l.kafka?.partition}/${l.kafka?.offset}`)).size).toBe(total);
		expect(new Set(lines.map(l => l.raw.id)).size).toBe(2 * HALF);
		expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
	});
});
