// `edrtail produce` flags -> what the produce loop is given. The connection is resolved after
// these checks, as for the feed.
import {DEFAULT_PRODUCE_RATE, type DemoWireFormat} from '../core/demo/index.js';
import {checkProduceFlags} from './applies.js';
import {ConfigError} from './errors.js';
import {connectionFlagsOf, type ConnectionFlags, type ParsedFlags} from './flags.js';
import {splitList} from './lists.js';
import {positive, positiveInteger} from './numbers.js';
import {DEMO_FORMAT_LIST, demoFormatOf} from './source.js';

export type ProduceFlags = ParsedFlags & {duration?: string; partitions?: number};

export interface ProduceConfig {
	connection: ConnectionFlags;
	topic: string;
	format: DemoWireFormat;
	rate: number;
	durationMs?: number;
	count?: number;
	partitions?: number;
}

export function buildProduceConfig(flags: ProduceFlags, rest: string[]): ProduceConfig {
	if (rest.length) throw new ConfigError(`produce takes no arguments (got ${rest.join(' ')})`);
	checkProduceFlags(flags);
	const topics = flags.topic ?? [];
	if (topics.length !== 1) throw new ConfigError('produce needs exactly one topic: -t NAME');
	const format = demoFormatOf(flags.format);
	if (!format) throw new ConfigError(`produce --format must be one of ${DEMO_FORMAT_LIST}`);
	const durationMs = flags.duration === undefined ? undefined : parseDuration(flags.duration);
	if (durationMs === undefined && flags.count === undefined) {
		throw new ConfigError('produce needs --count N or --duration D (e.g. 30s, 5m)');
	}
	return {
		connection: {...connectionFlagsOf(flags), brokers: (flags.brokers ?? []).flatMap(b => splitList(b))},
		topic: topics[0]!,
		format,
		rate: positive(flags.rate, '--rate') ?? DEFAULT_PRODUCE_RATE,
		durationMs,
		count: positiveInteger(flags.count, '--count'),
		partitions: positiveInteger(flags.partitions, '--partitions'),
	};
}

export function parseDuration(text: string): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
	if (!m) throw new ConfigError(`--duration: "${text}" is not a duration (e.g. 500ms, 30s, 5m, 1h)`);
	const unit = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
	return Number(m[1]) * unit;
}
