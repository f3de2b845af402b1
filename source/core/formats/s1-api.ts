// DV query API v2.1 rows: camelCase keys (docs/formats.md §5).
// In these rows a Process Creation's process* fields describe the created (child) process and
// parent* its creator, so the creator is the actor, as in the other formats. When the newer
// srcProc*/tgtProc* fields are present they win (src = actor, tgt = target process).
import type {Category, EventTarget, ProcessInfo} from '../event.js';
import {parseDnsResults} from './common/dns.js';
import {processInfo, type Normalized} from './common/normalized.js';
import {normalizeOs} from './common/os.js';
import {normalizeRegistryPath, registryValueName} from './common/registry.js';
import {msFrom} from './common/time.js';
import {bool, str, text, uint} from './common/text.js';
import {categoryOfS1Type} from './s1-event-types.js';

type Obj = Record<string, unknown>;

function processFields(o: Obj): ProcessInfo | undefined {
	return processInfo({
		name: str(o.processName),
		image: text(o.processImagePath),
		cmdline: text(o.processCmd),
		pid: uint(o.pid),
		user: text(o.processUserName),
		integrity: text(o.processIntegrityLevel),
		storyline: str(o.srcProcStorylineId),
		uid: str(o.processUniqueKey),
		startTime: msFrom(o.processStartTime),
	});
}

function parentFields(o: Obj): ProcessInfo | undefined {
	return processInfo({
		name: str(o.parentProcessName),
		image: text(o.parentProcessImagePath),
		cmdline: text(o.parentProcessCmd),
		pid: uint(o.parentPid),
		uid: str(o.parentProcessUniqueKey),
		startTime: msFrom(o.parentProcessStartTime),
	});
}

function srcProc(o: Obj): ProcessInfo | undefined {
	return processInfo({
		name: str(o.srcProcName),
		image: text(o.srcProcImagePath),
		cmdline: text(o.srcProcCmdLine),
		pid: uint(o.srcProcPid),
		user: text(o.srcProcUser),
		uid: str(o.srcProcUid),
		startTime: msFrom(o.srcProcStartTime),
	});
}

function tgtProc(o: Obj): ProcessInfo | undefined {
	return processInfo({
		name: str(o.tgtProcName),
		image: text(o.tgtProcImagePath),
		cmdline: text(o.tgtProcCmdLine),
		pid: uint(o.tgtProcPid),
		user: text(o.tgtProcUser ?? o.tgtProcUserName),
		sha1: text(o.tgtFileSha1),
		sha256: text(o.tgtFileSha256),
		uid: str(o.tgtProcUid),
		startTime: msFrom(o.tgtProcStartTime),
	});
}

function target(category: Category, o: Obj, child: ProcessInfo | undefined): EventTarget {
	const hashes = {sha1: text(o.sha1), sha256: text(o.sha256), md5: text(o.md5)};
	switch (category) {
		case 'Process Creation':
		case 'Process Termination':
			return {
				process: child
					? {...child, sha1: child.sha1 ?? hashes.sha1, sha256: child.sha256 ?? hashes.sha256, md5: hashes.md5}
					: undefined,
			};
		case 'Process Exit':
			return {};
		case 'File Creation':
		case 'File Modification':
		case 'File Deletion':
		case 'File Rename':
			return {file: {path: text(o.fileFullName), oldPath: text(o.oldFileName), size: uint(o.fileSize), ...hashes}};
		case 'DNS':
			return {dns: {query: text(o.dnsRequest), answers: parseDnsResults(text(o.dnsResponse)).answers}};
		case 'TCPv4 Connection':
		case 'TCPv4 Listen':
			return {
				network: {
					srcIp: text(o.srcIp),
					srcPort: uint(o.srcPort),
					dstIp: text(o.dstIp),
					dstPort: uint(o.dstPort),
					direction: str(o.direction)?.toUpperCase(),
					status: str(o.connectionStatus),
				},
			};
		case 'HTTP Request':
			return {http: {url: text(o.networkUrl), method: str(o.networkMethod)}};
		case 'Login':
		case 'Logout': {
			const ok = bool(o.loginIsSuccessful);
			return {
				login: {
					user: str(o.loginsUserName),
					type: str(o.loginsBaseType),
					result: ok === undefined ? undefined : ok ? 'success' : 'failure',
					reason: str(o.loginFailureReason),
					remoteAddress: str(o.srcIp),
				},
			};
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete':
		case 'Scheduled Task Start':
		case 'Scheduled Task Trigger':
			return {task: {name: str(o.taskName), path: str(o.taskPath)}};
		case 'Persistency':
			return {persistence: {path: str(o.fileFullName), type: str(o.persistenceType)}};
		case 'other':
			return child ? {process: child} : o.fileFullName !== undefined ? {file: {path: str(o.fileFullName)}} : {};
		default: {
			const key = normalizeRegistryPath(text(o.registryPath));
			return {
				registry: {
					key,
					value: category.startsWith('Registry Value') ? registryValueName(key) : undefined,
					data: text(o.registryValue),
					oldData: text(o.registryOldValue),
				},
			};
		}
	}
}

export function normalizeApi(o: Obj): Normalized {
	const type = str(o.eventType);
	const category: Category = categoryOfS1Type(type) ?? 'other';
	const hasTgt = o.tgtProcName !== undefined || o.tgtProcImagePath !== undefined || o.tgtProcCmdLine !== undefined;
	let actor: ProcessInfo | undefined;
	let parent: ProcessInfo | undefined;
	let child: ProcessInfo | undefined;
	if (hasTgt) {
		actor = srcProc(o) ?? processFields(o);
		parent = parentFields(o);
		child = tgtProc(o);
	} else if (category === 'Process Creation') {
		actor = parentFields(o);
		child = processFields(o);
	} else {
		actor = srcProc(o) ?? processFields(o);
		parent = parentFields(o);
	}
	const t = target(category, o, child);
	const user = t.login?.user ?? (category === 'Process Creation' ? t.process?.user : undefined) ?? actor?.user;
	return {
		category,
		subtype: category === 'other' ? (type ?? str(o.objectType) ?? 'unknown') : undefined,
		time: msFrom(o.createdAt) ?? msFrom(o.eventTime),
		host: str(o.agentName),
		os: normalizeOs(str(o.agentOs)),
		agentId: str(o.agentUuid),
		user,
		actor,
		parent,
		target: t,
		raw: o,
	};
}
