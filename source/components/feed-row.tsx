// One event, one terminal row: time, category badge, host, user, rule title and summary, with the
// search matches and the text a rule matched highlighted. Memoised on the event object, so rows
// that did not change are not rebuilt when new events arrive.
import React, {memo} from 'react';
import type {EdrEvent, Level} from '../core/event.js';
import {badgeOf, type FieldHighlight, formatTime, sanitizeText, segmentsOf, topHit} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {LineText, lineWidth, type Line} from './line.js';

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

function cell(text: string | undefined, width: number): string {
	const s = sanitizeText(text ?? '', width);
	return s + ' '.repeat(Math.max(0, width - s.length));
}

function highlighted(
	text: string,
	highlights: readonly FieldHighlight[] | undefined,
	field: FieldHighlight['field'],
	width: number,
	base: Line[number]['style'],
	theme: Theme,
): Line {
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

export interface FeedRowInput {
	event: EdrEvent;
	selected: boolean;
	/** A match of the find (F): marked in the first column. */
	found?: boolean;
	width: number;
	highlights?: readonly FieldHighlight[];
}

export interface FeedRowProps extends FeedRowInput {
	/** Equal keys mean equal highlights (memo compares this, not the array). */
	highlightKey: string;
}

export function feedRowLine({event: ev, selected, found, width, highlights}: FeedRowInput, theme: Theme): Line {
	const cols = feedColumns(width);
	const hit = topHit(ev.hits);
	const level: Level | undefined = hit?.level;
	const line: Line = [];
	line.push(selected ? {text: theme.selectionGlyph} : found ? {text: '◆', style: theme.accent} : {text: ' '});
	line.push(level ? {text: theme.levelGlyph[level] ?? '!', style: theme.level[level]} : {text: ' '});
	line.push({text: formatTime(ev.time ?? ev.receivedAt, cols.time === 'long') + ' ', style: theme.muted});
	if (cols.badge)
		line.push({
			text: cell(badgeOf(ev.category, cols.badge), cols.badge) + ' ',
			style: theme.family[ev.family] ?? theme.family.other,
		});
	if (cols.host)
		line.push(...padTo(highlighted(ev.host ?? '', highlights, 'host', cols.host, undefined, theme), cols.host + 1));
	if (cols.user)
		line.push(...padTo(highlighted(ev.user ?? '', highlights, 'user', cols.user, theme.muted, theme), cols.user + 1));
	let rest = Math.max(0, width - lineWidth(line));
	if (hit && level && rest > 12) {
		const title = `[${sanitizeText(hit.title ?? '', Math.max(8, Math.floor(rest * 0.4)) - 3)}] `;
		line.push({text: title, style: theme.level[level]});
		rest -= lineWidth([{text: title}]);
	}
	if (rest > 0)
		line.push(...highlighted(ev.summary ?? '', highlights, 'summary', rest, level ? {bold: true} : undefined, theme));
	return line;
}

export const FeedRow = memo(
	function FeedRow(props: FeedRowProps) {
		const theme = useTheme();
		const style = props.selected ? theme.selection : undefined;
		return <LineText line={feedRowLine(props, theme)} width={props.width} pad style={style} />;
	},
	// A theme change re-renders through the context, whatever this says.
	(a, b) =>
		a.event === b.event &&
		a.selected === b.selected &&
		a.found === b.found &&
		a.width === b.width &&
		a.highlightKey === b.highlightKey,
);
