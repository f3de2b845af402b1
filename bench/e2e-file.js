// End to end from a file: Atomic-style Sysmon process creation events (flat JSON lines, the event
// type most rules apply to) through the built CLI: `edrtail --file F --json --exit-at-end`, without
// and with the SigmaHQ windows rules, and `--hits-only`; next to a bare Node JSON.parse+stringify of
// the same lines and to rsigma (the Rust Sigma engine) on the same file and rules when it is on the
// PATH. Figures only. Knobs: EDRTAIL_BENCH_FILE_EVENTS, EDRTAIL_BENCH_RULES, EDRTAIL_BENCH_QUICK;
// EDRTAIL_BENCH_BASELINE=path/to/other/cli.js runs each --rules row with that build too, right after
// this build's (same file, same run), and notes this build's events/s (start-up rows: wall) as a ratio.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {failure, fmt, machineLine, ratio, seconds, stdoutErrors, table, timed, timedNode} from './e2e/lib.js';
import {cliPath, envCount, quick, requireBuild, root, rulesDir} from './e2e/paths.js';
import {writeAtomicSysmon} from './e2e/sysmon-atomic.js';

requireBuild();
const EVENTS = envCount('EDRTAIL_BENCH_FILE_EVENTS', 200_000, 20_000);
const rules = rulesDir();
const dir = mkdtempSync(join(tmpdir(), 'edrtail-bench-file-'));
const file = join(dir, 'sysmon-process-creation.ndjson');
const BASELINE = process.env.EDRTAIL_BENCH_BASELINE ? resolve(process.env.EDRTAIL_BENCH_BASELINE) : undefined;
if (BASELINE && !existsSync(BASELINE)) throw new Error(`EDRTAIL_BENCH_BASELINE=${BASELINE}: no such file`);

/** rsigma's evaluator subcommand, or undefined when rsigma is not on the PATH. */
function rsigmaCommand() {
	let help;
	try {
		help = execFileSync('rsigma', ['--help'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
	} catch {
		return undefined;
	}
	// Later releases group the evaluator under `engine`; early ones had `rsigma eval`.
	return /^\s+engine\b/m.test(help) ? ['engine', 'eval'] : ['eval'];
}

/** Events and (event, rule) pairs in an edrtail --hits-only output. */
function edrtailHits(path) {
	let events = 0;
	let pairs = 0;
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (!line) continue;
		events++;
		pairs += JSON.parse(line).hits.length;
	}
	return {events, pairs};
}

async function measure() {
	const results = [];
	const add = (label, r, notes = '') => {
		const failed = failure(r);
		results.push({label, rate: failed ? undefined : EVENTS / (r.ms / 1000), ms: r.ms, notes: failed || notes});
	};
	const withCli = (cli, extra) => [...stdoutErrors, cli, '--file', file, '--json', '--exit-at-end', ...extra];
	const edrtail = (...extra) => withCli(cliPath, extra);
	// This build, then the baseline's (when given): [cli, label suffix].
	const builds = [[cliPath, ''], ...(BASELINE ? [[BASELINE, ' [baseline]']] : [])];
	/** Notes this build's row with its ratio to the baseline's row just added after it. */
	const versus = (mine, base, higher = true) => {
		if (!mine || !base || failure(mine) || failure(base)) return;
		const x = higher ? base.ms / mine.ms : mine.ms / base.ms;
		mine.row.notes += `; ${fmt(x, 2)}x the baseline's ${higher ? 'events/s' : 'wall'}`;
	};
	// Correlation hits are lines of their own kind (README, --json): counted apart from the events.
	const lines = r => {
		const events = r.lines - (r.correlations ?? 0);
		const wrong = events === EVENTS ? '' : `, expected ${fmt(EVENTS)}!`;
		return `${fmt(events)} event lines${wrong}, ${fmt(r.correlations ?? 0)} correlation lines`;
	};

	const roundTrip = join(root, 'bench', 'e2e', 'json-roundtrip.js');
	add('node JSON.parse + JSON.stringify', await timedNode([roundTrip, file]), 'the baseline, > /dev/null');
	add('edrtail --json', await timedNode(edrtail()), 'built-in rules only (the default), > /dev/null');
	let r = await timedNode(edrtail(), {stdout: 'count'});
	add('edrtail --json | count', r, lines(r));
	if (rules.missing) {
		results.push({label: 'edrtail --rules windows', notes: `skipped: ${rules.missing}`});
	} else {
		// The same rules as rsigma gets: rules/windows without edrtail's built-in ones.
		const withRules = ['--rules', rules.dir, '--no-builtin-rules'];
		r = await timedNode(edrtail(...withRules), {stdout: 'count'});
		const loaded = /(\d+) rules loaded/.exec(r.stderr)?.[1];
		add('edrtail --rules windows | count', r, `${lines(r)}${loaded ? `; ${loaded} rules` : ''}`);
		const hitsFile = join(dir, 'hits.ndjson');
		let hits;
		let mine;
		for (const [cli, tag] of builds) {
			r = await timedNode(withCli(cli, [...withRules, '--hits-only']), {stdout: {file: hitsFile}});
			const got = edrtailHits(hitsFile);
			hits ??= got;
			const same = got.pairs === hits.pairs && got.events === hits.events ? '' : '; OTHER hits than this build!';
			const found = `${fmt(got.events)} events with hits, ${fmt(got.pairs)} (event, rule) pairs; > file`;
			add(`edrtail --rules windows --hits-only${tag}`, r, `${found}; the worker pool (EDRTAIL_THREADS unset)${same}`);
			r.row = results.at(-1);
			if (tag) versus(mine, r);
			else mine = r;
		}
		// The same on one thread: what the pool adds (or costs, on a busy machine).
		const one = {env: {EDRTAIL_THREADS: '0'}};
		for (const [cli, tag] of builds) {
			r = await timedNode(withCli(cli, [...withRules, '--hits-only']), {...one, stdout: {file: hitsFile}});
			const same = edrtailHits(hitsFile);
			const check = same.pairs === hits.pairs && same.events === hits.events ? 'the same hits' : 'OTHER hits!';
			add(`edrtail --rules windows --hits-only, one thread${tag}`, r, `EDRTAIL_THREADS=0; ${check} as the pool`);
			r.row = results.at(-1);
			if (tag) versus(mine, r);
			else mine = r;
		}
		// What every rules run above paid before its first event: start-up and loading the rules. An
		// empty file runs on one thread (a small file is never pooled); the pool's start-up is the
		// first line of the big file (--count 1), the rules loaded and one batch done.
		const empty = join(dir, 'empty.ndjson');
		writeFileSync(empty, '');
		const startRow = (label, r, notes) => {
			results.push({label, ms: r.ms, notes: failure(r) || notes});
			r.row = results.at(-1);
			return r;
		};
		for (const [cli, tag] of builds) {
			r = await timedNode([cli, '--file', empty, '--json', '--exit-at-end', ...withRules]);
			startRow(`edrtail --rules windows, empty file${tag}`, r, 'start-up + rule loading, in the wall times above');
			if (tag) versus(mine, r, false);
			else mine = r;
		}
		for (const [label, options] of [
			['pool', {}],
			['one thread', one],
		]) {
			for (const [cli, tag] of builds) {
				r = await timedNode(withCli(cli, [...withRules, '--hits-only', '--count', '1']), options);
				const notes = 'start-up + rule loading + the first batch';
				startRow(`edrtail --rules windows --hits-only --count 1, ${label}${tag}`, r, notes);
				if (tag) versus(mine, r, false);
				else mine = r;
			}
		}
	}

	const rsigma = rsigmaCommand();
	if (!rsigma)
		results.push({label: 'rsigma', notes: 'rsigma not on PATH, skipped (cargo install rsigma: ~12 minutes)'});
	else if (rules.missing) results.push({label: 'rsigma', notes: `skipped: ${rules.missing}`});
	else {
		const out = join(dir, 'rsigma.ndjson');
		const args = [...rsigma, '-r', rules.dir, '-e', `@${file}`, '--output-format', 'ndjson', '-q'];
		r = await timed('rsigma', args, {stdout: {file: out}});
		const matches = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
		add(`rsigma ${rsigma.join(' ')}`, r, `${fmt(matches)} matches (no logsource routing: every rule on every event)`);
	}
	return results;
}

try {
	const sizes = quick ? ' (quick sizes)' : '';
	console.log(`e2e-file: ${fmt(EVENTS)} Atomic-style Sysmon process creation events${sizes}; ${machineLine()}`);
	const t0 = performance.now();
	const w = await writeAtomicSysmon(file, EVENTS);
	console.log(
		`${file}: ${fmt(w.bytes / 1e6, 1)} MB, ${fmt(w.bytes / EVENTS)} B/event, ` +
			`from ${fmt(w.templates)} demo process creations (1 in 8 an Atomic Red Team command line), ` +
			`every line distinct; written in ${seconds(performance.now() - t0)} s`,
	);
	console.log('events/s = events in the file / wall time of the whole command (start-up and rule loading included)');
	console.log('edrtail --rules runs: rules/windows with --no-builtin-rules, the same rules rsigma evaluates');
	if (BASELINE) console.log(`[baseline]: ${BASELINE}, each row right after this build's`);
	const results = await measure();
	const base = results[0].rate;
	const rsigmaRate = results.find(x => x.label.startsWith('rsigma'))?.rate;
	const rows = [['run', 'events/s', 'x JSON baseline', 'x rsigma', 'wall s', 'notes']];
	for (const x of results) {
		rows.push([x.label, fmt(x.rate), ratio(x.rate, base), ratio(x.rate, rsigmaRate), seconds(x.ms), x.notes]);
	}
	console.log(table(rows));
} finally {
	rmSync(dir, {recursive: true, force: true});
}
