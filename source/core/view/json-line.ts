// The `--json` / export line: one NDJSON object per event with the stable top-level keys of
// README.md ("Output without a terminal"). Scripts depend on these names: add keys, never rename.
import {latencyOf, type EdrEvent} from '../event.js';
import {escapeJsonText, JSON_MAX_DEPTH, toJson} from './json-safe.js';
import {isoTime} from './time.js';

export interface JsonLine {
	category: string;
	subtype?: string;
	family: string;
	format: string;
	time?: string;
	ingestTime?: string;
	receivedAt: string;
	host?: string;
	os?: string;
	agentId?: string;
	user?: string;
	summary: string;
	actor?: EdrEvent['actor'];
	parent?: EdrEvent['parent'];
	target: EdrEvent['target'];
	hits: Array<{
		id: string;
		title: string;
		level: string;
		tags: string[];
		fields: Array<{field: string; source?: string; value: string; spans: Array<[number, number]>}>;
		/** Read back from a saved line for a rule not loaded in this run. */
		saved?: true;
	}>;
	kafka?: EdrEvent['kafka'];
	latencyMs?: {kafkaMinusEvent?: number; receiveMinusKafka?: number; receiveMinusEvent?: number};
	undecodable?: EdrEvent['undecodable'];
	raw: unknown;
}

export function toJsonLine(ev: EdrEvent): JsonLine {
	const latencyMs = ev.time === undefined && ev.kafka === undefined ? undefined : latencyOf(ev);
	return {
		category: ev.category,
		subtype: ev.subtype,
		family: ev.family,
		format: ev.format,
		time: isoTime(ev.time),
		ingestTime: isoTime(ev.ingestTime),
		receivedAt: isoTime(ev.receivedAt) ?? new Date(0).toISOString(),
		host: ev.host,
		os: ev.os,
		agentId: ev.agentId,
		user: ev.user,
		summary: ev.summary,
		actor: ev.actor,
		parent: ev.parent,
		target: ev.target,
		hits: ev.hits.map(h => ({
			id: h.id,
			title: h.title,
			level: h.level,
			tags: h.tags,
			fields: h.fields.map(f => ({field: f.field, source: f.source, value: f.value, spans: f.spans})),
			...(h.saved ? {saved: true as const} : {}),
		})),
		kafka: ev.kafka,
		latencyMs,
		// The payload bytes are for the screen: the line keeps reason, size and preview.
		undecodable: ev.undecodable && {
			reason: ev.undecodable.reason,
			size: ev.undecodable.size,
			preview: ev.undecodable.preview,
		},
		raw: ev.raw,
	};
}

/**
 * One line of NDJSON, safe to write to a terminal (escapeJsonText), at most JSON_MAX_DEPTH levels
 * below the line itself: `raw` is cut at the same depth as the copied raw event.
 */
export function serializeJsonLine(ev: EdrEvent): string {
	return escapeJsonText(toJson(toJsonLine(ev), {maxDepth: JSON_MAX_DEPTH + 1})!);
}
