// Which source the flags choose (demo, file, stdin, Kafka), and what each one is given.
import {DEFAULT_DEMO_FORMAT, DEFAULT_DEMO_RATE, DEFAULT_SEED, DEMO_WIRE_FORMATS} from '../core/demo/index.js';
import type {DemoWireFormat} from '../core/demo/index.js';
import {checkBrokersNamed} from './brokers.js';
import {ConfigError} from './errors.js';
import {connectionFlagsOf, type ConnectionFlags, type ParsedFlags} from './flags.js';
import {splitList} from './lists.js';
import {positive} from './numbers.js';

/** The Kafka part of a run: what to read, and the connection flags (resolved when the source starts). */
export interface KafkaFlags extends ConnectionFlags {
	brokers: string[];
	topics: string[];
	from: string;
	group?: string;
	commit: boolean;
}

export type SourceConfig =
	| {kind: 'demo'; rate: number; seed: number; format: DemoWireFormat}
	| {kind: 'file'; path: string; follow: boolean}
	| {kind: 'stdin'}
	| {kind: 'kafka'; kafka: KafkaFlags};

export function chooseSource(
	flags: ParsedFlags,
	input: string[],
	env: Record<string, string | undefined>,
): SourceConfig {
	const wantsKafka = Boolean(flags.brokers?.length || flags.topic?.length || flags.properties?.length || flags.profile);
	const path = flags.file ?? input[0];
	if (input.length > 1) throw new ConfigError(`one input at a time (got ${input.join(' ')})`);
	const asFile = path !== undefined && (path === '-' ? 'stdin' : 'file');
	const chosen = [flags.demo && 'demo', asFile, wantsKafka && 'kafka'].filter(Boolean);
	if (chosen.length > 1) throw new ConfigError(`choose one source, not ${chosen.join(' and ')}`);
	if (flags.follow && (path === undefined || path === '-')) {
		throw new ConfigError('--follow goes with a file (--file PATH)');
	}
	if (flags.follow && path?.endsWith('.gz')) throw new ConfigError('--follow cannot tail a .gz file');

	if (path === '-') return {kind: 'stdin'};
	if (path !== undefined) return {kind: 'file', path, follow: Boolean(flags.follow)};
	if (wantsKafka) return {kind: 'kafka', kafka: kafkaFlags(flags, env)};
	const format = demoFormatOf(flags.demoFormat);
	if (!format) throw new ConfigError(`--demo-format must be one of ${DEMO_FORMAT_LIST} (got "${flags.demoFormat}")`);
	const rate = positive(flags.rate, '--rate') ?? DEFAULT_DEMO_RATE;
	return {kind: 'demo', format, rate, seed: flags.seed ?? DEFAULT_SEED};
}

function kafkaFlags(flags: ParsedFlags, env: Record<string, string | undefined>): KafkaFlags {
	const topics = (flags.topic ?? []).flatMap(t => splitList(t));
	if (topics.length === 0) throw new ConfigError('no topic: add -t NAME (or -t /regex/)');
	const brokers = (flags.brokers ?? []).flatMap(b => splitList(b));
	checkBrokersNamed(brokers, flags, env);
	if (flags.commit && !flags.group) {
		throw new ConfigError('--commit needs --group: edrtail never commits for its ephemeral group');
	}
	return {
		...connectionFlagsOf(flags),
		brokers,
		topics,
		// A named group resumes where it left off; the ephemeral one has nothing to resume.
		from: flags.from ?? (flags.group ? 'committed' : 'latest'),
		group: flags.group,
		commit: Boolean(flags.commit),
	};
}

/** The source as a message names it: "the file x.ndjson", "the demo (the default source)". */
export function sourceName(source: SourceConfig, flags: ParsedFlags): string {
	switch (source.kind) {
		case 'demo':
			return flags.demo ? 'the demo' : 'the demo (the default source)';
		case 'file':
			return `the file ${source.path}`;
		case 'stdin':
			return 'stdin';
		case 'kafka':
			return 'Kafka';
	}
}

export const DEMO_FORMAT_LIST = DEMO_WIRE_FORMATS.join(', ');

/** A demo wire format by name, the demo's default when absent; undefined when there is no such format. */
export function demoFormatOf(name: string | undefined): DemoWireFormat | undefined {
	const format = (name ?? DEFAULT_DEMO_FORMAT) as DemoWireFormat;
	return DEMO_WIRE_FORMATS.includes(format) ? format : undefined;
}
