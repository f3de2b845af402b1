// Sigma field names -> OCSF attributes, after pySigma-pipeline-ocsf (CommandLine =
// process.cmd_line, User = process.user.name, OriginalFileName = process.file.internal_name,
// DestinationIp = dst_endpoint.ip, QueryName = query.hostname, TargetObject = reg_key.path, ...).
// Where that pipeline maps a path field to a name (Image = process.name), the path is read
// (process.file.path) so `Image|endswith '\x.exe'` rules match; without a path, `\<name>`.
import type {Category} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {baseNameAsPath, rawOf, sigmaRows, type SigmaTable} from '../common/sigma-table.js';
import {at, isObject, str, uint} from '../common/text.js';

const attr =
	(...path: string[]) =>
	(ev: DecodedEvent) =>
		str(at(rawOf(ev), ...path));

const COMMON: SigmaTable = {
	...sigmaRows('actor', {
		computer: 'device.hostname',
		commandline: 'actor.process.cmd_line',
		processid: 'actor.process.pid',
		parentimage: 'actor.process.parent_process.file.path',
		parentcommandline: 'actor.process.parent_process.cmd_line',
		md5: 'actor.process.file.hashes',
		sha1: 'actor.process.file.hashes',
		sha256: 'actor.process.file.hashes',
		hashes: 'actor.process.file.hashes',
	}),
	image: ['actor.process.file.path', ev => baseNameAsPath(ev.actor)],
	user: ['actor.user.name', ev => ev.actor?.user ?? ev.user],
};

const PROCESS_CREATION: SigmaTable = {
	...sigmaRows('created', {
		computer: 'device.hostname',
		commandline: 'process.cmd_line',
		user: 'process.user.name',
		processid: 'process.pid',
		integritylevel: 'process.integrity',
		md5: 'process.file.hashes',
		sha1: 'process.file.hashes',
		sha256: 'process.file.hashes',
		hashes: 'process.file.hashes',
		parentprocessid: 'actor.process.pid',
		parentimage: 'actor.process.file.path',
		parentcommandline: 'actor.process.cmd_line',
		parentuser: 'actor.process.user.name',
	}),
	image: ['process.file.path', ev => baseNameAsPath(ev.target.process)],
	originalfilename: ['process.file.internal_name', attr('process', 'file', 'internal_name')],
	description: ['process.file.desc', attr('process', 'file', 'desc')],
	company: ['process.file.company_name', attr('process', 'file', 'company_name')],
	currentdirectory: ['process.working_directory', attr('process', 'working_directory')],
	logonid: ['process.session.uid', attr('process', 'session', 'uid')],
};

const TERMINATION: SigmaTable = {
	...COMMON,
	image: ['process.file.path', ev => baseNameAsPath(ev.target.process)],
	processid: ['process.pid', ev => ev.target.process?.pid],
};

const FILE: SigmaTable = {
	...COMMON,
	...sigmaRows('file', {
		targetfilename: 'file.path',
		sourcefilename: 'file.path',
		md5: 'file.hashes',
		sha1: 'file.hashes',
		sha256: 'file.hashes',
		hashes: 'file.hashes',
	}),
};

const NETWORK: SigmaTable = {
	...COMMON,
	...sigmaRows('network', {
		destinationip: 'dst_endpoint.ip',
		destinationport: 'dst_endpoint.port',
		sourceip: 'src_endpoint.ip',
		sourceport: 'src_endpoint.port',
		protocol: 'connection_info.protocol_name',
		initiated: 'connection_info.direction_id',
	}),
	destinationhostname: ['dst_endpoint.hostname', attr('dst_endpoint', 'hostname')],
	sourcehostname: ['src_endpoint.hostname', attr('src_endpoint', 'hostname')],
};

const HTTP: SigmaTable = {
	...COMMON,
	destinationhostname: ['http_request.url.hostname', attr('http_request', 'url', 'hostname')],
};

const DNS: SigmaTable = {
	...COMMON,
	...sigmaRows('dns', {
		queryname: 'query.hostname',
		queryresults: 'answers.rdata',
		destinationhostname: 'query.hostname',
	}),
};

const REGISTRY: SigmaTable = {
	...COMMON,
	...sigmaRows('registry', {
		targetobject: 'reg_key.path',
		newname: 'reg_key.path',
		details: 'reg_value.data',
		eventtype: 'activity_id',
	}),
};

/** Sysmon's SignatureStatus for an OCSF digital_signature state_id. */
const SIGNATURE_STATES: Record<number, string> = {
	1: 'Valid',
	2: 'Expired',
	3: 'Revoked',
	4: 'Suspended',
	5: 'Pending',
	6: 'Untrusted',
};

// Module Activity 1005 Load (filed as "other"; only it routes to a Sigma category): the module's
// file is the event's file, the loading process the actor. Signed is 'true' when the module's
// file carries a signature; without one OCSF does not say whether it is unsigned or not checked,
// so Signed is then not supplied.
const MODULE_LOAD: SigmaTable = {
	...COMMON,
	...sigmaRows('module', {
		imageloaded: 'module.file.path',
		md5: 'module.file.hashes',
		sha1: 'module.file.hashes',
		sha256: 'module.file.hashes',
		hashes: 'module.file.hashes',
	}),
	signed: [
		'module.file.signature',
		ev => (isObject(at(rawOf(ev), 'module', 'file', 'signature')) ? 'true' : undefined),
	],
	signaturestatus: [
		'module.file.signature.state_id',
		ev => {
			const id = uint(at(rawOf(ev), 'module', 'file', 'signature', 'state_id'));
			return id === undefined ? undefined : SIGNATURE_STATES[id];
		},
	],
	signature: [
		'module.file.signature.certificate.subject',
		attr('module', 'file', 'signature', 'certificate', 'subject'),
	],
	originalfilename: ['module.file.internal_name', attr('module', 'file', 'internal_name')],
	description: ['module.file.desc', attr('module', 'file', 'desc')],
	company: ['module.file.company_name', attr('module', 'file', 'company_name')],
	product: ['module.file.product.name', attr('module', 'file', 'product', 'name')],
};

export function ocsfSigmaTable(category: Category): SigmaTable {
	if (category === 'Process Creation') return PROCESS_CREATION;
	if (category === 'Process Termination' || category === 'Process Exit') return TERMINATION;
	if (category.startsWith('File')) return FILE;
	if (category.startsWith('Registry')) return REGISTRY;
	if (category === 'DNS') return DNS;
	if (category === 'HTTP Request') return HTTP;
	if (category === 'TCPv4 Connection' || category === 'TCPv4 Listen') return NETWORK;
	if (category === 'other') return MODULE_LOAD;
	return COMMON;
}
