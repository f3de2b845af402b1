// Flags and environment -> one validated run configuration. Pure: no files, no network, so every
// rule about which flag wins is unit-tested. Errors are one line, for the user. The Kafka
// connection is resolved later, when the source starts (connection.ts): it reads files and may ask
// for a password.
import {CATEGORIES, FAMILIES, FORMAT_NAMES, LEVELS, familyOf} from '../core/event.js';
import type {Category, FormatName, Level} from '../core/event.js';
import {DEFAULT_MAX_INFLATE_BYTES} from '../core/formats/index.js';
import {DEFAULT_CAPACITY} from '../core/store/index.js';
import {ConfigError} from './errors.js';
import type {ParsedFlags} from './flags.js';
import {splitList} from './lists.js';
import {positive} from './numbers.js';
import {chooseSource, type SourceConfig} from './source.js';

export interface RunConfig {
	output: 'tui' | 'json';
	source: SourceConfig;
	format: FormatName | 'auto';
	maxInflateBytes: number;
	rules: {paths: string[]; builtin: boolean; placeholders?: string; minLevel?: Level};
	filter: {categories?: Category[]; search?: string; hitsOnly: boolean};
	exitAtEnd: boolean;
	count?: number;
	maxEvents: number;
	noColor: boolean;
}

export interface Environment {
	env: Record<string, string | undefined>;
	stdoutIsTTY: boolean;
}

export function buildConfig(flags: ParsedFlags, input: string[], {env, stdoutIsTTY}: Environment): RunConfig {
	const source = chooseSource(flags, input, env);
	const format = flags.format ?? 'auto';
	if (format !== 'auto' && !(FORMAT_NAMES as readonly string[]).includes(format)) {
		throw new ConfigError(`--format must be one of ${FORMAT_NAMES.join(', ')} (got "${format}")`);
	}
	const minLevel = flags.minLevel?.toLowerCase();
	if (minLevel !== undefined && !(LEVELS as readonly string[]).includes(minLevel)) {
		throw new ConfigError(`--min-level must be one of ${LEVELS.join(', ')} (got "${flags.minLevel}")`);
	}
	return {
		output: flags.json || !stdoutIsTTY ? 'json' : 'tui',
		source,
		format: format as FormatName | 'auto',
		maxInflateBytes: positive(flags.maxInflate, '--max-inflate') ?? DEFAULT_MAX_INFLATE_BYTES,
		rules: {
			paths: flags.rules ?? [],
			builtin: flags.builtinRules !== false,
			placeholders: flags.placeholders,
			minLevel: minLevel as Level | undefined,
		},
		filter: {
			categories: parseCategories(flags.category),
			search: flags.search || undefined,
			hitsOnly: Boolean(flags.hitsOnly),
		},
		exitAtEnd: Boolean(flags.exitAtEnd),
		count: positive(flags.count, '--count'),
		maxEvents: positive(flags.maxEvents, '--max-events') ?? DEFAULT_CAPACITY,
		noColor: flags.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb',
	};
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
