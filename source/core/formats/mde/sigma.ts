// Sigma field names -> MDE columns, after pySigma's microsoft_xdr pipeline: process_creation reads
// DeviceProcessEvents (Image = FolderPath, CommandLine = ProcessCommandLine, ParentImage =
// InitiatingProcessFolderPath, ...), every other category the InitiatingProcess* columns as the
// process and the table's own columns as the object. Values are read as Sigma spells them:
// `DOMAIN\user` joined from AccountDomain + AccountName, Hashes from SHA1/MD5/SHA256, registry
// hives as HKLM\ / HKU\, value names at the end of TargetObject, EventType as Sysmon's.
import type {Category} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {
	baseNameAsPath,
	hashesText,
	rawOf,
	SYSMON_REGISTRY_EVENT_TYPES,
	type SigmaTable,
} from '../common/sigma-table.js';
import {isObject, str} from '../common/text.js';

function props(ev: DecodedEvent): Record<string, unknown> {
	const r = rawOf(ev);
	return isObject(r.properties) ? r.properties : r;
}

const column = (name: string) => (ev: DecodedEvent) => str(props(ev)[name]);

function urlHost(url: string | undefined): string | undefined {
	if (!url) return undefined;
	const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
	return m ? m[1] : undefined;
}

const COMMON: SigmaTable = {
	computer: ['DeviceName', ev => ev.host],
	image: ['InitiatingProcessFolderPath', ev => ev.actor?.image],
	commandline: ['InitiatingProcessCommandLine', ev => ev.actor?.cmdline],
	user: ['InitiatingProcessAccountName', ev => ev.actor?.user],
	processid: ['InitiatingProcessId', ev => ev.actor?.pid],
	integritylevel: ['InitiatingProcessIntegrityLevel', ev => ev.actor?.integrity],
	md5: ['InitiatingProcessMD5', ev => ev.actor?.md5],
	sha1: ['InitiatingProcessSHA1', ev => ev.actor?.sha1],
	sha256: ['InitiatingProcessSHA256', ev => ev.actor?.sha256],
	hashes: ['InitiatingProcessSHA1', ev => hashesText(ev.actor)],
	originalfilename: [
		'InitiatingProcessVersionInfoOriginalFileName',
		column('InitiatingProcessVersionInfoOriginalFileName'),
	],
	company: ['InitiatingProcessVersionInfoCompanyName', column('InitiatingProcessVersionInfoCompanyName')],
	product: ['InitiatingProcessVersionInfoProductName', column('InitiatingProcessVersionInfoProductName')],
	description: ['InitiatingProcessVersionInfoFileDescription', column('InitiatingProcessVersionInfoFileDescription')],
	parentprocessid: ['InitiatingProcessParentId', ev => ev.parent?.pid],
	parentimage: ['InitiatingProcessParentFileName', ev => baseNameAsPath(ev.parent)],
};

const PROCESS_CREATION: SigmaTable = {
	computer: COMMON.computer!,
	image: ['FolderPath', ev => ev.target.process?.image],
	originalfilename: ['ProcessVersionInfoOriginalFileName', column('ProcessVersionInfoOriginalFileName')],
	commandline: ['ProcessCommandLine', ev => ev.target.process?.cmdline],
	user: ['AccountName', ev => ev.target.process?.user],
	processid: ['ProcessId', ev => ev.target.process?.pid],
	integritylevel: ['ProcessIntegrityLevel', ev => ev.target.process?.integrity],
	logonid: ['LogonId', column('LogonId')],
	md5: ['MD5', ev => ev.target.process?.md5],
	sha1: ['SHA1', ev => ev.target.process?.sha1],
	sha256: ['SHA256', ev => ev.target.process?.sha256],
	hashes: ['SHA1', ev => hashesText(ev.target.process)],
	company: ['ProcessVersionInfoCompanyName', column('ProcessVersionInfoCompanyName')],
	product: ['ProcessVersionInfoProductName', column('ProcessVersionInfoProductName')],
	description: ['ProcessVersionInfoFileDescription', column('ProcessVersionInfoFileDescription')],
	fileversion: ['ProcessVersionInfoProductVersion', column('ProcessVersionInfoProductVersion')],
	parentprocessid: ['InitiatingProcessId', ev => ev.actor?.pid],
	parentimage: ['InitiatingProcessFolderPath', ev => ev.actor?.image],
	parentcommandline: ['InitiatingProcessCommandLine', ev => ev.actor?.cmdline],
	parentuser: ['InitiatingProcessAccountName', ev => ev.actor?.user],
	grandparentimage: ['InitiatingProcessParentFileName', ev => baseNameAsPath(ev.parent)],
};

const FILE: SigmaTable = {
	...COMMON,
	targetfilename: ['FolderPath', ev => ev.target.file?.path],
	sourcefilename: ['PreviousFolderPath', ev => ev.target.file?.oldPath],
	md5: ['MD5', ev => ev.target.file?.md5],
	sha1: ['SHA1', ev => ev.target.file?.sha1],
	sha256: ['SHA256', ev => ev.target.file?.sha256],
	hashes: ['SHA1', ev => hashesText(ev.target.file)],
};

const REGISTRY: SigmaTable = {
	...COMMON,
	targetobject: [
		'RegistryKey',
		ev =>
			ev.category === 'Registry Key Rename'
				? (ev.target.registry?.oldKey ?? ev.target.registry?.key)
				: ev.target.registry?.key,
	],
	newname: ['RegistryKey', ev => (ev.category === 'Registry Key Rename' ? ev.target.registry?.key : undefined)],
	details: ['RegistryValueData', ev => ev.target.registry?.data],
	eventtype: ['ActionType', ev => SYSMON_REGISTRY_EVENT_TYPES[ev.category]],
};

const NETWORK: SigmaTable = {
	...COMMON,
	destinationip: ['RemoteIP', ev => ev.target.network?.dstIp],
	destinationport: ['RemotePort', ev => ev.target.network?.dstPort],
	sourceip: ['LocalIP', ev => ev.target.network?.srcIp],
	sourceport: ['LocalPort', ev => ev.target.network?.srcPort],
	protocol: ['Protocol', ev => ev.target.network?.protocol?.toLowerCase()],
	sourcehostname: ['DeviceName', ev => ev.host],
	destinationhostname: ['RemoteUrl', ev => urlHost(ev.target.http?.url ?? str(props(ev).RemoteUrl))],
	initiated: [
		'ActionType',
		ev => {
			const d = ev.target.network?.direction;
			return d === 'OUTGOING' ? 'true' : d === 'INCOMING' ? 'false' : undefined;
		},
	],
};

const DNS: SigmaTable = {
	...COMMON,
	queryname: ['AdditionalFields.DnsQueryString', ev => ev.target.dns?.query],
	queryresults: ['AdditionalFields.DnsQueryResult', ev => ev.target.dns?.answers],
	querystatus: ['ActionType', ev => (ev.target.dns?.status === 'SUCCESS' ? '0' : undefined)],
	destinationhostname: ['AdditionalFields.DnsQueryString', ev => ev.target.dns?.query],
};

// DeviceImageLoadEvents (filed as "other"): the loaded module is the row's own file.
const OTHER: SigmaTable = {
	...COMMON,
	imageloaded: ['FolderPath', ev => ev.target.file?.path],
	md5: ['MD5', ev => ev.target.file?.md5],
	sha1: ['SHA1', ev => ev.target.file?.sha1],
	sha256: ['SHA256', ev => ev.target.file?.sha256],
	hashes: ['SHA1', ev => hashesText(ev.target.file)],
};

export function mdeSigmaTable(category: Category): SigmaTable {
	if (category === 'Process Creation') return PROCESS_CREATION;
	if (category.startsWith('File')) return FILE;
	if (category.startsWith('Registry')) return REGISTRY;
	if (category === 'DNS') return DNS;
	if (category === 'TCPv4 Connection' || category === 'TCPv4 Listen' || category === 'HTTP Request') return NETWORK;
	if (category === 'other') return OTHER;
	return COMMON;
}
