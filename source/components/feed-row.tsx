// One event, one terminal row: time, category badge, host, user, rule title and summary, with the
// search matches and the text a rule matched highlighted. Memoised on the event object, so rows
// that did not change are not rebuilt when new events arrive.
import React, {memo} from 'react';
import type {Category, EdrEvent, Level, RuleHit} from '../core/event.js';
import {levelRank} from '../core/rules/index.js';
import {type FieldHighlight, sanitizeText, segmentsOf} from '../core/view/index.js';
import type {Theme} from '../theme/theme.js';
import {LineText, lineWidth, type Line} from './line.js';

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
	other: 'other',
	undecodable: 'UNDEC',
};

export function badgeOf(category: Category, width = 10): string {
	return (width >= 10 ? BADGES[category] : SHORT_BADGES[category]) ?? 'other';
}

export interface FeedColumns {
	time: 'long' | 'short';
	badge: number;
	host: number;
	user: number;
}

/** Columns by width: 80 is the design size; below, the user, then the host go first. */
export function feedColumns(width: number): FeedColumns {
	if (width >= 110) return {time: 'long', badge: 10, host: 16, user: 14};
	if (width >= 90) return {time: 'long', badge: 10, host: 12, user: 10};
	if (width >= 70) return {time: 'long', badge: 10, host: 12, user: 0};
	if (width >= 50) return {time: 'short', badge: 6, host: 10, user: 0};
	return {time: 'short', badge: 6, host: 0, user: 0};
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function formatTime(ms: number | undefined, long: boolean): string {
	if (ms === undefined || !Number.isFinite(ms)) return long ? '--:--:--.---' : '--:--:--';
	const d = new Date(ms);
	if (Number.isNaN(d.getTime())) return long ? '--:--:--.---' : '--:--:--';
	const hms = `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
	return long ? `${hms}.${String(d.getMilliseconds()).padStart(3, '0')}` : hms;
}

/** The hit that marks the row: the highest level. */
export function topHit(hits: readonly RuleHit[]): RuleHit | undefined {
	let best: RuleHit | undefined;
	for (const h of hits) if (!best || levelRank(h.level) > levelRank(best.level)) best = h;
	return best;
}

function cell(text: string | undefined, width: number): string {
	const s = sanitizeText(text ?? '', width);
	return s + ' '.repeat(Math.max(0, width - s.length));
}

function highlighted(text: string, highlights: readonly FieldHighlight[] | undefined, field: FieldHighlight['field'], width: number, base: Line[number]['style'], theme: Theme): Line {
	const search = highlights?.find(h => h.field === field && h.source === 'search');
	const hit = search ? undefined : highlights?.find(h => h.field === field && h.source === 'hit');
	const pick = search ?? hit;
	if (!pick) return [{text: sanitizeText(text, width), style: base}];
	const matchStyle = search ? theme.match : theme.hitMatch;
	return segmentsOf(text, pick.ranges, width).map(s => ({text: s.text, style: s.match ? matchStyle : base}));
}

function padTo(segs: Line, width: number): Line {
	const w = lineWidth(segs);
	return w < width ? [...segs, {text: ' '.repeat(width - w)}] : segs;
}

export interface FeedRowProps {
	event: EdrEvent;
	selected: boolean;
	width: number;
	highlights?: readonly FieldHighlight[];
	/** Equal keys mean equal highlights (memo compares this, not the array). */
	highlightKey: string;
	theme: Theme;
}

export function feedRowLine({event: ev, selected, width, highlights, theme}: FeedRowProps): Line {
	const cols = feedColumns(width);
	const hit = topHit(ev.hits);
	const level: Level | undefined = hit?.level;
	const line: Line = [];
	line.push({text: selected ? theme.selectionGlyph : ' '});
	line.push(level ? {text: theme.levelGlyph[level] ?? '!', style: theme.level[level]} : {text: ' '});
	line.push({text: formatTime(ev.time ?? ev.receivedAt, cols.time === 'long') + ' ', style: theme.muted});
	if (cols.badge) line.push({text: cell(badgeOf(ev.category, cols.badge), cols.badge) + ' ', style: theme.family[ev.family] ?? theme.family.other});
	if (cols.host) line.push(...padTo(highlighted(ev.host ?? '', highlights, 'host', cols.host, undefined, theme), cols.host + 1));
	if (cols.user) line.push(...padTo(highlighted(ev.user ?? '', highlights, 'user', cols.user, theme.muted, theme), cols.user + 1));
	let rest = Math.max(0, width - lineWidth(line));
	if (hit && level && rest > 12) {
		const title = `[${sanitizeText(hit.title ?? '', Math.max(8, Math.floor(rest * 0.4)) - 3)}] `;
		line.push({text: title, style: theme.level[level]});
		rest -= lineWidth([{text: title}]);
	}
	if (rest > 0) line.push(...highlighted(ev.summary ?? '', highlights, 'summary', rest, level ? {bold: true} : undefined, theme));
	return line;
}

export const FeedRow = memo(
	function FeedRow(props: FeedRowProps) {
		return <LineText line={feedRowLine(props)} width={props.width} pad style={props.selected ? props.theme.selection : undefined} />;
	},
	(a, b) => a.event === b.event && a.selected === b.selected && a.width === b.width && a.highlightKey === b.highlightKey && a.theme === b.theme,
);
