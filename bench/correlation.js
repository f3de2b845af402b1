// Correlations at the firehose rate: events/s of the rules stage with 100,000 live correlation
// groups, beside the same rules without the correlation, and the heap each leaves. The events
// are the demo's process creations, cloned with one of 100,000 command lines each, so that an
// event_count correlation grouped by CommandLine holds 100,000 groups at once (none fires).
// Build first: npx tsc -p tsconfig.json; run: NODE_ENV=production node bench/correlation.js
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {loadRuleTexts} from '../dist/source/core/rules/index.js';
import {generateDemoRecords} from '../dist/source/core/demo/index.js';

// The heap figures need a collection before each reading.
if (typeof globalThis.gc !== 'function') {
	const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {stdio: 'inherit'});
	process.exit(r.status ?? 1);
}

const quick = Boolean(process.env.EDRTAIL_BENCH_QUICK);
const GROUPS = Number(process.env.CORR_BENCH_GROUPS ?? (quick ? 10_000 : 100_000));
const EVENTS = Number(process.env.CORR_BENCH_EVENTS ?? GROUPS * 3);

const RULE = `title: Any process
id: 6a0c1f3e-0000-4000-8000-00000000b001
name: any_process
logsource:
  category: process_creation
  product: windows
detection:
  selection:
    Image|endswith: '.exe'
  condition: selection
`;
const CORRELATION = `title: Bench correlation
id: 6a0c1f3e-0000-4000-8000-00000000b002
correlation:
  type: event_count
  rules: [any_process]
  group-by: [CommandLine]
  timespan: 1h
  condition:
    gte: 1000000
`;

const seeds = generateDemoRecords(20_000, {seed: 1, format: 's1-dv'})
	.flatMap(r => decodeRecord(r))
	.filter(e => e.category === 'Process Creation' && e.target.process?.image?.toLowerCase().endsWith('.exe'));
const t0 = seeds[0].time ?? 0;
// One millisecond apart in event time: every event stays within the hour, every group live.
const events = Array.from({length: EVENTS}, (_, i) => {
	const s = seeds[i % seeds.length];
	return {
		...s,
		seq: i + 1,
		time: t0 + i,
		target: {...s.target, process: {...s.target.process, cmdline: `bench.exe --n ${i % GROUPS}`}},
	};
});

function heapMb() {
	globalThis.gc();
	return process.memoryUsage().heapUsed / 1048576;
}

function measure(label, texts) {
	const before = heapMb();
	const {engine} = loadRuleTexts(texts, {correlation: {maxGroups: GROUPS, maxGroupsPerCorrelation: GROUPS}});
	let hits = 0;
	const start = process.hrtime.bigint();
	for (const ev of events) {
		hits += engine.evaluate(ev).length;
		engine.takeDerived();
	}
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	const after = heapMb();
	const groups = engine.correlations?.groupCount ?? 0;
	const rate = Math.round((events.length / ms) * 1000);
	console.log(
		`${label.padEnd(40)} ${rate.toLocaleString('en-US').padStart(9)} events/s  ${groups.toLocaleString('en-US').padStart(7)} live groups  heap +${(after - before).toFixed(1)} MB  (${events.length} events, ${hits} hits shown, ${ms.toFixed(0)} ms)`,
	);
	return {engine, rate};
}

console.log(`${EVENTS.toLocaleString('en-US')} process creations, ${GROUPS.toLocaleString('en-US')} command lines`);
// Warm up the JIT on both paths before measuring.
measure('(warm-up)', [{path: 'rule.yml', text: RULE}]);
const base = measure('built-in rules + one rule', [{path: 'rule.yml', text: RULE}]);
const corr = measure('  + an event_count over 100k groups', [
	{path: 'rule.yml', text: RULE},
	{path: 'corr.yml', text: CORRELATION},
]);
console.log(`correlation cost: ${((1 - corr.rate / base.rate) * 100).toFixed(0)}% of the rate without it`);
void base.engine;
void corr.engine;
