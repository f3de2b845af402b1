// Demo events -> MDE Streaming API records ({time, tenantId, operationName, category:
// "AdvancedHunting-<Table>", properties}): the Advanced Hunting table and ActionType for each
// category MDE records, the creator in the InitiatingProcess* columns. What MDE has no row for
// (process exits and terminations, task runs, persistence) renders to nothing.
import type {DemoEvent, DemoProcess} from './model.js';
import {isoTime} from './render-common.js';
import {integrityName, splitUser} from './render-vendor.js';

type Props = Record<string, string | number | boolean>;

const TENANT = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';

/** MDE spells hives HKEY_LOCAL_MACHINE\ and a user's hive HKEY_CURRENT_USER\<SID>\. */
function mdeRegistryKey(key: string): string {
	if (key.startsWith('HKLM\\')) return `HKEY_LOCAL_MACHINE\\${key.slice(5)}`;
	if (key.startsWith('HKU\\')) return `HKEY_CURRENT_USER\\${key.slice(4)}`;
	return key;
}

function initiating(p: DemoProcess): Props {
	const [domain, name] = splitUser(p.user);
	const out: Props = {
		InitiatingProcessFileName: p.name,
		InitiatingProcessFolderPath: p.image.toLowerCase(),
		InitiatingProcessCommandLine: p.cmdline,
		InitiatingProcessId: p.pid,
		InitiatingProcessCreationTime: isoTime(p.startTime),
		InitiatingProcessAccountDomain: domain.toLowerCase(),
		InitiatingProcessAccountName: name.toLowerCase(),
		InitiatingProcessIntegrityLevel: integrityName(p),
		InitiatingProcessSHA1: p.hashes.sha1,
		InitiatingProcessSHA256: p.hashes.sha256,
		InitiatingProcessMD5: p.hashes.md5,
	};
	if (p.parent) {
		out.InitiatingProcessParentFileName = p.parent.name;
		out.InitiatingProcessParentId = p.parent.pid;
		out.InitiatingProcessParentCreationTime = isoTime(p.parent.startTime);
	}
	return out;
}

function row(ev: DemoEvent): [table: string, props: Props] | undefined {
	const t = ev.target;
	const a = initiating(ev.actor);
	switch (ev.category) {
		case 'Process Creation': {
			const c = t.process!;
			const [domain, name] = splitUser(c.user);
			return [
				'DeviceProcessEvents',
				{
					ActionType: 'ProcessCreated',
					FileName: c.name,
					FolderPath: c.image,
					ProcessCommandLine: c.cmdline,
					ProcessId: c.pid,
					ProcessCreationTime: isoTime(c.startTime),
					ProcessIntegrityLevel: integrityName(c),
					ProcessVersionInfoOriginalFileName: c.name.toUpperCase(),
					AccountDomain: domain.toLowerCase(),
					AccountName: name.toLowerCase(),
					SHA1: c.hashes.sha1,
					SHA256: c.hashes.sha256,
					MD5: c.hashes.md5,
					...a,
				},
			];
		}
		case 'File Creation':
		case 'File Modification':
		case 'File Deletion':
		case 'File Rename': {
			const f = t.file!;
			const action = {
				'File Creation': 'FileCreated',
				'File Modification': 'FileModified',
				'File Deletion': 'FileDeleted',
				'File Rename': 'FileRenamed',
			}[ev.category];
			const props: Props = {
				ActionType: action,
				FileName: f.path.slice(f.path.lastIndexOf('\\') + 1),
				FolderPath: f.path,
			};
			if (f.oldPath) {
				props.PreviousFileName = f.oldPath.slice(f.oldPath.lastIndexOf('\\') + 1);
				props.PreviousFolderPath = f.oldPath.slice(0, f.oldPath.lastIndexOf('\\') + 1);
			}
			if (f.size !== undefined) props.FileSize = f.size;
			if (f.hashes) Object.assign(props, {SHA1: f.hashes.sha1, SHA256: f.hashes.sha256, MD5: f.hashes.md5});
			return ['DeviceFileEvents', {...props, ...a}];
		}
		case 'DNS':
			return [
				'DeviceEvents',
				{
					ActionType: 'DnsQueryResponse',
					AdditionalFields: JSON.stringify({
						DnsQueryString: t.dns!.query,
						DnsQueryResult: t
							.dns!.answers.filter(x => !x.startsWith('cname:'))
							.map(x => ({DnsQueryType: 1, DnsQueryResult: x})),
					}),
					...a,
				},
			];
		case 'TCPv4 Connection': {
			const n = t.network!;
			const action =
				n.direction === 'INCOMING' ? 'InboundConnectionAccepted' : n.ok ? 'ConnectionSuccess' : 'ConnectionFailed';
			return [
				'DeviceNetworkEvents',
				{
					ActionType: action,
					LocalIP: n.srcIp,
					LocalPort: n.srcPort,
					RemoteIP: n.dstIp,
					RemotePort: n.dstPort,
					Protocol: 'Tcp',
					...a,
				},
			];
		}
		case 'TCPv4 Listen':
			return [
				'DeviceNetworkEvents',
				{
					ActionType: 'ListeningConnectionCreated',
					LocalIP: t.listen!.ip,
					LocalPort: t.listen!.port,
					Protocol: 'Tcp',
					...a,
				},
			];
		case 'HTTP Request': {
			const url = new URL(t.http!.url);
			return [
				'DeviceNetworkEvents',
				{
					ActionType: 'HttpConnectionInspected',
					RemoteUrl: t.http!.url,
					AdditionalFields: JSON.stringify({
						direction: 'Out',
						host: url.host,
						method: t.http!.method,
						uri: url.pathname + url.search,
					}),
					...a,
				},
			];
		}
		case 'Login': {
			const l = t.login!;
			const type = l.type
				.toLowerCase()
				.split('_')
				.map(w => w[0]!.toUpperCase() + w.slice(1))
				.join('');
			const props: Props = {
				ActionType: l.ok ? 'LogonSuccess' : 'LogonFailed',
				AccountDomain: l.user.domain.toLowerCase(),
				AccountName: l.user.name,
				AccountSid: l.user.sid,
				LogonType: type,
				LogonId: Number.parseInt(l.logonId, 16) || 0,
				...a,
			};
			if (l.reason) props.FailureReason = l.reason;
			if (l.remoteIp) props.RemoteIP = l.remoteIp;
			return ['DeviceLogonEvents', props];
		}
		case 'Registry Key Creation':
		case 'Registry Key Delete':
		case 'Registry Key Rename':
		case 'Registry Value Creation':
		case 'Registry Value Modified':
		case 'Registry Value Delete': {
			const r = t.registry!;
			const action = {
				'Registry Key Creation': 'RegistryKeyCreated',
				'Registry Key Delete': 'RegistryKeyDeleted',
				'Registry Key Rename': 'RegistryKeyRenamed',
				'Registry Value Creation': 'RegistryValueSet',
				'Registry Value Modified': 'RegistryValueSet',
				'Registry Value Delete': 'RegistryValueDeleted',
			}[ev.category];
			const props: Props = {ActionType: action, RegistryKey: mdeRegistryKey(r.key)};
			if (r.valueName !== undefined) props.RegistryValueName = r.valueName;
			if (r.data !== undefined) props.RegistryValueData = r.data;
			if (r.oldData !== undefined) props.PreviousRegistryValueData = r.oldData;
			if (r.valueType) props.RegistryValueType = r.valueType === 'REG_SZ' ? 'String' : r.valueType;
			if (r.oldKey) props.PreviousRegistryKey = mdeRegistryKey(r.oldKey);
			return ['DeviceRegistryEvents', {...props, ...a}];
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete': {
			const task = t.task!;
			const action = {
				'Scheduled Task Register': 'ScheduledTaskCreated',
				'Scheduled Task Update': 'ScheduledTaskUpdated',
				'Scheduled Task Delete': 'ScheduledTaskDeleted',
			}[ev.category];
			const content = task.executable
				? `<?xml version="1.0" encoding="UTF-16"?><Task><Actions><Exec><Command>${task.executable}</Command></Exec></Actions></Task>`
				: undefined;
			const name = task.name.startsWith('\\') ? task.name : `\\${task.name}`;
			return [
				'DeviceEvents',
				{ActionType: action, AdditionalFields: JSON.stringify({TaskName: name, TaskContent: content}), ...a},
			];
		}
		case 'Module Load': {
			const m = t.module!;
			return [
				'DeviceImageLoadEvents',
				{
					ActionType: 'ImageLoaded',
					FileName: m.path.slice(m.path.lastIndexOf('\\') + 1),
					FolderPath: m.path,
					SHA1: m.hashes.sha1,
					SHA256: m.hashes.sha256,
					MD5: m.hashes.md5,
					...a,
				},
			];
		}
		default:
			return undefined;
	}
}

/** One host's events as one Event Hubs message; undefined when MDE records none of them. */
export function mdeMessage(events: readonly DemoEvent[], now: number): {value: string; events: number} | undefined {
	const records: object[] = [];
	for (const ev of events) {
		if (ev.host.os !== 'windows') continue;
		const r = row(ev);
		if (!r) continue;
		const [table, props] = r;
		records.push({
			time: isoTime(now),
			tenantId: TENANT,
			operationName: 'Publish',
			category: `AdvancedHunting-${table}`,
			properties: {
				Timestamp: isoTime(ev.time),
				DeviceId: ev.host.agentUuid.replace(/-/g, '').padEnd(40, '0').slice(0, 40),
				DeviceName: `${ev.host.name.toLowerCase()}.corp.example`,
				ReportId: 1000 + records.length,
				...props,
			},
		});
	}
	return records.length > 0 ? {value: JSON.stringify({records}), events: records.length} : undefined;
}
