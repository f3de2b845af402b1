// Each Event oneof member -> category, actor, parent and target, from the member's JSON rendering
// (toObject with longs as strings, enums by name, defaults omitted). Field facts: docs/formats.md §3.
import type {Category, EdrCategory, EventTarget, ProcessInfo} from '../../event.js';
import {parseDnsResults} from '../common/dns.js';
import {processInfo} from '../common/normalized.js';
import {decodeRegistryData, normalizeRegistryPath, registryTypeName, registryValueName} from '../common/registry.js';
import {at, isObject, num, str, text, uint} from '../common/text.js';
import {msFrom} from '../common/time.js';

/** The 28 members that are categories; every other member is "other" with subtype = member name. */
export const DV_MEMBER_CATEGORIES: Readonly<Record<string, EdrCategory>> = {
	processCreation: 'Process Creation',
	processTermination: 'Process Termination',
	processExit: 'Process Exit',
	fileCreation: 'File Creation',
	fileModification: 'File Modification',
	fileDeletion: 'File Deletion',
	fileRename: 'File Rename',
	dns: 'DNS',
	tcpv4: 'TCPv4 Connection',
	tcpv4Listen: 'TCPv4 Listen',
	http: 'HTTP Request',
	persistency: 'Persistency',
	login: 'Login',
	logout: 'Logout',
	regKeyCreate: 'Registry Key Creation',
	regKeyRename: 'Registry Key Rename',
	regKeyDelete: 'Registry Key Delete',
	regKeyExport: 'Registry Key Export',
	regKeySecurityChanged: 'Registry Key Security Changed',
	regKeyImport: 'Registry Key Import',
	regValueCreate: 'Registry Value Creation',
	regValueModified: 'Registry Value Modified',
	regValueDelete: 'Registry Value Delete',
	schedTaskRegister: 'Scheduled Task Register',
	schedTaskUpdate: 'Scheduled Task Update',
	schedTaskDelete: 'Scheduled Task Delete',
	schedTaskStart: 'Scheduled Task Start',
	schedTaskTrigger: 'Scheduled Task Trigger',
};

type Obj = Record<string, unknown>;

function signatureOf(sig: unknown): string | undefined {
	if (!isObject(sig)) return undefined;
	if (sig.unsigned !== undefined) return 'unsigned';
	const signed = sig.signed;
	if (!isObject(signed)) return undefined;
	if (signed.invalid !== undefined) return 'invalid';
	return signed.valid !== undefined ? 'signed' : 'signed (unverified)';
}

export function dvProcess(p: unknown, hashes?: Obj): ProcessInfo | undefined {
	if (!isObject(p)) return undefined;
	const exe: Obj | undefined = isObject(p.executable) ? p.executable : undefined;
	const h: unknown = hashes ?? exe?.hashes;
	return processInfo({
		name: str(p.name),
		image: text(exe?.path),
		cmdline: text(p.commandLine),
		pid: uint(at(p, 'fullPid', 'pid')),
		user: text(at(p, 'user', 'name')),
		integrity: p.integrityLevel === 'INTEGRITY_LEVEL_UNKNOWN' ? undefined : str(p.integrityLevel),
		storyline: str(at(p, 'trueContext', 'key', 'value')),
		sha256: text(at(h, 'sha256')),
		sha1: text(at(h, 'sha1')),
		md5: text(at(h, 'md5')),
		signed: signatureOf(exe?.signature),
		uid: str(at(p, 'node', 'key', 'value')),
		startTime: msFrom(at(p, 'fullPid', 'startTime', 'millisecondsSinceEpoch')),
	});
}

function fileOf(f: unknown, extraHashes?: Obj, size?: unknown): EventTarget['file'] {
	if (!isObject(f)) return undefined;
	const h: unknown = extraHashes ?? f.hashes;
	return {
		path: text(f.path),
		size: uint(size ?? f.sizeBytes),
		sha256: text(at(h, 'sha256')),
		sha1: text(at(h, 'sha1')),
		md5: text(at(h, 'md5')),
	};
}

export interface DvNormalizedPart {
	category: Category;
	subtype?: string;
	actor?: ProcessInfo;
	parent?: ProcessInfo;
	user?: string;
	target: EventTarget;
	detail?: string;
}

/** Actor from `source` (the usual spelling), its parent from the actor's own enrichment. */
function withSource(category: Category, body: Obj, target: EventTarget, actorKey = 'source'): DvNormalizedPart {
	const actor = dvProcess(body[actorKey]);
	return {category, actor, parent: dvProcess(at(body, actorKey, 'parent')), user: actor?.user, target};
}

function registry(
	body: Obj,
	valueEvent: boolean,
	extra: NonNullable<EventTarget['registry']> = {},
): NonNullable<EventTarget['registry']> {
	const path = normalizeRegistryPath(text(at(body, valueEvent ? 'regValue' : 'regKey', 'path')));
	return {key: path, value: valueEvent ? registryValueName(path) : undefined, ...extra};
}

function address(a: unknown): {ip?: string; port?: number} {
	return {ip: text(at(a, 'address')), port: uint(at(a, 'port'))};
}

export function normalizeDvMember(member: string | undefined, body: unknown): DvNormalizedPart {
	const b: Obj = isObject(body) ? body : {};
	const category: Category = (member && DV_MEMBER_CATEGORIES[member]) || 'other';
	switch (member) {
		case 'processCreation': {
			const child = dvProcess(
				b.process,
				isObject(at(b, 'process', 'executable', 'hashes')) || !isObject(b.hashes) ? undefined : b.hashes,
			);
			const actor = dvProcess(b.parent);
			return {
				category,
				actor,
				parent: dvProcess(at(b, 'parent', 'parent')),
				user: child?.user ?? actor?.user,
				target: {process: child},
			};
		}
		case 'processTermination':
			return withSource(category, b, {process: dvProcess(b.target), exitCode: uint(b.exitCode)});
		case 'processExit':
			return withSource(category, b, {exitCode: uint(b.exitCode)});
		case 'fileCreation':
		case 'fileDeletion':
			return withSource(category, b, {file: fileOf(b.targetFile)});
		case 'fileModification':
			return withSource(category, b, {
				file: fileOf(b.file, isObject(b.hashes) ? b.hashes : undefined, b.sizeBytes ?? at(b, 'file', 'sizeBytes')),
			});
		case 'fileRename': {
			const file = fileOf(b.destination) ?? {};
			file.oldPath = text(at(b, 'source', 'path'));
			return withSource(category, b, {file}, 'process');
		}
		case 'dns': {
			const results = text(b.results);
			const status = str(b.status);
			return withSource(category, b, {
				dns: {
					query: text(b.query),
					answers: parseDnsResults(results).answers,
					status: status === 'UNKNOWN' ? undefined : status,
				},
			});
		}
		case 'tcpv4': {
			const src = address(b.sourceAddress);
			const dst = address(b.destinationAddress);
			// proto3 omits the default: no direction means INCOMING (= 0).
			const status = str(b.status);
			return withSource(category, b, {
				network: {
					srcIp: src.ip,
					srcPort: src.port,
					dstIp: dst.ip,
					dstPort: dst.port,
					direction: str(b.direction) ?? 'INCOMING',
					status: status === 'UNKNOWN' ? undefined : status,
					protocol: 'tcp',
				},
			});
		}
		case 'tcpv4Listen': {
			const local = address(b.local);
			return withSource(category, b, {network: {srcIp: local.ip, srcPort: local.port, protocol: 'tcp'}});
		}
		case 'http':
			return withSource(category, b, {http: {url: text(b.url), method: str(b.method)}});
		case 'persistency':
			return withSource(category, b, {
				persistence: {path: str(b.filePath), type: str(b.type), payload: str(b.payload)},
			});
		case 'login':
		case 'logout': {
			const base: Obj = isObject(b.base) ? b.base : {};
			const part = withSource(category, base, {
				login: {
					user: str(at(base, 'user', 'name')),
					sid: str(at(base, 'user', 'sid')),
					type: str(base.type),
					remoteAddress: str(at(base, 'sourceAddress', 'address')),
				},
			});
			part.user = str(at(base, 'user', 'name')) ?? part.user;
			return part;
		}
		case 'regKeyCreate':
		case 'regKeyDelete':
		case 'regKeySecurityChanged':
			return withSource(category, b, {registry: registry(b, false)});
		case 'regKeyRename':
			return withSource(category, b, {
				registry: registry(b, false, {oldKey: normalizeRegistryPath(str(b.oldKeyName))}),
			});
		case 'regKeyExport':
			return withSource(category, b, {registry: registry(b, false, {path: str(b.exportPath)})});
		case 'regKeyImport':
			return withSource(category, b, {registry: registry(b, false, {path: str(b.importPath)})});
		case 'regValueCreate':
			return withSource(category, b, {registry: registry(b, true, {valueType: registryTypeName(uint(b.valueType))})});
		case 'regValueModified': {
			const newType = uint(b.newValueType);
			const oldType = uint(b.oldValueType);
			return withSource(category, b, {
				registry: registry(b, true, {
					data: decodeRegistryData(text(b.newValueData), newType),
					oldData: decodeRegistryData(text(b.oldValueData), oldType ?? newType),
					valueType: registryTypeName(newType),
				}),
			});
		}
		case 'regValueDelete':
			return withSource(category, b, {registry: registry(b, true)});
		case 'schedTaskRegister':
		case 'schedTaskUpdate':
		case 'schedTaskDelete':
			return withSource(category, b, {task: taskOf(b)});
		case 'schedTaskStart': {
			const task = taskOf(b);
			task.executable = str(at(b, 'executableFile', 'path')) ?? str(at(b, 'targetFile', 'path'));
			return withSource(category, b, {task});
		}
		case 'schedTaskTrigger': {
			const task = taskOf(b);
			task.trigger = str(b.triggerType);
			return withSource(category, b, {task});
		}
		default:
			return otherMember(member, b);
	}
}

/** taskName is the full path in practice ("\\Microsoft\\Windows\\Updater"); name = its last part. */
function taskOf(b: Obj): NonNullable<EventTarget['task']> {
	const full = str(b.taskName);
	if (full?.includes('\\')) return {name: full.slice(full.lastIndexOf('\\') + 1) || full, path: full};
	return {name: full};
}

function otherMember(member: string | undefined, b: Obj): DvNormalizedPart {
	const target: EventTarget = {};
	let detail: string | undefined;
	switch (member) {
		case 'openProcess':
		case 'duplicateThread':
		case 'duplicateProcess':
		case 'remoteThread':
			target.process = dvProcess(b.target);
			break;
		case 'moduleLoad':
			target.file = {path: str(b.path)};
			break;
		case 'scripts':
			target.file = fileOf(b.targetFile);
			detail = str(b.appName) ?? target.file?.path;
			break;
		case 'behavioralIndicators':
			detail = str(b.indicator) ?? str(b.friendlyName);
			break;
		case 'eventLog':
			detail = [
				str(b.channel) ?? str(b.providerName),
				num(b.eventID) !== undefined ? `EventID ${b.eventID}` : undefined,
			]
				.filter(Boolean)
				.join(' ');
			break;
		default:
			break;
	}
	const part = withSource('other', b, target);
	part.subtype = member ?? 'empty event';
	part.detail = detail;
	return part;
}
