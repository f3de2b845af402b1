// Demo events -> CrowdStrike FDR events (one JSON object each, named by event_simpleName): paths as
// the sensor writes them (\Device\HarddiskVolume3\...), processes by their UPID, times as the
// sensor's ContextTimeStamp (seconds) and the cloud's timestamp (ms, a string).
import type {DemoEvent, DemoProcess} from './model.js';
import {stableHex} from './prng.js';
import {splitUser} from './render-vendor.js';

type Fields = Record<string, string>;

const CID = '4f6e7d8c9b0a1f2e3d4c5b6a79881726';
const INTEGRITY = {LOW: '4096', MEDIUM: '8192', HIGH: '12288', SYSTEM: '16384'} as const;

function devicePath(path: string): string {
	return /^[A-Za-z]:\\/.test(path) ? `\\Device\\HarddiskVolume3\\${path.slice(3)}` : path;
}

/** A stable UPID for a process: a decimal number derived from its unique key. */
function upid(p: DemoProcess): string {
	return String(Number.parseInt(stableHex(p.uid, 10), 16));
}

function fields(ev: DemoEvent): [name: string, fields: Fields] | undefined {
	const t = ev.target;
	const ctx: Fields = {ContextProcessId: upid(ev.actor), ContextBaseFileName: ev.actor.name};
	switch (ev.category) {
		case 'Process Creation': {
			const c = t.process!;
			const [domain, name] = splitUser(c.user);
			return [
				'ProcessRollup2',
				{
					TargetProcessId: upid(c),
					RawProcessId: String(c.pid),
					ParentProcessId: upid(ev.actor),
					ImageFileName: devicePath(c.image),
					CommandLine: c.cmdline,
					ParentBaseFileName: ev.actor.name,
					...(ev.actor.parent ? {GrandParentBaseFileName: ev.actor.parent.name} : {}),
					UserName: name,
					...(domain ? {UserDomain: domain} : {}),
					IntegrityLevel: INTEGRITY[c.integrity],
					SHA256HashData: c.hashes.sha256,
					SHA1HashData: c.hashes.sha1,
					MD5HashData: c.hashes.md5,
					ProcessStartTime: (c.startTime / 1000).toFixed(3),
				},
			];
		}
		case 'Process Exit':
			return ['EndOfProcess', {TargetProcessId: upid(ev.actor), RawProcessId: String(ev.actor.pid)}];
		case 'DNS':
			return ['DnsRequest', {DomainName: t.dns!.query, RequestType: '1', ...ctx}];
		case 'TCPv4 Connection': {
			const n = t.network!;
			return [
				n.direction === 'INCOMING' ? 'NetworkReceiveAcceptIP4' : 'NetworkConnectIP4',
				{
					LocalAddressIP4: n.srcIp,
					LocalPort: String(n.srcPort),
					RemoteAddressIP4: n.dstIp,
					RemotePort: String(n.dstPort),
					Protocol: '6',
					...ctx,
				},
			];
		}
		case 'TCPv4 Listen':
			return [
				'NetworkListenIP4',
				{LocalAddressIP4: t.listen!.ip, LocalPort: String(t.listen!.port), Protocol: '6', ...ctx},
			];
		case 'File Creation': {
			const f = t.file!;
			const exe = /\.(exe|dll|sys|scr)$/i.test(f.path);
			const script = /\.(ps1|bat|cmd|vbs|js|sct|hta)$/i.test(f.path);
			const name = exe ? 'NewExecutableWritten' : script ? 'NewScriptWritten' : 'GenericFileWritten';
			return [
				name,
				{TargetFileName: devicePath(f.path), ...(f.hashes ? {SHA256HashData: f.hashes.sha256} : {}), ...ctx},
			];
		}
		case 'File Deletion':
			return ['FileDeleteInfo', {TargetFileName: devicePath(t.file!.path), ...ctx}];
		case 'File Rename':
			return [
				'FileRenameInfo',
				{SourceFileName: devicePath(t.file!.oldPath ?? ''), TargetFileName: devicePath(t.file!.path), ...ctx},
			];
		case 'Registry Value Creation':
		case 'Registry Value Modified':
		case 'Registry Value Delete': {
			const r = t.registry!;
			const key = r.key.startsWith('HKLM\\')
				? `\\REGISTRY\\MACHINE\\${r.key.slice(5)}`
				: r.key.startsWith('HKU\\')
					? `\\REGISTRY\\USER\\${r.key.slice(4)}`
					: r.key;
			const asep = /\\CurrentVersion\\Run/i.test(r.key);
			return [
				asep ? 'AsepValueUpdate' : 'RegGenericValueUpdate',
				{
					RegObjectName: key,
					RegValueName: r.valueName ?? '',
					...(r.data !== undefined ? {RegStringValue: r.data} : {}),
					RegOperationType: ev.category === 'Registry Value Delete' ? '2' : '1',
					...ctx,
				},
			];
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete': {
			const task = t.task!;
			const name = {
				'Scheduled Task Register': 'ScheduledTaskRegistered',
				'Scheduled Task Update': 'ScheduledTaskModified',
				'Scheduled Task Delete': 'ScheduledTaskDeleted',
			}[ev.category];
			return [
				name,
				{
					TaskName: task.name.startsWith('\\') ? task.name : `\\${task.name}`,
					...(task.executable ? {TaskExecCommand: task.executable} : {}),
					...ctx,
				},
			];
		}
		case 'Login':
		case 'Logout': {
			const l = t.login!;
			const types = {
				INTERACTIVE: '2',
				NETWORK: '3',
				BATCH: '4',
				SERVICE: '5',
				UNLOCK: '7',
				REMOTE_INTERACTIVE: '10',
				CACHED_INTERACTIVE: '11',
			};
			const name = ev.category === 'Logout' ? 'UserLogoff' : l.ok ? 'UserLogon' : 'UserLogonFailed2';
			return [
				name,
				{
					UserName: l.user.name,
					UserSid: l.user.sid,
					LogonDomain: l.user.domain,
					LogonType: types[l.type],
					...(l.remoteIp ? {RemoteAddressIP4: l.remoteIp} : {}),
					...(l.ok ? {} : {SubStatus: '0xc000006a'}),
				},
			];
		}
		case 'Module Load': {
			// What the crowdstrike_fdr pipeline reads for image_load: the module in ImageFileName, the
			// loading process's image in TargetImageFileName.
			const m = t.module!;
			return [
				'ClassifiedModuleLoad',
				{
					ImageFileName: devicePath(m.path),
					TargetImageFileName: devicePath(ev.actor.image),
					SHA256HashData: m.hashes.sha256,
					MD5HashData: m.hashes.md5,
					...ctx,
				},
			];
		}
		default:
			return undefined;
	}
}

/** One FDR event; undefined when the sensor reports nothing for it. */
export function csFdrObject(ev: DemoEvent, cloudTime: number): Record<string, string> | undefined {
	const r = fields(ev);
	if (!r) return undefined;
	const [name, f] = r;
	return {
		event_simpleName: name,
		name: `${name}V1`,
		aid: ev.host.agentUuid.replace(/-/g, ''),
		cid: CID,
		aip: '203.0.113.10',
		event_platform: ev.host.os === 'windows' ? 'Win' : ev.host.os === 'linux' ? 'Lin' : 'Mac',
		ComputerName: ev.host.name,
		timestamp: String(cloudTime),
		ContextTimeStamp: (ev.time / 1000).toFixed(3),
		...f,
	};
}
