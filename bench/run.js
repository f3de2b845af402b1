// Runs every benchmark in bench/ in turn (each prints its own figures). Never pass/fail on time.
//   node bench/run.js [NAME...]     only the files whose name contains one of the NAMEs
//   npm run bench -- e2e            only the end-to-end ones (the built CLI on a real broker, tmux)
//   EDRTAIL_BENCH_QUICK=1 ...       small sizes everywhere (a first look in a few minutes)
// The end-to-end files share one broker: started here once (scripts/dev-kafka) and stopped at the end,
// unless EDRTAIL_BENCH_BROKERS names one or this worktree's broker already runs.
import {readdirSync} from 'node:fs';
import {spawn} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {withBroker} from './e2e/broker.js';

const here = dirname(fileURLToPath(import.meta.url));
// Tools, not benchmarks.
const NOT_BENCHMARKS = new Set(['run.js', 'profile-top.js', 'sigma-pairs.js']);
// Run only when named (`npm run bench -- soak`): the soak takes an hour.
const ONLY_BY_NAME = new Set(['e2e-soak.js']);
// The end-to-end files that read from Kafka (e2e-file reads a file only).
const NEEDS_BROKER = new Set(['e2e-kafka.js', 'e2e-screen.js', 'e2e-memory.js', 'e2e-soak.js']);
const only = process.argv.slice(2);
const files = readdirSync(here)
	.filter(f => f.endsWith('.js') && !NOT_BENCHMARKS.has(f))
	.filter(f => (only.length === 0 ? !ONLY_BY_NAME.has(f) : only.some(o => f.includes(o))))
	.sort();
if (only.length === 0) {
	console.log(
		'all benchmarks; `npm run bench -- e2e` runs only the end-to-end ones, EDRTAIL_BENCH_QUICK=1 small sizes',
	);
}

let failed = 0;
// Asynchronous, so that Ctrl-C reaches the handler that stops the broker at once.
const runOne = file =>
	new Promise(resolve => {
		const env = {...process.env, NODE_ENV: 'production'};
		const child = spawn(process.execPath, [join(here, file)], {stdio: 'inherit', env});
		child.on('close', (code, signal) => resolve({code, signal}));
	});
const runAll = async () => {
	for (const file of files) {
		console.log(`\n== ${file}`);
		const r = await runOne(file);
		if (r.code !== 0) {
			failed++;
			console.log(`(${file} exited with ${r.code ?? r.signal})`);
		}
	}
};
if (files.some(f => NEEDS_BROKER.has(f))) await withBroker(runAll);
else await runAll();
process.exitCode = failed ? 1 : 0;
