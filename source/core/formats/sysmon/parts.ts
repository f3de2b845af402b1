// A categorized Windows event's actor, target and user from its flat Sigma-named fields: Sysmon's
// Image/ParentImage pairs, Security's 4688 names, logon types and NTSTATUS failure codes in words.
import type {Category, EventTarget, ProcessInfo} from '../../event.js';
import {parseDnsResults} from '../common/dns.js';
import {processInfo} from '../common/normalized.js';
import {normalizeRegistryPath, registryValueName} from '../common/registry.js';
import {uint} from '../common/text.js';
import {msFromUtcTime} from '../common/time.js';

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

// NTSTATUS codes of 4625's Status/SubStatus, in words.
const LOGON_FAILURES: Record<string, string> = {
	'0xc000006a': 'bad password',
	'0xc0000064': 'no such user',
	'0xc000006d': 'bad user name or password',
	'0xc0000234': 'account locked out',
	'0xc0000072': 'account disabled',
	'0xc000006f': 'outside logon hours',
	'0xc0000070': 'workstation restriction',
	'0xc0000071': 'password expired',
	'0xc0000193': 'account expired',
	'0xc0000224': 'password must change',
	'%%2313': 'unknown user name or bad password',
};

function dash(v: string | undefined): string | undefined {
	return v === '-' || v === '' ? undefined : v;
}

/** Sysmon's "SHA256=AB..,MD5=CD.." */
function hashes(h: string | undefined): Pick<ProcessInfo, 'sha256' | 'sha1' | 'md5'> {
	if (!h || h.length > 1024) return {};
	const out: Pick<ProcessInfo, 'sha256' | 'sha1' | 'md5'> = {};
	for (const part of h.split(',')) {
		const eq = part.indexOf('=');
		if (eq === -1) continue;
		const k = part.slice(0, eq).trim().toUpperCase();
		const v = part.slice(eq + 1).trim();
		if (k === 'SHA256') out.sha256 = v;
		else if (k === 'SHA1') out.sha1 = v;
		else if (k === 'MD5') out.md5 = v;
	}
	return out;
}

// Sysmon's ProcessGuid is its unique process key (pids are reused): the process tree's uid, and
// kept as the process's storyline too.
function imageProcess(f: Record<string, string>): ProcessInfo | undefined {
	return processInfo({
		image: dash(f.Image),
		pid: uint(f.ProcessId),
		user: dash(f.User),
		storyline: dash(f.ProcessGuid),
		uid: dash(f.ProcessGuid),
	});
}

export function sysmonParts(
	category: Category,
	eventId: number,
	f: Record<string, string>,
): {actor?: ProcessInfo; target: EventTarget; user?: string} {
	switch (category) {
		case 'Process Creation': {
			if (eventId === 4688) {
				const actor = processInfo({image: dash(f.ParentProcessName), pid: uint(f.ProcessId)});
				const child = processInfo({
					image: dash(f.NewProcessName),
					cmdline: dash(f.CommandLine),
					pid: uint(f.NewProcessId),
					user: dash(f.TargetUserName) ?? dash(f.SubjectUserName),
				});
				return {actor, target: {process: child}, user: child?.user};
			}
			const actor = processInfo({
				image: dash(f.ParentImage),
				cmdline: dash(f.ParentCommandLine),
				pid: uint(f.ParentProcessId),
				user: dash(f.ParentUser),
				storyline: dash(f.ParentProcessGuid),
				uid: dash(f.ParentProcessGuid),
			});
			const child = processInfo({
				image: dash(f.Image),
				cmdline: dash(f.CommandLine),
				pid: uint(f.ProcessId),
				user: dash(f.User),
				integrity: dash(f.IntegrityLevel),
				storyline: dash(f.ProcessGuid),
				...hashes(f.Hashes),
				uid: dash(f.ProcessGuid),
				// Event 1 is logged as the process starts: its time is the start time.
				startTime: msFromUtcTime(f.UtcTime),
			});
			return {actor, target: {process: child}, user: child?.user};
		}
		case 'Process Termination': {
			const actor =
				eventId === 4689
					? processInfo({image: dash(f.ProcessName), pid: uint(f.ProcessId), user: dash(f.SubjectUserName)})
					: imageProcess(f);
			return {actor, target: {exitCode: uint(f.Status)}, user: actor?.user};
		}
		case 'TCPv4 Connection': {
			const actor = imageProcess(f);
			const initiated = f.Initiated?.toLowerCase();
			return {
				actor,
				user: actor?.user,
				target: {
					network: {
						srcIp: f.SourceIp,
						srcPort: uint(f.SourcePort),
						dstIp: f.DestinationIp,
						dstPort: uint(f.DestinationPort),
						direction: initiated === 'true' ? 'OUTGOING' : initiated === 'false' ? 'INCOMING' : undefined,
						protocol: f.Protocol,
					},
				},
			};
		}
		case 'DNS': {
			const actor = imageProcess(f);
			const status = f.QueryStatus;
			return {
				actor,
				user: actor?.user,
				target: {
					dns: {
						query: f.QueryName,
						answers: parseDnsResults(dash(f.QueryResults)).answers,
						status: status === '0' ? 'SUCCESS' : status,
					},
				},
			};
		}
		case 'Login':
		case 'Logout': {
			const user = dash(f.TargetUserName);
			const code =
				(dash(f.SubStatus) !== '0x0' ? dash(f.SubStatus) : undefined) ?? dash(f.Status) ?? dash(f.FailureReason);
			const reason = code ? (LOGON_FAILURES[code.toLowerCase()] ?? code) : undefined;
			return {
				actor: processInfo({image: dash(f.ProcessName), pid: uint(f.ProcessId)}),
				user,
				target: {
					login: {
						user,
						domain: dash(f.TargetDomainName),
						sid: dash(f.TargetUserSid),
						type: f.LogonType ? (LOGON_TYPES[f.LogonType] ?? f.LogonType) : undefined,
						result: eventId === 4624 ? 'success' : eventId === 4625 ? 'failure' : undefined,
						reason: eventId === 4625 ? reason : undefined,
						remoteAddress: dash(f.IpAddress),
					},
				},
			};
		}
		case 'Scheduled Task Register':
		case 'Scheduled Task Update':
		case 'Scheduled Task Delete': {
			const path = dash(f.TaskName);
			return {
				user: dash(f.SubjectUserName),
				target: {task: {name: path?.slice(path.lastIndexOf('\\') + 1) || path, path}},
			};
		}
		case 'other': {
			const actor = imageProcess(f) ?? processInfo({image: dash(f.SourceImage), pid: uint(f.SourceProcessId)});
			const target: EventTarget = {};
			if (f.TargetImage) target.process = processInfo({image: f.TargetImage, pid: uint(f.TargetProcessId)});
			else if (f.ImageLoaded) target.file = {path: f.ImageLoaded};
			else if (f.TargetFilename) target.file = {path: f.TargetFilename};
			return {actor, target, user: actor?.user};
		}
		default: {
			const actor = imageProcess(f) ?? processInfo({image: dash(f.ProcessName), pid: uint(f.ProcessId)});
			const user = actor?.user ?? dash(f.SubjectUserName);
			if (category.startsWith('File'))
				return {actor, user, target: {file: {path: f.TargetFilename, ...hashes(f.Hashes)}}};
			// Registry (Sysmon 12/13/14, Security 4657).
			const oldPath = normalizeRegistryPath(f.TargetObject ?? f.ObjectName);
			const renamed = category === 'Registry Key Rename' ? normalizeRegistryPath(f.NewName) : undefined;
			const key = renamed ?? (eventId === 4657 && f.ObjectValueName ? `${oldPath}\\${f.ObjectValueName}` : oldPath);
			return {
				actor,
				user,
				target: {
					registry: {
						key,
						value: category.startsWith('Registry Value') ? registryValueName(key) : undefined,
						data: dash(f.Details) ?? dash(f.NewValue),
						oldData: dash(f.OldValue),
						oldKey: renamed ? oldPath : undefined,
					},
				},
			};
		}
	}
}
