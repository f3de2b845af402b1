// Deep Visibility packets -> one normalized event per `events[]` entry.
//
// `raw` of each event is the export's JSON rendering of that event plus the packet's meta:
//   {meta: {seqId, uuid, agentVersion, osFamily, osName, computerName, ...},
//    timestamp: {millisecondsSinceEpoch: "1714557600123"},
//    processCreation: {parent: {...}, process: {executable: {path}, commandLine, fullPid: {pid}, ...}}}
// (protobufjs toObject: uint64 as decimal strings, enums by name, proto3 defaults omitted, bytes as
// base64). The `meta` object is shared by all events of a packet: treat raw as read-only.
import {inflateSync} from 'node:zlib';
import type {RawRecord} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {toDecoded} from '../common/normalized.js';
import {normalizeOs} from '../common/os.js';
import {msFrom} from '../common/time.js';
import {at, str} from '../common/text.js';
import {errorText} from '../undecodable.js';
import {normalizeDvMember} from './members.js';
import {DV_MEMBER, directReader} from './reader.js';
import {EventType, PacketType} from './schema.js';

export const DEFAULT_MAX_INFLATE_BYTES = 64 * 1024 * 1024;

export type InflateResult = {ok: true; bytes: Uint8Array} | {ok: false; reason: string};

export function inflate(bytes: Uint8Array, maxBytes: number): InflateResult {
	try {
		return {ok: true, bytes: inflateSync(bytes, {maxOutputLength: maxBytes})};
	} catch (error) {
		const code = (error as {code?: string}).code;
		if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
			return {ok: false, reason: `zlib bomb: inflated size over the cap of ${maxBytes} bytes`};
		return {ok: false, reason: `bad zlib stream: ${errorText(error)}`};
	}
}

export type PacketResult = {ok: true; events: DecodedEvent[]} | {ok: false; reason: string};

/**
 * Bytes -> the Packet's JSON rendering, each event naming its oneof member (DV_MEMBER). The
 * members' own messages (level 3: Packet, Event, member, its fields) repeated in a packet are
 * shared, which bodyJson turns into one serialization each.
 */
const SHARED_LEVEL = 3;
const readPacket = directReader(PacketType, EventType, 'event', SHARED_LEVEL);

interface PacketObject {
	meta?: Record<string, unknown>;
	events?: Array<Record<string, unknown> & {[DV_MEMBER]?: string}>;
}

/**
 * Decodes an uncompressed Packet; fails (never throws) when the bytes are not one. With `rawJson`
 * each event also gets raw's JSON text, the shared meta serialized once for the whole packet.
 */
export function decodeDvPacket(bytes: Uint8Array, record: RawRecord, rawJson = false): PacketResult {
	let packet: PacketObject;
	let levels: number;
	try {
		const read = readPacket(bytes);
		packet = read.value as PacketObject;
		levels = read.depth;
	} catch (error) {
		return {ok: false, reason: `not a protobuf Packet: ${errorText(error)}`};
	}
	const count = packet.events?.length ?? 0;
	if (!packet.meta && count === 0) return {ok: false, reason: 'not a protobuf Packet: no meta and no events'};
	if (count === 0) return {ok: false, reason: 'protobuf Packet with no events'};
	const meta = packet.meta ?? {};
	const host = str(meta.computerName);
	const os = normalizeOs(str(meta.osFamily), str(meta.osName));
	const agentId = str(meta.uuid);
	const metaJson = rawJson ? JSON.stringify(meta) : undefined;
	// raw holds the packet's messages below the Packet, one container each, plus at most one list
	// per level (repeated fields): twice the levels bound its JSON nesting.
	const rawDepth = 2 * levels;
	const texts = new Map<object, string>();
	const events: DecodedEvent[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const entry = packet.events?.[i] ?? {};
		const member = entry[DV_MEMBER];
		const body = member ? entry[member] : undefined;
		const raw: Record<string, unknown> = {meta, timestamp: entry.timestamp};
		if (member) raw[member] = body;
		const part = normalizeDvMember(member, body);
		const ev = toDecoded(
			{
				category: part.category,
				subtype: part.subtype,
				time: msFrom(at(entry, 'timestamp', 'millisecondsSinceEpoch')),
				host,
				os,
				agentId,
				user: part.user,
				actor: part.actor,
				parent: part.parent,
				target: part.target,
				raw,
				detail: part.detail,
			},
			's1-dv',
			record,
		);
		if (metaJson !== undefined) {
			ev.rawJson = rawJsonOf(metaJson, entry.timestamp, member, body, texts);
			ev.rawJsonDepth = rawDepth;
		}
		events[i] = ev;
	}
	return {ok: true, events};
}

/**
 * JSON.stringify(raw) for raw = {meta, timestamp, [member]: body}, with meta's text made once per
 * packet. toObject's rendering is plain JSON data (longs and bytes as strings), so no replacer.
 */
function rawJsonOf(
	metaJson: string,
	timestamp: unknown,
	member: string | undefined,
	body: unknown,
	texts: Map<object, string>,
): string {
	let out = `{"meta":${metaJson}`;
	const ts = JSON.stringify(timestamp) as string | undefined;
	if (ts !== undefined) out += `,"timestamp":${ts}`;
	const text = member ? bodyJson(body, texts) : undefined;
	if (member && text !== undefined) out += `,${JSON.stringify(member)}:${text}`;
	return `${out}}`;
}

/**
 * JSON.stringify(body), each object in it and its direct children serialized once per packet: the
 * reader shares a message repeated in the packet (the same process in many events), and `texts`
 * holds the text of each object by identity. Deeper levels are left to JSON.stringify, which walks
 * faster than a loop here.
 */
function bodyJson(body: unknown, texts: Map<object, string>): string | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return JSON.stringify(body);
	const known = texts.get(body);
	if (known !== undefined) return known;
	const obj = body as Record<string, unknown>;
	let out = '';
	for (const key of Object.keys(obj)) {
		const value = obj[key];
		let text: string | undefined;
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			text = texts.get(value);
			if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
		} else text = JSON.stringify(value) as string | undefined;
		if (text !== undefined) out += `${out === '' ? '{' : ','}${JSON.stringify(key)}:${text}`;
	}
	out = out === '' ? '{}' : `${out}}`;
	texts.set(body, out);
	return out;
}
