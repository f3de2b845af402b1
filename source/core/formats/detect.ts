// Which decoder reads a message, decided from a few bytes or a few keys: never a trial parse of
// every format. Bytes: zlib header -> s1-dv; "{"/"[" -> JSON; else a bare protobuf Packet is tried.
// JSON objects: edrtail's own --json line (its stable top-level keys), CF2's dotted keys,
// Sysmon's Event/winlog/EventID, the API's camelCase keys, MDE's records of AdvancedHunting-* rows,
// CrowdStrike FDR's event_simpleName, OCSF's class_uid with activity_id or type_uid.
import type {FormatName} from '../event.js';
import {isEdrtailLine} from './edrtail.js';
import {isCsFdrShape} from './cs-fdr/normalize.js';
import {isMdeShape} from './mde/normalize.js';
import {isOcsfShape} from './ocsf/normalize.js';
import {isSysmonShape} from './sysmon/fields.js';

export type JsonFormat = 's1-cf2' | 's1-api' | 'sysmon' | 'mde' | 'cs-fdr' | 'ocsf' | 'json';
/** What an object is: a vendor format, or a line edrtail wrote (read back in its format of origin). */
export type ObjectKind = JsonFormat | 'edrtail';

export type Sniff =
	| {kind: 'empty'}
	| {kind: 'zlib'}
	/** start = index of the first byte after whitespace and a UTF-8 BOM. */
	| {kind: 'json'; start: number}
	| {kind: 'json-scalar'; start: number}
	| {kind: 'binary'};

export function sniff(bytes: Uint8Array): Sniff {
	if (bytes.length === 0) return {kind: 'empty'};
	const b0 = bytes[0];
	if (b0 === 0x78 && bytes.length >= 2) {
		const b1 = bytes[1];
		if (b1 === 0x01 || b1 === 0x5e || b1 === 0x9c || b1 === 0xda) return {kind: 'zlib'};
	}
	let i = 0;
	if (b0 === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
	while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
	const c = bytes[i];
	if (c === undefined) return {kind: 'empty'};
	if (c === 0x7b || c === 0x5b) return {kind: 'json', start: i};
	// " - 0-9 t f n: maybe a bare JSON value (said so, rather than "not a Packet").
	if (c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e)
		return {kind: 'json-scalar', start: i};
	return {kind: 'binary'};
}

const CF2_PREFIXES = [
	'src.',
	'tgt.',
	'event.',
	'endpoint.',
	'agent.',
	'meta.',
	'site.',
	'account.',
	'osSrc.',
	'dst.',
	'registry.',
	'task.',
	'url.',
	'indicator.',
	'mgmt.',
];
const API_KEYS = new Set([
	'eventType',
	'agentName',
	'agentOs',
	'agentUuid',
	'createdAt',
	'processName',
	'processCmd',
	'processImagePath',
	'processUserName',
	'parentProcessName',
	'parentPid',
	'fileFullName',
	'oldFileName',
	'dnsRequest',
	'dnsResponse',
	'srcIp',
	'dstIp',
	'networkUrl',
	'networkMethod',
	'registryPath',
	'taskName',
	'loginsUserName',
	'objectType',
	'srcProcName',
	'tgtProcName',
]);
/** How many keys to look at before calling an object generic JSON. */
const KEY_SCAN = 64;

export function classifyObject(o: Record<string, unknown>): ObjectKind {
	if (isEdrtailLine(o)) return 'edrtail';
	if (isCsFdrShape(o)) return 'cs-fdr';
	if (isOcsfShape(o)) return 'ocsf';
	if ('event.type' in o || 'meta.event.name' in o || 'endpoint.name' in o) return 's1-cf2';
	if (isSysmonShape(o)) return 'sysmon';
	if (isMdeShape(o)) return 'mde';
	if ('eventType' in o || 'agentName' in o || 'agentUuid' in o) return 's1-api';
	let n = 0;
	for (const key in o) {
		if (n++ >= KEY_SCAN) break;
		if (key.includes('.')) {
			for (const p of CF2_PREFIXES) if (key.startsWith(p)) return 's1-cf2';
		} else if (API_KEYS.has(key)) return 's1-api';
	}
	return 'json';
}

const JSON_FORMATS = new Set<string>(['s1-cf2', 's1-api', 'sysmon', 'mde', 'cs-fdr', 'ocsf', 'json']);

export function isJsonFormat(format: FormatName | 'auto' | undefined): format is JsonFormat {
	return format !== undefined && JSON_FORMATS.has(format);
}
