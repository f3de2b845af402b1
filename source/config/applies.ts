// Flags that mean something only for one source, one output or one command. Given where they do
// not apply they are refused, naming the flag and what the run is: ignoring --from on a file or
// --group on the demo in silence hides a mistake the user would want to hear about.
import {ConfigError} from './errors.js';
import type {ParsedFlags} from './flags.js';

type FlagName = keyof ParsedFlags | 'duration' | 'partitions';
type AnyFlags = Partial<Record<FlagName, unknown>>;

/** Flags that only a Kafka source reads (-b, -t, -F and --profile choose Kafka themselves). */
const KAFKA_ONLY: readonly FlagName[] = [
	'from',
	'group',
	'commit',
	'x',
	'saslMechanism',
	'saslUsername',
	'tls',
	'tlsCa',
	'tlsCert',
	'tlsKey',
	'tlsNoVerifyHostname',
	'tlsInsecure',
];
const CHOOSE_KAFKA: readonly FlagName[] = ['brokers', 'topic', 'properties', 'profile'];
const DEMO_ONLY: readonly FlagName[] = ['rate', 'seed', 'demoFormat'];
const PRODUCE_ONLY: readonly FlagName[] = ['duration', 'partitions'];
/** What the feed reads and edrtail produce does not. */
const FEED_ONLY: readonly FlagName[] = [
	'demo',
	'seed',
	'demoFormat',
	'from',
	'group',
	'commit',
	'file',
	'follow',
	'maxInflate',
	'rules',
	'builtinRules',
	'placeholders',
	'minLevel',
	'lateAllowance',
	'maxGroups',
	'json',
	'category',
	'search',
	'hitsOnly',
	'exitAtEnd',
	'maxEvents',
	'since',
	'until',
	'utc',
];

/** How the flag is typed: `--demo-format`, `-X`. */
export function flagSpelling(name: string): string {
	if (name === 'x') return '-X';
	if (name === 'builtinRules') return '--no-builtin-rules';
	return `--${name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
}

/** A flag was given: not absent, not an empty list, not a boolean turned off (except --no-builtin-rules). */
function given(flags: AnyFlags, name: FlagName): boolean {
	const value = flags[name];
	if (name === 'builtinRules') return value === false;
	return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
}

function refuse(flags: AnyFlags, names: readonly FlagName[], why: (spelling: string) => string): void {
	const name = names.find(n => given(flags, n));
	if (name) throw new ConfigError(why(flagSpelling(name)));
}

export type SourceKind = 'demo' | 'file' | 'stdin' | 'kafka';

/** The feed: each flag must apply to the chosen source and output. */
export function checkFeedFlags(
	flags: AnyFlags,
	source: {kind: SourceKind; name: string},
	output: 'tui' | 'json',
): void {
	refuse(flags, PRODUCE_ONLY, f => `${f} applies to edrtail produce, not to the feed`);
	if (source.kind !== 'kafka') {
		refuse(flags, KAFKA_ONLY, f => `${f} applies to a Kafka source (-b, -t), not to ${source.name}`);
	}
	if (source.kind !== 'demo') refuse(flags, DEMO_ONLY, f => `${f} applies to the demo, not to ${source.name}`);
	if (source.kind === 'demo' && flags.exitAtEnd) {
		throw new ConfigError('--exit-at-end: the demo has no end (--count N stops the --json output)');
	}
	if (flags.follow && flags.exitAtEnd)
		throw new ConfigError('--exit-at-end contradicts --follow, which waits for more');
	if (output === 'tui' && given(flags, 'count')) {
		throw new ConfigError('--count stops the --json output; the full screen runs until q (add --json)');
	}
	if (output === 'json' && given(flags, 'maxEvents')) {
		throw new ConfigError("--max-events sizes the full screen's buffer; --json keeps none (--count N stops after N)");
	}
	if (given(flags, 'placeholders') && !given(flags, 'rules')) {
		throw new ConfigError('--placeholders expands the %name% placeholders of --rules files: give --rules PATH too');
	}
}

/** `edrtail produce` reads the connection, -t, --format, --rate, --count, --duration and --partitions. */
export function checkProduceFlags(flags: AnyFlags): void {
	refuse(flags, FEED_ONLY, f => `${f} does not apply to edrtail produce`);
}

/** `edrtail rules check` reads --json and --placeholders. */
export function checkRulesCheckFlags(flags: AnyFlags): void {
	const all = [
		...CHOOSE_KAFKA,
		...KAFKA_ONLY,
		...DEMO_ONLY,
		...PRODUCE_ONLY,
		...FEED_ONLY,
		'count',
		'format',
	] as FlagName[];
	refuse(
		flags,
		all.filter(n => n !== 'json' && n !== 'placeholders'),
		f => `${f} does not apply to edrtail rules check`,
	);
}

/** `edrtail check` reads the connection, -t, --group and --json. */
export function checkCheckFlags(flags: AnyFlags): void {
	const all = [...DEMO_ONLY, ...PRODUCE_ONLY, ...FEED_ONLY, 'count', 'format', 'hitsTo'] as FlagName[];
	refuse(
		flags,
		all.filter(n => n !== 'json' && n !== 'group'),
		f => `${f} does not apply to edrtail check`,
	);
}
