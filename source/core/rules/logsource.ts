// Which rules can apply to which events (docs/sigma.md §6): a rule's
// logsource names Sigma categories, products and services; an event yields the Sigma categories
// and services it can stand for. A rule is evaluated only where the two meet.
import type {Category, FormatName} from '../event.js';
import {VENDOR_IMAGE_LOADS, VENDOR_SIGMA_FORMATS, type DecodedEvent, type VendorSigmaFormat} from '../formats/index.js';

export interface Logsource {
	category?: string;
	product?: string;
	service?: string;
}

/**
 * How the engine reads Sigma fields from an event: the S1 model mapping, sigmaFields as is, or
 * the format's own table (formats/sigma-tables.ts: MDE, CrowdStrike FDR, OCSF).
 */
export type MappingKind = 's1' | 'sigma' | 'vendor';

export interface Route {
	kind: MappingKind;
	/** windows | linux | macos, or undefined when the event does not say. */
	os?: string;
	/** The event's own category (S1 field mapping depends on it). */
	category: Category;
	/** The event's format, for the vendor tables. */
	format?: FormatName;
	sigmaCategories: string[];
	services: string[];
}

export const S1_CATEGORY_ROUTES: Partial<Record<Category, string[]>> = {
	'Process Creation': ['process_creation'],
	'Process Termination': ['process_termination'],
	'Process Exit': ['process_termination'],
	'File Creation': ['file_event'],
	'File Modification': ['file_event', 'file_change'],
	'File Deletion': ['file_delete'],
	'File Rename': ['file_rename'],
	DNS: ['dns_query', 'dns', 'network_connection'],
	'TCPv4 Connection': ['network_connection'],
	'HTTP Request': ['network_connection'],
	'Registry Key Creation': ['registry_add', 'registry_event'],
	'Registry Key Rename': ['registry_rename', 'registry_event'],
	'Registry Key Delete': ['registry_delete', 'registry_event'],
	'Registry Key Export': ['registry_event'],
	'Registry Key Security Changed': ['registry_event'],
	'Registry Key Import': ['registry_event'],
	'Registry Value Creation': ['registry_set', 'registry_event'],
	'Registry Value Modified': ['registry_set', 'registry_event'],
	'Registry Value Delete': ['registry_delete', 'registry_event'],
};

// S1 logons are what Windows writes to its Security log (4624/4625/4634): rules for that service
// read them through the field map (EventID, TargetUserName, IpAddress, LogonType).
const S1_CATEGORY_SERVICES: Partial<Record<Category, string[]>> = {Login: ['security'], Logout: ['security']};

// Sysmon EventID -> Sigma categories (docs/sigma.md §6; registry_add/delete share 12, rules test EventType).
export const SYSMON_EVENT_ROUTES: Record<number, string[]> = {
	1: ['process_creation'],
	2: ['file_change'],
	3: ['network_connection'],
	5: ['process_termination'],
	6: ['driver_load'],
	7: ['image_load'],
	8: ['create_remote_thread'],
	9: ['raw_access_thread'],
	10: ['process_access'],
	11: ['file_event'],
	12: ['registry_add', 'registry_delete', 'registry_event'],
	13: ['registry_set', 'registry_event'],
	14: ['registry_rename', 'registry_event'],
	15: ['create_stream_hash'],
	17: ['pipe_created'],
	18: ['pipe_created'],
	19: ['wmi_event'],
	20: ['wmi_event'],
	21: ['wmi_event'],
	22: ['dns_query', 'dns'],
	23: ['file_delete'],
	24: ['clipboard_capture'],
	25: ['process_tampering'],
	26: ['file_delete'],
	27: ['file_block_executable'],
	28: ['file_block_shredding'],
	29: ['file_executable_detected'],
};

// Windows channels -> Sigma services (the names SigmaHQ's windows rules use).
const CHANNEL_SERVICES: Record<string, string> = {
	security: 'security',
	system: 'system',
	application: 'application',
	'microsoft-windows-sysmon/operational': 'sysmon',
	'linux-sysmon/operational': 'sysmon',
	'microsoft-windows-powershell/operational': 'powershell',
	'windows powershell': 'powershell-classic',
	'microsoft-windows-taskscheduler/operational': 'taskscheduler',
	'microsoft-windows-wmi-activity/operational': 'wmi',
	'microsoft-windows-windows defender/operational': 'windefend',
	'microsoft-windows-bits-client/operational': 'bits-client',
	'microsoft-windows-dns-client/operational': 'dns-client',
	'microsoft-windows-codeintegrity/operational': 'codeintegrity-operational',
	'microsoft-windows-ntlm/operational': 'ntlm',
	'microsoft-windows-windows firewall with advanced security/firewall': 'firewall-as',
	'microsoft-windows-terminalservices-localsessionmanager/operational': 'terminalservices-localsessionmanager',
	'microsoft-windows-security-mitigations/kernel mode': 'security-mitigations',
	'microsoft-windows-appxdeployment-server/operational': 'appxdeployment-server',
};

// PowerShell's own channels carry categories of their own (pySigma's windows pipeline).
const CHANNEL_EVENT_CATEGORIES: Record<string, Record<number, string>> = {
	'microsoft-windows-powershell/operational': {4104: 'ps_script', 4103: 'ps_module'},
	'windows powershell': {400: 'ps_classic_start', 600: 'ps_classic_provider_start', 800: 'ps_classic_script'},
};

const PRODUCTS = new Set(['windows', 'linux', 'macos']);
const S1_FORMATS = new Set(['s1-dv', 's1-cf2', 's1-api']);
const VENDOR_FORMATS = new Set<string>(VENDOR_SIGMA_FORMATS);

/** Vendor events edrtail files under "other" that still stand for a Sigma category, by subtype. */
const VENDOR_OTHER_ROUTES: Partial<Record<VendorSigmaFormat, Record<string, string[]>>> = {};
for (const format of VENDOR_SIGMA_FORMATS)
	VENDOR_OTHER_ROUTES[format] = Object.fromEntries(VENDOR_IMAGE_LOADS[format].map(s => [s, ['image_load']]));

function vendorCategories(ev: DecodedEvent): string[] {
	if (ev.category !== 'other') return S1_CATEGORY_ROUTES[ev.category] ?? [];
	return (ev.subtype && VENDOR_OTHER_ROUTES[ev.format as VendorSigmaFormat]?.[ev.subtype]) || [];
}

/** A key that is equal for events that route the same way (the engine caches one group per key). */
export function routeKey(ev: DecodedEvent): string | undefined {
	const sf = ev.sigmaFields;
	if (sf) return `g|${ev.os}|${sf.EventID}|${sf.Channel}|${ev.category}`;
	if (S1_FORMATS.has(ev.format)) return `s|${ev.os}|${ev.category}`;
	if (VENDOR_FORMATS.has(ev.format))
		return `v|${ev.format}|${ev.os}|${ev.category}${ev.category === 'other' ? `|${ev.subtype}` : ''}`;
	return undefined;
}

export function routeOf(ev: DecodedEvent): Route | undefined {
	const sf = ev.sigmaFields;
	if (sf) {
		// An empty Channel or EventID says nothing about the route ('' is a value only for rules).
		const channel = sf.Channel ? sf.Channel.toLowerCase() : undefined;
		const eventId = sf.EventID ? Number(sf.EventID) : undefined;
		const services: string[] = [];
		let cats: string[] = [];
		const service = channel ? CHANNEL_SERVICES[channel] : undefined;
		if (service) services.push(service);
		const os = channel === 'linux-sysmon/operational' ? 'linux' : (ev.os ?? 'windows');
		if (eventId !== undefined && Number.isFinite(eventId)) {
			if (channel === undefined || service === 'sysmon') cats = SYSMON_EVENT_ROUTES[eventId] ?? [];
			else {
				const c = CHANNEL_EVENT_CATEGORIES[channel]?.[eventId];
				if (c) cats = [c];
			}
		} else cats = S1_CATEGORY_ROUTES[ev.category] ?? [];
		return {kind: 'sigma', os, category: ev.category, sigmaCategories: cats, services};
	}
	if (S1_FORMATS.has(ev.format)) {
		return {
			kind: 's1',
			os: ev.os,
			category: ev.category,
			sigmaCategories: S1_CATEGORY_ROUTES[ev.category] ?? [],
			services: ev.os === 'windows' ? (S1_CATEGORY_SERVICES[ev.category] ?? []) : [],
		};
	}
	// The vendor formats' categories stand for the same Sigma categories as S1's.
	if (VENDOR_FORMATS.has(ev.format)) {
		return {
			kind: 'vendor',
			format: ev.format,
			os: ev.os,
			category: ev.category,
			sigmaCategories: vendorCategories(ev),
			services: [],
		};
	}
	return undefined;
}

export function appliesTo(ls: Logsource, route: Route): boolean {
	if (ls.product) {
		const p = ls.product.toLowerCase();
		if (!PRODUCTS.has(p)) return false;
		if (route.os && PRODUCTS.has(route.os) && route.os !== p) return false;
	}
	if (ls.category && !route.sigmaCategories.includes(ls.category.toLowerCase())) return false;
	if (ls.service && !route.services.includes(ls.service.toLowerCase())) return false;
	return true;
}

/** Every route an S1 event can take (for the load report). */
export function allS1Routes(): Route[] {
	const out: Route[] = [];
	for (const os of ['windows', 'linux', 'macos']) {
		for (const [category, cats] of Object.entries(S1_CATEGORY_ROUTES)) {
			out.push({kind: 's1', os, category: category as Category, sigmaCategories: cats!, services: []});
		}
		if (os === 'windows')
			for (const [category, services] of Object.entries(S1_CATEGORY_SERVICES))
				out.push({kind: 's1', os, category: category as Category, sigmaCategories: [], services: services!});
	}
	return out;
}

/** Every route an event of a vendor format can take (for the load report). */
export function allVendorRoutes(format: VendorSigmaFormat): Route[] {
	const out: Route[] = allS1Routes().map(r => ({...r, kind: 'vendor', format}));
	for (const cats of Object.values(VENDOR_OTHER_ROUTES[format] ?? {}))
		out.push({kind: 'vendor', format, os: 'windows', category: 'other', sigmaCategories: cats, services: []});
	return out;
}

/** Every route a Sysmon event can take (for the load report). */
export function allSysmonRoutes(): Route[] {
	const out: Route[] = [];
	for (const [id, cats] of Object.entries(SYSMON_EVENT_ROUTES)) {
		out.push({kind: 'sigma', os: 'windows', category: 'other', sigmaCategories: cats, services: ['sysmon']});
		out.push({kind: 'sigma', os: 'linux', category: 'other', sigmaCategories: cats, services: ['sysmon']});
		void id;
	}
	for (const [channel, byId] of Object.entries(CHANNEL_EVENT_CATEGORIES)) {
		const service = CHANNEL_SERVICES[channel];
		const services = service ? [service] : [];
		for (const c of Object.values(byId))
			out.push({kind: 'sigma', os: 'windows', category: 'other', sigmaCategories: [c], services});
	}
	for (const service of new Set(Object.values(CHANNEL_SERVICES)))
		out.push({kind: 'sigma', os: 'windows', category: 'other', sigmaCategories: [], services: [service]});
	return out;
}
