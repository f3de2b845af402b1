import {buildProduceConfig, type ProduceFlags} from '../config/index.js';
import {runProduce} from '../core/demo/index.js';
import {EXIT} from './exit-codes.js';
import {resolveConnectionFromFlags, warnIgnoredKeys} from './make-source.js';
import {say} from './output.js';

/** `edrtail produce`: demo telemetry onto a real topic, stamped with real event times. */
export async function runProduceCommand(flags: ProduceFlags, rest: string[]): Promise<number> {
	const {connection: connectionFlags, ...produce} = buildProduceConfig(flags, rest);
	const connection = await resolveConnectionFromFlags(connectionFlags);
	warnIgnoredKeys(connection);
	const progress = process.stderr.isTTY
		? (sent: number) => process.stderr.write(`\rproduced ${sent} events`)
		: undefined;
	const result = await runProduce({...produce, connection, onProgress: progress});
	if (progress) process.stderr.write('\n');
	const done = `produced ${result.events} events in ${result.messages} messages to ${produce.topic} (${produce.format})`;
	say(process.stderr, done);
	if (result.behind) say(process.stderr, behindLine(produce.rate, result));
	return EXIT.ok;
}

/** The one line saying the rate asked for was more than the generator and the broker gave. */
export function behindLine(asked: number, result: {events: number; elapsedMs: number}): string {
	const achieved = Math.round((result.events * 1000) / Math.max(1, result.elapsedMs));
	return `asked for ${asked} events/s, produced ${achieved} events/s: as fast as the generator and the broker allow`;
}
