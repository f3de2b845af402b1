// Flags and environment -> one validated run configuration. Pure: no files, no network, so every
// rule about which flag wins is unit-tested. Errors are one line, for the user.
import {
	DEFAULT_DEMO_FORMAT,
	DEFAULT_DEMO_RATE,
	DEFAULT_SEED,
	DEMO_WIRE_FORMATS,
	type DemoWireFormat,
} from './core/demo/index.js';
import type {ConnectionFlags} from './core/sources/index.js';
import {CATEGORIES, FAMILIES, FORMAT_NAMES, LEVELS, familyOf, type Category, type FormatName, type Level} from './core/event.js';

export class ConfigError extends Error {}

export interface KafkaFlags {
	brokers: string[];
	topics: string[];
	from: string;
	group?: string;
	commit: boolean;
	properties: string[];
	x: string[];
	profile?: string;
	saslMechanism?: string;
	saslUsername?: string;
	tls: boolean;
	tlsCa?: string;
	tlsCert?: string;
	tlsKey?: string;
	tlsNoVerifyHostname: boolean;
	tlsInsecure: boolean;
}

export type SourceConfig =
	| {kind: 'demo'; rate: number; seed: number; format: DemoWireFormat}
	| {kind: 'file'; path: string; follow: boolean}
	| {kind: 'stdin'}
	| {kind: 'kafka'; kafka: KafkaFlags};

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

/** The subset of meow's parsed flags this module reads (names as in cli/flags.ts). */
export interface ParsedFlags extends ConnectionFlags {
	demo?: boolean;
	rate?: number;
	seed?: number;
	demoFormat?: string;
	topic?: string[];
	from?: string;
	group?: string;
	commit?: boolean;
	file?: string;
	follow?: boolean;
	format?: string;
	maxInflate?: number;
	rules?: string[];
	builtinRules?: boolean;
	placeholders?: string;
	minLevel?: string;
	json?: boolean;
	category?: string[];
	search?: string;
	hitsOnly?: boolean;
	exitAtEnd?: boolean;
	count?: number;
	maxEvents?: number;
	color?: boolean;
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
		maxInflateBytes: positive(flags.maxInflate, '--max-inflate') ?? 64 * 1024 * 1024,
		rules: {paths: flags.rules ?? [], builtin: flags.builtinRules !== false, placeholders: flags.placeholders, minLevel: minLevel as Level | undefined},
		filter: {categories: parseCategories(flags.category), search: flags.search || undefined, hitsOnly: Boolean(flags.hitsOnly)},
		exitAtEnd: Boolean(flags.exitAtEnd),
		count: positive(flags.count, '--count'),
		maxEvents: positive(flags.maxEvents, '--max-events') ?? 50_000,
		noColor: flags.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb',
	};
}

function chooseSource(flags: ParsedFlags, input: string[], env: Record<string, string | undefined>): SourceConfig {
	const wantsKafka = Boolean(flags.brokers?.length || flags.topic?.length || flags.properties?.length || flags.profile);
	const path = flags.file ?? input[0];
	if (input.length > 1) throw new ConfigError(`one input at a time (got ${input.join(' ')})`);
	const chosen = [flags.demo && 'demo', path !== undefined && (path === '-' ? 'stdin' : 'file'), wantsKafka && 'kafka'].filter(Boolean);
	if (chosen.length > 1) throw new ConfigError(`choose one source, not ${chosen.join(' and ')}`);
	if (flags.follow && (path === undefined || path === '-')) throw new ConfigError('--follow goes with a file (--file PATH)');

	if (path === '-') return {kind: 'stdin'};
	if (path !== undefined) return {kind: 'file', path, follow: Boolean(flags.follow)};
	if (wantsKafka) {
		const topics = (flags.topic ?? []).flatMap(t => splitList(t));
		if (topics.length === 0) throw new ConfigError('no topic: add -t NAME (or -t /regex/)');
		const brokers = (flags.brokers ?? []).flatMap(b => splitList(b));
		if (brokers.length === 0 && !flags.properties?.length && !flags.profile && !env.EDRTAIL_BROKERS && !flags.x?.some(x => /^(bootstrap\.servers|metadata\.broker\.list)=/.test(x))) {
			throw new ConfigError('no brokers: add -b HOST:PORT (or -F FILE, --profile NAME, EDRTAIL_BROKERS)');
		}
		if (flags.commit && !flags.group) throw new ConfigError('--commit needs --group: edrtail never commits for its ephemeral group');
		return {kind: 'kafka', kafka: kafkaFlagsFrom(flags, brokers, topics)};
	}
	const demoFormat = (flags.demoFormat ?? DEFAULT_DEMO_FORMAT) as DemoWireFormat;
	if (!DEMO_WIRE_FORMATS.includes(demoFormat)) {
		throw new ConfigError(`--demo-format must be one of ${DEMO_WIRE_FORMATS.join(', ')} (got "${flags.demoFormat}")`);
	}
	const rate = positive(flags.rate, '--rate') ?? DEFAULT_DEMO_RATE;
	return {kind: 'demo', rate, seed: flags.seed ?? DEFAULT_SEED, format: demoFormat};
}

/** The Kafka part of the flags, shared by the feed and `edrtail produce`. */
export function kafkaFlagsFrom(flags: ParsedFlags, brokers: string[], topics: string[]): KafkaFlags {
	return {
		brokers,
		topics,
		// A named group resumes where it left off; the ephemeral one has nothing to resume.
		from: flags.from ?? (flags.group ? 'committed' : 'latest'),
		group: flags.group,
		commit: Boolean(flags.commit),
		properties: flags.properties ?? [],
		x: flags.x ?? [],
		profile: flags.profile,
		saslMechanism: flags.saslMechanism,
		saslUsername: flags.saslUsername,
		tls: Boolean(flags.tls),
		tlsCa: flags.tlsCa,
		tlsCert: flags.tlsCert,
		tlsKey: flags.tlsKey,
		tlsNoVerifyHostname: Boolean(flags.tlsNoVerifyHostname),
		tlsInsecure: Boolean(flags.tlsInsecure),
	};
}

export function splitList(value: string): string[] {
	// A /regex/ topic may itself contain commas: keep it whole.
	if (value.startsWith('/') && value.endsWith('/') && value.length > 1) return [value];
	return value
		.split(',')
		.map(s => s.trim())
		.filter(Boolean);
}

function parseCategories(values: string[] | undefined): Category[] | undefined {
	if (!values?.length) return undefined;
	const out = new Set<Category>();
	for (const value of values.flatMap(v => splitList(v))) {
		const wanted = value.toLowerCase();
		const family = FAMILIES.find(f => f === wanted);
		const matches = family ? CATEGORIES.filter(c => familyOf(c) === family) : CATEGORIES.filter(c => c.toLowerCase() === wanted);
		if (matches.length === 0) throw new ConfigError(`--category: unknown "${value}" (a family: ${FAMILIES.join(', ')}; or a category such as "Process Creation")`);
		for (const m of matches) out.add(m);
	}
	return [...out];
}


function positive(value: number | undefined, flag: string): number | undefined {
	if (value === undefined) return undefined;
	if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${flag} must be a positive number (got ${value})`);
	return value;
}
