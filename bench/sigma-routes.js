// The Sigma engine per route: for each kind of event (process creation, registry, file, network,
// DNS, ... in Sysmon and SentinelOne form), how many of the SigmaHQ rules/windows rules the
// prefilter leaves to evaluate per event, next to the rules the route holds, and events/s for
// decode alone, decode + rules and the rules' own share. Then the product on Atomic-style Sysmon
// process creation events from a file: the built CLI with --rules and --hits-only, and without.
// Prints figures only. Build first (npm run build); run: NODE_ENV=production node bench/sigma-routes.js
// SIGMA_BENCH_CORPUS: a rules folder (default: windows/ of EDRTAIL_SIGMA_RULES or ../shared/sigma/rules);
// SIGMA_BENCH_ATOMIC: Atomic-style events (default 50,000); SIGMA_BENCH_WRITE: also keep them in this
// NDJSON file; SIGMA_BENCH_CLI=0: skip the CLI runs. Times are CPU time of this single-threaded
// process (best of SIGMA_BENCH_PASSES): on a shared machine wall time mostly measures the neighbours.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {loadRules} from '../dist/source/core/rules/index.js';
import {generateDemoRecords} from '../dist/source/core/demo/index.js';
import {atomicSysmonLines} from './e2e/sysmon-atomic.js';

const here = dirname(fileURLToPath(import.meta.url));
const RULES = resolve(here, '..', process.env.EDRTAIL_SIGMA_RULES || '../shared/sigma/rules');
const CORPUS = process.env.SIGMA_BENCH_CORPUS ?? join(RULES, 'windows');
const ATOMIC = Number(process.env.SIGMA_BENCH_ATOMIC ?? 50_000);
const PASSES = Number(process.env.SIGMA_BENCH_PASSES ?? 3);
const DEMO_EVENTS = Number(process.env.SIGMA_BENCH_EVENTS ?? 40_000);

function isDirectory(path) {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

// ---- per route

const ROUTE_NAMES = {
	'Process Creation': 'process_creation',
	'Process Termination': 'process_termination',
	'File Creation': 'file',
	'File Modification': 'file',
	'File Deletion': 'file',
	'File Rename': 'file',
	'TCPv4 Connection': 'network',
	'HTTP Request': 'network',
	DNS: 'dns',
};
const routeName = ev =>
	ROUTE_NAMES[ev.category] ?? (ev.category.startsWith('Registry') ? 'registry' : ev.category.toLowerCase());

function rate(events, ms) {
	return Math.round((events / ms) * 1000).toLocaleString('en-US');
}

/** The rules' share of decode + rules: '-' when it is within the noise of the decode alone. */
function share(events, bothMs, decodeMs) {
	return bothMs - decodeMs < decodeMs * 0.05 ? '-' : rate(events, bothMs - decodeMs);
}

function best(run) {
	let ms = Infinity;
	for (let i = 0; i < PASSES; i++) {
		const t0 = cpuMs();
		run();
		ms = Math.min(ms, cpuMs() - t0);
	}
	return ms;
}

const candidates = eng => eng.stats().reduce((n, s) => n + s.candidates, 0);

/** Candidate rules per event the engine evaluates over these events. */
function candidatesOn(eng, events) {
	const before = candidates(eng);
	for (const ev of events) eng.evaluate(ev);
	return (candidates(eng) - before) / events.length;
}

/** One bucket of records of one format: decode alone, decode + rules, rules' share; candidates. */
function measure(label, recs, format) {
	const decoded = recs.flatMap(r => decodeRecord(r, {format}));
	if (decoded.length === 0) return;
	// Warm up: JIT, and the engine's route groups built.
	for (const ev of decoded.slice(0, 2000)) engine.evaluate(ev);
	let hits = 0;
	for (const ev of decoded) hits += engine.evaluate(ev).length;
	const perEvent = candidatesOn(engine, decoded);
	const routeRules = candidatesOn(unfiltered, decoded.slice(0, 200));
	const decodeMs = best(() => {
		for (const r of recs) decodeRecord(r, {format});
	});
	const bothMs = best(() => {
		for (const r of recs) for (const ev of decodeRecord(r, {format})) engine.evaluate(ev);
	});
	const rulesMs = best(() => {
		for (const ev of decoded) engine.evaluate(ev);
	});
	const n = decoded.length;
	console.log(
		`${label.padEnd(34)} ${String(n).padStart(7)} ${perEvent.toFixed(1).padStart(7)} ${routeRules.toFixed(0).padStart(6)}` +
			` ${rate(n, decodeMs).padStart(9)} ${rate(n, bothMs).padStart(9)}` +
			` ${share(n, bothMs, decodeMs).padStart(9)} ${rate(n, rulesMs).padStart(9)}` +
			` ${(hits / n).toFixed(2).padStart(6)}`,
	);
}

function header() {
	const cols = [
		['events', 7],
		['cands/e', 7],
		['rules', 6],
		['decode/s', 9],
		['+rules/s', 9],
		['rules/s', 9],
		['warm/s', 9],
		['hits/e', 6],
	];
	console.log(`${'route'.padEnd(34)} ${cols.map(([name, width]) => name.padStart(width)).join(' ')}`);
}

if (!isDirectory(CORPUS)) {
	console.log(`no rules corpus at ${CORPUS}: set SIGMA_BENCH_CORPUS or EDRTAIL_SIGMA_RULES (skipped)`);
	process.exit(0);
}
const t0 = cpuMs();
const {engine, report} = loadRules([CORPUS]);
const loadMs = cpuMs() - t0;
console.log(`loaded ${report.loaded} rules (${report.builtin} built-in) from ${CORPUS} in ${loadMs.toFixed(0)} ms CPU`);
// The rules of an event's route: what the engine without a prefilter evaluates.
const unfiltered = engine.unfiltered();
console.log(
	'cands/e: rules left to evaluate per event by the prefilter; rules: rules of the route (what runs without it);',
);
console.log("decode/s, +rules/s: decode alone and decode + rules per record; rules/s: the rules' share of that;");
console.log("warm/s: the rules alone on pre-decoded events (caches warm with the engine's tables). CPU time.");
header();
// The Atomic-style Sysmon lines the file benchmark (bench/e2e-file.js) reads too.
const atomic = [...(await atomicSysmonLines(ATOMIC)).lines];
const atomicRecs = atomic.map(l => ({value: Buffer.from(l), receivedAt: 0, origin: 'file'}));
measure('atomic-style sysmon process_creation', atomicRecs, 'sysmon');
for (const format of ['sysmon', 's1-dv', 's1-cf2']) {
	// At the demo's default rate an s1-dv packet holds about one event: records bucket by route.
	const recs = generateDemoRecords(DEMO_EVENTS, {format});
	const buckets = new Map();
	for (const r of recs) {
		const evs = decodeRecord(r, {format});
		if (evs.length === 0) continue;
		const name = routeName(evs[0]);
		if (!buckets.has(name)) buckets.set(name, []);
		buckets.get(name).push(r);
	}
	for (const [name, list] of [...buckets].sort((a, b) => b[1].length - a[1].length)) {
		if (list.length < 200) continue;
		measure(`${format} ${name}`, list, format);
	}
}

// ---- the product: the built CLI on the Atomic-style file
if (process.env.SIGMA_BENCH_CLI !== '0') {
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-sigma-bench-'));
	const file = process.env.SIGMA_BENCH_WRITE ?? join(dir, 'atomic-process-creation.ndjson');
	writeFileSync(file, `${atomic.join('\n')}\n`);
	const cli = join(here, '..', 'dist', 'cli.js');
	// The children's CPU time, where the system tells it (Linux: cutime + cstime of /proc/self/stat).
	const childCpu = () => {
		try {
			const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
			return (Number(f[13]) + Number(f[14])) / 100;
		} catch {
			return undefined;
		}
	};
	const perSecond = (events, seconds) =>
		Math.round(events / seconds)
			.toLocaleString('en-US')
			.padStart(7);
	const run = (label, args, input = file, events = atomic.length) => {
		const cpu0 = childCpu();
		const start = process.hrtime.bigint();
		const r = spawnSync(process.execPath, [cli, '--file', input, '--json', '--exit-at-end', '--hits-only', ...args], {
			env: {...process.env, NODE_ENV: 'production'},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		const wall = Number(process.hrtime.bigint() - start) / 1e9;
		const cpu = cpu0 === undefined ? undefined : childCpu() - cpu0;
		const failed = r.status === 0 ? '' : ` (exit ${r.status}: ${String(r.stderr).trim().split('\n').pop()})`;
		if (events > 1) {
			const perCpu = cpu ? `, ${perSecond(events, cpu)} per CPU second (${cpu.toFixed(1)} s)` : '';
			const perWall = perSecond(events, wall);
			console.log(`${label.padEnd(44)} ${perWall} events/s wall (${wall.toFixed(1)} s)${perCpu}${failed}`);
		} else
			console.log(`${label.padEnd(44)} ${wall.toFixed(1)} s wall${cpu ? `, ${cpu.toFixed(1)} s CPU` : ''}${failed}`);
		return {wall, cpu};
	};
	const count = atomic.length.toLocaleString('en-US');
	console.log(`\nCLI on ${count} Atomic-style process creation events (${file}), rules load included:`);
	run('edrtail --json --hits-only, no rules', ['--no-builtin-rules']);
	const all = run('edrtail --json --hits-only --rules windows', ['--rules', CORPUS]);
	// The fixed cost: start and the rules' load, on a file of one event.
	const one = join(dir, 'one.ndjson');
	writeFileSync(one, `${atomic[0]}\n`);
	const fixed = run('  of which start + rules load (one event)', ['--rules', CORPUS], one, 1);
	const wall = all.wall - fixed.wall;
	const cpu = all.cpu !== undefined && fixed.cpu !== undefined ? all.cpu - fixed.cpu : undefined;
	const perCpu = cpu ? `, ${perSecond(atomic.length, cpu)} per CPU second` : '';
	console.log(`${'  the events after the load'.padEnd(44)} ${perSecond(atomic.length, wall)} events/s wall${perCpu}`);
	rmSync(dir, {recursive: true, force: true});
}
