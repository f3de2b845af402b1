// Demo events -> Deep Visibility export events (the protobuf's JSON rendering, field names of the
// reference proto), ready for the formats package's encoder.
import {
	registryDataHex,
	registryDwordHex,
	type DvEventInit,
	type DvFile,
	type DvMetaInit,
	type DvProcess,
} from '../formats/index.js';
import type {DemoEvent, DemoHashes, DemoHost, DemoProcess, DemoRegistry} from './model.js';
import {REG_TYPE_NUMBERS, registryTargetPath, s1DnsResults, s1OsFamily, s1RegistryPath} from './render-common.js';

export function dvMeta(host: DemoHost, seqId: number): DvMetaInit {
	return {
		seqId,
		uuid: host.agentUuid,
		agentVersion: host.agentVersion,
		osFamily: s1OsFamily(host.os),
		osName: host.osName,
		osRevision: host.osRevision,
		computerName: host.name,
		machineType: host.machineType,
		mgmtUrl: 'euce1-corp.sentinelone.net',
	};
}

function hashes(h: DemoHashes) {
	return {sha1: h.sha1, sha256: h.sha256, md5: h.md5};
}

function processOf(p: DemoProcess, os: DemoHost['os'], withParent = true): DvProcess {
	const out: DvProcess = {
		node: {key: {value: p.uid}},
		executable: {
			path: p.image,
			hashes: hashes(p.hashes),
			signature: p.signer ? {signed: {identity: p.signer, valid: {}}} : {unsigned: {}},
		},
		commandLine: p.cmdline,
		fullPid: {pid: p.pid, startTime: {millisecondsSinceEpoch: p.startTime}},
		user: {name: p.user},
		name: p.name,
		trueContext: {key: {value: p.storyline}},
	};
	if (os === 'windows') {
		out.sessionId = p.sessionId;
		out.integrityLevel = p.integrity;
		out.subsystem = 'SYS_WIN32';
	}
	if (withParent && p.parent) out.parent = processOf(p.parent, os, false);
	return out;
}

function file(path: string, size?: number, h?: DemoHashes): DvFile {
	const f: DvFile = {path};
	if (size !== undefined) f.sizeBytes = size;
	if (h) f.hashes = hashes(h);
	return f;
}

function valueHex(type: DemoRegistry['valueType'], data: string | undefined): string | undefined {
	if (data === undefined) return undefined;
	if (type === 'REG_DWORD') return registryDwordHex(Number(data));
	if (type === 'REG_QWORD') {
		const b = Buffer.alloc(8);
		b.writeBigUInt64LE(BigInt(data));
		return b.toString('hex');
	}
	if (type === 'REG_BINARY') return data;
	return registryDataHex(data);
}

export function dvEvent(ev: DemoEvent): DvEventInit {
	const os = ev.host.os;
	const source = processOf(ev.actor, os);
	const t = ev.target;
	const base: DvEventInit = {timestamp: {millisecondsSinceEpoch: ev.time}};
	const reg = t.registry;
	const regKey = reg && {path: s1RegistryPath(reg.key)};
	const regValue = reg && {path: s1RegistryPath(registryTargetPath(reg))};
	switch (ev.category) {
		case 'Process Creation': {
			const child = t.process as DemoProcess;
			return {
				...base,
				processCreation: {
					process: processOf(child, os),
					parent: source,
					hashes: hashes(child.hashes),
					status: 'SUCCESS',
					signature: child.signer ? {signed: {identity: child.signer, valid: {}}} : {unsigned: {}},
				},
			};
		}
		case 'Process Termination':
			return {
				...base,
				processTermination: {
					source,
					target: t.process && processOf(t.process, os),
					exitCode: t.exitCode,
					signal: t.signal === 'SIGKILL' ? 'SIG_SIGKILL' : t.signal === 'SIGTERM' ? 'SIG_SIGTERM' : undefined,
				},
			};
		case 'Process Exit':
			return {...base, processExit: {source, exitCode: t.exitCode}};
		case 'File Creation':
			return {...base, fileCreation: {source, targetFile: file(t.file!.path, t.file!.size, t.file!.hashes)}};
		case 'File Modification':
			return {
				...base,
				fileModification: {
					source,
					file: file(t.file!.path),
					sizeBytes: t.file!.size,
					hashes: t.file!.hashes && hashes(t.file!.hashes),
					oldHashes: t.file!.oldHashes && hashes(t.file!.oldHashes),
				},
			};
		case 'File Deletion':
			return {...base, fileDeletion: {source, targetFile: file(t.file!.path)}};
		case 'File Rename':
			return {
				...base,
				fileRename: {process: source, source: file(t.file!.oldPath ?? ''), destination: file(t.file!.path)},
			};
		case 'DNS':
			return {
				...base,
				dns: {
					source,
					query: t.dns!.query,
					results: s1DnsResults(t.dns!.answers),
					status: t.dns!.ok ? 'SUCCESS' : 'FAILURE',
				},
			};
		case 'TCPv4 Connection': {
			const n = t.network!;
			return {
				...base,
				tcpv4: {
					source,
					sourceAddress: {address: n.srcIp, port: n.srcPort},
					destinationAddress: {address: n.dstIp, port: n.dstPort},
					direction: n.direction,
					status: n.ok ? 'SUCCESS' : 'FAILURE',
				},
			};
		}
		case 'TCPv4 Listen':
			return {...base, tcpv4Listen: {source, local: {address: t.listen!.ip, port: t.listen!.port}}};
		case 'HTTP Request':
			return {...base, http: {source, url: t.http!.url, method: t.http!.method, sourceType: t.http!.via}};
		case 'Module Load':
			return {
				...base,
				moduleLoad: {source, path: t.module!.path, sha1: t.module!.hashes.sha1, md5: t.module!.hashes.md5},
			};
		case 'Persistency':
			return {
				...base,
				persistency: {
					source,
					filePath: t.persistence!.path,
					type: t.persistence!.type,
					payload: t.persistence!.payload,
					installationTime: {millisecondsSinceEpoch: ev.time},
				},
			};
		case 'Login':
		case 'Logout': {
			const l = t.login!;
			const body = {
				base: {
					source,
					user: {name: l.user.name, sid: l.user.sid || undefined},
					type: l.type,
					sourceAddress: l.remoteIp ? {address: l.remoteIp} : undefined,
				},
			};
			return ev.category === 'Login' ? {...base, login: body} : {...base, logout: body};
		}
		case 'Registry Key Creation':
			return {...base, regKeyCreate: {source, regKey}};
		case 'Registry Key Rename':
			return {...base, regKeyRename: {source, regKey, oldKeyName: reg!.oldKey && s1RegistryPath(reg!.oldKey)}};
		case 'Registry Key Delete':
			return {...base, regKeyDelete: {source, regKey}};
		case 'Registry Key Export':
			return {...base, regKeyExport: {source, regKey, exportPath: reg!.exportPath}};
		case 'Registry Key Security Changed':
			return {...base, regKeySecurityChanged: {source, regKey, securityInformation: reg!.securityInformation}};
		case 'Registry Key Import':
			return {...base, regKeyImport: {source, regKey, importPath: reg!.importPath}};
		case 'Registry Value Creation':
			return {
				...base,
				regValueCreate: {source, regValue, valueType: reg!.valueType && REG_TYPE_NUMBERS[reg!.valueType]},
			};
		case 'Registry Value Modified': {
			const type = reg!.valueType && REG_TYPE_NUMBERS[reg!.valueType];
			return {
				...base,
				regValueModified: {
					source,
					regValue,
					oldValueType: type,
					newValueType: type,
					oldValueData: valueHex(reg!.valueType, reg!.oldData),
					newValueData: valueHex(reg!.valueType, reg!.data),
				},
			};
		}
		case 'Registry Value Delete':
			return {...base, regValueDelete: {source, regValue}};
		case 'Scheduled Task Register':
			return {...base, schedTaskRegister: {source, taskName: t.task!.name}};
		case 'Scheduled Task Update':
			return {...base, schedTaskUpdate: {source, taskName: t.task!.name}};
		case 'Scheduled Task Delete':
			return {...base, schedTaskDelete: {source, taskName: t.task!.name}};
		case 'Scheduled Task Start':
			return {
				...base,
				schedTaskStart: {
					source,
					taskName: t.task!.name,
					executableFile: t.task!.executable ? file(t.task!.executable) : undefined,
				},
			};
		case 'Scheduled Task Trigger':
			return {...base, schedTaskTrigger: {source, taskName: t.task!.name, triggerType: t.task!.trigger}};
	}
}
