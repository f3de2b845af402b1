// Sigma field names -> FDR fields, after pySigma's crowdstrike_fdr pipeline: process_creation
// reads ProcessRollup2 (Image = ImageFileName, CommandLine, ParentImage = ParentBaseFileName),
// network_connection RemoteAddressIP4/RemotePort, dns_query DomainName/IP4Records, image_load
// ClassifiedModuleLoad (ImageLoaded = ImageFileName, Image = TargetImageFileName). Paths are read
// as drive paths, ParentImage as `\<ParentBaseFileName>` (only the file name is in the event, so
// `endswith` matches and a full path cannot), registry hives in Sigma's spelling.
import type {Category} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {rawOf, sigmaRows, type SigmaTable} from '../common/sigma-table.js';
import {str} from '../common/text.js';

const field = (name: string) => (ev: DecodedEvent) => str(rawOf(ev)[name]);

const COMMON: SigmaTable = {
	...sigmaRows('actor', {computer: 'ComputerName', image: 'ContextImageFileName'}),
	user: ['UserName', ev => ev.user],
};

const PROCESS_CREATION: SigmaTable = {
	...sigmaRows('created', {
		computer: 'ComputerName',
		image: 'ImageFileName',
		commandline: 'CommandLine',
		user: 'UserName',
		processid: 'RawProcessId',
		integritylevel: 'IntegrityLevel',
		md5: 'MD5HashData',
		sha1: 'SHA1HashData',
		sha256: 'SHA256HashData',
		hashes: 'SHA256HashData',
		parentimage: 'ParentBaseFileName',
	}),
	logonid: ['AuthenticationId', field('AuthenticationId')],
};

const TERMINATION: SigmaTable = {
	...COMMON,
	image: ['ImageFileName', ev => ev.actor?.image ?? ev.target.process?.image],
	processid: ['RawProcessId', ev => ev.actor?.pid ?? ev.target.process?.pid],
};

const FILE: SigmaTable = {
	...COMMON,
	...sigmaRows('file', {
		targetfilename: 'TargetFileName',
		sourcefilename: 'SourceFileName',
		sha256: 'SHA256HashData',
		md5: 'MD5HashData',
		hashes: 'SHA256HashData',
	}),
};

const NETWORK: SigmaTable = {
	...COMMON,
	...sigmaRows('network', {
		destinationip: 'RemoteAddressIP4',
		destinationport: 'RemotePort',
		sourceip: 'LocalAddressIP4',
		sourceport: 'LocalPort',
		protocol: 'Protocol',
		initiated: 'event_simpleName',
	}),
};

const DNS: SigmaTable = {
	...COMMON,
	...sigmaRows('dns', {queryname: 'DomainName', queryresults: 'IP4Records', destinationhostname: 'DomainName'}),
};

const REGISTRY: SigmaTable = {
	...COMMON,
	...sigmaRows('registry', {targetobject: 'RegObjectName', details: 'RegStringValue', eventtype: 'RegOperationType'}),
};

// ClassifiedModuleLoad / ImageHash (filed as "other"; only those route to a Sigma category). The
// pipeline has no Signed, OriginalFileName or Description for them, and neither has edrtail.
const MODULE_LOAD: SigmaTable = {
	...COMMON,
	image: ['TargetImageFileName', ev => ev.actor?.image],
	...sigmaRows('module', {
		imageloaded: 'ImageFileName',
		sha256: 'SHA256HashData',
		md5: 'MD5HashData',
		hashes: 'SHA256HashData',
	}),
};

export function csFdrSigmaTable(category: Category): SigmaTable {
	if (category === 'Process Creation') return PROCESS_CREATION;
	if (category === 'Process Exit' || category === 'Process Termination') return TERMINATION;
	if (category.startsWith('File')) return FILE;
	if (category.startsWith('Registry')) return REGISTRY;
	if (category === 'DNS') return DNS;
	if (category === 'TCPv4 Connection' || category === 'TCPv4 Listen') return NETWORK;
	if (category === 'other') return MODULE_LOAD;
	return COMMON;
}
