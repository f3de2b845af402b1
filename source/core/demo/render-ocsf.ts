// Demo events -> OCSF 1.1 events: class_uid, activity_id and type_uid per category, the acting
// process in actor.process, the created or ended one in process, the object in file, reg_key,
// reg_value, query/answers, src/dst_endpoint, user or job.
import type {DemoEvent, DemoProcess} from './model.js';
import {splitUser} from './render-vendor.js';

type Obj = Record<string, unknown>;

function proc(p: DemoProcess, withParent = true): Obj {
	const [domain, name] = splitUser(p.user);
	return {
		name: p.name,
		pid: p.pid,
		uid: p.uid,
		cmd_line: p.cmdline,
		created_time: p.startTime,
		file: {
			path: p.image,
			name: p.name,
			hashes: [
				{algorithm_id: 1, algorithm: 'MD5', value: p.hashes.md5},
				{algorithm_id: 2, algorithm: 'SHA-1', value: p.hashes.sha1},
				{algorithm_id: 3, algorithm: 'SHA-256', value: p.hashes.sha256},
			],
		},
		user: domain ? {name, domain} : {name},
		...(withParent && p.parent ? {parent_process: proc(p.parent, false)} : {}),
	};
}

const LOGON_TYPE_IDS = {
	INTERACTIVE: 2,
	NETWORK: 3,
	BATCH: 4,
	SERVICE: 5,
	UNLOCK: 7,
	REMOTE_INTERACTIVE: 10,
	CACHED_INTERACTIVE: 11,
} as const;

function body(ev: DemoEvent): [cls: number, activity: number, fields: Obj] | undefined {
	const t = ev.target;
	const actor = {actor: {process: proc(ev.actor)}};
	switch (ev.category) {
		case 'Process Creation':
			return [1007, 1, {...actor, process: {...proc(t.process!), parent_process: proc(ev.actor, false)}}];
		case 'Process Termination':
			return [1007, 2, {...actor, process: proc(t.process!, false), exit_code: t.exitCode}];
		case 'File Creation':
		case 'File Modification':
		case 'File Deletion':
		case 'File Rename': {
			const f = t.file!;
			const activity = {'File Creation': 1, 'File Modification': 3, 'File Deletion': 4, 'File Rename': 5}[ev.category];
			const file = {path: f.path, name: f.path.slice(f.path.lastIndexOf('\\') + 1), size: f.size};
			return ev.category === 'File Rename'
				? [1001, activity, {...actor, file: {path: f.oldPath}, file_result: file}]
				: [1001, activity, {...actor, file}];
		}
		case 'DNS':
			return [
				4003,
				2,
				{
					...actor,
					query: {hostname: t.dns!.query, type: 'A'},
					answers: t.dns!.answers.filter(a => !a.startsWith('cname:')).map(a => ({rdata: a, type: 'A'})),
					rcode_id: t.dns!.ok ? 0 : 3,
					rcode: t.dns!.ok ? 'NoError' : 'NXDomain',
				},
			];
		case 'TCPv4 Connection': {
			const n = t.network!;
			return [
				4001,
				n.ok ? 1 : 4,
				{
					...actor,
					src_endpoint: {ip: n.srcIp, port: n.srcPort},
					dst_endpoint: {ip: n.dstIp, port: n.dstPort},
					connection_info: {direction_id: n.direction === 'INCOMING' ? 1 : 2, protocol_name: 'TCP'},
				},
			];
		}
		case 'TCPv4 Listen':
			return [4001, 7, {...actor, src_endpoint: {ip: t.listen!.ip, port: t.listen!.port}}];
		case 'HTTP Request': {
			const url = new URL(t.http!.url);
			return [
				4002,
				t.http!.method === 'POST' ? 6 : 3,
				{...actor, http_request: {http_method: t.http!.method, url: {url_string: t.http!.url, hostname: url.host}}},
			];
		}
		case 'Login':
		case 'Logout': {
			const l = t.login!;
			return [
				3002,
				ev.category === 'Login' ? 1 : 2,
				{
					...actor,
					user: {name: l.user.name, domain: l.user.domain, uid: l.user.sid},
					logon_type_id: LOGON_TYPE_IDS[l.type],
					status_id: ev.category === 'Logout' ? undefined : l.ok ? 1 : 2,
					status_detail: l.reason,
					src_endpoint: l.remoteIp ? {ip: l.remoteIp} : undefined,
				},
			];
		}
		case 'Registry Key Creation':
		case 'Registry Key Delete':
			return [201001, ev.category === 'Registry Key Creation' ? 1 : 4, {...actor, reg_key: {path: t.registry!.key}}];
		case 'Registry Value Creation':
		case 'Registry Value Modified':
		case 'Registry Value Delete': {
			const r = t.registry!;
			return [
				201002,
				ev.category === 'Registry Value Delete' ? 4 : 2,
				{...actor, reg_value: {path: r.key, name: r.valueName, data: r.data, type: r.valueType}},
			];
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete':
		case 'Scheduled Task Start': {
			const task = t.task!;
			const activity = {
				'Scheduled Task Register': 1,
				'Scheduled Task Update': 2,
				'Scheduled Task Delete': 3,
				'Scheduled Task Start': 6,
			}[ev.category];
			return [1006, activity, {...actor, job: {name: task.name, cmd_line: task.executable, file: {path: task.path}}}];
		}
		case 'Module Load': {
			// Module Activity (1005), Load.
			const m = t.module!;
			const file: Obj = {
				path: m.path,
				name: m.path.slice(m.path.lastIndexOf('\\') + 1),
				hashes: [
					{algorithm_id: 1, algorithm: 'MD5', value: m.hashes.md5},
					{algorithm_id: 2, algorithm: 'SHA-1', value: m.hashes.sha1},
					{algorithm_id: 3, algorithm: 'SHA-256', value: m.hashes.sha256},
				],
			};
			if (m.signer) file.signature = {algorithm_id: 3, state_id: 1, certificate: {subject: m.signer}};
			return [1005, 1, {...actor, module: {file, load_type_id: 1}}];
		}
		default:
			return undefined;
	}
}

const CATEGORY_UIDS: Record<number, number> = {1: 1, 3: 3, 4: 4, 2010: 201};

/** One OCSF event; undefined for what OCSF has no class for here. */
export function ocsfObject(ev: DemoEvent, loggedTime: number): Obj | undefined {
	const b = body(ev);
	if (!b) return undefined;
	const [cls, activity, fields] = b;
	const os = ev.host.os === 'windows' ? 'Windows' : ev.host.os === 'linux' ? 'Linux' : 'macOS';
	return {
		class_uid: cls,
		activity_id: activity,
		type_uid: cls * 100 + activity,
		category_uid: CATEGORY_UIDS[Math.floor(cls / 1000)] ?? CATEGORY_UIDS[Math.floor(cls / 100)] ?? 1,
		severity_id: 1,
		time: ev.time,
		device: {hostname: ev.host.name, uid: ev.host.agentUuid, os: {name: ev.host.osName, type: os}},
		metadata: {version: '1.1.0', logged_time: loggedTime, product: {name: 'edrtail demo', vendor_name: 'edrtail'}},
		...fields,
	};
}
