// Cloud Funnel 2.0: one flat object per event, keys with dots (docs/formats.md §4).
// Actor = src.process.* (parent src.process.parent.*), child process = tgt.process.*.
import type {Category, EventTarget, ProcessInfo} from '../event.js';
import {parseDnsResults} from './common/dns.js';
import {processInfo, type Normalized} from './common/normalized.js';
import {normalizeOs} from './common/os.js';
import {normalizeRegistryPath, registryTypeName, registryValueName} from './common/registry.js';
import {msFrom} from './common/time.js';
import {bool, str, text, uint} from './common/text.js';
import {categoryOfS1Type} from './s1-event-types.js';

type Obj = Record<string, unknown>;

/** Key names per process prefix, built once: no string concatenation per event. */
function processKeys(prefix: string) {
	return {
		name: `${prefix}.name`,
		image: `${prefix}.image.path`,
		cmdline: `${prefix}.cmdline`,
		pid: `${prefix}.pid`,
		user: `${prefix}.user`,
		integrity: `${prefix}.integrityLevel`,
		storyline: `${prefix}.storyline.id`,
		sha256: `${prefix}.image.sha256`,
		sha1: `${prefix}.image.sha1`,
		md5: `${prefix}.image.md5`,
		signed: `${prefix}.signedStatus`,
		uid: `${prefix}.uid`,
		startTime: `${prefix}.startTime`,
	};
}
type ProcessKeys = ReturnType<typeof processKeys>;
const SRC = processKeys('src.process');
const SRC_PARENT = processKeys('src.process.parent');
const TGT = processKeys('tgt.process');

function cf2Process(o: Obj, k: ProcessKeys): ProcessInfo | undefined {
	return processInfo({
		name: str(o[k.name]),
		image: text(o[k.image]),
		cmdline: text(o[k.cmdline]),
		pid: uint(o[k.pid]),
		user: text(o[k.user]),
		integrity: text(o[k.integrity]),
		storyline: str(o[k.storyline]),
		sha256: text(o[k.sha256]),
		sha1: text(o[k.sha1]),
		md5: text(o[k.md5]),
		signed: str(o[k.signed]),
		uid: str(o[k.uid]),
		startTime: msFrom(o[k.startTime]),
	});
}

export function cf2Category(o: Obj): {category: Category; subtype?: string} {
	const type = str(o['event.type']);
	const byType = categoryOfS1Type(type);
	if (byType) return {category: byType};
	if (o['event.category'] === 'url') return {category: 'HTTP Request'};
	const metaName = str(o['meta.event.name']);
	const byMeta = categoryOfS1Type(metaName);
	if (byMeta) return {category: byMeta};
	return {category: 'other', subtype: type ?? metaName ?? str(o['event.category']) ?? 'unknown'};
}

function target(category: Category, type: string | undefined, o: Obj): EventTarget {
	switch (category) {
		case 'Process Creation':
		case 'Process Termination':
			return {process: cf2Process(o, TGT), exitCode: uint(o['tgt.process.exitCode'] ?? o['src.process.exitCode'])};
		case 'Process Exit':
			return {exitCode: uint(o['src.process.exitCode'])};
		case 'File Creation':
		case 'File Modification':
		case 'File Deletion':
		case 'File Rename':
			return {
				file: {
					path: text(o['tgt.file.path']),
					oldPath: text(o['tgt.file.oldPath']),
					size: uint(o['tgt.file.size']),
					sha256: text(o['tgt.file.sha256']),
					sha1: text(o['tgt.file.sha1']),
					md5: text(o['tgt.file.md5']),
				},
			};
		case 'DNS':
			return {
				dns: {
					query: text(o['event.dns.request']),
					answers: parseDnsResults(text(o['event.dns.response'])).answers,
					status: type === 'DNS Unresolved' ? 'FAILURE' : type === 'DNS Resolved' ? 'SUCCESS' : undefined,
				},
			};
		case 'TCPv4 Connection':
		case 'TCPv4 Listen':
			return {
				network: {
					srcIp: text(o['src.ip.address']),
					srcPort: uint(o['src.port.number']),
					dstIp: text(o['dst.ip.address']),
					dstPort: uint(o['dst.port.number']),
					direction: str(o['event.network.direction']),
					status: str(o['event.network.connectionStatus']),
					protocol: text(o['event.network.protocolName']),
				},
			};
		case 'HTTP Request':
			return {http: {url: text(o['url.address']), method: str(o['event.url.action']) ?? type}};
		case 'Login':
		case 'Logout': {
			const ok = bool(o['event.login.loginIsSuccessful']);
			return {
				login: {
					user: str(o['event.login.userName']),
					domain: str(o['event.login.accountDomain']),
					type: str(o['event.login.type']),
					result: ok === undefined ? undefined : ok ? 'success' : 'failure',
					reason: str(o['event.login.failureReason']),
					remoteAddress: str(o['src.endpoint.ip.address']),
					sid: str(o['event.login.accountSid']),
				},
			};
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete':
		case 'Scheduled Task Start':
		case 'Scheduled Task Trigger':
			return {task: {name: str(o['task.name']), path: str(o['task.path'])}};
		case 'Persistency':
			return {persistence: {path: str(o['tgt.file.path']), type: str(o['persistence.type'])}};
		case 'other':
			return o['tgt.process.name'] !== undefined || o['tgt.process.image.path'] !== undefined
				? {process: cf2Process(o, TGT)}
				: o['tgt.file.path'] !== undefined
					? {file: {path: str(o['tgt.file.path'])}}
					: {};
		default: {
			// Registry: keyPath of a value event ends with the value name.
			const key = normalizeRegistryPath(text(o['registry.keyPath']));
			const valueEvent = category.startsWith('Registry Value');
			return {
				registry: {
					key,
					value: valueEvent ? registryValueName(key) : undefined,
					data: text(o['registry.value']),
					oldData: text(o['registry.oldValue']),
					valueType: registryTypeName(str(o['registry.valueType'])),
					oldKey: normalizeRegistryPath(text(o['registry.oldKeyPath'] ?? o['registry.oldKeyName'])),
					path: str(o['registry.exportPath'] ?? o['registry.importPath']),
				},
			};
		}
	}
}

export function normalizeCf2(o: Obj): Normalized {
	const {category, subtype} = cf2Category(o);
	const type = str(o['event.type']);
	const actor = cf2Process(o, SRC);
	const t = target(category, type, o);
	const user =
		category === 'Login' || category === 'Logout'
			? t.login?.user
			: category === 'Process Creation'
				? (t.process?.user ?? actor?.user)
				: actor?.user;
	return {
		category,
		subtype,
		time: msFrom(o['event.time']) ?? msFrom(o.timestamp),
		ingestTime: msFrom(o['sca:atlantisIngestTime']),
		host: str(o['endpoint.name']),
		os: normalizeOs(str(o['endpoint.os'])),
		agentId: str(o['agent.uuid']),
		user,
		actor,
		parent: cf2Process(o, SRC_PARENT),
		target: t,
		raw: o,
	};
}
