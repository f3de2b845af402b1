// Sigma field names -> values of one event (docs/formats.md §8). Events that carry sigmaFields
// (Sysmon) are read as they are; SentinelOne events are read from the normalized model, where the
// process a rule calls `Image` is the created child for process creation and the actor elsewhere.
import type {Category, FormatName, ProcessInfo} from '../event.js';
import {normalizeRegistryPath, vendorSigmaTable, type DecodedEvent} from '../formats/index.js';
import type {MappingKind} from './logsource.js';
import {asText} from './text.js';

export interface Getter {
	get(ev: DecodedEvent): string | undefined;
	/** Where the value comes from, for the hit's explanation. */
	source: string;
}

type Read = (ev: DecodedEvent) => unknown;
type Table = Record<string, [string, Read]>;

/** Defensive: the decoders already spell hives as Sigma does, but a raw path must still match. */
export const normalizeRegistry = normalizeRegistryPath;

function hashes(p: {sha1?: string; md5?: string; sha256?: string} | undefined): string | undefined {
	if (!p) return undefined;
	const parts: string[] = [];
	if (p.sha1) parts.push(`SHA1=${p.sha1.toUpperCase()}`);
	if (p.md5) parts.push(`MD5=${p.md5.toUpperCase()}`);
	if (p.sha256) parts.push(`SHA256=${p.sha256.toUpperCase()}`);
	return parts.length ? parts.join(',') : undefined;
}

function urlHost(url: string | undefined): string | undefined {
	if (!url) return undefined;
	const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
	return m ? m[1] : undefined;
}

function initiated(direction: string | undefined): string | undefined {
	if (!direction) return undefined;
	const d = direction.toUpperCase();
	return d === 'OUTGOING' || d === 'OUTBOUND' ? 'true' : d === 'INCOMING' || d === 'INBOUND' ? 'false' : undefined;
}

const REG_EVENT_TYPES: Partial<Record<Category, string>> = {
	'Registry Key Creation': 'CreateKey',
	'Registry Key Delete': 'DeleteKey',
	'Registry Key Rename': 'RenameKey',
	'Registry Value Creation': 'SetValue',
	'Registry Value Modified': 'SetValue',
	'Registry Value Delete': 'DeleteValue',
};

function processFields(
	prefix: string,
	p: (ev: DecodedEvent) => ProcessInfo | undefined,
	parentPrefix: string,
	pp: (ev: DecodedEvent) => ProcessInfo | undefined,
): Table {
	return {
		image: [`${prefix}.image`, ev => p(ev)?.image],
		commandline: [`${prefix}.cmdline`, ev => p(ev)?.cmdline],
		user: [`${prefix}.user`, ev => p(ev)?.user ?? ev.user],
		processid: [`${prefix}.pid`, ev => p(ev)?.pid],
		integritylevel: [`${prefix}.integrity`, ev => p(ev)?.integrity],
		md5: [`${prefix}.md5`, ev => p(ev)?.md5],
		sha1: [`${prefix}.sha1`, ev => p(ev)?.sha1],
		sha256: [`${prefix}.sha256`, ev => p(ev)?.sha256],
		hashes: [`${prefix}.sha256`, ev => hashes(p(ev))],
		parentimage: [`${parentPrefix}.image`, ev => pp(ev)?.image],
		parentcommandline: [`${parentPrefix}.cmdline`, ev => pp(ev)?.cmdline],
		parentprocessid: [`${parentPrefix}.pid`, ev => pp(ev)?.pid],
		parentuser: [`${parentPrefix}.user`, ev => pp(ev)?.user],
		computer: ['host', ev => ev.host],
	};
}

const PROCESS_CREATION: Table = processFields(
	'target.process',
	ev => ev.target.process,
	'actor',
	ev => ev.actor,
);

const OTHER: Table = {
	...processFields(
		'actor',
		ev => ev.actor,
		'parent',
		ev => ev.parent,
	),
	targetfilename: ['target.file.path', ev => ev.target.file?.path],
	sourcefilename: ['target.file.oldPath', ev => ev.target.file?.oldPath],
	targetobject: [
		'target.registry.key',
		ev =>
			normalizeRegistry(
				ev.category === 'Registry Key Rename'
					? (ev.target.registry?.oldKey ?? ev.target.registry?.key)
					: ev.target.registry?.key,
			),
	],
	newname: [
		'target.registry.key',
		ev => (ev.category === 'Registry Key Rename' ? normalizeRegistry(ev.target.registry?.key) : undefined),
	],
	details: ['target.registry.data', ev => ev.target.registry?.data],
	eventtype: ['category', ev => REG_EVENT_TYPES[ev.category]],
	queryname: ['target.dns.query', ev => ev.target.dns?.query],
	queryresults: ['target.dns.answers', ev => ev.target.dns?.answers],
	querystatus: ['target.dns.status', ev => ev.target.dns?.status],
	destinationip: ['target.network.dstIp', ev => ev.target.network?.dstIp],
	destinationport: ['target.network.dstPort', ev => ev.target.network?.dstPort],
	sourceip: ['target.network.srcIp', ev => ev.target.network?.srcIp],
	sourceport: ['target.network.srcPort', ev => ev.target.network?.srcPort],
	protocol: ['target.network.protocol', ev => ev.target.network?.protocol],
	initiated: ['target.network.direction', ev => initiated(ev.target.network?.direction)],
	destinationhostname: ['target.http.url', ev => urlHost(ev.target.http?.url) ?? ev.target.dns?.query],
};
// Sysmon 5: `Image` is the process that ended; S1's termination names it as the target.
const TERMINATION: Table = {
	...OTHER,
	image: ['target.process.image', ev => ev.target.process?.image ?? ev.actor?.image],
	processid: ['target.process.pid', ev => ev.target.process?.pid ?? ev.actor?.pid],
};
// File hashes belong to the file for file events.
const FILE: Table = {
	...OTHER,
	md5: ['target.file.md5', ev => ev.target.file?.md5],
	sha1: ['target.file.sha1', ev => ev.target.file?.sha1],
	sha256: ['target.file.sha256', ev => ev.target.file?.sha256],
	hashes: ['target.file.sha256', ev => hashes(ev.target.file)],
};

// Windows logon types by the names S1 gives them.
const LOGON_TYPES: Record<string, string> = {
	INTERACTIVE: '2',
	NETWORK: '3',
	BATCH: '4',
	SERVICE: '5',
	UNLOCK: '7',
	NETWORK_CLEARTEXT: '8',
	NEW_CREDENTIALS: '9',
	REMOTE_INTERACTIVE: '10',
	CACHED_INTERACTIVE: '11',
};
const LOGIN: Table = {
	...OTHER,
	eventid: [
		'target.login.result',
		ev => (ev.category === 'Logout' ? '4634' : ev.target.login?.result === 'failure' ? '4625' : '4624'),
	],
	targetusername: ['target.login.user', ev => ev.target.login?.user ?? ev.user],
	targetdomainname: ['target.login.domain', ev => ev.target.login?.domain],
	targetusersid: ['target.login.sid', ev => ev.target.login?.sid],
	ipaddress: ['target.login.remoteAddress', ev => ev.target.login?.remoteAddress],
	logontype: [
		'target.login.type',
		ev => LOGON_TYPES[ev.target.login?.type?.toUpperCase() ?? ''] ?? ev.target.login?.type,
	],
	failurereason: ['target.login.reason', ev => ev.target.login?.reason],
};

function s1Table(category: Category): Table {
	if (category === 'Process Creation') return PROCESS_CREATION;
	if (category === 'Login' || category === 'Logout') return LOGIN;
	if (category === 'Process Termination' || category === 'Process Exit') return TERMINATION;
	if (category.startsWith('File')) return FILE;
	return OTHER;
}

/** Which Sigma fields an S1 event of a category can supply (for the load report). */
export function s1Supplies(category: Category, field: string): boolean {
	return field.toLowerCase() in s1Table(category);
}

/** Which Sigma fields a vendor format's event of a category can supply (for the load report). */
export function vendorSupplies(format: FormatName, category: Category, field: string): boolean {
	const table = vendorSigmaTable(format, category);
	return table !== undefined && field.toLowerCase() in table;
}

/** The pseudo-field holding every value of the event, joined: keyword rules' prefilter key. */
export const KEYWORDS_FIELD = '\u0000keywords';

export function makeGetter(kind: MappingKind, category: Category, field: string, format?: FormatName): Getter {
	if (field === KEYWORDS_FIELD) return {source: 'keywords', get: ev => keywordText(ev, kind)};
	if (kind === 'vendor') {
		const entry = format === undefined ? undefined : vendorSigmaTable(format, category)?.[field.toLowerCase()];
		if (!entry) return {source: field, get: () => undefined};
		const [source, read] = entry;
		return {source, get: ev => asText(read(ev))};
	}
	if (kind === 'sigma') {
		const lowerName = field.toLowerCase();
		return {
			source: field,
			get(ev) {
				const sf = ev.sigmaFields!;
				let v: unknown = sf[field];
				if (v === undefined) v = byLowerName(sf).get(lowerName);
				if (v === undefined && lowerName === 'computer') v = ev.host;
				return asText(v);
			},
		};
	}
	const entry = s1Table(category)[field.toLowerCase()];
	if (!entry) return {source: field, get: () => undefined};
	const [source, read] = entry;
	return {source, get: ev => asText(read(ev))};
}

// Field names are matched case-insensitively; most lookups hit the exact spelling, and a miss
// (a field the event does not have) reads the event's lowercase-name table, built once per event.
let lastFields: object | undefined;
// One table, cleared per event rather than made anew: it is rebuilt for nearly every event (rules
// name fields an event lacks), and a new Map each time was a fair share of the collector's work.
const lastByLower = new Map<string, unknown>();
// Events repeat the same few dozen field names: each is lowercased once, not once per event.
const lowerNames = new Map<string, string>();
const MAX_LOWER_NAMES = 4096;

function lowerName(name: string): string {
	let lower = lowerNames.get(name);
	if (lower === undefined) {
		// Bounded: a stream of ever new names (a malformed producer) must not grow it for ever.
		if (lowerNames.size >= MAX_LOWER_NAMES) lowerNames.clear();
		lower = name.toLowerCase();
		lowerNames.set(name, lower);
	}
	return lower;
}

/** Called for each new event: the table must never outlive the event it was built from. */
export function resetFieldLookups(): void {
	lastFields = undefined;
}

function byLowerName(sf: Record<string, unknown>): Map<string, unknown> {
	if (sf !== lastFields) {
		lastByLower.clear();
		for (const k in sf) {
			const lk = lowerName(k);
			if (!lastByLower.has(lk)) lastByLower.set(lk, sf[k]);
		}
		lastFields = sf;
	}
	return lastByLower;
}

/**
 * Calls visit with every string value of the event (what keyword searches look through), without
 * the per-value objects of keywordValues: the keyword prefilter reads it for every event.
 */
export function forEachKeywordValue(
	ev: DecodedEvent,
	kind: MappingKind,
	visit: (value: string) => void,
	skip?: Set<string>,
): void {
	if (kind === 'sigma') {
		const sf = ev.sigmaFields as Record<string, unknown> | undefined;
		for (const k in sf) {
			// The caller has these (named exactly so) scanned already.
			if (skip?.has(k)) continue;
			const t = asText(sf[k]);
			if (t !== undefined) visit(t);
		}
		return;
	}
	const walk = (o: unknown, depth: number) => {
		if (depth > 4 || o === null || typeof o !== 'object') return;
		const rec = o as Record<string, unknown>;
		for (const k in rec) {
			const v = rec[k];
			const t = asText(v);
			if (t !== undefined) visit(t);
			else walk(v, depth + 1);
		}
	};
	walk(ev.actor, 0);
	walk(ev.parent, 0);
	walk(ev.target, 0);
	if (ev.host) visit(ev.host);
	if (ev.user) visit(ev.user);
}

/** Every string value of the event joined with NULs (the keywords pseudo-field's value). */
export function keywordText(ev: DecodedEvent, kind: MappingKind): string {
	let out = '';
	forEachKeywordValue(ev, kind, v => {
		out += `${v}\u0000`;
	});
	return out;
}

/** Every string the event holds, for keyword searches. */
export function keywordValues(ev: DecodedEvent, kind: MappingKind): Array<{source: string; value: string}> {
	const out: Array<{source: string; value: string}> = [];
	if (kind === 'sigma') {
		for (const [k, v] of Object.entries(ev.sigmaFields ?? {})) {
			const t = asText(v);
			if (t !== undefined) out.push({source: k, value: t});
		}
		return out;
	}
	const walk = (prefix: string, o: unknown, depth: number) => {
		if (depth > 4 || o === null || typeof o !== 'object') return;
		for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
			const path = prefix ? `${prefix}.${k}` : k;
			const t = asText(v);
			if (t !== undefined) out.push({source: path, value: t});
			else walk(path, v, depth + 1);
		}
	};
	walk('actor', ev.actor, 0);
	walk('parent', ev.parent, 0);
	walk('target', ev.target, 0);
	if (ev.host) out.push({source: 'host', value: ev.host});
	if (ev.user) out.push({source: 'user', value: ev.user});
	return out;
}
