// The rules step of a run, and `edrtail rules check`. A rules path that names nothing is a usage
// error before anything starts: a typo in --rules must not turn detection off in silence.
import {randomUUID} from 'node:crypto';
import {type FileHandle, open} from 'node:fs/promises';
import type {AppProps} from '../app.js';
// The error class alone: workers load this file, and config/index.js loads every flag's parser and
// the demo generator (kafkajs with it); exit-status.js for the same reason.
import {ConfigError} from '../config/errors.js';
import type {RunConfig} from '../config/index.js';
import {findRuleFiles, formatLoadReport, loadPlaceholders, loadRuleFilesAsync, loadRules} from '../core/rules/index.js';
import type {LoadReport, ParsedRuleFeed, ParsedRuleFile, RuleFileList, TuningBackend} from '../core/rules/index.js';
import {escapeJsonText, expandHome, writeErrorText} from '../core/view/index.js';
import {EXIT} from './exit-status.js';
import type {LoadedRules} from './make-stages.js';
import {safeText, say} from './output.js';

/** The rule files under the paths; the first path that gives none is a ConfigError naming it. */
export function ruleFilesOrFail(paths: readonly string[], what: string): RuleFileList {
	const list = findRuleFiles(paths);
	const problem = list.problems[0];
	if (problem) throw new ConfigError(`${what} ${problem.path}: ${problem.reason}`);
	return list;
}

export function placeholdersOrFail(path: string | undefined): Record<string, string[]> | undefined {
	if (path === undefined) return undefined;
	try {
		return loadPlaceholders(path);
	} catch (error) {
		const e = error as NodeJS.ErrnoException;
		throw new ConfigError(`--placeholders ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message.split('\n')[0]}`);
	}
}

/** What a run needs before loading: checked paths and placeholders, so errors come before the screen. */
export interface RulesPlan {
	list: RuleFileList;
	builtin: boolean;
	placeholders?: Record<string, string[]>;
	/** --rules was given: say how loading went. */
	named: boolean;
	correlation?: {lateAllowanceMs?: number; maxGroups?: number; maxGroupsPerCorrelation?: number};
}

export function planRules(config: RunConfig): RulesPlan {
	const {paths, builtin} = config.rules;
	const placeholders = placeholdersOrFail(config.rules.placeholders);
	const {lateAllowanceMs, maxGroups} = config.rules;
	return {
		list: ruleFilesOrFail(paths, '--rules'),
		builtin,
		placeholders,
		named: paths.length > 0,
		correlation: {lateAllowanceMs, maxGroups, maxGroupsPerCorrelation: maxGroups},
	};
}

/**
 * Loads the plan's rules a slice at a time; `onProgress` hears "rules N/M". `parsed`: the plan's
 * files already read and parsed by another thread (parseRuleFiles), compiled here; or a feed of
 * them that fills while this compiles (ParsedRuleFeed). `tallies` and `lazy`: see AsyncLoadOptions.
 */
export async function loadPlanned(
	plan: RulesPlan,
	onProgress?: (text: string) => void,
	parsed?: readonly ParsedRuleFile[] | ParsedRuleFeed,
	{tallies = true, lazy = false}: {tallies?: boolean; lazy?: boolean} = {},
): Promise<LoadedRules> {
	const {engine, report} = await loadRuleFilesAsync(plan.list, {
		builtin: plan.builtin,
		placeholders: plan.placeholders,
		correlation: plan.correlation,
		onProgress: onProgress && ((done, total) => onProgress(`rules ${done}/${total}`)),
		parsed,
		tallies,
		lazy,
	});
	return {engine: engine.rules.length ? engine : undefined, report};
}

/** The skipped rules and unreadable files, one list, as the screen and the summary line count them. */
export function skippedOf(report: LoadReport | undefined): Array<{path: string; document?: number; reason: string}> {
	if (!report) return [];
	return [...report.unreadable.map(u => ({path: u.path, reason: `unreadable: ${u.reason}`})), ...report.skipped];
}

/** One stderr line after loading for --json runs: how many rules, how many skipped, where to see why. */
export function loadSummary(report: LoadReport): string {
	const skipped = skippedOf(report).length;
	const why = skipped ? ' (edrtail rules check PATH shows why)' : '';
	const builtin = report.builtin ? ` (+${report.builtin} built-in)` : '';
	return `${report.loaded - report.builtin} rules loaded${builtin}, ${skipped} skipped${why}`;
}

export interface RulesCheckIo {
	out: NodeJS.WritableStream;
	err: NodeJS.WritableStream;
}

/**
 * `edrtail rules check PATH...`: the load report, escaped for the terminal (rule text and file names
 * are input). Exit 2 for a path that gives no rules, 1 when a file below it could not be read.
 */
export function runRulesCheck(
	paths: string[],
	flags: {json?: boolean; placeholders?: string; format?: string},
	io: RulesCheckIo,
): number {
	if (paths.length === 0) throw new ConfigError('usage: edrtail rules check PATH... [--json] [--placeholders FILE]');
	ruleFilesOrFail(paths, 'rules check');
	const placeholders = placeholdersOrFail(flags.placeholders);
	const {report} = loadRules(paths, {builtin: false, placeholders});
	const text = formatLoadReport(report, {json: flags.json, format: flags.format});
	io.out.write(`${flags.json ? escapeJsonText(text) : safeText(text)}\n`);
	if (report.unreadable.length) {
		say(io.err, `${report.unreadable.length} path${report.unreadable.length === 1 ? '' : 's'} could not be read`);
		return EXIT.failure;
	}
	return EXIT.ok;
}

/**
 * Writes a filter file the tuning loop made. The name is the analyst's: an existing file is never
 * replaced (they are told, and pick another name). Mode 0600: the values are telemetry (a
 * command line may carry a password, a user name is personal data); sharing the file is a
 * deliberate step after reading it. The message names the file as the analyst typed it.
 */
export async function writeFilterFile(path: string, text: string): Promise<void> {
	const target = expandHome(path.trim());
	let handle: FileHandle | undefined;
	try {
		handle = await open(target, 'wx', 0o600);
		await handle.writeFile(text, 'utf8');
	} catch (error) {
		// The reason first: the status bar cuts a long path at the right.
		const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
		throw new Error(exists ? `exists, not overwritten: ${target}` : writeErrorText(error, target));
	} finally {
		await handle?.close();
	}
}

/** The screen's tuning loop on a rule engine's backend: filters applied live, written where the analyst says. */
export function tuningOf(backend: TuningBackend): NonNullable<AppProps['tuning']> {
	return {
		backend,
		writeFile: writeFilterFile,
		newId: () => randomUUID(),
		today: () => new Date().toISOString().slice(0, 10),
	};
}
