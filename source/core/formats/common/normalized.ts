// What each format's normalizer returns, and the one place that turns it into a DecodedEvent, so
// family, summary and the record's coordinates are filled the same way for every format.
import {familyOf, type EdrEvent, type FormatName, type ProcessInfo, type RawRecord} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {summarize} from './summary.js';
import {basename} from './text.js';

/** The event's own fields; family, receive time and Kafka coordinates come from elsewhere. */
export interface Normalized extends Pick<
	EdrEvent,
	| 'category'
	| 'subtype'
	| 'time'
	| 'ingestTime'
	| 'host'
	| 'os'
	| 'agentId'
	| 'user'
	| 'actor'
	| 'parent'
	| 'target'
	| 'raw'
	| 'sigmaFields'
> {
	/** Set by formats that render their own summary (generic JSON); else built from the fields. */
	summary?: string;
	/** For "other" events: a short text about the object (module path, indicator name, ...). */
	detail?: string;
}

export function toDecoded(n: Normalized, format: FormatName, record: RawRecord): DecodedEvent {
	return {
		category: n.category,
		family: familyOf(n.category),
		format,
		subtype: n.subtype,
		time: n.time,
		ingestTime: n.ingestTime,
		receivedAt: record.receivedAt,
		kafka: record.kafka,
		kafkaMeta: record.kafkaMeta,
		host: n.host,
		os: n.os,
		agentId: n.agentId,
		user: n.user,
		actor: n.actor,
		parent: n.parent,
		target: n.target,
		summary: n.summary ?? summarize(n),
		hits: [],
		raw: n.raw,
		sigmaFields: n.sigmaFields,
	};
}

/** A process from whatever fields a format has; name defaults to the image's basename. Undefined when empty. */
export function processInfo(p: ProcessInfo): ProcessInfo | undefined {
	if (p.name === undefined && p.image !== undefined) p.name = basename(p.image);
	if (p.name === undefined && p.image === undefined && p.cmdline === undefined && p.pid === undefined) return undefined;
	return p;
}
