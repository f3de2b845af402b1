// edrtail's own NDJSON line (`--json`, `w` exports; view/json-line.ts writes it) read back, so a
// saved session reopens as it was: the event comes back in its format of origin with its
// category, times, host, processes, target, summary, Kafka coordinates, raw object and hits.
//
// Recognised by its top-level keys and their kinds (category and format among edrtail's own
// names, receivedAt and summary strings, hits an array, target an object, raw present): no
// vendor object carries that set, and an object missing any of them is generic JSON, shown as is.
//
// The line is input like any other: every value is checked for its kind and bounded, unknown keys
// are dropped, family is derived from the category again, never taken from the line.
//
// Hits come back marked `saved`. When rules are loaded, the engine evaluates the restored event
// again: a loaded rule decides for itself (a rule fixed since the session was saved must be able
// to drop its hit), and a saved hit of a rule not loaded now is kept, still marked saved, so a
// session saved with `--rules` reopens with its detections without them (rules/engine.ts).
import {
	familyOf,
	FORMAT_NAMES,
	isCategory,
	LEVELS,
	PAYLOAD_KEEP_BYTES,
	type EventTarget,
	type FormatName,
	type KafkaCoords,
	type Level,
	type ProcessInfo,
	type RawRecord,
	type RuleHit,
} from '../event.js';
import type {DecodedEvent} from './decoded-event.js';
import {msFrom} from './common/time.js';
import {clip, isObject, oneLine, text, uint} from './common/text.js';
import {sysmonFields} from './sysmon/fields.js';

type Obj = Record<string, unknown>;

// `correlation`: a correlation's hit, which carries its own record in raw.correlation.
const FORMATS = new Set<string>([...FORMAT_NAMES, 'correlation', 'undecodable']);

export function isEdrtailLine(o: Obj): boolean {
	return (
		typeof o.category === 'string' &&
		isCategory(o.category) &&
		typeof o.family === 'string' &&
		typeof o.format === 'string' &&
		FORMATS.has(o.format) &&
		typeof o.receivedAt === 'string' &&
		typeof o.summary === 'string' &&
		Array.isArray(o.hits) &&
		isObject(o.target) &&
		'raw' in o
	);
}

// Keys are read in the line's own order, so an event saved again is written as it was read.
const PROCESS_TEXT = new Set([
	'name',
	'image',
	'cmdline',
	'user',
	'integrity',
	'storyline',
	'sha256',
	'sha1',
	'md5',
	'signed',
	'uid',
]);

/** The keys of each target part, by kind of value. */
const TARGET_TEXT: Record<string, ReadonlySet<string>> = {
	file: new Set(['path', 'oldPath', 'sha256', 'sha1', 'md5']),
	dns: new Set(['query', 'answers', 'status']),
	network: new Set(['srcIp', 'dstIp', 'direction', 'status', 'protocol']),
	http: new Set(['url', 'method']),
	registry: new Set(['key', 'value', 'data', 'oldData', 'valueType', 'oldKey', 'path']),
	task: new Set(['name', 'path', 'trigger', 'executable']),
	login: new Set(['user', 'domain', 'type', 'reason', 'remoteAddress', 'sid']),
	persistence: new Set(['path', 'type', 'payload']),
};
const TARGET_UINT: Record<string, ReadonlySet<string>> = {
	file: new Set(['size']),
	network: new Set(['srcPort', 'dstPort']),
};
const NONE: ReadonlySet<string> = new Set();

// Bounds on what one line can make us hold: a hit list or a tag list is small in practice.
const MAX_HITS = 256;
const MAX_TAGS = 64;
const MAX_FIELDS = 64;
const MAX_SPANS = 64;
const TITLE_CHARS = 500;
/** More keys than any part has: a line with thousands is not read key by key. */
const MAX_KEYS = 32;

function processOf(v: unknown): ProcessInfo | undefined {
	if (!isObject(v)) return undefined;
	const p: Record<string, string | number> = {};
	let n = 0;
	for (const k in v) {
		if (n++ >= MAX_KEYS) break;
		const value = k === 'pid' || k === 'startTime' ? uint(v[k]) : PROCESS_TEXT.has(k) ? text(v[k]) : undefined;
		if (value !== undefined) p[k] = value;
	}
	return Object.keys(p).length > 0 ? (p as ProcessInfo) : undefined;
}

function partOf(part: string, src: Obj): Record<string, unknown> {
	const texts = TARGET_TEXT[part] ?? NONE;
	const uints = TARGET_UINT[part] ?? NONE;
	const o: Record<string, unknown> = {};
	let n = 0;
	for (const k in src) {
		if (n++ >= MAX_KEYS) break;
		const value = texts.has(k)
			? text(src[k])
			: uints.has(k)
				? uint(src[k])
				: part === 'login' && k === 'result' && (src[k] === 'success' || src[k] === 'failure')
					? src[k]
					: undefined;
		if (value !== undefined) o[k] = value;
	}
	return o;
}

function targetOf(v: Obj): EventTarget {
	const out: Record<string, unknown> = {};
	let n = 0;
	for (const k in v) {
		if (n++ >= MAX_KEYS) break;
		const value = v[k];
		if (k === 'process') {
			const p = processOf(value);
			if (p) out.process = p;
		} else if (k === 'exitCode') {
			const code = uint(value);
			if (code !== undefined) out.exitCode = code;
		} else if (Object.hasOwn(TARGET_TEXT, k) && isObject(value)) out[k] = partOf(k, value);
	}
	return out as EventTarget;
}

function kafkaOf(v: unknown): KafkaCoords | undefined {
	if (!isObject(v)) return undefined;
	const {topic, offset, timestamp, timestampType} = v;
	const partition = uint(v.partition);
	if (typeof topic !== 'string' || partition === undefined || typeof offset !== 'string' || !/^\d{1,20}$/.test(offset))
		return undefined;
	if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return undefined;
	if (timestampType !== 'CreateTime' && timestampType !== 'LogAppendTime' && timestampType !== 'unknown')
		return undefined;
	return {topic, partition, offset, timestamp, timestampType};
}

function spansOf(v: unknown, length: number): Array<[number, number]> {
	if (!Array.isArray(v)) return [];
	const out: Array<[number, number]> = [];
	for (const s of v.slice(0, MAX_SPANS)) {
		if (!Array.isArray(s) || s.length !== 2) continue;
		const [a, b] = s;
		if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && a >= 0 && a <= b && b <= length) out.push([a, b]);
	}
	return out;
}

function hitOf(v: unknown): RuleHit | undefined {
	if (!isObject(v) || typeof v.id !== 'string' || typeof v.title !== 'string') return undefined;
	if (!LEVELS.includes(v.level as Level)) return undefined;
	const tags = Array.isArray(v.tags) ? v.tags.filter((t): t is string => typeof t === 'string').slice(0, MAX_TAGS) : [];
	const fields: RuleHit['fields'] = [];
	if (Array.isArray(v.fields)) {
		for (const f of v.fields.slice(0, MAX_FIELDS)) {
			if (!isObject(f) || typeof f.field !== 'string' || typeof f.value !== 'string') continue;
			fields.push({
				field: f.field,
				...(typeof f.source === 'string' ? {source: f.source} : {}),
				value: f.value,
				spans: spansOf(f.spans, f.value.length),
			});
		}
	}
	return {
		id: clip(v.id, TITLE_CHARS)!,
		title: clip(v.title, TITLE_CHARS)!,
		level: v.level as Level,
		tags,
		fields,
		saved: true,
	};
}

const timeOf = (v: unknown) => (typeof v === 'string' ? msFrom(v) : undefined);

function receivedOf(v: unknown, fallback: number): number {
	const ms = typeof v === 'string' && v.length <= 64 ? Date.parse(v) : Number.NaN;
	return Number.isFinite(ms) ? ms : fallback;
}

/** The saved payload bytes (base64, at most what the screen keeps), or nothing. */
function payloadOf(value: unknown): {payload?: Uint8Array} {
	if (
		typeof value !== 'string' ||
		value.length > Math.ceil(PAYLOAD_KEEP_BYTES / 3) * 4 ||
		!/^[A-Za-z0-9+/]*={0,2}$/.test(value)
	)
		return {};
	return {payload: Uint8Array.from(Buffer.from(value, 'base64'))};
}

/**
 * The saved event. Kafka coordinates and receivedAt are the saved ones, together, whatever
 * carried the line this time: the latencies they give are the event's own, as first measured.
 */
export function restoreEdrtailLine(o: Obj, record: RawRecord): DecodedEvent {
	const receivedAt = receivedOf(o.receivedAt, record.receivedAt);
	const kafka = kafkaOf(o.kafka);
	const summary = oneLine(typeof o.summary === 'string' ? o.summary : '');
	if (o.category === 'undecodable' || o.format === 'undecodable') {
		const u: Obj = isObject(o.undecodable) ? o.undecodable : {};
		const reason = typeof u.reason === 'string' ? oneLine(u.reason, 200) : 'undecodable (saved)';
		const preview = typeof u.preview === 'string' ? clip(u.preview, 512)! : '';
		return {
			category: 'undecodable',
			family: 'undecodable',
			format: 'undecodable',
			receivedAt,
			kafka,
			target: {},
			summary,
			hits: [],
			raw: null,
			undecodable: {reason, size: uint(u.size) ?? 0, preview, ...payloadOf(u.payload)},
		};
	}
	const category = o.category as DecodedEvent['category'];
	const format = o.format as FormatName;
	const hits: RuleHit[] = [];
	for (const h of Array.isArray(o.hits) ? o.hits.slice(0, MAX_HITS) : []) {
		const hit = hitOf(h);
		if (hit) hits.push(hit);
	}
	const ev: DecodedEvent = {
		category,
		family: familyOf(category),
		format,
		subtype: text(o.subtype),
		time: timeOf(o.time),
		ingestTime: timeOf(o.ingestTime),
		receivedAt,
		kafka,
		host: text(o.host),
		os: text(o.os),
		agentId: text(o.agentId),
		user: text(o.user),
		actor: processOf(o.actor),
		parent: processOf(o.parent),
		target: isObject(o.target) ? targetOf(o.target) : {},
		summary,
		hits,
		raw: o.raw,
	};
	// Sysmon rules read the EventData fields by their Sigma names: they come from raw again.
	if (format === 'sysmon' && isObject(o.raw)) ev.sigmaFields = sysmonFields(o.raw);
	const c = category === 'correlation' && isObject(o.raw) ? o.raw.correlation : undefined;
	if (isObject(c) && typeof c.id === 'string' && Array.isArray(c.seqs) && isObject(c.group))
		ev.correlation = c as unknown as NonNullable<DecodedEvent['correlation']>;
	return ev;
}
