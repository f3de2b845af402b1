// Which topics to read, and what the admin API must answer before the consumer runs.
import {explainMissingTopics, KafkaFaultError} from '../../kafka/index.js';
import type {Admin, FaultContext} from '../../kafka/index.js';
import type {StartPosition} from '../start-position.js';
import {planStart, type StartPlan} from './start-plan.js';

/** Topics the patterns pick among `all`; internal topics (`__consumer_offsets`) never. */
export function matchingTopics(all: readonly string[], patterns: readonly RegExp[]): string[] {
	return all.filter(t => !t.startsWith('__') && patterns.some(p => p.test(t)));
}

/**
 * The named topics, each of which must exist (`where` names the cluster), and the matching ones.
 * A named topic absent from the list is asked for by name (explainMissingTopics): with ACLs on,
 * it may be there and not ours to read.
 */
export async function chooseTopics(
	admin: Pick<Admin, 'listTopics' | 'fetchTopicMetadata'>,
	names: readonly string[],
	patterns: readonly RegExp[],
	where: string,
	ctx: FaultContext,
): Promise<string[]> {
	const all = await admin.listTopics();
	const missing = names.filter(n => !all.includes(n));
	if (missing.length) throw new KafkaFaultError(await explainMissingTopics(admin, missing, where, ctx));
	return [...new Set([...names, ...matchingTopics(all, patterns)])];
}

/** Asks for what the start plan of one topic needs (only what the position uses), then plans. */
export async function fetchStartPlan(
	admin: Admin,
	groupId: string,
	topic: string,
	position: StartPosition,
	exitAtEnd: boolean,
): Promise<StartPlan> {
	const partitions = await admin.fetchTopicOffsets(topic);
	const offsetsForTime =
		position.kind === 'time' ? await admin.fetchTopicOffsetsByTimestamp(topic, position.time) : undefined;
	const committed =
		position.kind === 'committed'
			? ((await admin.fetchOffsets({groupId, topics: [topic]}))[0]?.partitions ?? [])
			: undefined;
	return planStart({partitions, position, offsetsForTime, committed, exitAtEnd});
}
