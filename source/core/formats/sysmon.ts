// Sysmon / Windows event JSON in the three shapes met in practice (FORMATS.md §6):
//   evtx_dump:  {"Event": {"System": {...}, "EventData": {...}}}, XML attributes under "#attributes",
//               element text under "#text" (EventData may also be {"Data": [{"#attributes":{"Name"}, "#text"}]})
//   Winlogbeat: {"winlog": {"event_id", "channel", "computer_name", "provider_name", "event_data": {...}}, "@timestamp"}
//   flat:       {"EventID": 1, "Computer": "...", "Image": "...", ...}
// sigmaFields carries the EventData fields under their Sigma names (spaces removed) plus the System
// ones (attributes joined with "_": Provider_Name, TimeCreated_SystemTime), so rules need no mapping.
// Walks are one or two fixed levels deep and capped in width: hostile nesting costs nothing.
import type {Category, EventTarget, ProcessInfo} from '../event.js';
import {parseDnsResults} from './common/dns.js';
import {processInfo, type Normalized} from './common/normalized.js';
import {normalizeRegistryPath, registryValueName} from './common/registry.js';
import {msFrom, msFromUtcTime} from './common/time.js';
import {isObject, str, uint} from './common/text.js';

type Obj = Record<string, any>;

const MAX_FIELDS = 512;
const MAX_FIELD_CHARS = 1 << 20;

export function isSysmonShape(o: Obj): boolean {
	const ev = o.Event;
	if (isObject(ev) && (ev.System !== undefined || ev.EventData !== undefined)) return true;
	const w = o.winlog;
	if (isObject(w) && (w.event_data !== undefined || w.event_id !== undefined)) return true;
	return o.EventID !== undefined;
}

function sigmaName(key: string): string {
	return key.includes(' ') ? key.split(' ').join('') : key;
}

/** A field's text: primitives, or an XML element rendered as {"#text": ...}. */
function textOf(v: unknown): string | undefined {
	if (isObject(v)) return str(v['#text']);
	const s = str(v);
	return s !== undefined && s.length > MAX_FIELD_CHARS ? s.slice(0, MAX_FIELD_CHARS) : s;
}

function put(fields: Record<string, string>, key: string, value: unknown, count: {n: number}): void {
	if (count.n >= MAX_FIELDS || key === '#attributes') return;
	const text = textOf(value);
	if (text === undefined) return;
	fields[sigmaName(key)] = text;
	count.n++;
}

function flattenSystem(system: Obj, fields: Record<string, string>, count: {n: number}): void {
	for (const key of Object.keys(system)) {
		const v = system[key];
		if (isObject(v)) {
			if (v['#text'] !== undefined) put(fields, key, v['#text'], count);
			const attrs = v['#attributes'];
			if (isObject(attrs)) for (const a of Object.keys(attrs)) put(fields, `${key}_${a}`, attrs[a], count);
		} else put(fields, key, v, count);
	}
}

function flattenEventData(data: Obj, fields: Record<string, string>, count: {n: number}): void {
	const list = data.Data;
	if (Array.isArray(list)) {
		for (let i = 0; i < list.length && count.n < MAX_FIELDS; i++) {
			const d = list[i];
			if (!isObject(d)) continue;
			const name = str(d['#attributes']?.Name) ?? str(d['@Name']) ?? str(d.Name);
			if (name) put(fields, name, d['#text'] ?? d.Value ?? d.value, count);
		}
		return;
	}
	for (const key of Object.keys(data)) {
		if (count.n >= MAX_FIELDS) break;
		put(fields, key, data[key], count);
	}
}

/** Every shape -> one flat map of Sigma-named string fields. */
export function sysmonFields(o: Obj): Record<string, string> {
	const fields: Record<string, string> = {};
	const count = {n: 0};
	const ev = o.Event;
	if (isObject(ev) && (ev.System !== undefined || ev.EventData !== undefined)) {
		if (isObject(ev.System)) flattenSystem(ev.System, fields, count);
		if (isObject(ev.EventData)) flattenEventData(ev.EventData, fields, count);
		if (isObject(ev.UserData)) for (const v of Object.values(ev.UserData)) if (isObject(v)) flattenEventData(v, fields, count);
		return fields;
	}
	const w = o.winlog;
	if (isObject(w) && (w.event_data !== undefined || w.event_id !== undefined)) {
		if (isObject(w.event_data)) flattenEventData(w.event_data, fields, count);
		put(fields, 'EventID', w.event_id ?? o.event?.code, count);
		put(fields, 'Channel', w.channel, count);
		put(fields, 'Computer', w.computer_name ?? o.host?.name, count);
		put(fields, 'Provider_Name', w.provider_name, count);
		put(fields, 'EventRecordID', w.record_id, count);
		put(fields, 'TimeCreated_SystemTime', o['@timestamp'], count);
		return fields;
	}
	for (const key of Object.keys(o)) {
		if (count.n >= MAX_FIELDS) break;
		put(fields, key, o[key], count);
	}
	return fields;
}

const SYSMON_OTHER: Record<number, string> = {
	4: 'Sysmon service state changed',
	6: 'Driver loaded',
	7: 'Image loaded',
	8: 'CreateRemoteThread',
	9: 'RawAccessRead',
	10: 'ProcessAccess',
	15: 'FileCreateStreamHash',
	16: 'Sysmon config change',
	17: 'Pipe created',
	18: 'Pipe connected',
	19: 'WmiEventFilter',
	20: 'WmiEventConsumer',
	21: 'WmiEventConsumerToFilter',
	24: 'Clipboard change',
	25: 'Process tampering',
	27: 'File block executable',
	28: 'File block shredding',
	29: 'File executable detected',
};

const SECURITY: Record<number, Category> = {
	4688: 'Process Creation',
	4689: 'Process Termination',
	4624: 'Login',
	4625: 'Login',
	4634: 'Logout',
	4647: 'Logout',
	4698: 'Scheduled Task Register',
	4699: 'Scheduled Task Delete',
	4700: 'Scheduled Task Update',
	4701: 'Scheduled Task Update',
	4702: 'Scheduled Task Update',
	4657: 'Registry Value Modified',
};

export function sysmonCategory(eventId: number | undefined, f: Record<string, string>): {category: Category; subtype?: string} {
	if (eventId === undefined) return {category: 'other', subtype: 'no EventID'};
	const channel = f.Channel?.toLowerCase();
	const isSysmon = channel === undefined ? eventId < 256 : channel.includes('sysmon');
	if (isSysmon) {
		switch (eventId) {
			case 1:
				return {category: 'Process Creation'};
			case 2:
				return {category: 'File Modification'};
			case 3:
				return {category: 'TCPv4 Connection'};
			case 5:
				return {category: 'Process Termination'};
			case 11:
				return {category: 'File Creation'};
			case 12: {
				const t = f.EventType;
				if (t === 'DeleteKey') return {category: 'Registry Key Delete'};
				if (t === 'DeleteValue') return {category: 'Registry Value Delete'};
				if (t === 'CreateValue') return {category: 'Registry Value Creation'};
				return {category: 'Registry Key Creation'};
			}
			case 13:
				return {category: 'Registry Value Modified'};
			case 14:
				return {category: 'Registry Key Rename'};
			case 22:
				return {category: 'DNS'};
			case 23:
			case 26:
				return {category: 'File Deletion'};
			default:
				return {category: 'other', subtype: SYSMON_OTHER[eventId] ?? `Sysmon EventID ${eventId}`};
		}
	}
	const category = SECURITY[eventId];
	return category ? {category} : {category: 'other', subtype: `${f.Channel ?? f.Provider_Name ?? 'EventID'} ${eventId}`};
}

const LOGON_TYPES: Record<string, string> = {
	'2': 'INTERACTIVE',
	'3': 'NETWORK',
	'4': 'BATCH',
	'5': 'SERVICE',
	'7': 'UNLOCK',
	'8': 'NETWORK_CLEARTEXT',
	'9': 'NEW_CREDENTIALS',
	'10': 'REMOTE_INTERACTIVE',
	'11': 'CACHED_INTERACTIVE',
};

// NTSTATUS codes of 4625's Status/SubStatus, in words.
const LOGON_FAILURES: Record<string, string> = {
	'0xc000006a': 'bad password',
	'0xc0000064': 'no such user',
	'0xc000006d': 'bad user name or password',
	'0xc0000234': 'account locked out',
	'0xc0000072': 'account disabled',
	'0xc000006f': 'outside logon hours',
	'0xc0000070': 'workstation restriction',
	'0xc0000071': 'password expired',
	'0xc0000193': 'account expired',
	'0xc0000224': 'password must change',
	'%%2313': 'unknown user name or bad password',
};

function dash(v: string | undefined): string | undefined {
	return v === '-' || v === '' ? undefined : v;
}

/** Sysmon's "SHA256=AB..,MD5=CD.." */
function hashes(h: string | undefined): Pick<ProcessInfo, 'sha256' | 'sha1' | 'md5'> {
	if (!h || h.length > 1024) return {};
	const out: Pick<ProcessInfo, 'sha256' | 'sha1' | 'md5'> = {};
	for (const part of h.split(',')) {
		const eq = part.indexOf('=');
		if (eq === -1) continue;
		const k = part.slice(0, eq).trim().toUpperCase();
		const v = part.slice(eq + 1).trim();
		if (k === 'SHA256') out.sha256 = v;
		else if (k === 'SHA1') out.sha1 = v;
		else if (k === 'MD5') out.md5 = v;
	}
	return out;
}

function imageProcess(f: Record<string, string>): ProcessInfo | undefined {
	return processInfo({image: dash(f.Image), pid: uint(f.ProcessId), user: dash(f.User)});
}

function parts(category: Category, eventId: number, f: Record<string, string>): {actor?: ProcessInfo; target: EventTarget; user?: string} {
	switch (category) {
		case 'Process Creation': {
			if (eventId === 4688) {
				const actor = processInfo({image: dash(f.ParentProcessName), pid: uint(f.ProcessId)});
				const child = processInfo({image: dash(f.NewProcessName), cmdline: dash(f.CommandLine), pid: uint(f.NewProcessId), user: dash(f.TargetUserName) ?? dash(f.SubjectUserName)});
				return {actor, target: {process: child}, user: child?.user};
			}
			const actor = processInfo({image: dash(f.ParentImage), cmdline: dash(f.ParentCommandLine), pid: uint(f.ParentProcessId), user: dash(f.ParentUser)});
			const child = processInfo({
				image: dash(f.Image),
				cmdline: dash(f.CommandLine),
				pid: uint(f.ProcessId),
				user: dash(f.User),
				integrity: dash(f.IntegrityLevel),
				...hashes(f.Hashes),
			});
			return {actor, target: {process: child}, user: child?.user};
		}
		case 'Process Termination': {
			const actor = eventId === 4689 ? processInfo({image: dash(f.ProcessName), pid: uint(f.ProcessId), user: dash(f.SubjectUserName)}) : imageProcess(f);
			return {actor, target: {exitCode: uint(f.Status)}, user: actor?.user};
		}
		case 'TCPv4 Connection': {
			const actor = imageProcess(f);
			const initiated = f.Initiated?.toLowerCase();
			return {
				actor,
				user: actor?.user,
				target: {
					network: {
						srcIp: f.SourceIp,
						srcPort: uint(f.SourcePort),
						dstIp: f.DestinationIp,
						dstPort: uint(f.DestinationPort),
						direction: initiated === 'true' ? 'OUTGOING' : initiated === 'false' ? 'INCOMING' : undefined,
						protocol: f.Protocol,
					},
				},
			};
		}
		case 'DNS': {
			const actor = imageProcess(f);
			const status = f.QueryStatus;
			return {
				actor,
				user: actor?.user,
				target: {dns: {query: f.QueryName, answers: parseDnsResults(dash(f.QueryResults)).answers, status: status === '0' ? 'SUCCESS' : status}},
			};
		}
		case 'Login':
		case 'Logout': {
			const user = dash(f.TargetUserName);
			const code = (dash(f.SubStatus) !== '0x0' ? dash(f.SubStatus) : undefined) ?? dash(f.Status) ?? dash(f.FailureReason);
			const reason = code ? LOGON_FAILURES[code.toLowerCase()] ?? code : undefined;
			return {
				actor: processInfo({image: dash(f.ProcessName), pid: uint(f.ProcessId)}),
				user,
				target: {
					login: {
						user,
						domain: dash(f.TargetDomainName),
						sid: dash(f.TargetUserSid),
						type: f.LogonType ? LOGON_TYPES[f.LogonType] ?? f.LogonType : undefined,
						result: eventId === 4624 ? 'success' : eventId === 4625 ? 'failure' : undefined,
						reason: eventId === 4625 ? reason : undefined,
						remoteAddress: dash(f.IpAddress),
					},
				},
			};
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete': {
			const path = dash(f.TaskName);
			return {user: dash(f.SubjectUserName), target: {task: {name: path?.slice(path.lastIndexOf('\\') + 1) || path, path}}};
		}
		case 'other': {
			const actor = imageProcess(f) ?? processInfo({image: dash(f.SourceImage), pid: uint(f.SourceProcessId)});
			const target: EventTarget = {};
			if (f.TargetImage) target.process = processInfo({image: f.TargetImage, pid: uint(f.TargetProcessId)});
			else if (f.ImageLoaded) target.file = {path: f.ImageLoaded};
			else if (f.TargetFilename) target.file = {path: f.TargetFilename};
			return {actor, target, user: actor?.user};
		}
		default: {
			const actor = imageProcess(f) ?? processInfo({image: dash(f.ProcessName), pid: uint(f.ProcessId)});
			const user = actor?.user ?? dash(f.SubjectUserName);
			if (category.startsWith('File')) return {actor, user, target: {file: {path: f.TargetFilename, ...hashes(f.Hashes)}}};
			// Registry (Sysmon 12/13/14, Security 4657).
			const oldPath = normalizeRegistryPath(f.TargetObject ?? f.ObjectName);
			const renamed = category === 'Registry Key Rename' ? normalizeRegistryPath(f.NewName) : undefined;
			const key = renamed ?? (eventId === 4657 && f.ObjectValueName ? `${oldPath}\\${f.ObjectValueName}` : oldPath);
			return {
				actor,
				user,
				target: {
					registry: {
						key,
						value: category.startsWith('Registry Value') ? registryValueName(key) : undefined,
						data: dash(f.Details) ?? dash(f.NewValue),
						oldData: dash(f.OldValue),
						oldKey: renamed ? oldPath : undefined,
					},
				},
			};
		}
	}
}

/**
 * Sysmon for Linux writes the same event ids to its own channel ("Linux-Sysmon/Operational",
 * provider "Linux-Sysmon"); without either, a Unix image path gives it away.
 */
export function sysmonOs(f: Record<string, string>): 'windows' | 'linux' {
	const origin = `${f.Channel ?? ''}|${f.Provider_Name ?? ''}`.toLowerCase();
	if (origin.includes('linux')) return 'linux';
	if (f.Channel === undefined && f.Provider_Name === undefined) {
		const image = f.Image ?? f.ParentImage ?? f.SourceImage;
		if (image !== undefined && image.startsWith('/')) return 'linux';
	}
	return 'windows';
}

export function normalizeSysmon(o: Obj): Normalized {
	const f = sysmonFields(o);
	const eventId = uint(f.EventID);
	const {category, subtype} = sysmonCategory(eventId, f);
	const p = parts(category, eventId ?? -1, f);
	return {
		category,
		subtype,
		time: msFromUtcTime(f.UtcTime) ?? msFrom(f.TimeCreated_SystemTime) ?? msFrom(o['@timestamp']),
		host: f.Computer ?? str(o.host?.name),
		os: sysmonOs(f),
		user: p.user,
		actor: p.actor,
		target: p.target,
		raw: o,
		sigmaFields: f,
	};
}
