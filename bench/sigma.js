// Sigma engine throughput: events/s through decode + all SigmaHQ rules/windows rules, next to
// decode alone and decode + the built-in rules, on the demo's mix (benign noise with its Atomic
// Red Team runs) in SentinelOne Deep Visibility and Sysmon form. Prints figures only.
// Build first: npx tsc -p tsconfig.json; run: NODE_ENV=production node bench/sigma.js
// The rules are SigmaHQ's rules/windows: SIGMA_BENCH_CORPUS (any rules folder), else windows/ under
// EDRTAIL_SIGMA_RULES, else under ../shared/sigma/rules beside the repository (as the tests read it).
// Without it the corpus figures are skipped, with the reason; decode and built-in figures still run.
import {statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {loadRules} from '../dist/source/core/rules/index.js';
import {generateDemoRecords} from '../dist/source/core/demo/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS =
	process.env.SIGMA_BENCH_CORPUS ??
	join(resolve(here, '..', process.env.EDRTAIL_SIGMA_RULES || '../shared/sigma/rules'), 'windows');
const EVENTS = Number(process.env.SIGMA_BENCH_EVENTS ?? 60_000);
const FORMATS = (process.env.SIGMA_BENCH_FORMATS ?? 's1-dv,s1-dv@5000,sysmon').split(',');
// Best of a few passes: the machine is shared, and the best pass is the one least disturbed.
const PASSES = Number(process.env.SIGMA_BENCH_PASSES ?? 3);

function timed(recs, format, evaluate) {
	let hits = 0;
	let events = 0;
	const t0 = process.hrtime.bigint();
	for (const r of recs) {
		for (const ev of decodeRecord(r, {format})) {
			events++;
			if (evaluate) hits += evaluate(ev).length;
		}
	}
	return {events, hits, ms: Number(process.hrtime.bigint() - t0) / 1e6};
}

function run(label, recs, format, evaluate) {
	// Warm up (JIT, and the engine's lazily built route groups).
	timed(recs.slice(0, 3000), format, evaluate);
	let best;
	for (let i = 0; i < PASSES; i++) {
		const r = timed(recs, format, evaluate);
		if (!best || r.ms < best.ms) best = r;
	}
	const rate = Math.round((best.events / best.ms) * 1000);
	console.log(
		`${label.padEnd(56)} ${rate.toLocaleString('en-US').padStart(9)} events/s  (${best.events} events, ${best.hits} hits, ${best.ms.toFixed(0)} ms)`,
	);
	return rate;
}

const isDirectory = path => {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
};
let engine;
if (isDirectory(CORPUS)) {
	const t0 = performance.now();
	let report;
	({engine, report} = loadRules([CORPUS]));
	console.log(
		`loaded ${report.loaded} rules (${report.builtin} built-in, ${report.skipped.length} skipped) from rules/windows in ${(performance.now() - t0).toFixed(0)} ms`,
	);
} else {
	console.log(
		`no Sigma corpus at ${CORPUS}: the rules/windows figures are skipped (set EDRTAIL_SIGMA_RULES to a SigmaHQ checkout's rules/ folder)`,
	);
}
const builtinOnly = loadRules([]).engine;

for (const spec of FORMATS) {
	// "s1-dv@5000": the demo generated at 5,000 events/s, so DV packets carry the dozens of events an
	// agent batches under load; at the live demo's 50/s nearly every packet holds one event.
	const [format, rate] = spec.split('@');
	// Generated and encoded before any timing: the figures are decode + rules only.
	const recs = generateDemoRecords(EVENTS, {format, rate: rate ? Number(rate) : undefined});
	const label = rate ? `${format} at ${rate}/s (${(EVENTS / recs.length).toFixed(0)} ev/msg)` : format;
	run(`${label}: decode only (no rules)`, recs, format);
	run(`${label}: decode + built-in rules`, recs, format, ev => builtinOnly.evaluate(ev));
	if (!engine) continue;
	run(`${label}: decode + rules/windows (${engine.size} rules)`, recs, format, ev => engine.evaluate(ev));
	const decoded = recs.flatMap(r => decodeRecord(r, {format}));
	let best = Infinity;
	for (let i = 0; i < PASSES; i++) {
		const t1 = process.hrtime.bigint();
		for (const ev of decoded) engine.evaluate(ev);
		best = Math.min(best, Number(process.hrtime.bigint() - t1) / 1e6);
	}
	console.log(
		`${`${label}: rules only (pre-decoded)`.padEnd(56)} ${Math.round((decoded.length / best) * 1000)
			.toLocaleString('en-US')
			.padStart(9)} events/s`,
	);
}
if (engine && process.env.SIGMA_BENCH_ROUTES)
	for (const s of engine.stats())
		console.log(
			`  route ${s.route}: ${s.rules} rules, ${s.always} without a prefilter key, ${s.indexedFields} indexed fields`,
		);
