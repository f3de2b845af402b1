// Memory per buffered event, per format, in the full screen as a user runs it (tmux 80x24, the
// SigmaHQ windows rules loaded): RSS once 100,000 events of a format are in its buffer, minus the
// RSS of the same command on an empty source, divided by the events. CF2 and Sysmon come from an
// NDJSON file (--file); s1-dv packets are binary and no file source reads them, so they come from a
// topic on the broker (with an empty topic as its start). Figures only. Knobs:
// EDRTAIL_BENCH_BUFFERED, EDRTAIL_BENCH_MEMORY_FORMATS (default all six), EDRTAIL_BENCH_RULES,
// EDRTAIL_BENCH_QUICK; EDRTAIL_BENCH_BASELINE=path/to/other/cli.js measures that build too, format by
// format in the same run, and prints the ratio; EDRTAIL_BENCH_HEAP_SNAPSHOT=DIR writes a heap
// snapshot of the screen's thread (node --heapsnapshot-signal) once each buffer is full. Each
// thread's V8 heap is read in the process (heap-probe.cjs): the screen's thread (store, view, Ink)
// and the pipeline thread (source, decode, rules) apart, committed (what RSS pays for) and used, and
// what is neither (code, stacks, array buffers, kafkajs's fetches, malloc) as RSS minus both.
import {existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {withBroker} from './e2e/broker.js';
import {createTopic, deleteTopics, demoPool, fmt, machineLine, produceFast, seconds, table} from './e2e/lib.js';
import {cliPath, envCount, envList, quick, requireBuild, rulesDir} from './e2e/paths.js';
import {probeExports, threadHeaps} from './e2e/probe.js';
import {memory} from './e2e/proc.js';
import {headerCount, shellQuote, Tmux} from './e2e/tmux.js';

requireBuild();
const EVENTS = envCount('EDRTAIL_BENCH_BUFFERED', 100_000, 20_000);
const FORMATS = envList('EDRTAIL_BENCH_MEMORY_FORMATS', 's1-dv,s1-cf2,sysmon,mde,cs-fdr,ocsf');
const baseline = process.env.EDRTAIL_BENCH_BASELINE ? resolve(process.env.EDRTAIL_BENCH_BASELINE) : undefined;
const snapshots = process.env.EDRTAIL_BENCH_HEAP_SNAPSHOT
	? resolve(process.env.EDRTAIL_BENCH_HEAP_SNAPSHOT)
	: undefined;
if (baseline && !existsSync(baseline)) throw new Error(`EDRTAIL_BENCH_BASELINE=${baseline}: no such file`);
const rules = rulesDir();
const dir = mkdtempSync(join(tmpdir(), 'edrtail-bench-mem-'));
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const shortId = () => Math.random().toString(16).slice(2, 6);

/** Waits for the heap snapshot the process writes on SIGUSR2 (its size stops growing), named `name`. */
async function heapSnapshot(pid, name) {
	const before = new Set(readdirSync(snapshots));
	process.kill(pid, 'SIGUSR2');
	for (let last = -1, i = 0; i < 600; i++) {
		await sleep(1000);
		const file = readdirSync(snapshots).find(f => f.endsWith('.heapsnapshot') && !before.has(f));
		if (!file) continue;
		const size = statSync(join(snapshots, file)).size;
		if (size > 0 && size === last) return renameSync(join(snapshots, file), join(snapshots, `${name}.heapsnapshot`));
		last = size;
	}
	throw new Error(`no heap snapshot from ${pid} in ${snapshots}`);
}

/** RSS of the full screen of `cli` on `args` once its header counts `events` (and 3 s more to settle). */
async function screenRss(cli, args, events, name) {
	const tmux = new Tmux();
	let pid;
	try {
		await tmux.start(80, 24);
		const probe = join(dir, `probe-${shortId()}`);
		mkdirSync(probe);
		await tmux.keys(probeExports(probe), 'Enter');
		if (snapshots)
			await tmux.keys(`cd ${shellQuote(snapshots)}; export NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2`, 'Enter');
		const started = performance.now();
		const ruleArgs = rules.missing ? [] : ['--rules', rules.dir];
		pid = await tmux.edrtail(cli, [...args, '--max-events', String(Math.max(EVENTS, 1)), ...ruleArgs]);
		await tmux.waitFor(s => (headerCount(s) ?? 0) >= events, `${events} events on screen`, 600_000, 250);
		const loadMs = performance.now() - started;
		await sleep(3000);
		const m = memory(pid);
		const heaps = threadHeaps(probe);
		if (snapshots && events > 0) await heapSnapshot(pid, name);
		// threadId 0 is the screen's; the pipeline thread is the other one.
		const main = heaps.get(0);
		const pipeline = [...heaps].find(([id]) => id !== 0)?.[1];
		return {...m, loadMs, main, pipeline};
	} finally {
		await tmux.quit(pid);
	}
}

async function fromFile(format) {
	// A line may carry many events (MDE's Event Hubs export holds a `records` array): count events.
	const lines = [];
	let events = 0;
	for (const m of await demoPool(format, EVENTS)) {
		if (events >= EVENTS) break;
		lines.push(m.value);
		events += m.events;
	}
	const file = join(dir, `${format}.ndjson`);
	writeFileSync(file, lines.join('\n') + '\n');
	const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
	return {source: 'file', args: ['--file', file], events, wire: bytes / events};
}

async function fromTopic(brokers, format) {
	const topic = `mem-${format}-${shortId()}`;
	await createTopic(brokers, topic, 3);
	const p = await produceFast(brokers, topic, 3, await demoPool(format, EVENTS));
	const args = ['-b', brokers, '-t', topic, '--from', 'earliest'];
	return {source: 'topic', args, events: p.events, wire: p.bytes / p.events, topic};
}

async function emptyTopicRss(cli, brokers) {
	const topic = `mem-empty-${shortId()}`;
	await createTopic(brokers, topic, 3);
	const r = await screenRss(cli, ['-b', brokers, '-t', topic, '--from', 'earliest'], 0);
	await deleteTopics(brokers, [topic]);
	return r;
}

async function run(brokers) {
	const emptyFile = join(dir, 'empty.ndjson');
	writeFileSync(emptyFile, '');
	const builds = baseline
		? [
				['baseline', baseline],
				['this', cliPath],
			]
		: [['this', cliPath]];
	const base = new Map();
	for (const [, cli] of builds) base.set(cli, {file: await screenRss(cli, ['--file', emptyFile], 0)});
	const head = [
		'format',
		'source',
		'events',
		'RSS empty MB',
		'RSS full MB',
		'main heap MB',
		'pipeline heap MB',
		'other MB',
		'bytes/event',
		'wire B/event',
		'load s',
	];
	const rows = [baseline ? ['build', ...head, 'vs baseline'] : head];
	for (const format of FORMATS) {
		const src = format === 's1-dv' ? await fromTopic(brokers, format) : await fromFile(format);
		let first;
		for (const [build, cli] of builds) {
			const empties = base.get(cli);
			if (src.topic) empties.topic ??= await emptyTopicRss(cli, brokers);
			const full = await screenRss(cli, src.args, src.events, `${build}-${format}`);
			const empty = empties[src.source];
			const perEvent = ((full.rss - empty.rss) * 1024 * 1024) / src.events;
			const heap = h => (h ? `${fmt(h.used)}/${fmt(h.total)}` : '-');
			const other = full.main && full.pipeline ? fmt(full.rss - full.main.total - full.pipeline.total) : '-';
			const mb = [fmt(empty.rss), fmt(full.rss), heap(full.main), heap(full.pipeline), other];
			const row = [format, src.source, fmt(src.events), ...mb, fmt(perEvent), fmt(src.wire), seconds(full.loadMs)];
			if (!baseline) rows.push(row);
			else rows.push([build, ...row, first ? `${fmt(full.rss / first.rss, 2)}x RSS` : '']);
			// A run takes minutes: each row as soon as it is measured, the table at the end.
			console.log(rows.at(-1).join('  '));
			first ??= full;
		}
		if (src.topic) await deleteTopics(brokers, [src.topic]);
	}
	console.log(table(rows));
	console.log(
		'bytes/event = (RSS full - RSS empty) / events; RSS is what the OS gives the process, V8 garbage included',
	);
	console.log("heap MB = used/committed of that thread's V8 heap; other = RSS - both committed heaps");
}

try {
	const what = `${fmt(EVENTS)} events buffered per format${rules.missing ? ', NO rules' : ', rules/windows'}`;
	console.log(`e2e-memory: full screen in tmux, ${what}${quick ? ' (quick sizes)' : ''}; ${machineLine()}`);
	if (baseline) console.log(`baseline: ${baseline}`);
	if (FORMATS.includes('s1-dv')) await withBroker(run);
	else await run();
} finally {
	rmSync(dir, {recursive: true, force: true});
	console.log(`done; ${machineLine()}`);
}
