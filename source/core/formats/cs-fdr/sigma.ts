// Sigma field names -> FDR fields, after pySigma's crowdstrike_fdr pipeline: process_creation
// reads ProcessRollup2 (Image = ImageFileName, CommandLine, ParentImage = ParentBaseFileName),
// network_connection RemoteAddressIP4/RemotePort, dns_query DomainName/IP4Records. Paths are read
// as drive paths, ParentImage as `\<ParentBaseFileName>` (only the file name is in the event, so
// `endswith` matches and a full path cannot), registry hives in Sigma's spelling.
import type {Category} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {
	baseNameAsPath,
	hashesText,
	rawOf,
	SYSMON_REGISTRY_EVENT_TYPES,
	type SigmaTable,
} from '../common/sigma-table.js';
import {str} from '../common/text.js';

const field = (name: string) => (ev: DecodedEvent) => str(rawOf(ev)[name]);

const COMMON: SigmaTable = {
	computer: ['ComputerName', ev => ev.host],
	image: ['ContextImageFileName', ev => ev.actor?.image],
	user: ['UserName', ev => ev.user],
};

const PROCESS_CREATION: SigmaTable = {
	computer: COMMON.computer!,
	image: ['ImageFileName', ev => ev.target.process?.image],
	commandline: ['CommandLine', ev => ev.target.process?.cmdline],
	user: ['UserName', ev => ev.target.process?.user],
	processid: ['RawProcessId', ev => ev.target.process?.pid],
	integritylevel: ['IntegrityLevel', ev => ev.target.process?.integrity],
	md5: ['MD5HashData', ev => ev.target.process?.md5],
	sha1: ['SHA1HashData', ev => ev.target.process?.sha1],
	sha256: ['SHA256HashData', ev => ev.target.process?.sha256],
	hashes: ['SHA256HashData', ev => hashesText(ev.target.process)],
	parentimage: ['ParentBaseFileName', ev => baseNameAsPath(ev.actor)],
	logonid: ['AuthenticationId', field('AuthenticationId')],
};

const TERMINATION: SigmaTable = {
	...COMMON,
	image: ['ImageFileName', ev => ev.actor?.image ?? ev.target.process?.image],
	processid: ['RawProcessId', ev => ev.actor?.pid ?? ev.target.process?.pid],
};

const FILE: SigmaTable = {
	...COMMON,
	targetfilename: ['TargetFileName', ev => ev.target.file?.path],
	sourcefilename: ['SourceFileName', ev => ev.target.file?.oldPath],
	sha256: ['SHA256HashData', ev => ev.target.file?.sha256],
	md5: ['MD5HashData', ev => ev.target.file?.md5],
	hashes: ['SHA256HashData', ev => hashesText(ev.target.file)],
};

const NETWORK: SigmaTable = {
	...COMMON,
	destinationip: ['RemoteAddressIP4', ev => ev.target.network?.dstIp],
	destinationport: ['RemotePort', ev => ev.target.network?.dstPort],
	sourceip: ['LocalAddressIP4', ev => ev.target.network?.srcIp],
	sourceport: ['LocalPort', ev => ev.target.network?.srcPort],
	protocol: ['Protocol', ev => ev.target.network?.protocol],
	initiated: [
		'event_simpleName',
		ev => {
			const d = ev.target.network?.direction;
			return d === 'OUTGOING' ? 'true' : d === 'INCOMING' ? 'false' : undefined;
		},
	],
};

const DNS: SigmaTable = {
	...COMMON,
	queryname: ['DomainName', ev => ev.target.dns?.query],
	queryresults: ['IP4Records', ev => ev.target.dns?.answers],
	destinationhostname: ['DomainName', ev => ev.target.dns?.query],
};

const REGISTRY: SigmaTable = {
	...COMMON,
	targetobject: ['RegObjectName', ev => ev.target.registry?.key],
	details: ['RegStringValue', ev => ev.target.registry?.data],
	eventtype: ['RegOperationType', ev => SYSMON_REGISTRY_EVENT_TYPES[ev.category]],
};

export function csFdrSigmaTable(category: Category): SigmaTable {
	if (category === 'Process Creation') return PROCESS_CREATION;
	if (category === 'Process Exit' || category === 'Process Termination') return TERMINATION;
	if (category.startsWith('File')) return FILE;
	if (category.startsWith('Registry')) return REGISTRY;
	if (category === 'DNS') return DNS;
	if (category === 'TCPv4 Connection' || category === 'TCPv4 Listen') return NETWORK;
	return COMMON;
}
