// CrowdStrike Falcon Data Replicator: one JSON event a line, named by `event_simpleName`
// (docs/formats.md, "cs-fdr"). ProcessRollup2 describes the created process (TargetProcessId,
// RawProcessId, ImageFileName, CommandLine) and names its creator by ParentProcessId and
// ParentBaseFileName only; other events name the acting process by ContextProcessId. Paths come
// as \Device\HarddiskVolumeN\...: shown and matched as drive paths (drivePath). Times: the sensor's
// ContextTimeStamp / ProcessStartTime (seconds) is the event time, `timestamp` (ms) the cloud's.
import type {Category, EventTarget, ProcessInfo} from '../../event.js';
import {processInfo, type Normalized} from '../common/normalized.js';
import {normalizeRegistryPath} from '../common/registry.js';
import {domainUser} from '../common/sigma-table.js';
import {msFrom, saneMs} from '../common/time.js';
import {basename, num, str, text, uint} from '../common/text.js';

type Obj = Record<string, unknown>;

export function isCsFdrShape(o: Obj): boolean {
	return typeof o.event_simpleName === 'string' && ('aid' in o || 'cid' in o || 'timestamp' in o);
}

const CATEGORIES: Record<string, Category> = {
	ProcessRollup2: 'Process Creation',
	SyntheticProcessRollup2: 'Process Creation',
	EndOfProcess: 'Process Exit',
	TerminateProcess: 'Process Termination',
	DnsRequest: 'DNS',
	NetworkConnectIP4: 'TCPv4 Connection',
	NetworkConnectIP6: 'TCPv4 Connection',
	NetworkReceiveAcceptIP4: 'TCPv4 Connection',
	NetworkReceiveAcceptIP6: 'TCPv4 Connection',
	NetworkListenIP4: 'TCPv4 Listen',
	NetworkListenIP6: 'TCPv4 Listen',
	NewExecutableWritten: 'File Creation',
	PeFileWritten: 'File Creation',
	NewScriptWritten: 'File Creation',
	GenericFileWritten: 'File Creation',
	ExecutableDeleted: 'File Deletion',
	FileDeleteInfo: 'File Deletion',
	FileRenameInfo: 'File Rename',
	AsepValueUpdate: 'Registry Value Modified',
	RegGenericValueUpdate: 'Registry Value Modified',
	RegSystemConfigValueUpdate: 'Registry Value Modified',
	RegCrowdstrikeValueUpdate: 'Registry Value Modified',
	AsepKeyUpdate: 'Registry Key Creation',
	RegGenericKeyUpdate: 'Registry Key Creation',
	RegSystemConfigKeyUpdate: 'Registry Key Creation',
	RegCrowdstrikeKeyUpdate: 'Registry Key Creation',
	RegKeySecurityDecreased: 'Registry Key Security Changed',
	RegKeySecurityDecreasedFromUnsignedModule: 'Registry Key Security Changed',
	ScheduledTaskRegistered: 'Scheduled Task Register',
	ScheduledTaskModified: 'Scheduled Task Update',
	ScheduledTaskDeleted: 'Scheduled Task Delete',
	UserLogon: 'Login',
	UserLogonFailed: 'Login',
	UserLogonFailed2: 'Login',
	UserLogoff: 'Logout',
};

const INBOUND = new Set(['NetworkReceiveAcceptIP4', 'NetworkReceiveAcceptIP6']);

/**
 * Module loads: ImageHash for every DLL or executable mapped into a process, ClassifiedModuleLoad
 * for the ones the sensor sends to the cloud (what pySigma's crowdstrike_fdr pipeline reads for
 * Sigma's image_load). Filed as "other" with the event name as subtype, routed to image_load.
 */
export const CS_MODULE_LOADS: ReadonlySet<string> = new Set(['ClassifiedModuleLoad', 'ImageHash']);

// RegOperationType read in the Windows REG_NOTIFY_CLASS order (RegNtDeleteKey 0, SetValueKey 1,
// DeleteValueKey 2, RenameKey 4, PreCreateKey 10 ...); no public FDR document states it.
const REG_DELETE_VALUE = 2;
const REG_KEY_OPERATIONS: Record<number, Category> = {
	0: 'Registry Key Delete',
	4: 'Registry Key Rename',
	10: 'Registry Key Creation',
	11: 'Registry Key Creation',
	15: 'Registry Key Delete',
	19: 'Registry Key Rename',
	26: 'Registry Key Creation',
	27: 'Registry Key Creation',
	38: 'Registry Key Security Changed',
	39: 'Registry Key Security Changed',
};

/** The category of an FDR registry event: the event name, refined by RegOperationType. */
function registryCategory(category: Category, o: Obj): Category {
	const op = uint(o.RegOperationType);
	if (op === undefined) return category;
	if (category === 'Registry Value Modified') return op === REG_DELETE_VALUE ? 'Registry Value Delete' : category;
	if (category === 'Registry Key Creation') return REG_KEY_OPERATIONS[op] ?? category;
	return category;
}

const VOLUME = /^\\Device\\HarddiskVolume\d+\\/i;

/**
 * `\Device\HarddiskVolume3\Windows\x.exe` -> `C:\Windows\x.exe`. The volume number says nothing
 * about the drive letter; pySigma's crowdstrike_fdr pipeline matches any volume for a rule's `C:\`
 * (`\Device\HarddiskVolume?\`), and every volume reads as C: here for the same effect. The raw
 * path stays in `raw`. `\??\C:\...` loses its prefix.
 */
export function drivePath(path: string | undefined): string | undefined {
	if (!path) return path;
	const m = VOLUME.exec(path);
	if (m) return `C:\\${path.slice(m[0].length)}`;
	if (path.startsWith('\\??\\') && path[5] === ':') return path.slice(4);
	return path;
}

const INTEGRITY: Record<number, string> = {0: 'Untrusted', 4096: 'Low', 8192: 'Medium', 12288: 'High', 16384: 'System'};

function integrity(v: unknown): string | undefined {
	const n = uint(v);
	return n === undefined ? str(v) : (INTEGRITY[n] ?? String(n));
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

/** Seconds with a fraction ("1714557600.123") -> ms. */
function secondsMs(v: unknown): number | undefined {
	const n = num(v);
	return n === undefined ? undefined : saneMs(Math.round(n * 1000));
}

function createdProcess(o: Obj): ProcessInfo | undefined {
	const image = drivePath(text(o.ImageFileName));
	return processInfo({
		image,
		cmdline: text(o.CommandLine),
		pid: uint(o.RawProcessId),
		user: domainUser(str(o.UserDomain ?? o.LogonDomain), str(o.UserName)) ?? str(o.UserSid),
		integrity: integrity(o.IntegrityLevel),
		// TargetProcessId is unique per sensor: the process tree joins on it (ParentProcessId names it).
		storyline: str(o.TargetProcessId),
		uid: str(o.TargetProcessId),
		sha256: text(o.SHA256HashData),
		sha1: text(o.SHA1HashData),
		md5: text(o.MD5HashData),
	});
}

/** The acting process of a non-process event: known by ContextProcessId (and a name, when sent). */
function contextProcess(o: Obj, moduleLoad: boolean): ProcessInfo | undefined {
	const key = str(o.ContextProcessId);
	// A module load's ImageFileName is the module; the loading process's image is TargetImageFileName.
	const image = drivePath(text(o.ContextImageFileName) ?? (moduleLoad ? text(o.TargetImageFileName) : undefined));
	const name = str(o.ContextBaseFileName) ?? basename(image);
	if (key === undefined && name === undefined) return undefined;
	return {name, image, storyline: key, uid: key};
}

function target(category: Category, name: string, o: Obj): EventTarget {
	switch (category) {
		case 'Process Creation':
			return {process: createdProcess(o)};
		case 'Process Exit':
		case 'Process Termination':
			return {process: createdProcess(o), exitCode: uint(o.ExitCode)};
		case 'File Creation':
		case 'File Deletion':
		case 'File Rename':
			return {
				file: {
					path: drivePath(text(o.TargetFileName)),
					oldPath: category === 'File Rename' ? drivePath(text(o.SourceFileName)) : undefined,
					size: uint(o.Size),
					sha256: text(o.SHA256HashData),
					md5: text(o.MD5HashData),
				},
			};
		case 'DNS':
			return {dns: {query: text(o.DomainName), answers: str(o.IP4Records)?.split(';').filter(Boolean).join(', ')}};
		case 'TCPv4 Connection':
		case 'TCPv4 Listen': {
			const v6 = name.endsWith('IP6');
			return {
				network: {
					srcIp: text(v6 ? o.LocalAddressIP6 : o.LocalAddressIP4),
					srcPort: uint(o.LocalPort),
					dstIp: category === 'TCPv4 Listen' ? undefined : text(v6 ? o.RemoteAddressIP6 : o.RemoteAddressIP4),
					dstPort: category === 'TCPv4 Listen' ? undefined : uint(o.RemotePort),
					direction: category === 'TCPv4 Listen' ? undefined : INBOUND.has(name) ? 'INCOMING' : 'OUTGOING',
					protocol:
						o.Protocol === '6' || o.Protocol === 6
							? 'tcp'
							: o.Protocol === '17' || o.Protocol === 17
								? 'udp'
								: str(o.Protocol),
				},
			};
		}
		case 'Login':
		case 'Logout': {
			const lt = str(o.LogonType);
			return {
				login: {
					user: str(o.UserName),
					domain: str(o.LogonDomain),
					type: lt ? (LOGON_TYPES[lt] ?? lt) : undefined,
					result: name === 'UserLogon' ? 'success' : name.startsWith('UserLogonFailed') ? 'failure' : undefined,
					reason: name.startsWith('UserLogonFailed') ? (str(o.SubStatus) ?? str(o.Status)) : undefined,
					remoteAddress: str(o.RemoteAddressIP4) ?? str(o.RemoteAddressIP6),
					sid: str(o.UserSid),
				},
			};
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete': {
			const path = str(o.TaskName);
			return {task: {name: path ? (basename(path) ?? path) : undefined, path, executable: str(o.TaskExecCommand)}};
		}
		case 'other': {
			const path = drivePath(text(o.TargetFileName) ?? text(o.ImageFileName));
			if (!path) return {};
			if (!CS_MODULE_LOADS.has(name)) return {file: {path}};
			return {file: {path, sha256: text(o.SHA256HashData), sha1: text(o.SHA1HashData), md5: text(o.MD5HashData)}};
		}
		default: {
			const key = normalizeRegistryPath(text(o.RegObjectName));
			const value = str(o.RegValueName);
			return {
				registry: {
					key: key !== undefined && value !== undefined ? `${key}\\${value}` : key,
					value,
					data: text(o.RegStringValue) ?? str(o.RegNumericValue),
					valueType: str(o.RegType),
				},
			};
		}
	}
}

function osOf(platform: string | undefined): string | undefined {
	if (!platform) return undefined;
	const p = platform.toLowerCase();
	return p.startsWith('win') ? 'windows' : p.startsWith('lin') ? 'linux' : p.startsWith('mac') ? 'macos' : p;
}

export function normalizeCsFdr(o: Obj): Normalized {
	const name = str(o.event_simpleName) ?? 'unknown';
	let category: Category = CATEGORIES[name] ?? 'other';
	if (category.startsWith('Registry')) category = registryCategory(category, o);
	const t = target(category, name, o);
	const isProcess = category === 'Process Creation';
	// The creator of a ProcessRollup2 is known by its UPID and file name only.
	const actor = isProcess
		? (processInfo({name: str(o.ParentBaseFileName), storyline: str(o.ParentProcessId), uid: str(o.ParentProcessId)}) ??
			(str(o.ParentProcessId) ? {storyline: str(o.ParentProcessId), uid: str(o.ParentProcessId)} : undefined))
		: category === 'Process Exit'
			? t.process
			: contextProcess(o, CS_MODULE_LOADS.has(name));
	const login = t.login;
	const sensorTime = secondsMs(o.ContextTimeStamp) ?? (isProcess ? secondsMs(o.ProcessStartTime) : undefined);
	const cloudTime = msFrom(o.timestamp);
	return {
		category,
		subtype: category === 'other' ? name : undefined,
		time: sensorTime ?? cloudTime,
		ingestTime: sensorTime !== undefined ? cloudTime : undefined,
		host: str(o.ComputerName) ?? str(o.aid),
		os: osOf(str(o.event_platform)) ?? (t.process?.image?.includes('\\') ? 'windows' : undefined),
		agentId: str(o.aid),
		user: login ? domainUser(login.domain, login.user) : (t.process?.user ?? actor?.user),
		actor,
		parent: isProcess ? processInfo({name: str(o.GrandParentBaseFileName)}) : undefined,
		target: category === 'Process Exit' ? {exitCode: t.exitCode} : t,
		raw: o,
	};
}
