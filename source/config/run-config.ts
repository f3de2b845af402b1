// Flags and environment -> one validated run configuration. Pure: no files, no network, so every
// rule about which flag wins is unit-tested. Errors are one line, for the user. The Kafka
// connection is resolved later, when the source starts (connection.ts): it reads files and may ask
// for a password.
import {CATEGORIES, FAMILIES, FORMAT_NAMES, LEVELS, familyOf} from '../core/event.js';
import type {Category, FormatName, Level} from '../core/event.js';
import {DEFAULT_MAX_INFLATE_BYTES} from '../core/formats/index.js';
import {DEFAULT_CAPACITY} from '../core/store/index.js';
import {parseQuery} from '../core/view/index.js';
import {checkFeedFlags} from './applies.js';
import {ConfigError} from './errors.js';
import type {ParsedFlags} from './flags.js';
import {splitList} from './lists.js';
import {positive, positiveInteger} from './numbers.js';
import {suggest} from './suggest.js';
import {chooseSource, sourceName, type SourceConfig} from './source.js';
import {timeConfigOf, type TimeConfig} from './time.js';

export interface RunConfig {
	output: 'tui' | 'json';
	source: SourceConfig;
	format: FormatName | 'auto';
	maxInflateBytes: number;
	rules: {
		paths: string[];
		builtin: boolean;
		placeholders?: string;
		minLevel?: Level;
		/** Correlations: how late (event time) an event may arrive and count, ms; live groups at most. */
		lateAllowanceMs?: number;
		maxGroups?: number;
	};
	filter: {categories?: Category[]; search?: string; hitsOnly: boolean};
	exitAtEnd: boolean;
	count?: number;
	maxEvents: number;
	noColor: boolean;
	/** --hits-to: the topic (on the cluster read from) that events with a hit are published to. */
	hitsTo?: string;
	/** --utc, --since, --until (resolved against the time the configuration was built). */
	time: TimeConfig;
	/** EDRTAIL_THREADS: the headless run's worker threads (0: none, all on one thread); default the cores. */
	threads?: number;
}

export type PathKind = 'file' | 'directory' | 'missing' | 'other';

export interface Environment {
	env: Record<string, string | undefined>;
	stdoutIsTTY: boolean;
	/** What is at a path (the CLI: a stat); without it, a named file is taken to be there. */
	pathKind?: (path: string) => PathKind;
	/** What relative and clock times (--since -15m, --until 18:00) count from; default the clock. */
	now?: number;
}

export function buildConfig(
	flags: ParsedFlags,
	input: string[],
	{env, stdoutIsTTY, pathKind, now = Date.now()}: Environment,
): RunConfig {
	const source = chooseSource(flags, input, env);
	const output = flags.json || !stdoutIsTTY ? 'json' : 'tui';
	checkFeedFlags(flags, {kind: source.kind, name: sourceName(source, flags)}, output);
	if (source.kind === 'file' && pathKind) checkInputFile(source.path, pathKind(source.path));
	const format = flags.format ?? 'auto';
	if (format !== 'auto' && !(FORMAT_NAMES as readonly string[]).includes(format)) {
		throw new ConfigError(`--format must be one of ${FORMAT_NAMES.join(', ')} (got "${format}")`);
	}
	const minLevel = flags.minLevel?.toLowerCase();
	if (minLevel !== undefined && !(LEVELS as readonly string[]).includes(minLevel)) {
		throw new ConfigError(`--min-level must be one of ${LEVELS.join(', ')} (got "${flags.minLevel}")`);
	}
	const search = flags.search || undefined;
	// The same parser the search bar uses; its first problem is the usage error.
	const problem = search === undefined ? undefined : parseQuery(search).errors[0];
	if (problem !== undefined) throw new ConfigError(`--search: ${problem}`);
	if (flags.hitsTo !== undefined) checkHitsTo(flags.hitsTo, source, output);
	const time = timeConfigOf(flags, now);
	let exitAtEnd = Boolean(flags.exitAtEnd);
	if (source.kind === 'kafka') {
		// --since on Kafka seeks there first (the offsets for that timestamp), unless --from says otherwise.
		if (time.since !== undefined && flags.from === undefined) source.kafka.from = new Date(time.since).toISOString();
		// An --until already past: a partition with nothing after it ends at the end it has now.
		if (time.until !== undefined && time.until <= now) exitAtEnd = true;
	}
	return {
		output,
		source,
		format: format as FormatName | 'auto',
		maxInflateBytes: positive(flags.maxInflate, '--max-inflate') ?? DEFAULT_MAX_INFLATE_BYTES,
		rules: {
			paths: flags.rules ?? [],
			builtin: flags.builtinRules !== false,
			placeholders: flags.placeholders,
			minLevel: minLevel as Level | undefined,
			lateAllowanceMs: lateAllowanceMs(flags.lateAllowance),
			maxGroups: positiveInteger(flags.maxGroups, '--max-groups'),
		},
		filter: {
			categories: parseCategories(flags.category),
			search,
			hitsOnly: Boolean(flags.hitsOnly),
		},
		exitAtEnd,
		count: positiveInteger(flags.count, '--count'),
		maxEvents: positiveInteger(flags.maxEvents, '--max-events') ?? DEFAULT_CAPACITY,
		hitsTo: flags.hitsTo,
		time,
		noColor: flags.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb',
		threads: threadsOf(env.EDRTAIL_THREADS),
	};
}

/** EDRTAIL_THREADS: 0 to 4 worker threads for a headless run. */
function threadsOf(text: string | undefined): number | undefined {
	if (text === undefined || text === '') return undefined;
	const n = Number(text);
	if (!Number.isInteger(n) || n < 0 || n > 4) throw new ConfigError(`EDRTAIL_THREADS must be 0 to 4 (got ${text})`);
	return n;
}

function checkInputFile(path: string, kind: PathKind): void {
	if (kind === 'missing') {
		// `edrtail chek`: an argument is a file unless it names a command.
		const command = path.includes('/') ? undefined : suggest(path, ['rules', 'produce', 'help']);
		throw new ConfigError(`cannot read ${path}: no such file${command ? ` (did you mean edrtail ${command}?)` : ''}`);
	}
	if (kind === 'directory') throw new ConfigError(`cannot read ${path}: it is a directory (--file takes one file)`);
}

// A detector publishes to the cluster it reads, and runs headless (the screen tails the hits topic).
function checkHitsTo(topic: string, source: SourceConfig, output: 'tui' | 'json'): void {
	if (topic.trim() === '' || topic.startsWith('/'))
		throw new ConfigError(`--hits-to needs a topic name (got "${topic}")`);
	if (source.kind !== 'kafka')
		throw new ConfigError('--hits-to publishes to the Kafka cluster it reads: it needs -b and -t');
	if (output !== 'json') throw new ConfigError('--hits-to runs headless: add --json');
	if (source.kafka.topics.includes(topic))
		throw new ConfigError(`--hits-to ${topic} is also read (-t): hits would be read back`);
}

function parseCategories(values: string[] | undefined): Category[] | undefined {
	if (!values?.length) return undefined;
	const out = new Set<Category>();
	for (const value of values.flatMap(v => splitList(v))) {
		const wanted = value.toLowerCase();
		const family = FAMILIES.find(f => f === wanted);
		const matches = CATEGORIES.filter(c => (family ? familyOf(c) === family : c.toLowerCase() === wanted));
		if (matches.length === 0) {
			const hint = `a family: ${FAMILIES.join(', ')}; or a category such as "Process Creation"`;
			throw new ConfigError(`--category: unknown "${value}" (${hint})`);
		}
		for (const m of matches) out.add(m);
	}
	return [...out];
}

/** `--late-allowance 0` is meaningful (on time only); a negative or non-number value is not. */
function lateAllowanceMs(seconds: number | undefined): number | undefined {
	if (seconds === undefined) return undefined;
	if (!Number.isFinite(seconds) || seconds < 0)
		throw new ConfigError(`--late-allowance must be 0 or more seconds (got "${seconds}")`);
	return seconds * 1000;
}
