// Decode entry: one Kafka message (or file line) -> its normalized events. Detection per message
// (detect.ts), one decoder per format, bad input -> an "undecodable" event (undecodable.ts).
import {kMaxLength} from 'node:buffer';
import type {FormatName, RawRecord} from '../event.js';
import type {DecodedEvent} from './decoded-event.js';
import {toDecoded, type Normalized} from './common/normalized.js';
import {classifyObject, isJsonFormat, sniff, type JsonFormat} from './detect.js';
import {restoreEdrtailLine} from './edrtail.js';
import {normalizeJson} from './json.js';
import {normalizeApi} from './s1-api.js';
import {normalizeCf2} from './s1-cf2.js';
import {decodeDvPacket, DEFAULT_MAX_INFLATE_BYTES, inflate} from './s1-dv/decode.js';
import {normalizeSysmon} from './sysmon/normalize.js';
import {mdeRecords, normalizeMdeRecord} from './mde/normalize.js';
import {normalizeCsFdr} from './cs-fdr/normalize.js';
import {normalizeOcsf} from './ocsf/normalize.js';
import {errorText, undecodableEvent} from './undecodable.js';
import {isObject} from './common/text.js';

export interface DecodeOptions {
	/** Force one format instead of detecting per message. */
	format?: FormatName | 'auto';
	/** Cap on inflated size of a zlib payload, bytes (default 64 MiB). */
	maxInflateBytes?: number;
	/**
	 * Also give each event `rawJson`, raw as one line of JSON text, for output that writes raw
	 * (the headless `--json` line): the message's own text costs nothing here and saves serializing
	 * raw again there. Off for the screen, which would only hold the text twice.
	 */
	rawJson?: boolean;
}

/** What every step of one message's decode needs to know. */
interface Ctx {
	record: RawRecord;
	forced: FormatName | undefined;
	maxInflate: number;
	rawJson: boolean;
}

export type {DecodedEvent} from './decoded-event.js';
// Sigma's spelling of a registry path (HKLM\, HKU\, CurrentControlSet): the rules map fields with it.
export {normalizeRegistryPath} from './common/registry.js';
export {classifyObject, sniff} from './detect.js';
// The Sigma field mapping of the formats that carry no Sigma-named fields of their own (rules/field-map.ts).
export {vendorSigmaTable, VENDOR_IMAGE_LOADS, VENDOR_SIGMA_FORMATS, type VendorSigmaFormat} from './sigma-tables.js';
export type {SigmaTable} from './common/sigma-table.js';
export {DEFAULT_MAX_INFLATE_BYTES} from './s1-dv/decode.js';
// The s1-dv encoders: the demo stage writes its packets with them.
export {encodeDvPacket, registryDataHex, registryDwordHex} from './s1-dv/packet.js';
export type {DvPacketInit, DvEventInit, DvMetaInit, DvProcess, DvFile, DvEventMember} from './s1-dv/packet.js';

// The generic JSON normalizer takes any value; the vendor ones read the fields of an object.
const NORMALIZERS: Record<Exclude<JsonFormat, 'json'>, (o: Record<string, unknown>) => Normalized> = {
	's1-cf2': normalizeCf2,
	's1-api': normalizeApi,
	sysmon: normalizeSysmon,
	mde: normalizeMdeRecord,
	'cs-fdr': normalizeCsFdr,
	ocsf: normalizeOcsf,
};

/** Formats whose one object holds many events (MDE's {"records": [...]}): the object -> its records. */
const EXPANDERS: Partial<Record<JsonFormat, (o: Record<string, unknown>) => unknown[]>> = {mde: mdeRecords};

/**
 * Never throws: whatever cannot be read becomes one "undecodable" event (reason, size, preview).
 * A tombstone (null value) is such an event too, with reason "tombstone (null value)".
 * One message may give many events: a DV packet's batch, NDJSON lines, a JSON array of objects.
 */
export function decodeRecord(record: RawRecord, options: DecodeOptions = {}): DecodedEvent[] {
	try {
		return decode(record, options);
	} catch (error) {
		// Nothing above should throw; this keeps the promise if something does.
		try {
			return [undecodableEvent(record, `decoder error: ${errorText(error)}`)];
		} catch {
			return [
				undecodableEvent(
					{value: null, receivedAt: record?.receivedAt ?? Date.now(), kafka: record?.kafka},
					'decoder error',
				),
			];
		}
	}
}

function toBuffer(value: Uint8Array | string): Buffer {
	if (typeof value === 'string') return Buffer.from(value, 'utf8');
	return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

function decode(record: RawRecord, options: DecodeOptions): DecodedEvent[] {
	const value = record.value;
	if (value === null || value === undefined) return [undecodableEvent(record, 'tombstone (null value)', null)];
	const bytes = toBuffer(value);
	const forced =
		options.format && options.format !== 'auto' && options.format !== 'undecodable' ? options.format : undefined;
	const ctx: Ctx = {record, forced, maxInflate: inflateCap(options.maxInflateBytes), rawJson: options.rawJson === true};
	return decodeBytes(bytes, ctx, typeof value === 'string' ? value : undefined);
}

/** A cap zlib accepts: a bad flag value falls back to the default instead of failing every packet. */
function inflateCap(cap: number | undefined): number {
	if (cap === undefined || !Number.isSafeInteger(cap) || cap <= 0) return DEFAULT_MAX_INFLATE_BYTES;
	return Math.min(cap, kMaxLength);
}

function decodeBytes(bytes: Buffer, ctx: Ctx, text?: string): DecodedEvent[] {
	const {record, forced} = ctx;
	const s = sniff(bytes);
	if (s.kind === 'empty')
		return [undecodableEvent(record, bytes.length === 0 ? 'empty message' : 'blank message (whitespace only)', bytes)];
	if (s.kind === 'zlib') {
		const inflated = inflate(bytes, ctx.maxInflate);
		if (!inflated.ok) return orLines([undecodableEvent(record, inflated.reason, bytes)], bytes, ctx);
		const inner = Buffer.from(inflated.bytes.buffer, inflated.bytes.byteOffset, inflated.bytes.byteLength);
		const innerSniff = sniff(inner);
		// A compressed JSON payload is read as JSON; anything else must be a Packet.
		if (innerSniff.kind === 'json' && forced !== 's1-dv') {
			const decoded = decodeJson(inner.toString('utf8', innerSniff.start), inner, ctx);
			return orLines(decoded, inner, ctx);
		}
		const packet = decodeDvPacket(inner, record, ctx.rawJson);
		if (packet.ok) return packet.events;
		const bad = [undecodableEvent(record, `zlib payload: ${packet.reason}`, bytes)];
		return forced === 's1-dv' ? bad : orLines(bad, inner, ctx);
	}
	if (forced === 's1-dv') return decodePacketOr(bytes, ctx, undefined);
	if (s.kind === 'json') {
		const body = text !== undefined && s.start === 0 ? text : bytes.toString('utf8', s.start);
		// A bare Packet starting with field 1 or 2 (0x0a is "\n") may look like JSON after whitespace.
		const maybePacket = bytes[0] === 0x0a || bytes[0] === 0x12;
		return orLines(decodeJson(body, bytes, ctx, maybePacket), bytes, ctx);
	}
	if (s.kind === 'json-scalar') {
		const body = bytes.toString('utf8', s.start);
		const parsed = tryParse(body);
		if (parsed.ok) {
			const bad = undecodableEvent(record, `JSON ${kindOf(parsed.value)} is not an event object`, bytes);
			return orLines([bad], bytes, ctx);
		}
		return orLines(decodePacketOr(bytes, ctx, 'neither JSON nor a protobuf Packet'), bytes, ctx);
	}
	return orLines(decodePacketOr(bytes, ctx, undefined), bytes, ctx);
}

/**
 * A message that failed as a whole may still be NDJSON with bad lines (CF2 bridges batch lines;
 * a line may be cut or garbled): re-read it line by line so every good line around the bad bytes
 * survives. Only when it has a line break and the whole was one undecodable row; and only if some
 * line reads, so a broken pretty-printed document stays one row.
 */
function orLines(out: DecodedEvent[], bytes: Buffer, ctx: Ctx): DecodedEvent[] {
	if (out.length !== 1 || out[0]?.category !== 'undecodable' || bytes.indexOf(0x0a) === -1) return out;
	return decodeLines(bytes, ctx) ?? out;
}

function decodePacketOr(bytes: Buffer, ctx: Ctx, reason: string | undefined): DecodedEvent[] {
	const packet = decodeDvPacket(bytes, ctx.record, ctx.rawJson);
	if (packet.ok) return packet.events;
	return [undecodableEvent(ctx.record, reason ? `${reason} (${packet.reason})` : packet.reason, bytes)];
}

type Parsed = {ok: true; value: unknown} | {ok: false; error: string};

function tryParse(text: string): Parsed {
	try {
		return {ok: true, value: JSON.parse(text)};
	} catch (error) {
		// SyntaxError, or RangeError on absurd nesting in some engines.
		return {ok: false, error: errorText(error)};
	}
}

function kindOf(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	return typeof v;
}

function decodeJson(text: string, bytes: Buffer, ctx: Ctx, maybePacket = false): DecodedEvent[] {
	const parsed = tryParse(text);
	if (parsed.ok) return fromJsonValue(parsed.value, text, bytes, ctx);
	if (maybePacket) {
		const packet = decodeDvPacket(bytes, ctx.record, ctx.rawJson);
		if (packet.ok) return packet.events;
	}
	return [undecodableEvent(ctx.record, `invalid JSON: ${parsed.error}`, bytes)];
}

type Why = {what: string; detail?: string};

/**
 * Each line on its own: an object or array is a good line (its events); anything else joins the
 * run of bad lines around it, and each run is one undecodable row with its bytes (consecutive bad
 * lines are one part, not one row per line). Undefined when no line reads.
 */
function decodeLines(bytes: Buffer, ctx: Ctx): DecodedEvent[] | undefined {
	const {record} = ctx;
	const out: DecodedEvent[] = [];
	let good = 0;
	/** Byte range and line numbers of the current run of bad lines; why = its first line's problem. */
	let run: {start: number; end: number; first: number; last: number; why: Why} | undefined;
	const flush = () => {
		if (!run) return;
		const lines = run.first === run.last ? `line ${run.first}` : `lines ${run.first}-${run.last}`;
		const reason = `${run.why.what} on ${lines}${run.why.detail ? `: ${run.why.detail}` : ''}`;
		out.push(undecodableEvent(record, reason, bytes.subarray(run.start, run.end)));
		run = undefined;
	};
	let lineNo = 0;
	for (let start = 0; start < bytes.length;) {
		let end = bytes.indexOf(0x0a, start);
		if (end === -1) end = bytes.length;
		lineNo++;
		const line = bytes.subarray(start, end);
		const lineStart = start;
		start = end + 1;
		const s = sniff(line);
		if (s.kind === 'empty') continue;
		let why: Why;
		if (s.kind === 'json' || s.kind === 'json-scalar') {
			const text = line.toString('utf8', s.start);
			const parsed = tryParse(text);
			if (parsed.ok && (isObject(parsed.value) || Array.isArray(parsed.value))) {
				flush();
				good++;
				for (const ev of fromJsonValue(parsed.value, text, line, ctx)) out.push(ev);
				continue;
			}
			why = parsed.ok
				? {what: `JSON ${kindOf(parsed.value)}`, detail: 'not an event object'}
				: {what: 'invalid JSON', detail: parsed.error};
		} else why = {what: 'not JSON'};
		if (run) {
			run.end = end;
			run.last = lineNo;
		} else run = {start: lineStart, end, first: lineNo, last: lineNo, why};
	}
	flush();
	return good > 0 ? out : undefined;
}

function normalizeObject(o: unknown, record: RawRecord, forced: FormatName | undefined): DecodedEvent[] {
	const format = isJsonFormat(forced) ? forced : isObject(o) ? classifyObject(o) : 'json';
	if (format === 'edrtail') return [restoreEdrtailLine(isObject(o) ? o : {}, record)];
	if (format === 'json') return [toDecoded(normalizeJson(o), format, record)];
	const obj = isObject(o) ? o : {};
	const expand = EXPANDERS[format];
	if (!expand) return [toDecoded(NORMALIZERS[format](obj), format, record)];
	const parts = expand(obj);
	if (parts.length === 0) return [undecodableEvent(record, `${format} message without records`)];
	const out: DecodedEvent[] = [];
	for (let i = 0; i < parts.length; i++) {
		const part: unknown = parts[i];
		if (isObject(part)) out.push(toDecoded(NORMALIZERS[format](part), format, record));
		else out.push(undecodableEvent(record, `${format} record ${i + 1} is ${kindOf(part)}, not an object`));
	}
	return out;
}

/** `value` is the parse of `text`; `source` is what an undecodable event shows. */
function fromJsonValue(value: unknown, text: string, source: Buffer | string, ctx: Ctx): DecodedEvent[] {
	const {record, forced} = ctx;
	// An object may hold many events (MDE's records): withRawJson keeps the text only for an event
	// whose raw is the whole parse.
	if (isObject(value)) return normalizeObject(value, record, forced).map(ev => withRawJson(ev, value, text, ctx));
	if (Array.isArray(value)) {
		// A batch of objects -> one event each (no text of their own: the line serializes each raw);
		// anything else is one generic JSON event.
		if (value.length > 0 && value.every(v => isObject(v)))
			return value.flatMap(v => normalizeObject(v, record, forced));
		return [withRawJson(toDecoded(normalizeJson(value), 'json', record), value, text, ctx)];
	}
	return [undecodableEvent(record, `JSON ${kindOf(value)} is not an event object`, source)];
}

/**
 * The text raw was parsed from, as its JSON when asked for and raw is that parse (a read-back
 * edrtail line's raw is only part of it): already valid JSON, needing only the whitespace around
 * it gone and no line break inside (pretty-printed documents are serialized by the line writer).
 */
function withRawJson(ev: DecodedEvent, value: unknown, text: string, ctx: Ctx): DecodedEvent {
	if (!ctx.rawJson || ev.raw !== value) return ev;
	const one = text.trim();
	if (!one.includes('\n') && !one.includes('\r')) ev.rawJson = one;
	return ev;
}
