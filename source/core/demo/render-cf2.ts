// Demo events -> Cloud Funnel 2.0 flat dotted JSON objects (docs/formats.md §4).
import type {EdrCategory} from '../event.js';
import type {DemoEvent, DemoProcess} from './model.js';
import {isoTime, registryTargetPath, s1DnsResults, s1OsFamily, s1RegistryPath} from './render-common.js';

type Flat = Record<string, string | number | boolean>;

/** event.type, event.category, meta.event.name per category. */
const IDENTITY: Record<EdrCategory, [string, string, string]> = {
	'Process Creation': ['Process Creation', 'process', 'PROCESSCREATION'],
	'Process Termination': ['Process Termination', 'process', 'PROCESSTERMINATION'],
	'Process Exit': ['Process Exit', 'process', 'PROCESSEXIT'],
	'File Creation': ['File Creation', 'file', 'FILECREATION'],
	'File Modification': ['File Modification', 'file', 'FILEMODIFICATION'],
	'File Deletion': ['File Deletion', 'file', 'FILEDELETION'],
	'File Rename': ['File Rename', 'file', 'FILERENAME'],
	DNS: ['DNS Resolved', 'dns', 'DNS'],
	'TCPv4 Connection': ['IP Connect', 'ip', 'TCPV4'],
	'TCPv4 Listen': ['IP Listen', 'ip', 'TCPV4LISTEN'],
	'HTTP Request': ['GET', 'url', 'HTTP'],
	Login: ['Login', 'logins', 'WINLOGONATTEMPT'],
	Logout: ['Logout', 'logins', 'WINLOGOFF'],
	'Registry Key Creation': ['Registry Key Create', 'registry', 'REGKEYCREATE'],
	'Registry Key Rename': ['Registry Key Rename', 'registry', 'REGKEYRENAME'],
	'Registry Key Delete': ['Registry Key Delete', 'registry', 'REGKEYDELETE'],
	'Registry Key Export': ['Registry Key Export', 'registry', 'REGKEYEXPORT'],
	'Registry Key Security Changed': ['Registry Key Security Changed', 'registry', 'REGKEYSECURITYCHANGED'],
	'Registry Key Import': ['Registry Key Import', 'registry', 'REGKEYIMPORT'],
	'Registry Value Creation': ['Registry Value Create', 'registry', 'REGVALUECREATE'],
	'Registry Value Modified': ['Registry Value Modified', 'registry', 'REGVALUEMODIFIED'],
	'Registry Value Delete': ['Registry Value Delete', 'registry', 'REGVALUEDELETE'],
	'Scheduled Task Register': ['Task Register', 'scheduled_task', 'SCHEDTASKREGISTER'],
	'Scheduled Task Update': ['Task Update', 'scheduled_task', 'SCHEDTASKUPDATE'],
	'Scheduled Task Delete': ['Task Delete', 'scheduled_task', 'SCHEDTASKDELETE'],
	'Scheduled Task Start': ['Task Start', 'scheduled_task', 'SCHEDTASKSTART'],
	'Scheduled Task Trigger': ['Task Trigger', 'scheduled_task', 'SCHEDTASKTRIGGER'],
	// Not part of Cloud Funnel 2.0's documented types; the decoder accepts the name.
	Persistency: ['Persistency', 'persistence', 'PERSISTENCY'],
};
// A CF2 type edrtail files under "other" (its subtype): the module is the target file.
const MODULE_LOAD: [string, string, string] = ['Module Load', 'module', 'MODULELOAD'];

function processFields(out: Flat, prefix: string, p: DemoProcess, withParent: boolean): void {
	out[`${prefix}.name`] = p.name;
	out[`${prefix}.pid`] = p.pid;
	out[`${prefix}.image.path`] = p.image;
	out[`${prefix}.cmdline`] = p.cmdline;
	out[`${prefix}.user`] = p.user;
	out[`${prefix}.uid`] = p.uid;
	out[`${prefix}.storyline.id`] = p.storyline;
	out[`${prefix}.startTime`] = p.startTime;
	out[`${prefix}.integrityLevel`] = p.integrity;
	out[`${prefix}.sessionId`] = p.sessionId;
	out[`${prefix}.image.sha1`] = p.hashes.sha1;
	out[`${prefix}.image.sha256`] = p.hashes.sha256;
	out[`${prefix}.image.md5`] = p.hashes.md5;
	out[`${prefix}.signedStatus`] = p.signer ? 'signed' : 'unsigned';
	if (p.signer) out[`${prefix}.publisher`] = p.signer;
	if (withParent && p.parent) processFields(out, `${prefix}.parent`, p.parent, false);
}

/**
 * One CF2 object. `ingestTime` is when SentinelOne's cloud took the event in (between the
 * endpoint time and the moment it reached Kafka).
 */
export function cf2Object(ev: DemoEvent, eventId: string, ingestTime: number): Flat {
	const [type, category, metaName] = ev.category === 'Module Load' ? MODULE_LOAD : IDENTITY[ev.category];
	const t = ev.target;
	const out: Flat = {
		'event.type': type,
		'event.category': category,
		'meta.event.name': metaName,
		'event.id': eventId,
		'event.time': ev.time,
		timestamp: isoTime(ev.time),
		'sca:atlantisIngestTime': ingestTime,
		'sca:ingestTime': Math.floor(ingestTime / 1000) + 1,
		'endpoint.name': ev.host.name,
		'endpoint.os': s1OsFamily(ev.host.os),
		'endpoint.type': ev.host.machineType,
		'os.name': ev.host.osName,
		'agent.uuid': ev.host.agentUuid,
		'agent.version': ev.host.agentVersion.slice(ev.host.agentVersion.indexOf('/') + 1),
		'site.name': 'Default site',
		'account.name': 'Corp',
		'dataSource.name': 'SentinelOne',
	};
	processFields(out, 'src.process', ev.actor, true);
	if (t.process) processFields(out, 'tgt.process', t.process, false);
	if (t.exitCode !== undefined) out[t.process ? 'tgt.process.exitCode' : 'src.process.exitCode'] = t.exitCode;
	const file = t.file ?? (t.module && {path: t.module.path, hashes: t.module.hashes});
	if (file) {
		out['tgt.file.path'] = file.path;
		if (t.file?.oldPath) out['tgt.file.oldPath'] = t.file.oldPath;
		if (t.file?.size !== undefined) out['tgt.file.size'] = t.file.size;
		if (file.hashes) {
			out['tgt.file.sha1'] = file.hashes.sha1;
			out['tgt.file.sha256'] = file.hashes.sha256;
			out['tgt.file.md5'] = file.hashes.md5;
		}
	}
	if (t.dns) {
		if (!t.dns.ok) out['event.type'] = 'DNS Unresolved';
		out['event.dns.request'] = t.dns.query;
		out['event.dns.response'] = s1DnsResults(t.dns.answers);
	}
	if (t.network) {
		out['src.ip.address'] = t.network.srcIp;
		out['src.port.number'] = t.network.srcPort;
		out['dst.ip.address'] = t.network.dstIp;
		out['dst.port.number'] = t.network.dstPort;
		out['event.network.direction'] = t.network.direction;
		out['event.network.connectionStatus'] = t.network.ok ? 'SUCCESS' : 'FAILURE';
		out['event.network.protocolName'] = 'tcp';
	}
	if (t.listen) {
		out['src.ip.address'] = t.listen.ip;
		out['src.port.number'] = t.listen.port;
		out['event.network.protocolName'] = 'tcp';
	}
	if (t.http) {
		out['event.type'] = t.http.method;
		out['url.address'] = t.http.url;
		out['event.url.action'] = t.http.method;
	}
	if (t.login) {
		const l = t.login;
		out['event.login.userName'] = l.user.name;
		out['event.login.type'] = l.type;
		out['event.login.loginIsSuccessful'] = l.ok;
		if (l.reason) out['event.login.failureReason'] = l.reason;
		if (l.user.domain) out['event.login.accountDomain'] = l.user.domain;
		if (l.user.sid) out['event.login.accountSid'] = l.user.sid;
		out['event.login.sessionId'] = l.logonId;
		if (l.remoteIp) out['src.endpoint.ip.address'] = l.remoteIp;
	}
	if (t.registry) {
		const r = t.registry;
		out['registry.keyPath'] = s1RegistryPath(registryTargetPath(r));
		if (r.data !== undefined) out['registry.value'] = r.data;
		if (r.oldData !== undefined) out['registry.oldValue'] = r.oldData;
		if (r.valueType) out['registry.valueType'] = r.valueType;
		if (r.oldKey) out['registry.oldKeyPath'] = s1RegistryPath(r.oldKey);
		if (r.exportPath) out['registry.exportPath'] = r.exportPath;
		if (r.importPath) out['registry.importPath'] = r.importPath;
	}
	if (t.task) {
		out['task.name'] = t.task.name;
		out['task.path'] = t.task.path;
	}
	if (t.persistence) {
		out['tgt.file.path'] = t.persistence.path;
		out['persistence.type'] = t.persistence.type;
		out['persistence.payload'] = t.persistence.payload;
	}
	return out;
}
