// The full screen (tmux, 80x24, the built CLI) under broker faults: the run's broker stopped and
// started again mid-stream (the header says the state while the broker is down, the stream
// resumes, and every produced key is on screen exactly once, counted in the header and checked one
// by one in a `w` export of the whole view, by Kafka offset); the partitions panel on the broker; a topic deleted
// while shown; signals and Ctrl-C while the screen still waits for a broker.
import {execFile, execFileSync} from 'node:child_process';
import {createServer} from 'node:net';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {TmuxServer, waitForExit} from '../helpers/tmux.js';
import {createKafkaClient} from '../../source/core/kafka/index.js';
import {brokers, connection, createTopic, parseLines, produce, recordsIn, root, unique} from './kafka-helpers.js';

const run = promisify(execFile);

// A broker given with EDRTAIL_TEST_BROKERS is not ours to restart.
describe.skipIf(Boolean(process.env.EDRTAIL_TEST_BROKERS))('the full screen while the broker restarts', () => {
	const tmux = new TmuxServer();
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-tui-faults-'));

	afterEach(() => {
		tmux.kill();
		rmSync(dir, {recursive: true, force: true});
	});

	it('says so in the header, resumes, and shows every produced key once', async () => {
		const topic = unique('tui-restart');
		const HALF = 150;
		await createTopic(topic, 3);
		const batch = (from: number) =>
			Array.from({length: HALF}, (_, i) => ({
				key: `key-${from + i}`,
				value: JSON.stringify({id: from + i, msg: `restart key-${from + i}`}),
			}));
		await produce(topic, batch(0));

		const s = await tmux.session('main', 80, 24);
		const exitFile = join(dir, 'exit');
		s.start(`-b ${brokers()} -t ${topic} --from earliest`, exitFile);
		await s.waitFor(screen => screen.includes(`${HALF} events`), 'the first half on screen', 60_000);

		// Stopped and started again on the same ports and data; the screen is watched meanwhile.
		const states = new Set<string>();
		let restarting = true;
		const restart = run(join(root, 'scripts', 'dev-kafka'), ['restart'], {cwd: root}).finally(
			() => (restarting = false),
		);
		while (restarting) {
			const header = s.screen().split('\n').slice(0, 2).join(' ');
			for (const state of ['reconnecting', 'connecting']) if (header.includes(`◌ ${state}`)) states.add(state);
			if (header.includes('✖ error')) states.add('error');
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		await restart;
		expect([...states], 'a state other than connected while the broker was down').toContain('reconnecting');
		expect(states.has('error')).toBe(false);

		await produce(topic, batch(HALF));
		// What the topic holds: the test producer may write part of a batch twice right after a restart.
		const total = await recordsIn(topic);
		await s.waitFor(screen => screen.includes(`${total} events`), 'the second half on screen', 90_000);
		await s.waitFor(screen => screen.includes('● connected'), 'connected again');

		// The whole view, exported: each key once.
		const path = join(dir, 'view.ndjson');
		s.keys('w');
		await s.waitFor(screen => screen.includes('write '), 'the export prompt');
		s.keys('C-u');
		s.type(path);
		s.keys('Enter');
		await s.waitFor(screen => screen.includes(`wrote ${total} events`), 'the export written');
		const lines = parseLines(readFileSync(path, 'utf8'));
		expect(lines).toHaveLength(total);
		expect(new Set(lines.map(l => `${l.kafka?.partition}/${l.kafka?.offset}`)).size).toBe(total);
		const ids = lines.map(line => line.raw.id);
		expect(new Set(ids).size).toBe(2 * HALF);
		const keys = new Set(lines.map(line => line.raw.msg));
		for (let id = 0; id < 2 * HALF; id++) expect(keys.has(`restart key-${id}`)).toBe(true);

		s.keys('q');
		expect(await waitForExit(exitFile)).toBe('EXIT=0');
	});
});

describe('the partitions panel on the broker', () => {
	const tmux = new TmuxServer();
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-tui-parts-'));

	afterEach(() => {
		tmux.kill();
		rmSync(dir, {recursive: true, force: true});
	});

	/** The panel's partition rows: [partition, high, position, lag]. */
	const rowsOf = (screen: string, topic: string) =>
		screen
			.split('\n')
			.map(line => new RegExp(`^${topic}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\S+`).exec(line))
			.filter(m => m !== null)
			.map(m => m.slice(1, 5).map(Number));

	it('p shows each partition read to its high watermark, live, and the header the fetch rate', async () => {
		const topic = unique('tui-parts');
		await createTopic(topic, 3);
		const messages = (from: number, n: number) =>
			Array.from({length: n}, (_, i) => ({key: `k${from + i}`, value: JSON.stringify({id: from + i})}));
		await produce(topic, messages(0, 90));

		const s = await tmux.session('main', 80, 24);
		const exitFile = join(dir, 'exit');
		s.start(`-b ${brokers()} -t ${topic} --from earliest`, exitFile);
		await s.waitFor(screen => screen.includes('90 events'), 'the events on screen', 60_000);
		// The fetch rate comes with the source's progress, once a second.
		await s.waitFor(screen => /fetch \d+(\.\d)?k?\/s/.test(screen), 'the fetch rate in the header');

		s.keys('p');
		const caughtUp = (total: number) => (screen: string) => {
			const rows = rowsOf(screen, topic);
			return (
				rows.length === 3 &&
				rows.reduce((sum, [, high]) => sum + high!, 0) === total &&
				rows.every(([, high, position, lag]) => high === position && lag === 0)
			);
		};
		let screen = await s.waitFor(caughtUp(90), 'three partitions read to their ends');
		expect(rowsOf(screen, topic).map(([partition]) => partition)).toEqual([0, 1, 2]);
		expect(screen).toMatch(/partitions\s+3 · lag 0 · fetch/);

		// Live: new records move the high watermarks and the positions without a key.
		await produce(topic, messages(90, 60));
		screen = await s.waitFor(caughtUp(150), 'the panel following the new records', 30_000);
		for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

		s.keys('q');
		s.keys('q');
		expect(await waitForExit(exitFile)).toBe('EXIT=0');
	});
});

describe('the full screen and a topic deleted under it', () => {
	const tmux = new TmuxServer();
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-tui-deleted-'));

	afterEach(() => {
		tmux.kill();
		rmSync(dir, {recursive: true, force: true});
	});

	it('shows the one sentence as its error state, keeps the events, and q exits 1', async () => {
		const topic = unique('tui-deleted');
		await createTopic(topic, 1);
		await produce(
			topic,
			Array.from({length: 5}, (_, i) => ({value: JSON.stringify({msg: `before-delete-${i}`})})),
		);
		const s = await tmux.session('main', 80, 24);
		const exitFile = join(dir, 'exit');
		s.start(`-b ${brokers()} -t ${topic} --from earliest`, exitFile);
		await s.waitFor(screen => screen.includes('5 events'), 'the events on screen', 60_000);
		const admin = createKafkaClient(
			{...connection(), clientId: 'edrtail-e2e-admin'},
			{logLevel: 'nothing', logFile: false},
		).admin();
		await admin.connect();
		await admin.deleteTopics({topics: [topic]}).finally(() => admin.disconnect());
		const screen = await s.waitFor(screen => screen.includes('✖ error: topic deleted on'), 'the error state', 40_000);
		expect(screen).toContain('before-delete-4');
		expect(screen).not.toMatch(/\n\s+at /);
		s.keys('q');
		expect(await waitForExit(exitFile)).toBe('EXIT=1');
	});
});

describe('the full screen while it waits for a broker: signals and Ctrl-C', () => {
	const tmux = new TmuxServer();
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-tui-signals-'));

	afterEach(() => {
		tmux.kill();
		rmSync(dir, {recursive: true, force: true});
	});

	const refusedPort = () =>
		new Promise<number>((resolve, reject) => {
			const server = createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const {port} = server.address() as {port: number};
				server.close(() => resolve(port));
			});
		});

	it('SIGTERM, SIGHUP, SIGINT and Ctrl-C each restore the terminal and exit with their documented code', async () => {
		const s = await tmux.session('main', 80, 24);
		const port = await refusedPort();
		const cases: Array<[string, string]> = [
			['SIGTERM', 'EXIT=143'],
			['SIGHUP', 'EXIT=129'],
			['SIGINT', 'EXIT=130'],
			['C-c', 'EXIT=0'],
		];
		for (const [how, expected] of cases) {
			const marker = unique('before');
			s.keys(`clear; echo ${marker}`, 'Enter');
			await s.waitFor(screen => screen.includes(marker), 'the shell');
			const exitFile = join(dir, `exit-${how}`);
			s.start(`-b 127.0.0.1:${port} -t nowhere`, exitFile);
			await s.waitFor(screen => screen.includes('◌ connecting'), `the connecting state (${how})`, 30_000);
			if (how === 'C-c') s.keys('C-c');
			else {
				// The shell's one child is edrtail.
				const shell = s.display('#{pane_pid}');
				const pid = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim();
				execFileSync('kill', [`-${how.slice(3)}`, pid]);
			}
			expect(await waitForExit(exitFile), how).toBe(expected);
			// The alternate screen was left, the cursor is back, and the shell's screen shows again.
			expect(s.display('#{alternate_on}'), how).toBe('0');
			expect(s.display('#{cursor_flag}'), how).toBe('1');
			expect(s.screen(), how).toContain(marker);
		}
	});
});
