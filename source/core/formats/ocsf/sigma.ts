// Sigma field names -> OCSF attributes, after pySigma-pipeline-ocsf (CommandLine =
// process.cmd_line, User = process.user.name, OriginalFileName = process.file.internal_name,
// DestinationIp = dst_endpoint.ip, QueryName = query.hostname, TargetObject = reg_key.path, ...).
// Where that pipeline maps a path field to a name (Image = process.name), the path is read
// (process.file.path) so `Image|endswith '\x.exe'` rules match; without a path, `\<name>`.
import type {Category} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {
	baseNameAsPath,
	hashesText,
	rawOf,
	SYSMON_REGISTRY_EVENT_TYPES,
	type SigmaTable,
} from '../common/sigma-table.js';
import {at, str} from '../common/text.js';

const attr =
	(...path: string[]) =>
	(ev: DecodedEvent) =>
		str(at(rawOf(ev), ...path));

const COMMON: SigmaTable = {
	computer: ['device.hostname', ev => ev.host],
	image: ['actor.process.file.path', ev => baseNameAsPath(ev.actor)],
	commandline: ['actor.process.cmd_line', ev => ev.actor?.cmdline],
	user: ['actor.user.name', ev => ev.actor?.user ?? ev.user],
	processid: ['actor.process.pid', ev => ev.actor?.pid],
	parentimage: ['actor.process.parent_process.file.path', ev => baseNameAsPath(ev.parent)],
	parentcommandline: ['actor.process.parent_process.cmd_line', ev => ev.parent?.cmdline],
	md5: ['actor.process.file.hashes', ev => ev.actor?.md5],
	sha1: ['actor.process.file.hashes', ev => ev.actor?.sha1],
	sha256: ['actor.process.file.hashes', ev => ev.actor?.sha256],
	hashes: ['actor.process.file.hashes', ev => hashesText(ev.actor)],
};

const PROCESS_CREATION: SigmaTable = {
	computer: COMMON.computer!,
	image: ['process.file.path', ev => baseNameAsPath(ev.target.process)],
	commandline: ['process.cmd_line', ev => ev.target.process?.cmdline],
	user: ['process.user.name', ev => ev.target.process?.user],
	processid: ['process.pid', ev => ev.target.process?.pid],
	integritylevel: ['process.integrity', ev => ev.target.process?.integrity],
	originalfilename: ['process.file.internal_name', attr('process', 'file', 'internal_name')],
	description: ['process.file.desc', attr('process', 'file', 'desc')],
	company: ['process.file.company_name', attr('process', 'file', 'company_name')],
	currentdirectory: ['process.working_directory', attr('process', 'working_directory')],
	logonid: ['process.session.uid', attr('process', 'session', 'uid')],
	md5: ['process.file.hashes', ev => ev.target.process?.md5],
	sha1: ['process.file.hashes', ev => ev.target.process?.sha1],
	sha256: ['process.file.hashes', ev => ev.target.process?.sha256],
	hashes: ['process.file.hashes', ev => hashesText(ev.target.process)],
	parentprocessid: ['actor.process.pid', ev => ev.actor?.pid],
	parentimage: ['actor.process.file.path', ev => baseNameAsPath(ev.actor)],
	parentcommandline: ['actor.process.cmd_line', ev => ev.actor?.cmdline],
	parentuser: ['actor.process.user.name', ev => ev.actor?.user],
};

const TERMINATION: SigmaTable = {
	...COMMON,
	image: ['process.file.path', ev => baseNameAsPath(ev.target.process)],
	processid: ['process.pid', ev => ev.target.process?.pid],
};

const FILE: SigmaTable = {
	...COMMON,
	targetfilename: ['file.path', ev => ev.target.file?.path],
	sourcefilename: ['file.path', ev => ev.target.file?.oldPath],
	md5: ['file.hashes', ev => ev.target.file?.md5],
	sha1: ['file.hashes', ev => ev.target.file?.sha1],
	sha256: ['file.hashes', ev => ev.target.file?.sha256],
	hashes: ['file.hashes', ev => hashesText(ev.target.file)],
};

const NETWORK: SigmaTable = {
	...COMMON,
	destinationip: ['dst_endpoint.ip', ev => ev.target.network?.dstIp],
	destinationport: ['dst_endpoint.port', ev => ev.target.network?.dstPort],
	destinationhostname: ['dst_endpoint.hostname', attr('dst_endpoint', 'hostname')],
	sourceip: ['src_endpoint.ip', ev => ev.target.network?.srcIp],
	sourceport: ['src_endpoint.port', ev => ev.target.network?.srcPort],
	sourcehostname: ['src_endpoint.hostname', attr('src_endpoint', 'hostname')],
	protocol: ['connection_info.protocol_name', ev => ev.target.network?.protocol?.toLowerCase()],
	initiated: [
		'connection_info.direction_id',
		ev => {
			const d = ev.target.network?.direction;
			return d === 'OUTGOING' ? 'true' : d === 'INCOMING' ? 'false' : undefined;
		},
	],
};

const HTTP: SigmaTable = {
	...COMMON,
	destinationhostname: ['http_request.url.hostname', attr('http_request', 'url', 'hostname')],
};

const DNS: SigmaTable = {
	...COMMON,
	queryname: ['query.hostname', ev => ev.target.dns?.query],
	queryresults: ['answers.rdata', ev => ev.target.dns?.answers],
	destinationhostname: ['query.hostname', ev => ev.target.dns?.query],
};

const REGISTRY: SigmaTable = {
	...COMMON,
	targetobject: [
		'reg_key.path',
		ev =>
			ev.category === 'Registry Key Rename'
				? (ev.target.registry?.oldKey ?? ev.target.registry?.key)
				: ev.target.registry?.key,
	],
	newname: ['reg_key.path', ev => (ev.category === 'Registry Key Rename' ? ev.target.registry?.key : undefined)],
	details: ['reg_value.data', ev => ev.target.registry?.data],
	eventtype: ['activity_id', ev => SYSMON_REGISTRY_EVENT_TYPES[ev.category]],
};

export function ocsfSigmaTable(category: Category): SigmaTable {
	if (category === 'Process Creation') return PROCESS_CREATION;
	if (category === 'Process Termination' || category === 'Process Exit') return TERMINATION;
	if (category.startsWith('File')) return FILE;
	if (category.startsWith('Registry')) return REGISTRY;
	if (category === 'DNS') return DNS;
	if (category === 'HTTP Request') return HTTP;
	if (category === 'TCPv4 Connection' || category === 'TCPv4 Listen') return NETWORK;
	return COMMON;
}
