// Display tables and helpers the panes share: category badges, short family names, counts, the hit
// that marks a row. Data only; the components style it.
import type {Category, Family, RuleHit} from '../event.js';
import {levelRank} from '../rules/index.js';

/** The feed's category column, ten columns at most. */
const BADGES: Record<Category, string> = {
	'Process Creation': 'proc start',
	'Process Termination': 'proc term',
	'Process Exit': 'proc exit',
	'File Creation': 'file new',
	'File Modification': 'file mod',
	'File Deletion': 'file del',
	'File Rename': 'file ren',
	DNS: 'dns',
	'TCPv4 Connection': 'tcp conn',
	'TCPv4 Listen': 'tcp listen',
	'HTTP Request': 'http',
	'Registry Key Creation': 'regkey new',
	'Registry Key Rename': 'regkey ren',
	'Registry Key Delete': 'regkey del',
	'Registry Key Export': 'regkey exp',
	'Registry Key Security Changed': 'regkey acl',
	'Registry Key Import': 'regkey imp',
	'Registry Value Creation': 'regval new',
	'Registry Value Modified': 'regval mod',
	'Registry Value Delete': 'regval del',
	'Scheduled Task Register': 'task reg',
	'Scheduled Task Update': 'task upd',
	'Scheduled Task Delete': 'task del',
	'Scheduled Task Start': 'task start',
	'Scheduled Task Trigger': 'task trig',
	Login: 'login',
	Logout: 'logout',
	Persistency: 'persist',
	correlation: 'CORRELATE',
	other: 'other',
	undecodable: 'UNDECODED',
};

// Six columns at most, for narrow terminals.
const SHORT_BADGES: Record<Category, string> = {
	'Process Creation': 'proc+',
	'Process Termination': 'proc-',
	'Process Exit': 'exit',
	'File Creation': 'file+',
	'File Modification': 'file~',
	'File Deletion': 'file-',
	'File Rename': 'file>',
	DNS: 'dns',
	'TCPv4 Connection': 'tcp',
	'TCPv4 Listen': 'listen',
	'HTTP Request': 'http',
	'Registry Key Creation': 'key+',
	'Registry Key Rename': 'key>',
	'Registry Key Delete': 'key-',
	'Registry Key Export': 'keyexp',
	'Registry Key Security Changed': 'keyacl',
	'Registry Key Import': 'keyimp',
	'Registry Value Creation': 'val+',
	'Registry Value Modified': 'val~',
	'Registry Value Delete': 'val-',
	'Scheduled Task Register': 'task+',
	'Scheduled Task Update': 'task~',
	'Scheduled Task Delete': 'task-',
	'Scheduled Task Start': 'task>',
	'Scheduled Task Trigger': 'task!',
	Login: 'login',
	Logout: 'logout',
	Persistency: 'persis',
	correlation: 'CORREL',
	other: 'other',
	undecodable: 'UNDEC',
};

/** The category's badge: the long form from 10 columns, the short one below. */
export function badgeOf(category: Category, width = 10): string {
	return (width >= 10 ? BADGES[category] : SHORT_BADGES[category]) ?? 'other';
}

/** The category bar's short family names, when the full ones do not fit. */
export const FAMILY_SHORT: Record<Family, string> = {
	process: 'proc',
	file: 'file',
	network: 'net',
	registry: 'reg',
	'scheduled task': 'task',
	login: 'login',
	persistence: 'pers',
	correlation: 'corr',
	other: 'other',
	undecodable: 'undec',
};

/** The hit that marks the row: the highest level (the first of equals). */
export function topHit(hits: readonly RuleHit[]): RuleHit | undefined {
	let best: RuleHit | undefined;
	for (const h of hits) if (!best || levelRank(h.level) > levelRank(best.level)) best = h;
	return best;
}

const nf = new Intl.NumberFormat('en-US');

/** 1,234 */
export function formatCount(n: number): string {
	return nf.format(n);
}

/** "1 event", "2,000 events"; `kind` before the noun: "1 marked event". */
export function countOfEvents(n: number, kind = ''): string {
	return `${formatCount(n)} ${kind ? `${kind} ` : ''}${n === 1 ? 'event' : 'events'}`;
}

/** 999, 1.2k, 45k, 1.2M: for tight spaces. */
export function compactCount(n: number): string {
	if (n < 1000) return String(n);
	if (n < 10_000) return `${(Math.floor(n / 100) / 10).toFixed(1).replace(/\.0$/, '')}k`;
	if (n < 1_000_000) return `${Math.floor(n / 1000)}k`;
	return `${(Math.floor(n / 100_000) / 10).toFixed(1).replace(/\.0$/, '')}M`;
}
