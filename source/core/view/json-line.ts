// The `--json` / export line: one NDJSON object per event with the stable top-level keys of
// README.md ("Output without a terminal"). Scripts depend on these names: add keys, never rename.
//
// This is the headless hot path, so the line is assembled once: the normalized part (small, made of
// strings and numbers) by JSON.stringify, and `raw` from the event's own JSON text when decode kept
// it (`rawJson`), else by toJson. No step walks the event twice.
import {Buffer} from 'node:buffer';
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
	undecodable?: {reason: string; size: number; preview: string; payload?: string};
	/** A correlation's hit (category "correlation"): group, value reached, window, the events' seqs. */
	correlation?: Omit<NonNullable<EdrEvent['correlation']>, 'windowStart' | 'windowEnd'> & {
		windowStart: string;
		windowEnd: string;
	};
	raw: unknown;
}

type JsonHead = Omit<JsonLine, 'raw'>;

// The events of one batch share their receive time: its ISO text is made once.
let lastReceived = Number.NaN;
let lastReceivedIso = '';

function receivedIso(ms: number): string {
	if (ms !== lastReceived) {
		lastReceivedIso = isoTime(ms) ?? new Date(0).toISOString();
		lastReceived = ms;
	}
	return lastReceivedIso;
}

export function toJsonLine(ev: EdrEvent): JsonLine {
	return {...toJsonHead(ev), raw: ev.raw};
}

/** Every key of the line but `raw`, in the line's order. */
function toJsonHead(ev: EdrEvent): JsonHead {
	const latencyMs = ev.time === undefined && ev.kafka === undefined ? undefined : latencyOf(ev);
	return {
		category: ev.category,
		subtype: ev.subtype,
		family: ev.family,
		format: ev.format,
		time: isoTime(ev.time),
		ingestTime: isoTime(ev.ingestTime),
		receivedAt: receivedIso(ev.receivedAt),
		host: ev.host,
		os: ev.os,
		agentId: ev.agentId,
		user: ev.user,
		summary: ev.summary,
		actor: ev.actor,
		parent: ev.parent,
		target: ev.target,
		hits: ev.hits.length === 0 ? [] : ev.hits.map(hitOf),
		kafka: ev.kafka,
		latencyMs,
		// With the payload kept (the first 64 KiB) as base64, so a saved session reopens with its bytes.
		undecodable: ev.undecodable && {
			reason: ev.undecodable.reason,
			size: ev.undecodable.size,
			preview: ev.undecodable.preview,
			...(ev.undecodable.payload ? {payload: base64Of(ev.undecodable.payload)} : {}),
		},
		correlation: ev.correlation && {
			...ev.correlation,
			windowStart: isoTime(ev.correlation.windowStart) ?? '',
			windowEnd: isoTime(ev.correlation.windowEnd) ?? '',
		},
	};
}

function base64Of(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function hitOf(h: EdrEvent['hits'][number]): JsonLine['hits'][number] {
	return {
		id: h.id,
		title: h.title,
		level: h.level,
		tags: h.tags,
		fields: h.fields.map(f => ({field: f.field, source: f.source, value: f.value, spans: f.spans})),
		...(h.saved ? {saved: true as const} : {}),
	};
}

/**
 * The normalized part. The decoders fill it with strings and numbers a few levels deep, which
 * JSON.stringify writes fastest; toJson still catches whatever it would throw on (a bigint).
 */
function stringifyHead(head: JsonHead): string {
	try {
		return JSON.stringify(head);
	} catch {
		return toJson(head, {maxDepth: JSON_MAX_DEPTH + 1})!;
	}
}

/**
 * True when no container in the JSON text sits more than `max` levels deep. Counting brackets
 * (those inside strings too) bounds the depth and is native; only a text with more brackets than
 * `max` is walked, strings skipped.
 */
function depthAtMost(json: string, max: number): boolean {
	let brackets = 0;
	for (let i = json.indexOf('{'); i !== -1 && brackets <= max; i = json.indexOf('{', i + 1)) brackets++;
	for (let i = json.indexOf('['); i !== -1 && brackets <= max; i = json.indexOf('[', i + 1)) brackets++;
	if (brackets <= max) return true;
	let depth = 0;
	for (let i = 0; i < json.length; i++) {
		const c = json.charCodeAt(i);
		if (c === 0x22) {
			// Past the string: a quote after an even run of backslashes closes it.
			for (i = json.indexOf('"', i + 1); i !== -1; i = json.indexOf('"', i + 1)) {
				let backslashes = 0;
				while (json.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
				if (backslashes % 2 === 0) break;
			}
			if (i === -1) return false;
		} else if (c === 0x7b || c === 0x5b) {
			if (++depth > max) return false;
		} else if (c === 0x7d || c === 0x5d) depth--;
	}
	return true;
}

/**
 * The line before escaping, as the head's text and raw's (the line is the head with `"raw":` and
 * raw put before its closing brace), so a writer need not join them. Throws only for a raw value
 * JSON cannot hold (a cycle).
 */
function unescapedParts(ev: EdrEvent): [head: string, raw: string | undefined] {
	const head = stringifyHead(toJsonHead(ev));
	// raw is cut at the same depth as the copied raw event (JSON_MAX_DEPTH levels below the line).
	const raw =
		ev.rawJson !== undefined &&
		((ev.rawJsonDepth ?? Infinity) <= JSON_MAX_DEPTH || depthAtMost(ev.rawJson, JSON_MAX_DEPTH))
			? ev.rawJson
			: toJson(ev.raw, {maxDepth: JSON_MAX_DEPTH});
	return [head, raw];
}

const RAW_KEY = ',"raw":';

/** As JSON.stringify does for the whole object: an undefined raw leaves the key out. */
function joined([head, raw]: [string, string | undefined]): string {
	return raw === undefined ? head : `${head.slice(0, -1)}${RAW_KEY}${raw}}`;
}

function unescapedLine(ev: EdrEvent): string {
	return joined(unescapedParts(ev));
}

/**
 * One line of NDJSON, safe to write to a terminal (escapeJsonText), at most JSON_MAX_DEPTH levels
 * below the line itself: `raw` is cut at the same depth as the copied raw event.
 */
export function serializeJsonLine(ev: EdrEvent): string {
	return escapeJsonText(unescapedLine(ev));
}

/** Size of the buffers serializeJsonLines fills: big enough for few writes, small enough to reuse well. */
const CHUNK_BYTES = 1 << 20;

/**
 * The lines of many events, each ending in a newline, as UTF-8 in buffers of up to 1 MiB: what
 * `--json` writes per batch. Each line is encoded once, straight into a buffer (joining them first
 * would copy each again, and one character past Latin-1 anywhere makes the joined text two bytes
 * a character). The bytes also tell which lines need escapeJsonText: every character it escapes
 * is DEL or beyond ASCII, and most telemetry is ASCII without DEL.
 */
export function serializeJsonLines(events: readonly EdrEvent[]): Buffer[] {
	const lines = events.map(unescapedParts);
	// A UTF-16 unit takes at most 3 bytes of UTF-8: buffers are sized for what is left, at most 1 MiB
	// (allocating more than is written would only make the collector run sooner).
	const most = ([head, raw]: [string, string | undefined]) =>
		(head.length + (raw === undefined ? 0 : RAW_KEY.length + raw.length)) * 3 + 1;
	let left = 0;
	for (const parts of lines) left += most(parts);
	const chunks: Buffer[] = [];
	let buffer = Buffer.allocUnsafe(0);
	let at = 0;
	const room = (bytes: number) => {
		if (buffer.length - at >= bytes) return;
		if (at > 0) chunks.push(buffer.subarray(0, at));
		buffer = Buffer.allocUnsafe(Math.max(bytes, Math.min(CHUNK_BYTES, left)));
		at = 0;
	};
	for (const parts of lines) {
		const bytes = most(parts);
		room(bytes);
		left -= bytes;
		const start = at;
		// The parts are written one after the other, not joined first: joining copies the line once more.
		const [head, raw] = parts;
		at += buffer.write(head, at, 'utf8');
		let chars = head.length;
		if (raw !== undefined) {
			// The head's closing brace goes after raw.
			at += buffer.write(RAW_KEY, at - 1, 'latin1') - 1;
			at += buffer.write(raw, at, 'utf8');
			buffer[at++] = 0x7d;
			chars += RAW_KEY.length + raw.length;
		}
		if (at - start !== chars || buffer.subarray(start, at).includes(0x7f)) {
			const line = joined(parts);
			const safe = escapeJsonText(line);
			if (safe !== line) {
				// Escapes take more bytes than what they replace: the line may need a buffer of its own.
				at = start;
				room(Buffer.byteLength(safe, 'utf8') + 1);
				at += buffer.write(safe, at, 'utf8');
			}
		}
		buffer[at++] = 0x0a;
	}
	if (at > 0) chunks.push(buffer.subarray(0, at));
	return chunks;
}
