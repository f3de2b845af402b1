#!/usr/bin/env node
// flags -> config -> source -> pipeline -> screen or NDJSON. Side effects (argv, env, signals,
// terminal modes, exit codes) live here and in source/cli/, nowhere else.
import {statSync} from 'node:fs';
import meow from 'meow';
import {readArgv} from './source/cli/argv.js';
import {EXIT, EXIT_SIGNALS, errorExitCode} from './source/cli/exit-codes.js';
import {FLAGS, HELP} from './source/cli/flags.js';
import {makeSource, resolveConnectionFromFlags, warnIgnoredKeys} from './source/cli/make-source.js';
import {decodeOptionsOf, makeStages, makeOutputFilter} from './source/cli/make-stages.js';
import {say} from './source/cli/output.js';
import {loadPlanned, loadSummary, planRules, runRulesCheck} from './source/cli/rules.js';
import {createHitsPublisher} from './source/cli/hits-to.js';
import {runJson} from './source/cli/run-json.js';
import {runCheckCommand} from './source/cli/run-check.js';
import {runProduceCommand} from './source/cli/run-produce.js';
import {waitingSource} from './source/cli/waiting-source.js';
import {JsonPool, poolWanted, rulesBesidePool} from './source/cli/worker/json-pool.js';
import {buildConfig, checkRulesCheckFlags, ConfigError, type PathKind, type RunConfig} from './source/config/index.js';
import {CATEGORIES as CATEGORY_LIST} from './source/core/event.js';

async function main(): Promise<number> {
	const argv = readArgv(process.argv.slice(2), FLAGS);
	if (argv.kind === 'help') {
		process.stdout.write(`${HELP.replace(/^\n/, '').trimEnd()}\n`);
		return EXIT.ok;
	}
	const cli = meow(HELP, {
		importMeta: import.meta,
		argv: argv.kind === 'version' ? ['--version'] : argv.argv,
		flags: FLAGS,
		allowUnknownFlags: false,
		booleanDefault: undefined,
	});
	const [command, ...rest] = cli.input;
	if (command === 'rules') {
		if (rest[0] !== 'check') throw new ConfigError('usage: edrtail rules check PATH... [--json] [--placeholders FILE]');
		checkRulesCheckFlags(cli.flags);
		return runRulesCheck(rest.slice(1), cli.flags, {out: process.stdout, err: process.stderr});
	}
	if (command === 'produce') return runProduceCommand(cli.flags, rest);
	if (command === 'check') return runCheckCommand(cli.flags, rest, {out: process.stdout, err: process.stderr});

	const environment = {env: process.env, stdoutIsTTY: Boolean(process.stdout.isTTY), pathKind};
	const config = buildConfig(cli.flags, cli.input, environment);
	// Every usage error before anything starts: rules paths, placeholders, the connection (which
	// may prompt for a password, so before the full screen too).
	const plan = planRules(config);
	// Resolved once; a retry reuses it.
	let connection: ReturnType<typeof resolveConnectionFromFlags> | undefined;
	const resolve = async (flags: Parameters<typeof resolveConnectionFromFlags>[0]) => {
		const resolved = await resolveConnectionFromFlags(flags);
		warnIgnoredKeys(resolved);
		return resolved;
	};
	const deps = {resolveConnection: (flags: Parameters<typeof resolve>[0]) => (connection ??= resolve(flags))};

	if (config.output === 'json') {
		const source = await makeSource(config, deps);
		// A progress line only where someone watches, and only when loading takes a while.
		const watched = process.stderr.isTTY && plan.list.files.length > 200;
		const progress = watched ? (text: string) => process.stderr.write(`\redrtail: loading ${text}`) : undefined;
		const passes = makeOutputFilter(config);
		// Decode, rules and lines on worker threads (each loads the rules), or all here. Correlations
		// (the built-in ones too) run on this thread: it loads what they need once the workers are up.
		const threads = poolWanted(config, path => statSync(path).size);
		const hitsToo = Boolean(config.hitsTo);
		const pool = threads ? await JsonPool.open({config, plan, threads, hits: hitsToo, progress}) : undefined;
		const rules = pool ? await rulesBesidePool(plan, pool.loadReport) : await loadPlanned(plan, progress);
		if (progress) process.stderr.write('\r\x1b[K');
		if (plan.named && rules.report) say(process.stderr, loadSummary(rules.report));
		const abort = new AbortController();
		for (const signal of EXIT_SIGNALS) process.once(signal, () => abort.abort(signal));
		const stages = makeStages(config, rules);
		const decode = decodeOptionsOf(config);
		const {stdout: out, stderr: err} = process;
		const {hitsTo, source: from} = config;
		// --hits-to publishes to the cluster read (the config checked that the source is Kafka).
		const hits =
			hitsTo && from.kind === 'kafka'
				? await createHitsPublisher(await deps.resolveConnection(from.kafka), hitsTo)
				: undefined;
		// Live from Kafka, a detector may start before its broker: it waits (--exit-at-end fails fast).
		const live =
			from.kind === 'kafka' && !config.exitAtEnd
				? waitingSource(source, {create: () => makeSource(config, deps), say: text => say(err, text)})
				: source;
		const {time} = config;
		const run = {source: live, stages, passes, pool, decode, count: config.count, hits, out, err, time};
		return runJson({...run, abort: abort.signal});
	}
	// The full screen builds the source and loads the rules on its pipeline thread; only the
	// connection is resolved here (it may ask for a password on this terminal, before the screen).
	const from = config.source;
	const kafka = from.kind === 'kafka' ? await deps.resolveConnection(from.kafka) : undefined;
	// chalk (under Ink) reads --no-color from argv and then drops inverse and bold too, which the
	// no-colour theme needs to show selection and hits: our theme handles colour, so hide the flag.
	process.argv = process.argv.filter(a => a !== '--no-color' && a !== '--color=false');
	const {runTui} = await import('./source/cli/run-tui.js');
	return runTui({
		config,
		plan,
		connection: kafka,
		initial: {
			hiddenCategories: hiddenFrom(config),
			search: config.filter.search,
			hitsOnly: config.filter.hitsOnly,
			utc: config.time.utc,
		},
		retry: from.kind === 'kafka',
	});
}

function pathKind(path: string): PathKind {
	try {
		const s = statSync(path);
		return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
	} catch {
		return 'missing';
	}
}

function hiddenFrom(config: RunConfig) {
	const wanted = config.filter.categories;
	if (!wanted) return undefined;
	return CATEGORY_LIST.filter(c => !wanted.includes(c));
}

main().then(
	code => {
		process.exitCode = code;
		// Sources may hold sockets or timers after stop (kafkajs): do not wait for them.
		setTimeout(() => process.exit(code), 100).unref();
	},
	(error: unknown) => {
		say(process.stderr, error instanceof Error ? error.message : String(error));
		process.exit(errorExitCode(error));
	},
);
