// The detail pane's content as styled lines: a title, a one-line summary of the rule hits, the raw
// event as coloured JSON (the values a rule or the search matched marked), the rule hits in full,
// and the normalized fields with the Kafka coordinates and latencies. The raw JSON comes first:
// it is what the pane is opened for; the hits are one key away (`h`, by the section offsets).
// Long lines wrap inside the pane rather than being cut.
import type {EdrEvent, Level, Undecodable} from '../core/event.js';
import {
	badgeOf,
	formatCount,
	formatTime,
	hitHighlights,
	hitLines,
	normalizedFields,
	payloadView,
	rawLines,
	sanitizeText,
	segmentsOf,
	topHit,
	type DetailHighlight,
	type ParsedQuery,
	type PivotKey,
	type TimeZoneMode,
} from '../core/view/index.js';
import type {PaneSection} from '../state/actions.js';
import type {Theme} from '../theme/theme.js';
import {fitLine, wrapLine, type Line} from './line.js';

export interface DetailView {
	lines: Line[];
	/** The first line of each section, for the keys that jump there. */
	sections: Partial<Record<PaneSection, number>>;
	/** The fields a pivot can keep or hide, in order, and the pane line each is on. */
	pivots: PivotField[];
}

export interface PivotField {
	key: PivotKey;
	value: string;
	line: number;
}

function section(title: string, theme: Theme): Line {
	return [{text: `── ${title} `, style: theme.title}];
}

function searchHighlights(query: ParsedQuery | undefined): DetailHighlight[] {
	return (query?.terms ?? []).filter(t => t.text.length >= 3).map(t => ({value: t.text}));
}

/** An undecodable message's bytes in place of the raw event: as text when they are text, and in hex. */
function payloadLines(u: Undecodable, width: number, theme: Theme, out: Line[]): void {
	const view = payloadView(u, width);
	const kept = view && view.kept < view.size ? `, the first ${formatCount(view.kept)} kept` : '';
	out.push(section(`payload, ${formatCount(u.size)} bytes${kept}`, theme));
	if (!view) {
		const why =
			u.size === 0
				? '(no bytes: an empty message or a tombstone)'
				: `(the bytes were not kept: the memory budget for payloads is spent) preview: ${u.preview}`;
		out.push(...wrapLine([{text: why, style: theme.muted}], width, 2));
		return;
	}
	if (view.text) {
		out.push([{text: 'as text, escaped (y copies this):', style: theme.muted}]);
		// Every row of it: the pane scrolls, and the bytes kept are bounded.
		for (const line of view.text) out.push(...wrapLine([{text: line}], width, 0, Number.MAX_SAFE_INTEGER));
		out.push([]);
	}
	out.push([{text: view.text ? 'as hex:' : 'as hex (y copies this):', style: theme.muted}]);
	for (const row of view.hex) out.push([{text: row}]);
	if (view.kept < view.size)
		out.push([{text: `… ${formatCount(view.size - view.kept)} more bytes (not kept)`, style: theme.muted}]);
}

export function detailLines(ev: EdrEvent, width: number, theme: Theme, query?: ParsedQuery): Line[] {
	return detailView(ev, width, theme, query).lines;
}

/** The pane for one event; `fieldCursor` marks the pivot field under the cursor (an index into `pivots`). */
export function detailView(
	ev: EdrEvent,
	width: number,
	theme: Theme,
	query?: ParsedQuery,
	fieldCursor?: number,
	zone: TimeZoneMode = 'local',
): DetailView {
	const out: Line[] = [];
	const sections: DetailView['sections'] = {};
	const pivots: PivotField[] = [];
	const push = (line: Line, indent = 2) => out.push(...wrapLine(line, width, indent));
	push([
		{text: sanitizeText(ev.category, 40), style: {...(theme.family[ev.family] ?? {}), bold: true}},
		{text: `  ${formatTime(ev.time ?? ev.receivedAt, true, zone)}`, style: theme.muted},
		{text: ev.host ? `  ${sanitizeText(ev.host, 60)}` : ''},
		{text: ev.user ? `  ${sanitizeText(ev.user, 60)}` : '', style: theme.muted},
		{text: `  #${ev.seq} ${badgeOf(ev.category)}`, style: theme.muted},
	]);
	// Two rows at most: the raw event below says it all, and should be in sight when the pane opens.
	const summary = wrapLine([{text: sanitizeText(ev.summary ?? '', 2000)}], width, 2, 3);
	if (summary.length > 2) out.push(summary[0]!, fitLine([...summary[1]!, {text: ' …'}], width));
	else out.push(...summary);

	const top = topHit(ev.hits);
	if (top) {
		// One row however many hits: the highest level's title, how many more, and the key for the rest.
		const level = top.level as Level;
		const more = ev.hits.length > 1 ? `  +${ev.hits.length - 1} more` : '';
		const key = `${more}  (h: hits)`;
		const room = Math.max(8, width - 2 - top.level.length - key.length - 1);
		out.push([
			{
				text: `${theme.levelGlyph[level] ?? '!'} ${top.level.toUpperCase()} `,
				style: theme.level[level] ?? theme.warning,
			},
			{text: sanitizeText(top.title, room), style: {bold: true}},
			{text: key, style: theme.muted},
		]);
	}

	sections.raw = out.length;
	if (ev.undecodable) payloadLines(ev.undecodable, width, theme, out);
	else {
		out.push(section('raw event', theme));
		const highlight = [...hitHighlights(ev), ...searchHighlights(query)];
		for (const tokens of rawLines(ev.raw, {highlight, maxLines: 2000})) {
			const line: Line = tokens.map(t => ({text: t.text, style: theme.json[t.kind]}));
			const indent = (tokens[0]?.kind === 'punct' && /^ +$/.test(tokens[0].text) ? tokens[0].text.length : 0) + 2;
			push(line, indent);
		}
	}

	if (ev.hits.length > 0) {
		out.push([]);
		sections.hits = out.length;
		out.push(section(`rule hits (${ev.hits.length})`, theme));
		for (const h of hitLines(ev)) {
			const level = h.level as Level;
			const levelStyle = theme.level[level] ?? theme.warning;
			if (h.kind === 'title') {
				push([
					{text: `${theme.levelGlyph[level] ?? '!'} ${h.label.toUpperCase()} `, style: levelStyle},
					{text: h.text, style: {bold: true}},
				]);
				continue;
			}
			const label: Line[number] = {text: `  ${h.label}: `, style: theme.muted};
			if (h.kind === 'field' && h.ranges?.length) {
				const parts = segmentsOf(h.text, h.ranges);
				push([label, ...parts.map(s => ({text: s.text, style: s.match ? theme.hitMatch : undefined}))], 4);
			} else push([label, {text: h.text}], 4);
		}
	}

	out.push([]);
	sections.fields = out.length;
	out.push(section('fields', theme));
	const fields = normalizedFields(ev, zone);
	// One column in front of each label for the pivot cursor's mark.
	const labelWidth = Math.min(19, Math.max(...fields.map(f => f.label.length), 4) + 2);
	for (const f of fields) {
		const here = f.pivot !== undefined && pivots.length === fieldCursor;
		if (f.pivot) pivots.push({...f.pivot, line: out.length});
		// A label as long as the column (a Kafka header's name) still keeps a space before its value.
		const mark = `${here ? theme.selectionGlyph : ' '}${f.label}`;
		const label = {text: mark.length >= labelWidth ? `${mark} ` : mark.padEnd(labelWidth), style: theme.muted};
		push([label, {text: f.value, style: here ? theme.selection : undefined}], labelWidth);
	}
	return {lines: out, sections, pivots};
}
