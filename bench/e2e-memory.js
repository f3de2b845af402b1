// Memory per buffered event, per format, in the full screen as a user runs it (tmux 80x24, the
// SigmaHQ windows rules loaded): RSS once 100,000 events of a format are in its buffer, minus the
// RSS of the same command on an empty source, divided by the events. CF2 and Sysmon come from an
// NDJSON file (--file); s1-dv packets are binary and no file source reads them, so they come from a
// topic on the broker (with an empty topic as its start). Figures only. Knobs:
// EDRTAIL_BENCH_BUFFERED, EDRTAIL_BENCH_MEMORY_FORMATS, EDRTAIL_BENCH_RULES, EDRTAIL_BENCH_QUICK.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {withBroker} from './e2e/broker.js';
import {createTopic, deleteTopics, demoPool, fmt, machineLine, produceFast, seconds, table} from './e2e/lib.js';
import {cliPath, envCount, envList, quick, requireBuild, rulesDir} from './e2e/paths.js';
import {memory} from './e2e/proc.js';
import {headerCount, Tmux} from './e2e/tmux.js';

requireBuild();
const EVENTS = envCount('EDRTAIL_BENCH_BUFFERED', 100_000, 20_000);
const FORMATS = envList('EDRTAIL_BENCH_MEMORY_FORMATS', 's1-dv,s1-cf2,sysmon');
const rules = rulesDir();
const dir = mkdtempSync(join(tmpdir(), 'edrtail-bench-mem-'));
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const shortId = () => Math.random().toString(16).slice(2, 6);

/** RSS of the full screen on `args` once its header counts `events` (and 3 s more to settle). */
async function screenRss(args, events) {
	const tmux = new Tmux();
	let pid;
	try {
		await tmux.start(80, 24);
		const started = performance.now();
		const ruleArgs = rules.missing ? [] : ['--rules', rules.dir];
		pid = await tmux.edrtail(cliPath, [...args, '--max-events', String(Math.max(EVENTS, 1)), ...ruleArgs]);
		await tmux.waitFor(s => (headerCount(s) ?? 0) >= events, `${events} events on screen`, 600_000, 250);
		const loadMs = performance.now() - started;
		await sleep(3000);
		return {...memory(pid), loadMs};
	} finally {
		await tmux.quit(pid);
	}
}

async function fromFile(format) {
	const lines = (await demoPool(format, EVENTS)).slice(0, EVENTS).map(m => m.value);
	const file = join(dir, `${format}.ndjson`);
	writeFileSync(file, lines.join('\n') + '\n');
	const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
	return {source: 'file', args: ['--file', file], events: lines.length, wire: bytes / lines.length};
}

async function fromTopic(brokers, format) {
	const topic = `mem-${format}-${shortId()}`;
	await createTopic(brokers, topic, 3);
	const p = await produceFast(brokers, topic, 3, await demoPool(format, EVENTS));
	const args = ['-b', brokers, '-t', topic, '--from', 'earliest'];
	return {source: 'topic', args, events: p.events, wire: p.bytes / p.events, topic};
}

async function emptyTopicRss(brokers) {
	const topic = `mem-empty-${shortId()}`;
	await createTopic(brokers, topic, 3);
	const r = await screenRss(['-b', brokers, '-t', topic, '--from', 'earliest'], 0);
	await deleteTopics(brokers, [topic]);
	return r;
}

async function run(brokers) {
	const emptyFile = join(dir, 'empty.ndjson');
	writeFileSync(emptyFile, '');
	const base = {file: await screenRss(['--file', emptyFile], 0)};
	const rows = [['format', 'source', 'events', 'RSS empty MB', 'RSS full MB', 'bytes/event', 'wire B/event', 'load s']];
	for (const format of FORMATS) {
		let src;
		if (format === 's1-dv') {
			base.topic ??= await emptyTopicRss(brokers);
			src = await fromTopic(brokers, format);
		} else src = await fromFile(format);
		const full = await screenRss(src.args, src.events);
		if (src.topic) await deleteTopics(brokers, [src.topic]);
		const empty = base[src.source];
		const perEvent = ((full.rss - empty.rss) * 1024 * 1024) / src.events;
		const mb = [fmt(empty.rss), fmt(full.rss)];
		rows.push([format, src.source, fmt(src.events), ...mb, fmt(perEvent), fmt(src.wire), seconds(full.loadMs)]);
	}
	console.log(table(rows));
	console.log(
		'bytes/event = (RSS full - RSS empty) / events; RSS is what the OS gives the process, V8 garbage included',
	);
}

try {
	const what = `${fmt(EVENTS)} events buffered per format${rules.missing ? ', NO rules' : ', rules/windows'}`;
	console.log(`e2e-memory: full screen in tmux, ${what}${quick ? ' (quick sizes)' : ''}; ${machineLine()}`);
	if (FORMATS.includes('s1-dv')) await withBroker(run);
	else await run();
} finally {
	rmSync(dir, {recursive: true, force: true});
}
