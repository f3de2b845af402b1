#!/usr/bin/env node
// flags -> config -> source -> pipeline -> screen or NDJSON. Side effects (argv, env, signals,
// terminal modes, exit codes) live here and in source/cli/, nowhere else.
import meow from 'meow';
import {FLAGS, HELP, joinDashValues} from './source/cli/flags.js';
import {buildConfig, ConfigError, type RunConfig} from './source/config/index.js';
import {makeSource, resolveConnectionFromFlags} from './source/cli/make-source.js';
import {makeStages, makeOutputFilter, type LoadedRules} from './source/cli/make-stages.js';
import {runJson} from './source/cli/run-json.js';
import {runProduceCommand} from './source/cli/run-produce.js';
import {runRulesCheck} from './source/core/rules/index.js';
import {CATEGORIES as CATEGORY_LIST} from './source/core/event.js';

const cli = meow(HELP, {importMeta: import.meta, argv: joinDashValues(process.argv.slice(2)), flags: FLAGS, allowUnknownFlags: false, booleanDefault: undefined});

async function main(): Promise<number> {
	const [command, ...rest] = cli.input;
	if (command === 'rules') {
		if (rest[0] !== 'check' || rest.length < 2) throw new ConfigError('usage: edrtail rules check PATH... [--json]');
		const {output, exitCode} = await runRulesCheck(rest.slice(1), {json: Boolean(cli.flags.json), placeholders: cli.flags.placeholders});
		process.stdout.write(output.endsWith('\n') ? output : output + '\n');
		return exitCode;
	}
	if (command === 'produce') return runProduceCommand(cli.flags, rest);

	const config = buildConfig(cli.flags, cli.input, {env: process.env, stdoutIsTTY: Boolean(process.stdout.isTTY)});
	const rules = await loadRulesFor(config);
	// Resolved once (it may prompt for a password); a retry reuses it.
	let connection: ReturnType<typeof resolveConnectionFromFlags> | undefined;
	const deps = {resolveConnection: (flags: Parameters<typeof resolveConnectionFromFlags>[0]) => (connection ??= resolveConnectionFromFlags(flags))};
	const source = await makeSource(config, deps);
	const stages = makeStages(config, rules);

	if (config.output === 'json') {
		return runJson({source, stages, passes: makeOutputFilter(config), count: config.count, out: process.stdout, err: process.stderr});
	}
	// chalk (under Ink) reads --no-color from argv and then drops inverse and bold too, which the
	// no-colour theme needs to show selection and hits: our theme handles colour, so hide the flag.
	process.argv = process.argv.filter(a => a !== '--no-color' && a !== '--color=false');
	const {runTui} = await import('./source/cli/run-tui.js');
	return runTui({
		source,
		stages,
		maxEvents: config.maxEvents,
		rules: rules.engine?.rules ?? [],
		initial: {hiddenCategories: hiddenFrom(config), search: config.filter.search, hitsOnly: config.filter.hitsOnly},
		noColor: config.noColor,
		recreateSource: config.source.kind === 'kafka' ? () => makeSource(config, deps) : undefined,
	});
}

async function loadRulesFor(config: RunConfig): Promise<LoadedRules> {
	const {loadRules, loadPlaceholders} = await import('./source/core/rules/index.js');
	const placeholders = config.rules.placeholders ? await loadPlaceholders(config.rules.placeholders) : undefined;
	const {engine, report} = await loadRules(config.rules.paths, {builtin: config.rules.builtin, placeholders});
	if (config.rules.paths.length && config.output === 'json') {
		process.stderr.write(`edrtail: ${report.loaded} rules loaded, ${report.skipped.length} skipped (edrtail rules check PATH shows why)\n`);
	}
	return {engine: engine.rules.length ? engine : undefined, report};
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
		const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
		process.stderr.write(`edrtail: ${message.split('\n')[0]}\n`);
		process.exit(error instanceof ConfigError ? 2 : 1);
	},
);
