import {ConfigError, kafkaFlagsFrom, splitList, type ParsedFlags} from '../config.js';
import {
	DEFAULT_DEMO_FORMAT,
	DEFAULT_PRODUCE_RATE,
	DEMO_WIRE_FORMATS,
	runProduce,
	type DemoWireFormat,
} from '../core/demo/index.js';
import {resolveConnectionFromFlags} from './make-source.js';

/** `edrtail produce`: demo telemetry onto a real topic, stamped with real event times. */
export async function runProduceCommand(flags: ParsedFlags & {duration?: string; partitions?: number}, rest: string[]): Promise<number> {
	if (rest.length) throw new ConfigError(`produce takes no arguments (got ${rest.join(' ')})`);
	const topics = flags.topic ?? [];
	if (topics.length !== 1) throw new ConfigError('produce needs exactly one topic: -t NAME');
	const format = (flags.format ?? DEFAULT_DEMO_FORMAT) as DemoWireFormat;
	if (!DEMO_WIRE_FORMATS.includes(format)) throw new ConfigError(`produce --format must be one of ${DEMO_WIRE_FORMATS.join(', ')}`);
	const durationMs = flags.duration === undefined ? undefined : parseDuration(flags.duration);
	if (durationMs === undefined && flags.count === undefined) throw new ConfigError('produce needs --count N or --duration D (e.g. 30s, 5m)');
	const connection = await resolveConnectionFromFlags(kafkaFlagsFrom(flags, (flags.brokers ?? []).flatMap(splitList), topics));
	const progress = process.stderr.isTTY ? (sent: number) => process.stderr.write(`\rproduced ${sent} events`) : undefined;
	const result = await runProduce({connection, topic: topics[0]!, format, rate: flags.rate ?? DEFAULT_PRODUCE_RATE, durationMs, count: flags.count, partitions: flags.partitions, onProgress: progress});
	process.stderr.write(`${progress ? '\n' : ''}edrtail: produced ${result.events} events in ${result.messages} messages to ${topics[0]} (${format})\n`);
	return 0;
}

export function parseDuration(text: string): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
	if (!m) throw new ConfigError(`--duration: "${text}" is not a duration (e.g. 500ms, 30s, 5m, 1h)`);
	const unit = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
	return Number(m[1]) * unit;
}
