// Sigma field names -> MDE columns, after pySigma's microsoft_xdr pipeline: process_creation reads
// DeviceProcessEvents (Image = FolderPath, CommandLine = ProcessCommandLine, ParentImage =
// InitiatingProcessFolderPath, ...), every other category the InitiatingProcess* columns as the
// process and the table's own columns as the object. Values are read as Sigma spells them:
// `DOMAIN\user` joined from AccountDomain + AccountName, Hashes from SHA1/MD5/SHA256, registry
// hives as HKLM\ / HKU\, value names at the end of TargetObject, EventType as Sysmon's.
import type {Category} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {rawOf, sigmaRows, type SigmaTable} from '../common/sigma-table.js';
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
	...sigmaRows('actor', {
		computer: 'DeviceName',
		image: 'InitiatingProcessFolderPath',
		commandline: 'InitiatingProcessCommandLine',
		user: 'InitiatingProcessAccountName',
		processid: 'InitiatingProcessId',
		integritylevel: 'InitiatingProcessIntegrityLevel',
		md5: 'InitiatingProcessMD5',
		sha1: 'InitiatingProcessSHA1',
		sha256: 'InitiatingProcessSHA256',
		hashes: 'InitiatingProcessSHA1',
		parentprocessid: 'InitiatingProcessParentId',
		parentimage: 'InitiatingProcessParentFileName',
	}),
	originalfilename: [
		'InitiatingProcessVersionInfoOriginalFileName',
		column('InitiatingProcessVersionInfoOriginalFileName'),
	],
	company: ['InitiatingProcessVersionInfoCompanyName', column('InitiatingProcessVersionInfoCompanyName')],
	product: ['InitiatingProcessVersionInfoProductName', column('InitiatingProcessVersionInfoProductName')],
	description: ['InitiatingProcessVersionInfoFileDescription', column('InitiatingProcessVersionInfoFileDescription')],
};

const PROCESS_CREATION: SigmaTable = {
	...sigmaRows('created', {
		computer: 'DeviceName',
		image: 'FolderPath',
		commandline: 'ProcessCommandLine',
		user: 'AccountName',
		processid: 'ProcessId',
		integritylevel: 'ProcessIntegrityLevel',
		md5: 'MD5',
		sha1: 'SHA1',
		sha256: 'SHA256',
		hashes: 'SHA1',
		parentprocessid: 'InitiatingProcessId',
		parentcommandline: 'InitiatingProcessCommandLine',
		parentuser: 'InitiatingProcessAccountName',
		grandparentimage: 'InitiatingProcessParentFileName',
	}),
	// The creator's full path is a column of its own here: no `\<name>` stand-in.
	parentimage: ['InitiatingProcessFolderPath', ev => ev.actor?.image],
	originalfilename: ['ProcessVersionInfoOriginalFileName', column('ProcessVersionInfoOriginalFileName')],
	logonid: ['LogonId', column('LogonId')],
	company: ['ProcessVersionInfoCompanyName', column('ProcessVersionInfoCompanyName')],
	product: ['ProcessVersionInfoProductName', column('ProcessVersionInfoProductName')],
	description: ['ProcessVersionInfoFileDescription', column('ProcessVersionInfoFileDescription')],
	fileversion: ['ProcessVersionInfoProductVersion', column('ProcessVersionInfoProductVersion')],
};

const FILE: SigmaTable = {
	...COMMON,
	...sigmaRows('file', {
		targetfilename: 'FolderPath',
		sourcefilename: 'PreviousFolderPath',
		md5: 'MD5',
		sha1: 'SHA1',
		sha256: 'SHA256',
		hashes: 'SHA1',
	}),
};

const REGISTRY: SigmaTable = {
	...COMMON,
	...sigmaRows('registry', {
		targetobject: 'RegistryKey',
		newname: 'RegistryKey',
		details: 'RegistryValueData',
		eventtype: 'ActionType',
	}),
};

const NETWORK: SigmaTable = {
	...COMMON,
	...sigmaRows('network', {
		destinationip: 'RemoteIP',
		destinationport: 'RemotePort',
		sourceip: 'LocalIP',
		sourceport: 'LocalPort',
		protocol: 'Protocol',
		initiated: 'ActionType',
	}),
	sourcehostname: ['DeviceName', ev => ev.host],
	destinationhostname: ['RemoteUrl', ev => urlHost(ev.target.http?.url ?? str(props(ev).RemoteUrl))],
};

const DNS: SigmaTable = {
	...COMMON,
	...sigmaRows('dns', {
		queryname: 'AdditionalFields.DnsQueryString',
		queryresults: 'AdditionalFields.DnsQueryResult',
		destinationhostname: 'AdditionalFields.DnsQueryString',
	}),
	querystatus: ['ActionType', ev => (ev.target.dns?.status === 'SUCCESS' ? '0' : undefined)],
};

// DeviceImageLoadEvents (filed as "other"): the loaded module is the row's own file.
const OTHER: SigmaTable = {
	...COMMON,
	...sigmaRows('module', {imageloaded: 'FolderPath', md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', hashes: 'SHA1'}),
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
