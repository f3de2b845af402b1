// End to end from Kafka: topics of demo telemetry (CF2 JSON and s1-dv packets) on a real broker,
// each read from earliest to its end by kcat, by a bare kafkajs consumer that only counts, and by
// the built CLI as a user runs it (`node dist/cli.js ... --json --exit-at-end --from earliest`):
// plain, with the SigmaHQ windows rules, and with `--hits-only`. Prints events/s and the ratio to
// the bare consumer. Figures only: nothing passes or fails on time. Knobs (README, Benchmarks):
// EDRTAIL_BENCH_EVENTS, EDRTAIL_BENCH_DV_EVENTS, EDRTAIL_BENCH_FORMATS, EDRTAIL_BENCH_PARTITIONS,
// EDRTAIL_BENCH_POOL, EDRTAIL_BENCH_RULES, EDRTAIL_BENCH_PROFILE, EDRTAIL_BENCH_QUICK,
// EDRTAIL_BENCH_BROKERS, EDRTAIL_BENCH_BASELINE (another build's cli.js: its s1-dv --json rows go next
// to this build's, "baseline:").
//
// Two baselines on s1-dv, because the bare consumer there never looks inside a message:
// - "bare kafkajs eachBatch" (kafkajs-count.js) only counts messages. The issue's targets are stated
//   against it ("x bare").
// - "bare kafkajs + inflate + protobufjs" (kafkajs-dv-decode.js) is a minimal hand-written consumer
//   printing the same events: it inflates each packet, decodes it with protobufjs (decode + toObject,
//   the project's schema) and writes one JSON.stringify line per event. No normalizing, no summary,
//   no escaping for a terminal ("x decode").
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {withBroker} from './e2e/broker.js';
import {
	createTopic,
	deleteTopics,
	demoPool,
	failure,
	fmt,
	machineLine,
	produceFast,
	ratio,
	rotate,
	seconds,
	stdoutErrors,
	table,
	timed,
	timedNode,
	uniqueName,
} from './e2e/lib.js';
import {cliPath, envCount, envList, quick, requireBuild, root, rulesDir} from './e2e/paths.js';
import {dvFloor, floorTable} from './e2e/dv-floor.js';
import {formatTop, profileFiles} from './profile-top.js';

requireBuild();
const EVENTS = envCount('EDRTAIL_BENCH_EVENTS', 500_000, 50_000);
const DV_EVENTS = envCount('EDRTAIL_BENCH_DV_EVENTS', EVENTS, EVENTS);
const PARTITIONS = envCount('EDRTAIL_BENCH_PARTITIONS', 3);
const POOL = envCount('EDRTAIL_BENCH_POOL', 100_000, 20_000);
const FORMATS = envList('EDRTAIL_BENCH_FORMATS', 's1-cf2,s1-dv');
const PROFILE = process.env.EDRTAIL_BENCH_PROFILE;
/** Pool events the per-step floor is measured on (s1-dv). */
const FLOOR_EVENTS = 10_000;
const bareConsumer = join(root, 'bench', 'e2e', 'kafkajs-count.js');
const bareDvDecoder = join(root, 'bench', 'e2e', 'kafkajs-dv-decode.js');
/** Another build's cli.js (e.g. main's dist/ copied aside): its s1-dv --json runs go next to this build's. */
const BASELINE = process.env.EDRTAIL_BENCH_BASELINE ? resolve(process.env.EDRTAIL_BENCH_BASELINE) : undefined;
if (BASELINE && !existsSync(BASELINE)) throw new Error(`EDRTAIL_BENCH_BASELINE=${BASELINE}: no such file`);
const rules = rulesDir();

function hasCommand(name) {
	try {
		execFileSync('sh', ['-c', `command -v ${name}`], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

function edrtailArgs(brokers, topic, extra = [], cli = cliPath) {
	return [...stdoutErrors, cli, '-b', brokers, '-t', topic, '--from', 'earliest', '--exit-at-end', '--json', ...extra];
}

/** The topic, filled from a pool of demo messages; says how. */
async function fill(brokers, format, events) {
	const topic = uniqueName(`bench-${format}`);
	await createTopic(brokers, topic, PARTITIONS);
	const t0 = performance.now();
	const pool = await demoPool(format, Math.min(POOL, events));
	const genMs = performance.now() - t0;
	const poolEvents = pool.reduce((n, m) => n + m.events, 0);
	const p = await produceFast(brokers, topic, PARTITIONS, rotate(pool, events));
	const perMsg = p.events / p.messages;
	console.log(
		`\n${format}: ${fmt(p.events)} events in ${fmt(p.messages)} messages ` +
			`(${fmt(perMsg, perMsg < 10 ? 1 : 0)} events/message, ${fmt(p.bytes / p.messages)} B/message, ` +
			`${fmt(p.bytes / 1e6)} MB) over ${PARTITIONS} partitions`,
	);
	const copies = format === 's1-cf2' ? 'each copy with its own event.id' : 'copies are the same bytes';
	console.log(
		`  from a pool of ${fmt(poolEvents)} distinct demo events generated in ${seconds(genMs)} s, ` +
			`rotated (${copies}); produced in ${seconds(p.ms)} s`,
	);
	return {topic, produced: p, pool};
}

async function benchTopic(brokers, format) {
	const {topic, produced, pool} = await fill(brokers, format, format === 's1-dv' ? DV_EVENTS : EVENTS);
	const results = [];
	const add = (label, out, r, notes = '') => {
		const failed = failure(r);
		const rate = failed ? undefined : produced.events / (r.ms / 1000);
		results.push({label, out, rate, ms: r.ms, notes: failed || notes});
	};
	const skip = (label, why) => results.push({label, out: '-', notes: why});

	if (hasCommand('kcat')) {
		const args = ['-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q'];
		add('kcat -C -o beginning -e', '/dev/null', await timed('kcat', args));
	} else skip('kcat', 'kcat not on PATH (apt-get install -y kcat), skipped');

	const b = await timedNode([bareConsumer, brokers, topic], {stdout: 'capture'});
	let counted;
	try {
		const {messages} = JSON.parse(b.text);
		const wrong = messages === produced.messages ? '' : ` (produced ${fmt(produced.messages)}!)`;
		counted = `${fmt(messages)} messages counted${wrong}`;
	} catch {
		counted = 'no count printed';
	}
	add('bare kafkajs eachBatch', '-', b, counted);
	if (format === 's1-dv') {
		const d = await timedNode([bareDvDecoder, brokers, topic]);
		let decoded = 'no count printed';
		try {
			const {events} = JSON.parse(d.stderr.trim().split('\n').pop());
			decoded = `${fmt(events)} event lines${events === produced.events ? '' : `, expected ${fmt(produced.events)}!`}`;
		} catch {
			// the row's notes say so
		}
		add('bare kafkajs + inflate + protobufjs', '/dev/null', d, decoded);
	}

	// Correlation hits are lines of their own (category "correlation"): events are the other lines.
	const lines = r => {
		const events = r.lines - (r.correlations ?? 0);
		const wrong = events === produced.events ? '' : `, expected ${fmt(produced.events)}!`;
		return `${fmt(events)} event lines${wrong}, ${fmt(r.correlations)} correlation lines`;
	};
	const first = r => (r.firstMs === undefined ? '' : `, first line at ${seconds(r.firstMs)} s`);
	add('edrtail --json', '/dev/null', await timedNode(edrtailArgs(brokers, topic)), 'built-in rules only (the default)');
	let r = await timedNode(edrtailArgs(brokers, topic), {stdout: 'count'});
	add('edrtail --json', 'pipe', r, lines(r) + first(r));
	if (format === 's1-dv') {
		const one = {env: {EDRTAIL_THREADS: '0'}};
		add(
			'edrtail --json, one thread',
			'/dev/null',
			await timedNode(edrtailArgs(brokers, topic), one),
			'EDRTAIL_THREADS=0',
		);
		if (BASELINE) {
			const old = edrtailArgs(brokers, topic, [], BASELINE);
			add('baseline: edrtail --json', '/dev/null', await timedNode(old), BASELINE);
			add('baseline: edrtail --json, one thread', '/dev/null', await timedNode(old, one), 'EDRTAIL_THREADS=0');
		}
	}
	if (rules.missing) {
		skip('edrtail --rules windows', `skipped: ${rules.missing}`);
	} else {
		r = await timedNode(edrtailArgs(brokers, topic, ['--rules', rules.dir]), {stdout: 'count'});
		const loaded = /(\d+) rules loaded/.exec(r.stderr)?.[1];
		add('edrtail --rules windows', 'pipe', r, `${lines(r)}${first(r)}${loaded ? `; ${loaded} rules` : ''}`);
		r = await timedNode(edrtailArgs(brokers, topic, ['--rules', rules.dir, '--hits-only']), {stdout: 'count'});
		const hitEvents = `${fmt(r.lines - (r.correlations ?? 0))} events with hits, ${fmt(r.correlations)} correlation lines`;
		add('edrtail --rules windows --hits-only', 'pipe', r, hitEvents + first(r));
	}
	const bare = results.find(x => x.label === 'bare kafkajs eachBatch')?.rate;
	const decoder = results.find(x => x.label.startsWith('bare kafkajs + inflate'))?.rate;
	const rows = [['run', 'stdout', 'events/s', 'x bare', ...(decoder ? ['x decode'] : []), 'wall s', 'notes']];
	for (const x of results) {
		const vsDecoder = decoder ? [ratio(x.rate, decoder)] : [];
		rows.push([x.label, x.out, fmt(x.rate), ratio(x.rate, bare), ...vsDecoder, seconds(x.ms), x.notes]);
	}
	console.log(table(rows));
	if (format === 's1-dv') {
		// The same packets' steps on one core, no Kafka: what bounds any consumer that prints them.
		const some = [];
		let taken = 0;
		for (const m of pool) {
			if (taken + m.events > FLOOR_EVENTS) break;
			some.push(m);
			taken += m.events;
		}
		console.log(`\ns1-dv per event on one core (${fmt(taken)} pool events, CPU time, best of rounds):`);
		console.log(floorTable(await dvFloor(some)));
	}

	if (PROFILE && format === 's1-cf2' && !rules.missing) await profile(brokers, topic, ['--rules', rules.dir]);
	if (PROFILE && format === 's1-dv') {
		await profile(brokers, topic);
		await profile(brokers, topic, [], {EDRTAIL_THREADS: '0'});
	}
	await deleteTopics(brokers, [topic]);
}

/**
 * One more run under --cpu-prof (one profile per thread: the pool's workers inherit the flag), and
 * each thread's top self-time functions.
 */
async function profile(brokers, topic, extra = [], env = {}) {
	const base = PROFILE === '1' ? mkdtempSync(join(tmpdir(), 'edrtail-prof-')) : resolve(PROFILE);
	mkdirSync(base, {recursive: true});
	const dir = mkdtempSync(join(base, 'run-'));
	const args = edrtailArgs(brokers, topic, extra);
	const r = await timedNode(['--cpu-prof', '--cpu-prof-dir', dir, ...args], {env});
	const files = profileFiles(dir);
	const took = `${seconds(r.ms)} s under the profiler`;
	const how = [
		...Object.entries(env).map(([k, v]) => `${k}=${v}`),
		'edrtail --json',
		extra.length ? '--rules windows' : '',
	]
		.join(' ')
		.trim();
	console.log(`\nprofile of ${how} > /dev/null (${took}), in ${dir}:`);
	for (const f of files) console.log(formatTop(f, 10));
	if (PROFILE === '1') rmSync(base, {recursive: true, force: true});
}

/** The fixed cost in every wall time: start-up, group join, rule loading, on an empty topic. */
async function startUp(brokers) {
	const empty = uniqueName('bench-empty');
	await createTopic(brokers, empty, PARTITIONS);
	const parts = [`bare kafkajs ${seconds((await timedNode([bareConsumer, brokers, empty])).ms)} s`];
	parts.push(`edrtail --json ${seconds((await timedNode(edrtailArgs(brokers, empty))).ms)} s`);
	if (!rules.missing) {
		const r = await timedNode(edrtailArgs(brokers, empty, ['--rules', rules.dir]));
		parts.push(`with --rules windows ${seconds(r.ms)} s`);
	}
	console.log(`\nstart-up on an empty topic (included in every wall time above): ${parts.join(', ')}`);
	await deleteTopics(brokers, [empty]);
}

const sizes = `${fmt(EVENTS)} CF2 / ${fmt(DV_EVENTS)} s1-dv events per topic${quick ? ' (quick sizes)' : ''}`;
console.log(`e2e-kafka: ${sizes}; ${machineLine()}`);
console.log('events/s = events in the topic / wall time of the command (start-up, group join, rule loading included)');
await withBroker(async brokers => {
	for (const format of FORMATS) await benchTopic(brokers, format);
	await startUp(brokers);
});
