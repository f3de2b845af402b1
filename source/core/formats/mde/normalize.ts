// Microsoft Defender for Endpoint, Streaming API to Event Hubs: one message holds
// {"records": [{time, tenantId, operationName, category: "AdvancedHunting-<Table>", properties}]},
// one event per record (docs/formats.md, "mde"). The actor is the InitiatingProcess* process, the
// target the row's own object; `Timestamp` is the event time, the record `time` the ingest time.
// Also read: a single record, and a bare Advanced Hunting row (its table told by ActionType).
// Every read is one fixed level deep (AdditionalFields two): hostile nesting costs nothing.
import type {Category, EventTarget, ProcessInfo} from '../../event.js';
import {processInfo, type Normalized} from '../common/normalized.js';
import {normalizeRegistryPath, registryValueName} from '../common/registry.js';
import {domainUser} from '../common/sigma-table.js';
import {msFrom} from '../common/time.js';
import {basename, isObject, str, text, uint} from '../common/text.js';
import {mdeCategory, tableOf, tableOfAction} from './tables.js';

type Obj = Record<string, unknown>;

const TABLE_PREFIX = 'AdvancedHunting-';

function isRecord(v: unknown): boolean {
	return isObject(v) && typeof v.category === 'string' && v.category.startsWith(TABLE_PREFIX);
}

/** An Event Hubs message of the Streaming API, or one of its records on its own. */
export function isMdeShape(o: Obj): boolean {
	if (Array.isArray(o.records)) {
		const first: unknown = o.records[0];
		return isRecord(first) || (isObject(first) && isObject(first.properties) && 'tenantId' in first);
	}
	if (isRecord(o)) return true;
	// A bare Advanced Hunting row: these three are in every Device* table.
	return typeof o.ActionType === 'string' && 'DeviceName' in o && 'ReportId' in o;
}

/** The records of a message: its list, or the object itself when it is one record or row. */
export function mdeRecords(o: Obj): unknown[] {
	return Array.isArray(o.records) ? o.records : [o];
}

/** Longest AdditionalFields text parsed (the column is a JSON string, usually well under 4 KiB). */
const MAX_ADDITIONAL = 64 * 1024;

function additional(p: Obj): Obj {
	const a = p.AdditionalFields;
	if (isObject(a)) return a;
	if (typeof a !== 'string' || a.length > MAX_ADDITIONAL || a[0] !== '{') return {};
	try {
		const parsed: unknown = JSON.parse(a);
		return isObject(parsed) ? parsed : {};
	} catch {
		return {};
	}
}

/**
 * MDE spells hives HKEY_LOCAL_MACHINE\ and a user's hive HKEY_CURRENT_USER\<SID>\ (not
 * HKEY_USERS\): Sigma's spellings are HKLM\, HKU\<SID>\ (and HKCU\, HKCR\ for the rest).
 */
export function mdeRegistryKey(key: string | undefined): string | undefined {
	if (!key) return key;
	const upper = key.length > 20 ? key.slice(0, 20).toUpperCase() : key.toUpperCase();
	if (upper.startsWith('HKEY_CURRENT_USER\\S-')) return `HKU\\${key.slice(18)}`;
	if (upper.startsWith('HKEY_CLASSES_ROOT\\')) return `HKCR\\${key.slice(18)}`;
	return normalizeRegistryPath(key);
}

/** FolderPath holds the full path in practice; when it is only the folder, the file name is added. */
function fullPath(folder: string | undefined, file: string | undefined): string | undefined {
	if (!folder || !file) return folder === undefined || folder === '' ? (file ?? folder) : folder;
	if (folder.toLowerCase().endsWith(file.toLowerCase())) return folder;
	return `${folder}${folder.endsWith('\\') || folder.endsWith('/') ? '' : folder.includes('/') ? '/' : '\\'}${file}`;
}

/** The strongest process key MDE gives: its unique id, else pid and creation time (pids are reused). */
function processKey(unique: unknown, pid: number | undefined, created: unknown): string | undefined {
	const u = str(unique);
	if (u !== undefined && u !== '0') return u;
	const ms = msFrom(created);
	return pid !== undefined && ms !== undefined ? `${pid}:${ms}` : undefined;
}

// No uid: the parent row carries no ProcessUniqueId, so the process tree joins MDE processes on
// pid + creation time, which all three levels carry, rather than on a key only two have.
function targetProcess(p: Obj): ProcessInfo | undefined {
	const pid = uint(p.ProcessId);
	return processInfo({
		name: str(p.FileName),
		image: fullPath(text(p.FolderPath), str(p.FileName)),
		cmdline: text(p.ProcessCommandLine),
		pid,
		user: domainUser(str(p.AccountDomain), text(p.AccountName)),
		integrity: str(p.ProcessIntegrityLevel),
		storyline: processKey(p.ProcessUniqueId, pid, p.ProcessCreationTime),
		startTime: msFrom(p.ProcessCreationTime),
		sha256: text(p.SHA256),
		sha1: text(p.SHA1),
		md5: text(p.MD5),
	});
}

function initiatingProcess(p: Obj): ProcessInfo | undefined {
	const pid = uint(p.InitiatingProcessId);
	return processInfo({
		name: str(p.InitiatingProcessFileName),
		image: fullPath(text(p.InitiatingProcessFolderPath), str(p.InitiatingProcessFileName)),
		cmdline: text(p.InitiatingProcessCommandLine),
		pid,
		user: domainUser(str(p.InitiatingProcessAccountDomain), text(p.InitiatingProcessAccountName)),
		integrity: str(p.InitiatingProcessIntegrityLevel),
		storyline: processKey(p.InitiatingProcessUniqueId, pid, p.InitiatingProcessCreationTime),
		startTime: msFrom(p.InitiatingProcessCreationTime),
		sha256: text(p.InitiatingProcessSHA256),
		sha1: text(p.InitiatingProcessSHA1),
		md5: text(p.InitiatingProcessMD5),
	});
}

function parentProcess(p: Obj): ProcessInfo | undefined {
	const pid = uint(p.InitiatingProcessParentId);
	return processInfo({
		name: str(p.InitiatingProcessParentFileName),
		pid,
		storyline: processKey(undefined, pid, p.InitiatingProcessParentCreationTime),
		startTime: msFrom(p.InitiatingProcessParentCreationTime),
	});
}

/** "RemoteInteractive" -> "REMOTE_INTERACTIVE", as the other formats name logon types. */
function logonType(t: string | undefined): string | undefined {
	if (!t || t.length > 64) return t;
	return t.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** DnsQueryResult: a list of answers (strings or {DnsQueryResult} objects), or one string. */
function dnsAnswers(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (!Array.isArray(v)) return undefined;
	const out: string[] = [];
	for (let i = 0; i < v.length && out.length < 64; i++) {
		const a: unknown = v[i];
		const s = isObject(a) ? str(a.DnsQueryResult ?? a.Address ?? a.IpAddress) : str(a);
		if (s) out.push(s);
	}
	return out.length > 0 ? out.join(', ') : '';
}

/** The command of a task's XML (<Exec><Command>), for the summary; bounded search. */
function taskCommand(xml: string | undefined): string | undefined {
	if (!xml) return undefined;
	const head = xml.length > 65_536 ? xml.slice(0, 65_536) : xml;
	const start = head.indexOf('<Command>');
	if (start === -1) return undefined;
	const end = head.indexOf('</Command>', start);
	return end === -1 ? undefined : head.slice(start + 9, end).trim() || undefined;
}

function target(category: Category, action: string | undefined, p: Obj): EventTarget {
	switch (category) {
		case 'Process Creation':
			return {process: targetProcess(p)};
		case 'File Creation':
		case 'File Modification':
		case 'File Deletion':
		case 'File Rename':
			return {
				file: {
					path: fullPath(text(p.FolderPath), str(p.FileName)),
					oldPath:
						category === 'File Rename' ? fullPath(text(p.PreviousFolderPath), str(p.PreviousFileName)) : undefined,
					size: uint(p.FileSize),
					sha256: text(p.SHA256),
					sha1: text(p.SHA1),
					md5: text(p.MD5),
				},
			};
		case 'TCPv4 Connection':
		case 'TCPv4 Listen':
			return {
				network: {
					srcIp: text(p.LocalIP),
					srcPort: uint(p.LocalPort),
					dstIp: category === 'TCPv4 Listen' ? undefined : text(p.RemoteIP),
					dstPort: category === 'TCPv4 Listen' ? undefined : uint(p.RemotePort),
					direction:
						category === 'TCPv4 Listen' ? undefined : action === 'InboundConnectionAccepted' ? 'INCOMING' : 'OUTGOING',
					status: action === 'ConnectionSuccess' ? 'SUCCESS' : action === 'ConnectionFailed' ? 'FAILURE' : undefined,
					protocol: str(p.Protocol),
				},
			};
		case 'DNS': {
			const a = additional(p);
			if (action === 'DnsQueryResponse')
				return {dns: {query: text(a.DnsQueryString), answers: dnsAnswers(a.DnsQueryResult), status: 'SUCCESS'}};
			return {dns: {query: text(a.query) ?? text(p.RemoteUrl), answers: dnsAnswers(a.answers)}};
		}
		case 'HTTP Request': {
			const a = additional(p);
			const host = str(a.host);
			const url = text(p.RemoteUrl) ?? (host ? `http://${host}${str(a.uri) ?? ''}` : undefined);
			return {http: {url, method: str(a.method)}};
		}
		case 'Login': {
			const reason = str(p.FailureReason);
			return {
				login: {
					user: text(p.AccountName),
					domain: str(p.AccountDomain),
					type: logonType(str(p.LogonType)),
					result: action === 'LogonSuccess' ? 'success' : action === 'LogonFailed' ? 'failure' : undefined,
					reason,
					remoteAddress: str(p.RemoteIP) ?? str(p.RemoteDeviceName),
					sid: str(p.AccountSid),
				},
			};
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete': {
			const a = additional(p);
			const path = str(a.TaskName);
			return {
				task: {
					name: path ? (basename(path) ?? path) : undefined,
					path,
					executable: taskCommand(str(a.TaskContent)),
				},
			};
		}
		case 'other': {
			const path = fullPath(text(p.FolderPath), str(p.FileName));
			return path ? {file: {path, sha256: text(p.SHA256), sha1: text(p.SHA1), md5: text(p.MD5)}} : {};
		}
		default: {
			// Registry: value events carry the value name at the end of the key (Sigma's TargetObject).
			const key = mdeRegistryKey(text(p.RegistryKey));
			const valueName = str(p.RegistryValueName);
			const valueEvent = category.startsWith('Registry Value');
			const full = valueEvent && key !== undefined && valueName !== undefined ? `${key}\\${valueName}` : key;
			return {
				registry: {
					key: full,
					value: valueEvent ? (valueName ?? registryValueName(full)) : undefined,
					data: text(p.RegistryValueData),
					oldData: str(p.PreviousRegistryValueData),
					valueType: str(p.RegistryValueType),
					oldKey: category === 'Registry Key Rename' ? mdeRegistryKey(text(p.PreviousRegistryKey)) : undefined,
				},
			};
		}
	}
}

function osOf(...paths: Array<string | undefined>): string | undefined {
	for (const path of paths) {
		if (!path) continue;
		if (path.includes('\\')) return 'windows';
		if (path.startsWith('/')) {
			return /^\/(?:Applications|Library|System|Users|private)\//.test(path) ? 'macos' : 'linux';
		}
	}
	return undefined;
}

export function normalizeMdeRecord(record: Obj): Normalized {
	const p = isObject(record.properties) ? record.properties : record;
	const action = str(p.ActionType);
	const table = tableOf(str(record.category)) ?? tableOfAction(action);
	const {category, subtype} = mdeCategory(table, action);
	const actor = initiatingProcess(p);
	const t = target(category, action, p);
	const user =
		category === 'Login'
			? domainUser(t.login?.domain, t.login?.user)
			: category === 'Process Creation'
				? (t.process?.user ?? actor?.user)
				: actor?.user;
	return {
		category,
		subtype,
		time: msFrom(p.Timestamp),
		// The record time is when the Streaming API took the row: minutes after Timestamp is normal.
		ingestTime: record === p ? undefined : msFrom(record.time),
		host: str(p.DeviceName),
		os: osOf(t.process?.image, actor?.image, t.file?.path) ?? (t.registry ? 'windows' : undefined),
		agentId: str(p.DeviceId),
		user,
		actor,
		parent: parentProcess(p),
		target: t,
		raw: record,
	};
}
