// One event, one terminal row: time, category badge, host, user, rule title and summary, with the
// search matches and the text a rule matched highlighted. Memoised on the event object, so rows
// that did not change are not rebuilt when new events arrive.
import React, {memo} from 'react';
import type {EdrEvent, Level} from '../core/event.js';
import {badgeOf, type FieldHighlight, formatTime, sanitizeText, segmentsOf, topHit} from '../core/view/index.js';
import type {TimeZoneMode} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {fitLine, LineText, lineWidth, wrapLine, type Line} from './line.js';

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
	/** Marked with m: a • in the first column (» when also selected), before the find's mark. */
	marked?: boolean;
	width: number;
	highlights?: readonly FieldHighlight[];
	/** Characters of the summary scrolled out to the left (the fixed columns stay). */
	offset?: number;
	/** The zone of the time column (T toggles it); local when absent. */
	zone?: TimeZoneMode;
}

export interface FeedRowProps extends FeedRowInput {
	/** Equal keys mean equal highlights (memo compares this, not the array). */
	highlightKey: string;
	/** Draw the row wrapped over at most this many terminal rows (the selected row, with `v`). */
	wrapRows?: number;
}

/** The columns before the summary: selection or find mark, level glyph, time, badge, host, user. */
function rowPrefix({event: ev, selected, found, marked, width, highlights, zone}: FeedRowInput, theme: Theme): Line {
	const cols = feedColumns(width);
	const hit = topHit(ev.hits);
	const level: Level | undefined = hit?.level;
	const line: Line = [];
	line.push(
		selected
			? {text: marked ? '»' : theme.selectionGlyph}
			: marked
				? {text: '•', style: theme.accent}
				: found
					? {text: '◆', style: theme.accent}
					: {text: ' '},
	);
	line.push(level ? {text: theme.levelGlyph[level] ?? '!', style: theme.level[level]} : {text: ' '});
	line.push({text: formatTime(ev.time ?? ev.receivedAt, cols.time === 'long', zone) + ' ', style: theme.muted});
	if (cols.badge)
		line.push({
			text: cell(badgeOf(ev.category, cols.badge), cols.badge) + ' ',
			style: theme.family[ev.family] ?? theme.family.other,
		});
	if (cols.host)
		line.push(...padTo(highlighted(ev.host ?? '', highlights, 'host', cols.host, undefined, theme), cols.host + 1));
	if (cols.user)
		line.push(...padTo(highlighted(ev.user ?? '', highlights, 'user', cols.user, theme.muted, theme), cols.user + 1));
	return line;
}

/** Highlight ranges moved left by `offset` characters, dropped where they scrolled out. */
function shifted(highlights: readonly FieldHighlight[] | undefined, offset: number): FieldHighlight[] | undefined {
	if (!highlights || offset === 0) return highlights as FieldHighlight[] | undefined;
	return highlights.map(h =>
		h.field !== 'summary'
			? h
			: {
					...h,
					ranges: h.ranges
						.map(([a, b]) => [Math.max(0, a - offset), b - offset] as [number, number])
						.filter(([a, b]) => b > a),
				},
	);
}

export function feedRowLine(input: FeedRowInput, theme: Theme): Line {
	const {event: ev, width} = input;
	const hit = topHit(ev.hits);
	const level: Level | undefined = hit?.level;
	const line = rowPrefix(input, theme);
	const summary = ev.summary ?? '';
	const offset = Math.min(input.offset ?? 0, Math.max(0, summary.length - 1));
	const highlights = shifted(input.highlights, offset);
	let rest = Math.max(0, width - lineWidth(line));
	if (offset > 0 && rest > 1) {
		line.push({text: '«', style: theme.muted});
		rest -= 1;
	}
	if (hit && level && rest > 12 && offset === 0) {
		const title = `[${sanitizeText(hit.title ?? '', Math.max(8, Math.floor(rest * 0.4)) - 3)}] `;
		line.push({text: title, style: theme.level[level]});
		rest -= lineWidth([{text: title}]);
	}
	if (rest > 0)
		line.push(
			...highlighted(summary.slice(offset), highlights, 'summary', rest, level ? {bold: true} : undefined, theme),
		);
	return line;
}

/** The process's full command line when the summary (cut by the decoders) does not hold it all. */
function fullCommand(ev: EdrEvent): string | undefined {
	const cmd = ev.target?.process?.cmdline ?? ev.actor?.cmdline;
	return cmd && !(ev.summary ?? '').includes(cmd) ? cmd : undefined;
}

/** Continuation rows of a wrapped row start this far in: most of the width goes to the text. */
const WRAP_INDENT = 2;

/**
 * The selected row wrapped, at most `maxRows` rows: the whole summary, or when the summary holds
 * a cut command line, its first row and then the full command line.
 */
export function wrappedRowLines(input: FeedRowInput, theme: Theme, maxRows: number): Line[] {
	const {event: ev, width} = input;
	const cmd = fullCommand(ev);
	if (cmd) {
		const rows: Line[] = [fitLine(feedRowLine({...input, offset: 0}, theme), width)];
		const line: Line = [{text: '  cmdline: ', style: theme.muted}, {text: sanitizeText(cmd, 8000)}];
		if (maxRows > 1) rows.push(...wrapLine(line, width, WRAP_INDENT, maxRows - 1));
		return rows;
	}
	const hit = topHit(ev.hits);
	const level = hit?.level;
	const body: Line = rowPrefix(input, theme);
	if (hit && level) body.push({text: `[${sanitizeText(hit.title ?? '', 200)}] `, style: theme.level[level]});
	body.push({text: sanitizeText(ev.summary ?? '', 4000), style: level ? {bold: true} : undefined});
	return wrapLine(body, width, WRAP_INDENT, maxRows);
}

export const FeedRow = memo(
	function FeedRow(props: FeedRowProps) {
		const theme = useTheme();
		const style = props.selected ? theme.selection : undefined;
		if (props.wrapRows && props.wrapRows > 1)
			return (
				<>
					{wrappedRowLines(props, theme, props.wrapRows).map((line, i) => (
						<LineText key={i} line={line} width={props.width} pad style={style} />
					))}
				</>
			);
		return <LineText line={feedRowLine(props, theme)} width={props.width} pad style={style} />;
	},
	// A theme change re-renders through the context, whatever this says.
	(a, b) =>
		a.event === b.event &&
		a.selected === b.selected &&
		a.found === b.found &&
		a.marked === b.marked &&
		a.offset === b.offset &&
		a.wrapRows === b.wrapRows &&
		a.width === b.width &&
		a.zone === b.zone &&
		a.highlightKey === b.highlightKey,
);
