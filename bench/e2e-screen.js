// The full screen as a user runs it: the built CLI in tmux (80x24, no CI, NODE_ENV=production) on a
// topic of the real broker, with the SigmaHQ windows rules, a buffer of 100,000 events, and a
// producer writing 1,000 and then 10,000 events/s. Per rate it prints: key to visible frame p50/p95
// (a key is sent through tmux and the pane polled until the change shows), CPU per thread while
// events arrive, RSS with the buffer full, and the events the header counted vs those produced.
// Figures only. Knobs: EDRTAIL_BENCH_RATES, EDRTAIL_BENCH_SCREEN_FORMAT, EDRTAIL_BENCH_BUFFERED,
// EDRTAIL_BENCH_KEYS, EDRTAIL_BENCH_CPU_SECONDS, EDRTAIL_BENCH_RULES, EDRTAIL_BENCH_QUICK, and
// EDRTAIL_BENCH_PROFILE=DIR: the CLI runs with --cpu-prof, one profile per thread and rate in DIR/RATE
// (read them with `node bench/profile-top.js DIR/RATE 30`; profiling slows the screen down);
// EDRTAIL_BENCH_NODE_ARGS: more arguments for node (e.g. `--import ./trace.mjs`), split at spaces;
// EDRTAIL_BENCH_CLI: another build's cli.js (a baseline built with `tsc --outDir`), for before/after;
// EDRTAIL_BENCH_BASELINE=path/to/other/cli.js: that build runs too, each rate alternating with this
// one EDRTAIL_BENCH_PAIRS times (default 2), and the summary gives the ratios to it;
// EDRTAIL_BENCH_TRACE=DIR: the screen's thread is traced (e2e/screen-trace.mjs: long callbacks, GC,
// reads, writes) and each key's path is split into: sent to read by the CLI, read to frame written,
// written to seen in the pane; with what ran on the thread meanwhile (DIR/RATE.trace.ndjson).
import {mkdirSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {withBroker} from './e2e/broker.js';
import {startProducer} from './e2e/paced.js';
import {createTopic, deleteTopics, fmt, machineLine, seconds, table} from './e2e/lib.js';
import {cliPath, envCount, envList, quick, requireBuild, rulesDir} from './e2e/paths.js';
import {coresPerThread, memory, threadTimes} from './e2e/proc.js';
import {headerCount, Tmux} from './e2e/tmux.js';

requireBuild();
const RATES = envList('EDRTAIL_BENCH_RATES', '1000,10000').map(Number);
const FORMAT = process.env.EDRTAIL_BENCH_SCREEN_FORMAT ?? 's1-dv';
const BUFFERED = envCount('EDRTAIL_BENCH_BUFFERED', 100_000, 20_000);
const KEYS = envCount('EDRTAIL_BENCH_KEYS', 40, 16);
const CPU_SECONDS = envCount('EDRTAIL_BENCH_CPU_SECONDS', 10, 5);
const PARTITIONS = 3;
const PROFILE = process.env.EDRTAIL_BENCH_PROFILE;
const TRACE = process.env.EDRTAIL_BENCH_TRACE;
// The trace is written by the CLI: its folder has to be there first.
if (TRACE) mkdirSync(TRACE, {recursive: true});
// Wall-clock ms with a fraction, the same clock as screen-trace.mjs's in the CLI.
const wall = () => performance.timeOrigin + performance.now();
const CLI = process.env.EDRTAIL_BENCH_CLI ? resolve(process.env.EDRTAIL_BENCH_CLI) : cliPath;
const BASELINE = process.env.EDRTAIL_BENCH_BASELINE ? resolve(process.env.EDRTAIL_BENCH_BASELINE) : undefined;
const PAIRS = BASELINE ? envCount('EDRTAIL_BENCH_PAIRS', 2, 1) : 1;
const rules = rulesDir();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function percentile(sorted, p) {
	if (!sorted.length) return undefined;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sum = threads => threads.reduce((n, t) => n + t.cores, 0);
const mainThread = threads => threads.find(t => t.name.endsWith('(main)'))?.cores;

// Keys whose effect is on screen and nowhere else: the help screen opens and closes; the process
// family is hidden and shown again (the feed is filtered again over the whole buffer).
const KEY_KINDS = [
	{key: '?', name: 'help', shows: s => s.includes('edrtail keys')},
	{key: '?', name: 'help', shows: s => !s.includes('edrtail keys')},
	{key: '1', name: 'family', shows: s => s.includes('1○')},
	{key: '1', name: 'family', shows: s => s.includes('1●')},
];

async function measureKeys(tmux, count) {
	const samples = {help: [], family: []};
	const sent = [];
	let timeouts = 0;
	for (let i = 0; i < count; i++) {
		const kind = KEY_KINDS[i % KEY_KINDS.length];
		const t0 = performance.now();
		const at = wall();
		await tmux.keys(kind.key);
		try {
			await tmux.waitFor(kind.shows, `the ${kind.name} key`, 5000, 1);
			samples[kind.name].push(performance.now() - t0);
			sent.push({at, seen: wall(), name: kind.name});
		} catch {
			timeouts++;
			// Back to a known state (feed, everything shown), then on with the next cycle.
			await tmux.keys('Escape');
			await tmux.keys('0');
			i += KEY_KINDS.length - 1 - (i % KEY_KINDS.length);
		}
		await sleep(200 + Math.random() * 200);
	}
	return {samples, timeouts, sent};
}

/** How long one capture-pane takes through the control client: the resolution of every key figure. */
async function captureMs(tmux, n = 50) {
	const times = [];
	for (let i = 0; i < n; i++) {
		const t0 = performance.now();
		await tmux.screen();
		times.push(performance.now() - t0);
	}
	return times.sort((a, b) => a - b);
}

/**
 * Each key's path from the trace: sent -> read by the CLI (the thread was busy when it came),
 * read -> first write after it (the key handled, rendered, the frame built), write -> seen in the
 * pane (tmux, and the polling); and what ran on the thread from the send to the write: the
 * callbacks of 2 ms or more by type, their time on a CPU and waiting for one (the kernel's
 * schedstat: a thread ready to run while both cores are taken), and the GC pauses.
 */
function keyPaths(sent, records) {
	const reads = records.filter(r => r.k === 'read').map(r => r.t);
	const writes = records.filter(r => r.k === 'write').map(r => r.t);
	const tasks = records.filter(r => r.k === 'task');
	const gcs = records.filter(r => r.k === 'gc');
	const first = (xs, t) => xs.find(x => x >= t);
	return sent.map(({at, seen, name}) => {
		const read = first(reads, at);
		const write = read === undefined ? undefined : first(writes, read);
		const end = write ?? seen;
		const during = xs => xs.filter(x => x.t + x.ms > at && x.t < end);
		const byType = {};
		for (const t of during(tasks)) byType[t.type] = (byType[t.type] ?? 0) + t.ms;
		const gc = during(gcs);
		const sum = key => during(tasks).reduce((n, t) => n + (t[key] ?? 0), 0);
		return {
			name,
			total: seen - at,
			toRead: read === undefined ? undefined : read - at,
			toWrite: write === undefined ? undefined : write - read,
			toSeen: write === undefined ? undefined : seen - write,
			tasks: byType,
			gcMs: gc.reduce((n, g) => n + g.ms, 0),
			cpuMs: sum('cpu'),
			queuedMs: sum('queued'),
			gcs: gc.map(g => `${g.kind} ${g.ms.toFixed(1)}`),
		};
	});
}

function traceReport(paths, records, capture) {
	const f = x => (x === undefined ? '-' : x.toFixed(1));
	const cap = `capture-pane round trip p50 ${f(percentile(capture, 50))} ms, p95 ${f(percentile(capture, 95))} ms`;
	console.log(`  trace (${cap}; the pane is polled every 1 ms after a key):`);
	const rows = [
		[
			'key',
			'total',
			'to read',
			'to write',
			'to seen',
			'GC ms',
			'on CPU',
			'queued',
			'callbacks >= 2 ms (ms by type); GCs',
		],
	];
	for (const p of [...paths].sort((a, b) => b.total - a.total).slice(0, 12)) {
		const tasks = Object.entries(p.tasks).map(([type, ms]) => `${type} ${ms.toFixed(0)}`);
		const gcs = p.gcs.length ? `; ${p.gcs.join(', ')}` : '';
		const sched = [f(p.cpuMs), f(p.queuedMs)];
		rows.push([
			p.name,
			f(p.total),
			f(p.toRead),
			f(p.toWrite),
			f(p.toSeen),
			f(p.gcMs),
			...sched,
			tasks.join(', ') + gcs,
		]);
	}
	console.log(table(rows));
	const median = key =>
		f(
			percentile(
				paths
					.map(p => p[key])
					.filter(x => x !== undefined)
					.sort((a, b) => a - b),
				50,
			),
		);
	console.log(`  medians: to read ${median('toRead')}, to write ${median('toWrite')}, to seen ${median('toSeen')} ms`);
	const span = (records.at(-1)?.t ?? 0) - (records[0]?.t ?? 0);
	const gcs = records.filter(r => r.k === 'gc');
	const byKind = {};
	for (const g of gcs) (byKind[g.kind] ??= []).push(g.ms);
	const kinds = Object.entries(byKind).map(
		([kind, ms]) =>
			`${kind} ${(ms.length / (span / 1000)).toFixed(1)}/s avg ${f(ms.reduce((a, b) => a + b, 0) / ms.length)} ` +
			`max ${f(Math.max(...ms))} ms`,
	);
	console.log(`  GC on the screen's thread over ${(span / 1000).toFixed(0)} s: ${kinds.join('; ')}`);
	const young = gcs.map(g => g.young).filter(x => x !== undefined);
	if (young.length)
		console.log(
			`  young generation after a GC: ${Math.min(...young)}-${Math.max(...young)} MB (V8 grows it with survival)`,
		);
	const tasks = records.filter(r => r.k === 'task');
	const byType = {};
	for (const t of tasks) (byType[t.type] ??= []).push(t.ms);
	const types = Object.entries(byType).map(([type, ms]) => {
		const s = ms.sort((a, b) => a - b);
		return `${type} ${s.length} (p50 ${f(percentile(s, 50))}, p95 ${f(percentile(s, 95))}, max ${f(s.at(-1))})`;
	});
	console.log(`  callbacks of 2 ms or more, ms: ${types.join('; ')}`);
}

/** Waits until the header counts `produced`, or stops moving for 5 s (60 s at most). */
async function settle(tmux, produced) {
	let shown = headerCount(await tmux.screen());
	for (let stable = 0, waited = 0; shown !== produced && stable < 10 && waited < 120; waited++) {
		await sleep(500);
		const now = headerCount(await tmux.screen());
		stable = now === shown ? stable + 1 : 0;
		shown = now;
	}
	return shown;
}

async function benchRate(brokers, rate, cli = CLI) {
	const topic = `b${rate}-${Math.random().toString(16).slice(2, 6)}`;
	await createTopic(brokers, topic, PARTITIONS);
	const producer = startProducer(brokers, topic, PARTITIONS, FORMAT, rate);
	const tmux = new Tmux();
	let pid;
	let quit = false;
	try {
		await producer.next('ready');
		producer.send(`backlog ${BUFFERED}`);
		const [backlog] = await producer.next('backlog');

		await tmux.start(80, 24);
		const loadStart = performance.now();
		const ruleArgs = rules.missing ? [] : ['--rules', rules.dir];
		const args = ['-b', brokers, '-t', topic, '--from', 'earliest', '--max-events', String(BUFFERED), ...ruleArgs];
		const nodeArgs = envList('EDRTAIL_BENCH_NODE_ARGS', '').flatMap(a => a.split(/\s+/));
		if (PROFILE) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', resolve(PROFILE, String(rate)));
		const traceFile = TRACE ? resolve(TRACE, `${rate}.trace.ndjson`) : undefined;
		if (traceFile) {
			const url = pathToFileURL(resolve(import.meta.dirname, 'e2e', 'screen-trace.mjs'));
			url.searchParams.set('out', traceFile);
			nodeArgs.push('--import', url.href);
		}
		pid = await tmux.edrtail(cli, args, nodeArgs);
		await tmux.waitFor(s => (headerCount(s) ?? 0) >= backlog, `the backlog of ${backlog} events`, 600_000, 250);
		const loadMs = performance.now() - loadStart;

		producer.send('go');
		await sleep(3000);
		const before = threadTimes(pid);
		await sleep(CPU_SECONDS * 1000);
		const threads = coresPerThread(pid, before, threadTimes(pid), CPU_SECONDS);
		const mem = memory(pid);

		const keysBefore = threadTimes(pid);
		const keyStart = performance.now();
		const {samples, timeouts, sent} = await measureKeys(tmux, KEYS);
		const capture = TRACE ? await captureMs(tmux) : undefined;
		const keyCores = coresPerThread(pid, keysBefore, threadTimes(pid), (performance.now() - keyStart) / 1000);

		producer.send('stop');
		const [paced, , maxBehindMs] = await producer.next('done');
		const produced = backlog + paced;
		const shown = await settle(tmux, produced);
		const end = memory(pid);
		const r = {rate, loadMs, backlog, threads, mem, end, samples, timeouts, keyCores, produced, shown, maxBehindMs};
		if (traceFile) {
			await tmux.quit(pid, 20_000);
			quit = true;
			const records = readFileSync(traceFile, 'utf8')
				.trim()
				.split('\n')
				.map(l => JSON.parse(l));
			r.trace = {paths: keyPaths(sent, records), records, capture};
		}
		return r;
	} finally {
		// A profile is written as the process exits: give it time.
		if (!quit) await tmux.quit(pid, PROFILE ? 60_000 : 5000);
		producer.child.kill();
		await deleteTopics(brokers, [topic]);
	}
}

function report(r, label = '') {
	const all = [...r.samples.help, ...r.samples.family].sort((a, b) => a - b);
	const keyRow = (label, xs) => {
		const s = [...xs].sort((a, b) => a - b);
		return [label, fmt(s.length), fmt(percentile(s, 50)), fmt(percentile(s, 95)), fmt(s[s.length - 1])];
	};
	const load = `${fmt(r.backlog / (r.loadMs / 1000))} events/s, start-up included`;
	const setup = `buffer ${fmt(BUFFERED)}${rules.missing ? ', NO rules' : ', rules/windows'}`;
	console.log(`\n${fmt(r.rate)} events/s arriving (${FORMAT}), ${setup}${label}:`);
	console.log(`  backlog of ${fmt(r.backlog)} events read by the full screen in ${seconds(r.loadMs)} s (${load})`);
	console.log(
		table([
			['key to visible frame', 'keys', 'p50 ms', 'p95 ms', 'max ms'],
			keyRow('all', all),
			keyRow('? help open/close', r.samples.help),
			keyRow('1 family hide/show', r.samples.family),
		]),
	);
	if (r.timeouts) console.log(`  ${r.timeouts} keys showed nothing within 5 s (left out of the figures)`);
	const busy = r.threads.filter(t => t.cores >= 0.005).map(t => `${t.name} ${t.cores.toFixed(2)}`);
	console.log(
		`  CPU while events arrive (${CPU_SECONDS} s, no keys): ${sum(r.threads).toFixed(2)} cores; ` +
			`per thread: ${busy.join(', ')}`,
	);
	const keyMain = mainThread(r.keyCores)?.toFixed(2);
	console.log(`  CPU while keys were pressed: ${sum(r.keyCores).toFixed(2)} cores (main ${keyMain})`);
	const later = `at the end ${fmt(r.end.rss)} MB, peak ${fmt(r.end.peak)} MB`;
	console.log(`  RSS with the buffer full: ${fmt(r.mem.rss)} MB (${later})`);
	let lost = r.shown === r.produced ? 'none missing' : `${fmt(r.produced - r.shown)} not shown`;
	if (r.shown === undefined) lost = 'header counter not readable';
	console.log(
		`  events shown ${fmt(r.shown)} of ${fmt(r.produced)} produced (${lost}); ` +
			`the producer was at most ${fmt(r.maxBehindMs)} ms behind its pace`,
	);
	if (r.trace) traceReport(r.trace.paths, r.trace.records, r.trace.capture);
	const p = q => fmt(percentile(all, q));
	const cores = `${sum(r.threads).toFixed(2)}`;
	const shown = `${fmt(r.shown)}/${fmt(r.produced)}`;
	return [fmt(r.rate), p(50), p(95), cores, mainThread(r.threads)?.toFixed(2), fmt(r.mem.rss), shown];
}

function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Key p50 and p95 of each run of one build, and the main thread's cores. */
function keyFigures(r) {
	const all = [...r.samples.help, ...r.samples.family].sort((a, b) => a - b);
	return {p50: percentile(all, 50), p95: percentile(all, 95), main: mainThread(r.threads) ?? 0};
}

const build = CLI === cliPath ? '' : `, CLI ${CLI}`;
const sizes = `${FORMAT}${build}, buffer ${fmt(BUFFERED)}, ${KEYS} keys per rate${quick ? ' (quick sizes)' : ''}`;
console.log(`e2e-screen: full screen in tmux 80x24, ${sizes}; ${machineLine()}`);
if (rules.missing) console.log(`rules: ${rules.missing}; measuring without them`);
if (BASELINE) console.log(`baseline: ${BASELINE}, ${PAIRS} alternating pair(s) per rate`);
await withBroker(async brokers => {
	const head = ['events/s', 'key p50 ms', 'key p95 ms', 'cores', 'main thread', 'RSS MB', 'shown/produced'];
	const summary = [BASELINE ? ['build', ...head] : head];
	const ratios = [['events/s', 'p50 this/baseline', 'p95 this/baseline', 'main thread this/baseline']];
	for (const rate of RATES) {
		const runs = {this: [], baseline: []};
		for (let pair = 0; pair < PAIRS; pair++) {
			for (const [name, cli] of BASELINE
				? [
						['this', CLI],
						['baseline', BASELINE],
					]
				: [['this', CLI]]) {
				const r = await benchRate(brokers, rate, cli);
				const row = report(r, BASELINE ? ` (${name}, pair ${pair + 1})` : '');
				summary.push(BASELINE ? [name, ...row] : row);
				runs[name].push(keyFigures(r));
			}
		}
		if (!BASELINE) continue;
		// The median of each build's runs, then their ratio: a run's tail moves with the machine's load.
		const ratio = key => median(runs.this.map(f => f[key])) / median(runs.baseline.map(f => f[key]));
		ratios.push([
			fmt(rate),
			`${ratio('p50').toFixed(2)}x`,
			`${ratio('p95').toFixed(2)}x`,
			`${ratio('main').toFixed(2)}x`,
		]);
	}
	console.log('\n' + table(summary));
	if (BASELINE) console.log('\nmedians over the pairs:\n' + table(ratios));
});
