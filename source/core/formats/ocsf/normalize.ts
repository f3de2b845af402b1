// OCSF 1.x events (docs/formats.md, "ocsf"): `class_uid` and `activity_id` (or `type_uid` =
// class_uid * 100 + activity_id) decide the category; `actor.process` is the acting process
// (for Process Activity the creator), `process` the created or ended one, `device.hostname` the
// host, `time` the event time (epoch ms) and `metadata.logged_time` the collector's. Reads are a
// fixed two or three levels deep, lists capped: hostile nesting costs nothing.
import type {Category, EventTarget, ProcessInfo} from '../../event.js';
import {processInfo, type Normalized} from '../common/normalized.js';
import {normalizeOs} from '../common/os.js';
import {normalizeRegistryPath, registryValueName} from '../common/registry.js';
import {domainUser} from '../common/sigma-table.js';
import {msFrom} from '../common/time.js';
import {at, basename, isObject, str, text, uint} from '../common/text.js';

type Obj = Record<string, unknown>;

export const OCSF_CLASSES = {
	file: 1001,
	module: 1005,
	job: 1006,
	process: 1007,
	auth: 3002,
	network: 4001,
	http: 4002,
	dns: 4003,
	regKey: 201001,
	regValue: 201002,
} as const;

export function isOcsfShape(o: Obj): boolean {
	return (
		(typeof o.class_uid === 'number' || typeof o.class_uid === 'string') &&
		('activity_id' in o || 'type_uid' in o) &&
		('metadata' in o || 'category_uid' in o)
	);
}

/** class and activity from class_uid/activity_id, else from type_uid. */
export function classActivity(o: Obj): {cls?: number; activity?: number} {
	const cls = uint(o.class_uid);
	const activity = uint(o.activity_id);
	if (cls !== undefined && activity !== undefined) return {cls, activity};
	const type = uint(o.type_uid);
	if (type === undefined) return {cls, activity};
	return {cls: cls ?? Math.floor(type / 100), activity: activity ?? type % 100};
}

const CATEGORIES: Record<number, Record<number, Category>> = {
	[OCSF_CLASSES.process]: {1: 'Process Creation', 2: 'Process Termination'},
	[OCSF_CLASSES.file]: {1: 'File Creation', 3: 'File Modification', 4: 'File Deletion', 5: 'File Rename'},
	[OCSF_CLASSES.network]: {
		1: 'TCPv4 Connection',
		2: 'TCPv4 Connection',
		3: 'TCPv4 Connection',
		4: 'TCPv4 Connection',
		5: 'TCPv4 Connection',
		6: 'TCPv4 Connection',
		7: 'TCPv4 Listen',
	},
	[OCSF_CLASSES.http]: {
		1: 'HTTP Request',
		2: 'HTTP Request',
		3: 'HTTP Request',
		4: 'HTTP Request',
		5: 'HTTP Request',
		6: 'HTTP Request',
		7: 'HTTP Request',
		8: 'HTTP Request',
		9: 'HTTP Request',
	},
	[OCSF_CLASSES.dns]: {1: 'DNS', 2: 'DNS', 6: 'DNS'},
	[OCSF_CLASSES.auth]: {1: 'Login', 2: 'Logout'},
	[OCSF_CLASSES.regKey]: {
		1: 'Registry Key Creation',
		3: 'Registry Key Creation',
		4: 'Registry Key Delete',
		5: 'Registry Key Rename',
		6: 'Registry Key Security Changed',
		8: 'Registry Key Import',
		9: 'Registry Key Export',
	},
	[OCSF_CLASSES.regValue]: {2: 'Registry Value Modified', 3: 'Registry Value Modified', 4: 'Registry Value Delete'},
	[OCSF_CLASSES.job]: {
		1: 'Scheduled Task Register',
		2: 'Scheduled Task Update',
		3: 'Scheduled Task Delete',
		4: 'Scheduled Task Update',
		5: 'Scheduled Task Update',
		6: 'Scheduled Task Start',
	},
};

/** The OCSF process object -> ProcessInfo (uid is its unique key: the storyline). */
export function ocsfProcess(p: unknown): ProcessInfo | undefined {
	if (!isObject(p)) return undefined;
	const file = isObject(p.file) ? p.file : {};
	const h = hashes(file.hashes);
	return processInfo({
		name: str(p.name) ?? str(file.name),
		image: text(file.path),
		cmdline: text(p.cmd_line),
		pid: uint(p.pid),
		user: userText(p.user),
		integrity: str(p.integrity),
		storyline: str(p.uid),
		uid: str(p.uid),
		...h,
	});
}

function userText(u: unknown): string | undefined {
	if (!isObject(u)) return undefined;
	return domainUser(str(u.domain), text(u.name));
}

/** OCSF hashes: [{algorithm_id: 1 MD5 | 2 SHA-1 | 3 SHA-256, algorithm, value}], at most 8 read. */
function hashes(list: unknown): {md5?: string; sha1?: string; sha256?: string} {
	const out: {md5?: string; sha1?: string; sha256?: string} = {};
	if (!Array.isArray(list)) return out;
	for (let i = 0; i < list.length && i < 8; i++) {
		const h: unknown = list[i];
		if (!isObject(h)) continue;
		const value = str(h.value);
		const id = uint(h.algorithm_id);
		const name = str(h.algorithm)?.toUpperCase();
		if (id === 1 || name === 'MD5') out.md5 = value;
		else if (id === 2 || name === 'SHA-1' || name === 'SHA1') out.sha1 = value;
		else if (id === 3 || name === 'SHA-256' || name === 'SHA256') out.sha256 = value;
	}
	return out;
}

function filePath(f: unknown): string | undefined {
	if (!isObject(f)) return undefined;
	const path = text(f.path);
	if (path !== undefined) return path;
	const name = str(f.name);
	const parent = str(f.parent_folder);
	return name && parent ? `${parent}${parent.endsWith('\\') || parent.endsWith('/') ? '' : '\\'}${name}` : name;
}

/**
 * Module Activity's activities, as the subtype of its "other" events: fixed names, so routing does
 * not hang on the producer's class_name / activity_name spelling ("Module Activity/Load" is the
 * one that stands for Sigma's image_load).
 */
const MODULE_ACTIVITIES: Record<number, string> = {1: 'Load', 2: 'Unload', 3: 'Invoke'};

export const OCSF_MODULE_LOAD = 'Module Activity/Load';

function subtypeOf(o: Obj, cls: number | undefined, activity: number | undefined): string {
	if (cls === OCSF_CLASSES.module)
		return `Module Activity/${(activity !== undefined && MODULE_ACTIVITIES[activity]) || (activity ?? '?')}`;
	return `${str(o.class_name) ?? `class ${cls ?? '?'}`}/${str(o.activity_name) ?? activity ?? '?'}`;
}

/** The module a Module Activity event names: its file's path and hashes. */
function moduleFile(o: Obj): EventTarget {
	const f = at(o, 'module', 'file');
	const path = filePath(f);
	if (path === undefined) return {};
	return {file: {path, size: uint(at(f, 'size')), ...(isObject(f) ? hashes(f.hashes) : {})}};
}

const LOGON_TYPES: Record<number, string> = {
	2: 'INTERACTIVE',
	3: 'NETWORK',
	4: 'BATCH',
	5: 'SERVICE',
	7: 'UNLOCK',
	8: 'NETWORK_CLEARTEXT',
	9: 'NEW_CREDENTIALS',
	10: 'REMOTE_INTERACTIVE',
	11: 'CACHED_INTERACTIVE',
};

function answers(list: unknown): string | undefined {
	if (!Array.isArray(list)) return undefined;
	const out: string[] = [];
	for (let i = 0; i < list.length && out.length < 64; i++) {
		const a: unknown = list[i];
		const s = isObject(a) ? str(a.rdata) : str(a);
		if (s) out.push(s);
	}
	return out.join(', ');
}

function target(category: Category, cls: number | undefined, activity: number | undefined, o: Obj): EventTarget {
	switch (category) {
		case 'Process Creation':
		case 'Process Termination':
			return {process: ocsfProcess(o.process), exitCode: uint(at(o, 'process', 'exit_code') ?? o.exit_code)};
		case 'File Creation':
		case 'File Modification':
		case 'File Deletion':
		case 'File Rename': {
			const rename = category === 'File Rename';
			const f = rename && isObject(o.file_result) ? o.file_result : o.file;
			const h = isObject(f) ? hashes(f.hashes) : {};
			return {
				file: {
					path: filePath(f),
					oldPath: rename ? filePath(o.file) : undefined,
					size: uint(at(f, 'size')),
					...h,
				},
			};
		}
		case 'TCPv4 Connection':
		case 'TCPv4 Listen': {
			const dir = uint(at(o, 'connection_info', 'direction_id'));
			const listen = category === 'TCPv4 Listen';
			return {
				network: {
					srcIp: text(at(o, 'src_endpoint', 'ip')),
					srcPort: uint(at(o, 'src_endpoint', 'port')),
					dstIp: listen ? undefined : text(at(o, 'dst_endpoint', 'ip')),
					dstPort: listen ? undefined : uint(at(o, 'dst_endpoint', 'port')),
					direction: listen ? undefined : dir === 1 ? 'INCOMING' : dir === 2 ? 'OUTGOING' : undefined,
					status: activity === 4 || activity === 5 ? 'FAILURE' : activity === 1 ? 'SUCCESS' : undefined,
					protocol: str(at(o, 'connection_info', 'protocol_name')),
				},
			};
		}
		case 'DNS':
			return {
				dns: {
					query: text(at(o, 'query', 'hostname')),
					answers: answers(o.answers),
					status: str(o.rcode) === 'NoError' || uint(o.rcode_id) === 0 ? 'SUCCESS' : str(o.rcode),
				},
			};
		case 'HTTP Request':
			return {
				http: {
					url: text(at(o, 'http_request', 'url', 'url_string')) ?? text(at(o, 'http_request', 'url', 'hostname')),
					method: str(at(o, 'http_request', 'http_method')),
				},
			};
		case 'Login':
		case 'Logout': {
			const status = uint(o.status_id);
			const lt = uint(o.logon_type_id);
			return {
				login: {
					user: text(at(o, 'user', 'name')),
					domain: str(at(o, 'user', 'domain')),
					sid: str(at(o, 'user', 'uid')),
					type: lt !== undefined ? (LOGON_TYPES[lt] ?? str(o.logon_type)) : str(o.logon_type),
					result: status === 1 ? 'success' : status === 2 ? 'failure' : undefined,
					reason: status === 2 ? (str(o.status_detail) ?? str(o.status)) : undefined,
					remoteAddress: str(at(o, 'src_endpoint', 'ip')),
				},
			};
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete':
		case 'Scheduled Task Start': {
			const name = str(at(o, 'job', 'name'));
			return {
				task: {
					name: name ? (basename(name) ?? name) : undefined,
					path: name,
					executable: str(at(o, 'job', 'cmd_line')) ?? str(at(o, 'job', 'file', 'path')),
				},
			};
		}
		case 'other':
			if (cls === OCSF_CLASSES.module) return moduleFile(o);
			return filePath(o.file) ? {file: {path: filePath(o.file)}} : {};
		default: {
			if (cls === OCSF_CLASSES.regValue) {
				const v = isObject(o.reg_value) ? o.reg_value : {};
				const key = normalizeRegistryPath(text(v.path));
				const name = str(v.name);
				const full = key !== undefined && name !== undefined && !key.endsWith(`\\${name}`) ? `${key}\\${name}` : key;
				return {
					registry: {
						key: full,
						value: name ?? registryValueName(full),
						data: text(v.data) ?? text(v.value),
						valueType: str(v.type),
						oldData: str(at(o, 'prev_reg_value', 'data')),
					},
				};
			}
			return {
				registry: {
					key: normalizeRegistryPath(text(at(o, 'reg_key', 'path'))),
					oldKey:
						category === 'Registry Key Rename' ? normalizeRegistryPath(text(at(o, 'prev_reg_key', 'path'))) : undefined,
				},
			};
		}
	}
}

export function normalizeOcsf(o: Obj): Normalized {
	const {cls, activity} = classActivity(o);
	const category: Category = (cls !== undefined && activity !== undefined && CATEGORIES[cls]?.[activity]) || 'other';
	const t = target(category, cls, activity, o);
	const isProcess = category === 'Process Creation';
	const actorProcess = at(o, 'actor', 'process');
	const actor = ocsfProcess(actorProcess) ?? (isProcess ? ocsfProcess(at(o, 'process', 'parent_process')) : undefined);
	const login = t.login;
	const user = login
		? domainUser(login.domain, login.user)
		: isProcess
			? (t.process?.user ?? actor?.user)
			: (actor?.user ?? userText(at(o, 'actor', 'user')));
	const device = isObject(o.device) ? o.device : {};
	return {
		category,
		subtype: category === 'other' ? subtypeOf(o, cls, activity) : undefined,
		time: msFrom(o.time),
		ingestTime: msFrom(at(o, 'metadata', 'logged_time')),
		host: str(device.hostname) ?? str(device.name),
		os: normalizeOs(str(at(device, 'os', 'type')), str(at(device, 'os', 'name'))),
		agentId: str(device.uid) ?? str(at(o, 'metadata', 'product', 'name')),
		user,
		actor,
		parent: ocsfProcess(at(actorProcess, 'parent_process')),
		target: t,
		raw: o,
	};
}
