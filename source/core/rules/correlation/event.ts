// A correlation's hit as an event of its own (category `correlation`): the feed shows it like any
// hit, `--json` writes it as a line of its own kind, and its seqs lead to the events that made it.
import type {EdrEvent} from '../../event.js';
import type {DecodedEvent} from '../../formats/index.js';
import type {CorrelationFire} from './types.js';

const HOST_FIELDS = /^(computer|computername|hostname|host|workstationname|device\.name)$/i;
const USER_FIELDS = /^(user|username|targetusername|subjectusername|user\.name)$/i;

function spanText(ms: number): string {
	if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
	if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
	if (ms % 60_000 === 0) return `${ms / 60_000}m`;
	return `${Math.round(ms / 1000)}s`;
}

const VALUE_WORD: Record<string, string> = {
	event_count: 'events',
	value_count: 'distinct',
	temporal: 'rules',
	temporal_ordered: 'rules in order',
	value_sum: 'sum',
	value_avg: 'avg',
	value_percentile: 'percentile',
};

function valueText(n: number): string {
	return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** The hit's event; `trigger` is the event that completed it (its receive time and origin). */
export function correlationEvent(fire: CorrelationFire, trigger: DecodedEvent): Omit<EdrEvent, 'seq'> {
	const entries = Object.entries(fire.group);
	const host = entries.find(([k]) => HOST_FIELDS.test(k))?.[1];
	const user = entries.find(([k]) => USER_FIELDS.test(k))?.[1];
	const groupText = entries.map(([k, v]) => `${k}=${v}`).join(' ') || 'all events';
	const {level, tags, description, ...hit} = fire;
	return {
		category: 'correlation',
		family: 'correlation',
		format: 'correlation',
		subtype: fire.type,
		time: fire.windowEnd,
		receivedAt: trigger.receivedAt,
		host,
		user,
		target: {},
		summary: `${groupText}: ${valueText(fire.value)} ${VALUE_WORD[fire.type] ?? ''} (${fire.condition}) within ${spanText(fire.timespanMs)}, ${fire.seqs.length} events`,
		hits: [
			{
				id: fire.id,
				title: fire.title,
				level,
				tags,
				description,
				fields: entries.map(([field, value]) => ({field, source: 'group-by', value, spans: []})),
			},
		],
		raw: {correlation: hit},
		correlation: hit,
	};
}
