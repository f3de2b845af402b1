// The soak: the full screen as a user leaves it running (the built CLI in tmux 80x24, no CI,
// NODE_ENV=production, the SigmaHQ windows rules, a ring buffer of 100,000 events) on a topic of the
// real broker while a producer writes 2,000 events/s for an hour. Every minute it prints RSS, the
// heap-independent peak, CPU of the process over the minute and the events the header counted
// against those produced; at the end the RSS slope over the second half of the run, in MB per hour:
// near zero once the buffer is full means memory is flat. Figures only. It runs only when named
// (`npm run bench -- soak`): it takes an hour. Knobs: EDRTAIL_BENCH_SOAK_MINUTES (60; quick 3),
// EDRTAIL_BENCH_SOAK_RATE (2000), EDRTAIL_BENCH_SCREEN_FORMAT, EDRTAIL_BENCH_BUFFERED, EDRTAIL_BENCH_RULES;
// EDRTAIL_BENCH_CLI=path/to/cli.js soaks another build; EDRTAIL_BENCH_PROBE_DIR=DIR adds each thread's
// V8 heap (used/total) per minute, and EDRTAIL_BENCH_SOAK_SNAPSHOTS=3,7 heap snapshots of every thread
// into DIR at those minutes (heap-probe.cjs).
import {mkdirSync} from 'node:fs';
import {loadavg} from 'node:os';
import {resolve} from 'node:path';
import {withBroker} from './e2e/broker.js';
import {createTopic, deleteTopics, fmt, machineLine, table} from './e2e/lib.js';
import {startProducer} from './e2e/paced.js';
import {cliPath, envCount, quick, requireBuild, rulesDir} from './e2e/paths.js';
import {heapLine, probeExports, snapshotThreads} from './e2e/probe.js';
import {alive, coresPerThread, memory, threadTimes} from './e2e/proc.js';
import {headerCount, Tmux} from './e2e/tmux.js';

requireBuild();
const MINUTES = envCount('EDRTAIL_BENCH_SOAK_MINUTES', 60, 3);
const RATE = envCount('EDRTAIL_BENCH_SOAK_RATE', 2000);
const FORMAT = process.env.EDRTAIL_BENCH_SCREEN_FORMAT ?? 's1-dv';
const BUFFERED = envCount('EDRTAIL_BENCH_BUFFERED', 100_000, 20_000);
const PARTITIONS = 3;
const SAMPLE_MS = 60_000;
const rules = rulesDir();
const cli = process.env.EDRTAIL_BENCH_CLI ? resolve(process.env.EDRTAIL_BENCH_CLI) : cliPath;
const probeDir = process.env.EDRTAIL_BENCH_PROBE_DIR ? resolve(process.env.EDRTAIL_BENCH_PROBE_DIR) : undefined;
const snapshotAt = new Set((process.env.EDRTAIL_BENCH_SOAK_SNAPSHOTS ?? '').split(',').filter(Boolean).map(Number));
if (snapshotAt.size && !probeDir) throw new Error('EDRTAIL_BENCH_SOAK_SNAPSHOTS needs EDRTAIL_BENCH_PROBE_DIR');
if (probeDir) mkdirSync(probeDir, {recursive: true});
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const sum = threads => threads.reduce((n, t) => n + t.cores, 0);

/** Least-squares slope of y over x. */
function slope(points) {
	const n = points.length;
	if (n < 2) return undefined;
	const mx = points.reduce((s, p) => s + p.x, 0) / n;
	const my = points.reduce((s, p) => s + p.y, 0) / n;
	const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
	const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
	return den ? num / den : undefined;
}

const setup = `${FORMAT}, ${fmt(RATE)} events/s, buffer ${fmt(BUFFERED)}, ${MINUTES} min${quick ? ' (quick)' : ''}`;
console.log(`e2e-soak: full screen in tmux 80x24, ${setup}; ${machineLine()}`);
if (cli !== cliPath) console.log(`cli: ${cli}`);
if (rules.missing) console.log(`rules: ${rules.missing}; measuring without them`);

await withBroker(async brokers => {
	const topic = `soak-${Math.random().toString(16).slice(2, 6)}`;
	await createTopic(brokers, topic, PARTITIONS);
	const producer = startProducer(brokers, topic, PARTITIONS, FORMAT, RATE);
	const tmux = new Tmux();
	let pid;
	const rows = [['minute', 'RSS MB', 'peak MB', 'cores', 'main', 'shown', 'produced (about)', 'load']];
	const points = [];
	try {
		await producer.next('ready');
		await tmux.start(80, 24);
		if (probeDir) await tmux.keys(probeExports(probeDir), 'Enter');
		const ruleArgs = rules.missing ? [] : ['--rules', rules.dir];
		const args = ['-b', brokers, '-t', topic, '--from', 'earliest', '--max-events', String(BUFFERED), ...ruleArgs];
		pid = await tmux.edrtail(cli, args);
		producer.send('go');
		const started = performance.now();
		let before = threadTimes(pid);
		for (let minute = 1; minute <= MINUTES; minute++) {
			await sleep(started + minute * SAMPLE_MS - performance.now());
			if (!alive(pid)) {
				console.log(`edrtail exited during minute ${minute}; screen:\n${await tmux.screen()}`);
				break;
			}
			const after = threadTimes(pid);
			const threads = coresPerThread(pid, before, after, SAMPLE_MS / 1000);
			before = after;
			const mem = memory(pid);
			const shown = headerCount(await tmux.screen());
			const main = threads.find(t => t.name.endsWith('(main)'))?.cores;
			const produced = Math.round((RATE * (performance.now() - started)) / 1000);
			const load = loadavg()[0].toFixed(1);
			rows.push([
				minute,
				fmt(mem.rss),
				fmt(mem.peak),
				sum(threads).toFixed(2),
				main?.toFixed(2),
				fmt(shown),
				fmt(produced),
				load,
			]);
			console.log(rows.length === 2 ? table(rows) : table(rows).split('\n').at(-1));
			if (probeDir) console.log(`  ${heapLine(probeDir)}`);
			points.push({x: minute / 60, y: mem.rss});
			if (snapshotAt.has(minute))
				console.log(`  snapshots: ${(await snapshotThreads(probeDir, `m${minute}`)).join(' ')}`);
		}
		producer.send('stop');
		const [events] = await producer.next('done');
		await sleep(5000);
		const shown = headerCount(await tmux.screen());
		console.log(`\n${table(rows)}`);
		const second = points.slice(Math.floor(points.length / 2));
		const perHour = slope(second);
		const first = points[0]?.y;
		const last = points.at(-1)?.y;
		console.log(
			`RSS ${fmt(first)} MB after the first minute, ${fmt(last)} MB at the end; slope over the second half ` +
				`${perHour === undefined ? '-' : fmt(perHour, 1)} MB/hour`,
		);
		console.log(`events produced ${fmt(events)}, the header counted ${fmt(shown)} (buffer keeps ${fmt(BUFFERED)})`);
	} finally {
		await tmux.quit(pid);
		producer.child.kill();
		await deleteTopics(brokers, [topic]);
	}
});
