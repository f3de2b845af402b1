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

/** "CORP" + "alice" -> "CORP\alice"; either alone as it is. */
export function domainUser(domain: string | undefined, name: string | undefined): string | undefined {
	if (name === undefined || name === '') return name;
	return domain ? `${domain}\\${name}` : name;
}
