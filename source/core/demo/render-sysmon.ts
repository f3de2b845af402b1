// Demo events -> Windows event JSON as evtx_dump writes it ({"Event": {"System", "EventData"}}):
// Sysmon events where Sysmon has one, Security-log events for logons and task changes, the
// Task Scheduler log for task runs, System 7045 for service installs. Sysmon for Linux covers the
// Linux hosts' process, network and file events. What Windows logs nothing for renders to nothing.
import type {DemoEvent, DemoHost, DemoProcess, DemoRegistry} from './model.js';
import {registryTargetPath, s1DnsResults} from './render-common.js';

type Data = Record<string, string | number>;

interface Rendered {
	provider: string;
	channel: string;
	eventId: number;
	data: Data;
}

const SYSMON = 'Microsoft-Windows-Sysmon';
const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
const LINUX_SYSMON = 'Linux-Sysmon';
const LINUX_CHANNEL = 'Linux-Sysmon/Operational';
const SECURITY = 'Microsoft-Windows-Security-Auditing';

/** OriginalFileName as the PE version resource spells it, for the binaries Sigma rules name. */
const ORIGINAL_NAMES: Record<string, string> = {
	'cmd.exe': 'Cmd.Exe',
	'powershell.exe': 'PowerShell.EXE',
	'regsvr32.exe': 'REGSVR32.EXE',
	'bitsadmin.exe': 'bitsadmin.exe',
	'calc.exe': 'CALC.EXE',
	'reg.exe': 'reg.exe',
	'conhost.exe': 'CONHOST.EXE',
	'svchost.exe': 'svchost.exe',
};

const INTEGRITY = {LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', SYSTEM: 'System'} as const;

function utc(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function guid(uid: string): string {
	const h = uid.toLowerCase();
	return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

function proc(p: DemoProcess): Data {
	return {ProcessGuid: guid(p.uid), ProcessId: p.pid, Image: p.image, User: p.user};
}

function registryDetails(r: DemoRegistry): string {
	if (r.valueType === 'REG_DWORD') return `DWORD (0x${Number(r.data).toString(16).padStart(8, '0')})`;
	if (r.valueType === 'REG_QWORD') {
		const v = BigInt(r.data ?? '0');
		return `QWORD (0x${(v >> 32n).toString(16).padStart(8, '0')}-0x${(v & 0xffffffffn).toString(16).padStart(8, '0')})`;
	}
	if (r.valueType === 'REG_BINARY') return 'Binary Data';
	return r.data ?? '';
}

function sysmon(ev: DemoEvent, eventId: number, data: Data): Rendered {
	const linux = ev.host.os === 'linux';
	return {
		provider: linux ? LINUX_SYSMON : SYSMON,
		channel: linux ? LINUX_CHANNEL : SYSMON_CHANNEL,
		eventId,
		data: {RuleName: '-', UtcTime: utc(ev.time), ...data},
	};
}

function sysmonEvent(ev: DemoEvent): Rendered | undefined {
	const a = ev.actor;
	const t = ev.target;
	switch (ev.category) {
		case 'Process Creation': {
			const c = t.process as DemoProcess;
			const h = c.hashes;
			return sysmon(ev, 1, {
				...proc(c),
				FileVersion: '-',
				Description: '-',
				Product: '-',
				Company: c.signer ?? '-',
				OriginalFileName: ORIGINAL_NAMES[c.name.toLowerCase()] ?? c.name,
				CommandLine: c.cmdline,
				CurrentDirectory: ev.host.os === 'windows' ? 'C:\\Windows\\system32\\' : '/',
				LogonGuid: guid(c.storyline.padEnd(32, '0')),
				LogonId: `0x${(c.sessionId * 0x1f3a + 0x3e7).toString(16)}`,
				TerminalSessionId: c.sessionId,
				IntegrityLevel: INTEGRITY[c.integrity],
				Hashes: `SHA1=${h.sha1.toUpperCase()},MD5=${h.md5.toUpperCase()},SHA256=${h.sha256.toUpperCase()}`,
				ParentProcessGuid: guid(a.uid),
				ParentProcessId: a.pid,
				ParentImage: a.image,
				ParentCommandLine: a.cmdline,
				ParentUser: a.user,
			});
		}
		// Sysmon logs the process that ended, whoever ended it.
		case 'Process Termination':
			return sysmon(ev, 5, proc(t.process as DemoProcess));
		case 'Process Exit':
			return sysmon(ev, 5, proc(a));
		case 'Module Load': {
			// Sysmon 7 (image loaded) is Windows only.
			if (ev.host.os !== 'windows') return undefined;
			const m = t.module!;
			const h = m.hashes;
			return sysmon(ev, 7, {
				...proc(a),
				ImageLoaded: m.path,
				FileVersion: '-',
				Description: '-',
				Product: '-',
				Company: '-',
				OriginalFileName: '-',
				Hashes: `SHA1=${h.sha1.toUpperCase()},MD5=${h.md5.toUpperCase()},SHA256=${h.sha256.toUpperCase()}`,
				Signed: m.signer ? 'true' : 'false',
				Signature: m.signer ?? '-',
				SignatureStatus: m.signer ? 'Valid' : 'Unavailable',
			});
		}
		case 'File Creation':
			return sysmon(ev, 11, {...proc(a), TargetFilename: t.file!.path, CreationUtcTime: utc(ev.time)});
		case 'File Modification':
			return ev.host.os === 'windows'
				? sysmon(ev, 2, {
						...proc(a),
						TargetFilename: t.file!.path,
						CreationUtcTime: utc(ev.time - 86_400_000),
						PreviousCreationUtcTime: utc(ev.time),
					})
				: undefined;
		case 'File Deletion':
			return sysmon(ev, 23, {
				...proc(a),
				TargetFilename: t.file!.path,
				Hashes: '-',
				IsExecutable: 'false',
				Archived: 'false',
			});
		case 'DNS':
			return ev.host.os === 'windows'
				? sysmon(ev, 22, {
						ProcessGuid: guid(a.uid),
						ProcessId: a.pid,
						QueryName: t.dns!.query,
						QueryStatus: t.dns!.ok ? '0' : '9003',
						QueryResults: t.dns!.ok ? s1DnsResults(t.dns!.answers, true) : '-',
						Image: a.image,
						User: a.user,
					})
				: undefined;
		case 'TCPv4 Connection': {
			const n = t.network!;
			if (!n.ok) return undefined;
			return sysmon(ev, 3, {
				...proc(a),
				Protocol: 'tcp',
				Initiated: n.direction === 'OUTGOING' ? 'true' : 'false',
				SourceIsIpv6: 'false',
				SourceIp: n.srcIp,
				SourceHostname: '-',
				SourcePort: n.srcPort,
				SourcePortName: '-',
				DestinationIsIpv6: 'false',
				DestinationIp: n.dstIp,
				DestinationHostname: '-',
				DestinationPort: n.dstPort,
				DestinationPortName: n.dstPort === 443 ? 'https' : n.dstPort === 445 ? 'microsoft-ds' : '-',
			});
		}
		case 'Registry Key Creation':
		case 'Registry Key Delete':
			return sysmon(ev, 12, {
				EventType: ev.category === 'Registry Key Creation' ? 'CreateKey' : 'DeleteKey',
				...proc(a),
				TargetObject: t.registry!.key,
			});
		case 'Registry Value Delete':
			return sysmon(ev, 12, {EventType: 'DeleteValue', ...proc(a), TargetObject: registryTargetPath(t.registry!)});
		case 'Registry Value Creation':
		case 'Registry Value Modified':
			return sysmon(ev, 13, {
				EventType: 'SetValue',
				...proc(a),
				TargetObject: registryTargetPath(t.registry!),
				Details: registryDetails(t.registry!),
			});
		case 'Registry Key Rename':
			return sysmon(ev, 14, {
				EventType: 'RenameKey',
				...proc(a),
				TargetObject: t.registry!.oldKey ?? t.registry!.key,
				NewName: t.registry!.key,
			});
		default:
			return undefined;
	}
}

const LOGON_TYPES = {
	INTERACTIVE: 2,
	NETWORK: 3,
	BATCH: 4,
	SERVICE: 5,
	UNLOCK: 7,
	REMOTE_INTERACTIVE: 10,
	CACHED_INTERACTIVE: 11,
} as const;

function hexPid(pid: number): string {
	return `0x${pid.toString(16)}`;
}

function subject(host: DemoHost): Data {
	return {
		SubjectUserSid: 'S-1-5-18',
		SubjectUserName: `${host.name}$`,
		SubjectDomainName: 'CORP',
		SubjectLogonId: '0x3e7',
	};
}

function windowsLogEvent(ev: DemoEvent): Rendered | undefined {
	const t = ev.target;
	const host = ev.host;
	if (t.login) {
		const l = t.login;
		const target = {
			TargetUserSid: l.user.sid || 'S-1-0-0',
			TargetUserName: l.user.name,
			TargetDomainName: l.user.domain || host.name,
			TargetLogonId: l.logonId,
			LogonType: String(LOGON_TYPES[l.type]),
		};
		if (ev.category === 'Logout') return {provider: SECURITY, channel: 'Security', eventId: 4634, data: target};
		const net = {
			WorkstationName: l.remoteIp ? '-' : host.name,
			IpAddress: l.remoteIp ?? '127.0.0.1',
			IpPort: l.remoteIp ? '50112' : '0',
			ProcessId: hexPid(ev.actor.pid),
			ProcessName: ev.actor.image,
		};
		const pkg =
			l.type === 'NETWORK'
				? {LogonProcessName: 'Kerberos', AuthenticationPackageName: 'Kerberos'}
				: {LogonProcessName: 'User32', AuthenticationPackageName: 'Negotiate'};
		if (l.ok)
			return {
				provider: SECURITY,
				channel: 'Security',
				eventId: 4624,
				data: {...subject(host), ...target, ...pkg, ...net, ElevatedToken: '%%1843'},
			};
		return {
			provider: SECURITY,
			channel: 'Security',
			eventId: 4625,
			data: {
				...subject(host),
				...target,
				Status: '0xc000006d',
				FailureReason: '%%2313',
				SubStatus: '0xc000006a',
				...pkg,
				...net,
			},
		};
	}
	if (t.task) {
		const ids = {
			'Scheduled Task Register': 4698,
			'Scheduled Task Update': 4702,
			'Scheduled Task Delete': 4699,
		} as const;
		const id = ids[ev.category as keyof typeof ids];
		const content = t.task.executable
			? `<?xml version="1.0" encoding="UTF-16"?><Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"><Actions Context="Author"><Exec><Command>${t.task.executable}</Command></Exec></Actions></Task>`
			: '';
		if (id)
			return {
				provider: SECURITY,
				channel: 'Security',
				eventId: id,
				data: {...subject(host), TaskName: t.task.name, [id === 4702 ? 'TaskContentNew' : 'TaskContent']: content},
			};
		const scheduler = 'Microsoft-Windows-TaskScheduler';
		const instance = guid(ev.actor.uid.slice(8) + ev.time.toString(16));
		if (ev.category === 'Scheduled Task Start')
			return {
				provider: scheduler,
				channel: `${scheduler}/Operational`,
				eventId: 100,
				data: {TaskName: t.task.name, UserContext: 'NT AUTHORITY\\System', InstanceId: instance},
			};
		return {
			provider: scheduler,
			channel: `${scheduler}/Operational`,
			eventId: 107,
			data: {TaskName: t.task.name, InstanceId: instance},
		};
	}
	if (t.persistence?.type === 'SERVICE') {
		return {
			provider: 'Service Control Manager',
			channel: 'System',
			eventId: 7045,
			data: {
				ServiceName: t.persistence.path.slice(t.persistence.path.lastIndexOf('\\') + 1),
				ImagePath: t.persistence.payload,
				ServiceType: 'user mode service',
				StartType: 'auto start',
				AccountName: 'LocalSystem',
			},
		};
	}
	return undefined;
}

/** The evtx_dump JSON of one event, or undefined when that OS logs nothing for it. */
export function sysmonObject(ev: DemoEvent, recordId: number): object | undefined {
	if (ev.host.os === 'macos') return undefined;
	const r = sysmonEvent(ev) ?? (ev.host.os === 'windows' ? windowsLogEvent(ev) : undefined);
	if (!r) return undefined;
	const computer = ev.host.os === 'windows' ? `${ev.host.name}.corp.example` : ev.host.name;
	return {
		Event: {
			'#attributes': {xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event'},
			System: {
				Provider: {'#attributes': {Name: r.provider}},
				EventID: r.eventId,
				Version: r.provider === SYSMON ? 5 : 0,
				Level: 4,
				Task: r.eventId,
				Opcode: 0,
				Keywords:
					r.channel === 'Security'
						? r.eventId === 4625
							? '0x8010000000000000'
							: '0x8020000000000000'
						: '0x8000000000000000',
				TimeCreated: {'#attributes': {SystemTime: new Date(ev.time).toISOString().replace('Z', '000Z')}},
				EventRecordID: recordId,
				Correlation: null,
				Execution: {'#attributes': {ProcessID: r.provider === SYSMON ? 3412 : 788, ThreadID: 5120}},
				Channel: r.channel,
				Computer: computer,
				Security: r.provider === SYSMON ? {'#attributes': {UserID: 'S-1-5-18'}} : null,
			},
			EventData: r.data,
		},
	};
}
