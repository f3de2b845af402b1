// A vendor format's Sigma field mapping: for each Sigma (Sysmon-style) field name, in lower case,
// where the value comes from in the vendor's event (shown in a hit's explanation) and how to read
// it from the decoded event. The rules stage reads these tables for the formats that carry no
// Sigma-named fields of their own (mde, cs-fdr, ocsf); values are read lazily, once per event.
import type {Category, ProcessInfo} from '../../event.js';
import type {DecodedEvent} from '../decoded-event.js';
import {isObject} from './text.js';

export type SigmaRead = (ev: DecodedEvent) => unknown;
export type SigmaTable = Readonly<Record<string, readonly [source: string, read: SigmaRead]>>;
export type SigmaTableOf = (category: Category) => SigmaTable;

/** Sysmon's `Hashes` from the separate hash fields: "SHA1=..,MD5=..,SHA256=..". */
export function hashesText(p: {sha1?: string; md5?: string; sha256?: string} | undefined): string | undefined {
	if (!p) return undefined;
	const parts: string[] = [];
	if (p.sha1) parts.push(`SHA1=${p.sha1.toUpperCase()}`);
	if (p.md5) parts.push(`MD5=${p.md5.toUpperCase()}`);
	if (p.sha256) parts.push(`SHA256=${p.sha256.toUpperCase()}`);
	return parts.length > 0 ? parts.join(',') : undefined;
}

/** The raw object of an event, or an empty one (a restored line may lack it). */
export function rawOf(ev: DecodedEvent): Record<string, unknown> {
	return isObject(ev.raw) ? ev.raw : {};
}

/**
 * A parent known only by its file name (CrowdStrike's ParentBaseFileName, MDE's
 * InitiatingProcessParentFileName) as `\name`: rules test ParentImage with `endswith '\cmd.exe'`,
 * which then matches, while a full-path comparison cannot (the path is not in the event).
 */
export function baseNameAsPath(p: ProcessInfo | undefined): string | undefined {
	if (!p) return undefined;
	if (p.image !== undefined) return p.image;
	return p.name !== undefined ? `\\${p.name}` : undefined;
}

/** The Sysmon `EventType` a registry rule tests, per category. */
export const SYSMON_REGISTRY_EVENT_TYPES: Partial<Record<Category, string>> = {
	'Registry Key Creation': 'CreateKey',
	'Registry Key Delete': 'DeleteKey',
	'Registry Key Rename': 'RenameKey',
	'Registry Value Creation': 'SetValue',
	'Registry Value Modified': 'SetValue',
	'Registry Value Delete': 'DeleteValue',
};

/** The Sysmon-style `Initiated` of a connection: outgoing 'true', incoming 'false'. */
function initiated(ev: DecodedEvent): string | undefined {
	const d = ev.target.network?.direction;
	return d === 'OUTGOING' ? 'true' : d === 'INCOMING' ? 'false' : undefined;
}

/** A registry rename's TargetObject is the old key (Sysmon EventType RenameKey), NewName the new. */
function registryTarget(ev: DecodedEvent): string | undefined {
	const r = ev.target.registry;
	return ev.category === 'Registry Key Rename' ? (r?.oldKey ?? r?.key) : r?.key;
}

/** Whatever carries hashes: a process, a file, a module. */
type Hashed = {md5?: string; sha1?: string; sha256?: string} | undefined;

/** The hash fields of whatever object `of` picks (a process, a file, a module). */
function hashReaders(of: (ev: DecodedEvent) => Hashed) {
	return {
		md5: (ev: DecodedEvent) => of(ev)?.md5,
		sha1: (ev: DecodedEvent) => of(ev)?.sha1,
		sha256: (ev: DecodedEvent) => of(ev)?.sha256,
		hashes: (ev: DecodedEvent) => hashesText(of(ev)),
	};
}

/** Image, CommandLine, User, ProcessId, IntegrityLevel and hashes of the process `of` picks. */
function processReaders(of: (ev: DecodedEvent) => ProcessInfo | undefined) {
	return {
		computer: (ev: DecodedEvent) => ev.host,
		image: (ev: DecodedEvent) => of(ev)?.image,
		commandline: (ev: DecodedEvent) => of(ev)?.cmdline,
		user: (ev: DecodedEvent) => of(ev)?.user,
		processid: (ev: DecodedEvent) => of(ev)?.pid,
		integritylevel: (ev: DecodedEvent) => of(ev)?.integrity,
		...hashReaders(of),
	};
}

const file = (ev: DecodedEvent) => ev.target.file;

/**
 * How a Sigma field is read from the normalized event, the same for every vendor format, by the
 * part of the event the field describes. A vendor table names, for each field it supplies, where
 * the value comes from in its own events (sigmaRows), and states only the readers it does otherwise.
 */
export const SIGMA_READERS = {
	/** The acting process (every category but Process Creation). */
	actor: {
		...processReaders(ev => ev.actor),
		parentprocessid: ev => ev.parent?.pid,
		parentimage: ev => baseNameAsPath(ev.parent),
		parentcommandline: ev => ev.parent?.cmdline,
	},
	/** Process Creation: the created process, its creator as the parent. */
	created: {
		...processReaders(ev => ev.target.process),
		parentprocessid: ev => ev.actor?.pid,
		parentimage: ev => baseNameAsPath(ev.actor),
		parentcommandline: ev => ev.actor?.cmdline,
		parentuser: ev => ev.actor?.user,
		grandparentimage: ev => baseNameAsPath(ev.parent),
	},
	file: {
		targetfilename: ev => ev.target.file?.path,
		sourcefilename: ev => ev.target.file?.oldPath,
		...hashReaders(file),
	},
	/** image_load: the loaded module is the event's file; Image stays the acting process. */
	module: {imageloaded: ev => ev.target.file?.path, ...hashReaders(file)},
	network: {
		destinationip: ev => ev.target.network?.dstIp,
		destinationport: ev => ev.target.network?.dstPort,
		sourceip: ev => ev.target.network?.srcIp,
		sourceport: ev => ev.target.network?.srcPort,
		// Sigma's rules write the protocol in lower case (tcp, udp).
		protocol: ev => ev.target.network?.protocol?.toLowerCase(),
		initiated,
	},
	dns: {
		queryname: ev => ev.target.dns?.query,
		queryresults: ev => ev.target.dns?.answers,
		destinationhostname: ev => ev.target.dns?.query,
	},
	registry: {
		targetobject: registryTarget,
		newname: ev => (ev.category === 'Registry Key Rename' ? ev.target.registry?.key : undefined),
		details: ev => ev.target.registry?.data,
		eventtype: ev => SYSMON_REGISTRY_EVENT_TYPES[ev.category],
	},
} satisfies Record<string, Record<string, SigmaRead>>;

export type SigmaPart = keyof typeof SIGMA_READERS;

/** Sigma field -> the vendor's field it comes from, for the fields a vendor supplies of one part. */
export type SigmaSources<P extends SigmaPart> = Partial<Record<keyof (typeof SIGMA_READERS)[P], string>>;

/** The rows of one part of the event, read the shared way, for the fields the vendor names. */
export function sigmaRows<P extends SigmaPart>(part: P, sources: SigmaSources<P>): SigmaTable {
	const readers: Record<string, SigmaRead> = SIGMA_READERS[part];
	const out: Record<string, readonly [string, SigmaRead]> = {};
	for (const [field, source] of Object.entries(sources) as Array<[string, string | undefined]>)
		if (source !== undefined) out[field] = [source, readers[field]!];
	return out;
}

/** "CORP" + "alice" -> "CORP\alice"; either alone as it is. */
export function domainUser(domain: string | undefined, name: string | undefined): string | undefined {
	if (name === undefined || name === '') return name;
	return domain ? `${domain}\\${name}` : name;
}
