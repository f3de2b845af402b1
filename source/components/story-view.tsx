// `s`: the selected event's story as one play-by-play list in event-time order: time, the process
// (image and pid), the category, the event's one-line summary, a hit marker in the level's colour
// and a mark (m). enter opens the event under the cursor in the detail.
import React from 'react';
import type {EdrEvent} from '../core/event.js';
import {
	badgeOf,
	formatCount,
	formatTime,
	sanitizeText,
	topHit,
	type StoryKey,
	type TimeZoneMode,
} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {CursorList} from './cursor-list.js';
import type {Line} from './line.js';

export interface StoryViewProps {
	events: readonly EdrEvent[];
	cursor: number;
	storyKey: StoryKey;
	/** Whose story: the process the event was about. */
	label: string;
	marks: ReadonlySet<number>;
	height: number;
	width: number;
	/** The zone its times are shown in (T). */
	zone?: TimeZoneMode;
}

function pad(text: string, width: number): string {
	const s = sanitizeText(text, width);
	return s + ' '.repeat(Math.max(0, width - s.length));
}

/** The process that did it: the actor, else the process it is about. */
function processCell(ev: EdrEvent): string {
	const p = ev.actor ?? ev.target?.process;
	if (!p) return '';
	const name = p.name ?? p.image ?? '?';
	return p.pid === undefined ? name : `${name} ${p.pid}`;
}

/** Whose story an event opens: the process it is about (a created one for a creation), name and pid. */
export function storyOwner(ev: EdrEvent): string {
	const lifecycle = ev.category === 'Process Creation' || ev.category === 'Process Termination';
	const p = (lifecycle ? ev.target?.process : undefined) ?? ev.actor ?? ev.target?.process;
	const name = p?.name ?? p?.image ?? 'process';
	return sanitizeText(p?.pid === undefined ? name : `${name} (${p.pid})`, 80);
}

export function storyLine(ev: EdrEvent, marked: boolean, theme: Theme, width: number, zone?: TimeZoneMode): Line {
	const hit = topHit(ev.hits);
	const level = hit?.level;
	const long = width >= 70;
	const procWidth = width >= 70 ? 22 : width >= 50 ? 14 : 0;
	const badgeWidth = width >= 50 ? 10 : 6;
	const line: Line = [
		{text: marked ? '•' : ' ', style: theme.accent},
		level ? {text: theme.levelGlyph[level] ?? '!', style: theme.level[level]} : {text: ' '},
		{text: `${formatTime(ev.time ?? ev.receivedAt, long, zone)} `, style: theme.muted},
	];
	if (procWidth) line.push({text: `${pad(processCell(ev), procWidth)} `});
	line.push({
		text: `${pad(badgeOf(ev.category, badgeWidth), badgeWidth)} `,
		style: theme.family[ev.family] ?? theme.family.other,
	});
	if (hit && level) line.push({text: `[${sanitizeText(hit.title, 30)}] `, style: theme.level[level]});
	line.push({text: sanitizeText(ev.summary ?? '', width), style: level ? {bold: true} : undefined});
	return line;
}

export function StoryView({events, cursor, storyKey, label, marks, height, width, zone}: StoryViewProps) {
	const theme = useTheme();
	const what =
		storyKey.kind === 'storyline'
			? `storyline ${sanitizeText(storyKey.id, 20)}`
			: 'its process and descendants (no storyline id)';
	const title: Line = [
		{text: `story of ${label}`, style: theme.title},
		{text: ` · ${what} · ${formatCount(events.length)} event${events.length === 1 ? '' : 's'}`, style: theme.muted},
		{text: '  enter: detail · m: mark · esc', style: theme.muted},
	];
	const empty: Line = [{text: 'its events left the buffer', style: theme.muted}];
	const row = (i: number) => ({
		key: String(events[i]!.seq),
		line: storyLine(events[i]!, marks.has(events[i]!.seq), theme, width, zone),
	});
	return (
		<CursorList
			title={title}
			empty={empty}
			count={events.length}
			row={row}
			cursor={cursor}
			height={height}
			width={width}
		/>
	);
}
