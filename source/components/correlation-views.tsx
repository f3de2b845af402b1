// The correlation lists and the filter builder: a correlation hit's events (enter on the hit), a
// correlation's live groups (v in the rules panel), and the builder (e on a hit) with its preview.
import React from 'react';
import type {EdrEvent} from '../core/event.js';
import type {LiveGroup} from '../core/rules/index.js';
import {
	badgeOf,
	displayWidth,
	formatCount,
	formatTime,
	lowerBoundSeq,
	sanitizeText,
	takeWidth,
	type TimeZoneMode,
} from '../core/view/index.js';
import type {Tuning} from '../hooks/use-tuning.js';
import type {CorrelationUi} from '../state/correlation-ui.js';
import {useTheme} from '../theme/theme-context.js';
import {CursorList} from './cursor-list.js';
import type {Line} from './line.js';

export interface CorrelationViewProps {
	mode: 'members' | 'groups' | 'tune' | 'tune-path';
	corr: CorrelationUi;
	tuning: Tuning;
	/** The store's buffer, in seq order. */
	events: readonly EdrEvent[];
	height: number;
	width: number;
	/** The zone of the times listed. */
	zone?: TimeZoneMode;
}

function eventAt(events: readonly EdrEvent[], seq: number): EdrEvent | undefined {
	const ev = events[lowerBoundSeq(events, seq)];
	return ev?.seq === seq ? ev : undefined;
}

/** Below this width a group's row leaves out its time and puts its values first. */
const NARROW = 60;

/** The end of a text that fits `cols` columns. */
function tailOf(text: string, cols: number): string {
	const chars = Array.from(text);
	let out = '';
	let used = 0;
	for (let i = chars.length - 1; i >= 0; i--) {
		const w = displayWidth(chars[i]!);
		if (used + w > cols) break;
		out = chars[i]! + out;
		used += w;
	}
	return out;
}

/**
 * A value in `cols` columns, its middle left out when it does not fit: paths differ at their end
 * (C:\Windows\System32\cmd.exe and ...\bitsadmin.exe), command lines at both.
 */
function elideMiddle(text: string, cols: number): string {
	if (displayWidth(text) <= cols) return text;
	if (cols < 8) return takeWidth(text, Math.max(0, cols - 1)) + '…';
	const head = Math.floor((cols - 1) / 3);
	return takeWidth(text, head) + '…' + tailOf(text, cols - 1 - head);
}

function groupText(group: Record<string, string>): string {
	return Object.entries(group)
		.map(([k, v]) => `${k}=${v}`)
		.join(' ');
}

export function CorrelationView({mode, corr, tuning, events, height, width, zone}: CorrelationViewProps) {
	const theme = useTheme();
	if (mode === 'members' && corr.members) {
		const m = corr.members;
		const title: Line = [
			{text: sanitizeText(m.title, width), style: theme.title},
			{text: `  ${formatCount(m.seqs.length)} events · enter opens one · esc back`, style: theme.muted},
		];
		const row = (i: number) => {
			const seq = m.seqs[i]!;
			const ev = eventAt(events, seq);
			const line: Line = ev
				? [
						{text: `#${seq} `.padStart(9), style: theme.muted},
						{text: `${formatTime(ev.time ?? ev.receivedAt, true, zone)} `},
						{text: `${badgeOf(ev.category).padEnd(10)} `, style: theme.family[ev.family]},
						{text: `${sanitizeText(ev.host ?? '', 14).padEnd(14)} `},
						{text: sanitizeText(ev.summary, width)},
					]
				: [
						{text: `#${seq} `.padStart(9), style: theme.muted},
						{text: 'no longer in the buffer', style: theme.muted},
					];
			return {key: String(seq), line};
		};
		return <CursorList title={title} count={m.seqs.length} row={row} cursor={m.index} height={height} width={width} />;
	}
	if (mode === 'groups' && corr.groups) {
		const g = corr.groups;
		const groups: readonly LiveGroup[] = tuning.groups;
		const stats = tuning.extraRules.find(r => r.id === g.id);
		const title: Line = [
			{text: sanitizeText(stats?.title ?? g.id, width), style: theme.title},
			{text: `  ${formatCount(groups.length)} shown · enter lists a group's events`, style: theme.muted},
		];
		const row = (i: number) => {
			const x = groups[i]!;
			const value = Number.isInteger(x.value) ? String(x.value) : x.value.toFixed(2);
			// Narrow: the value and the group (what tells groups apart) before the counts and the time.
			const line: Line =
				width < NARROW
					? [
							{text: value.padStart(6) + ' ', style: {bold: true}},
							{text: sanitizeText(groupText(x.group), width) + ' '},
							{text: `${formatCount(x.events)} ev`, style: theme.muted},
						]
					: [
							{text: value.padStart(8) + ' ', style: {bold: true}},
							{text: `${formatCount(x.events).padStart(5)} ev  `, style: theme.muted},
							{text: `${formatTime(x.newest, true, zone)}  `, style: theme.muted},
							{text: sanitizeText(groupText(x.group), width)},
						];
			return {key: x.key, line};
		};
		const empty: Line = [
			{
				text: tuning.groupsPending
					? 'asking the rule engine for its live groups…'
					: 'no live groups: no event of its rules within the window',
				style: theme.muted,
			},
		];
		return (
			<CursorList
				title={title}
				empty={empty}
				count={groups.length}
				row={row}
				cursor={g.index}
				height={height}
				width={width}
			/>
		);
	}
	const t = corr.tune;
	if (!t) return null;
	const p = tuning.preview;
	const previewText = p
		? p.error
			? `  ${p.error}`
			: `  would suppress ${formatCount(p.suppressed)} of ${formatCount(p.hits)} buffered hits`
		: '';
	const title: Line = [
		{text: previewText.trim() + '  ', style: p?.error ? theme.warning : {bold: true}},
		{text: sanitizeText(`filter for "${t.ruleTitle}"`, width), style: theme.title},
	];
	const rows = t.fields.length + 1;
	const row = (i: number) => {
		if (i === t.fields.length) {
			// The path's end, where the cursor is, stays in sight however long the path.
			const path = sanitizeText(t.path);
			const footer =
				width < NARROW
					? 'space keeps · enter applies · w writes'
					: 'space keeps a field · enter applies live · w writes a Sigma filter file';
			const line: Line =
				mode === 'tune-path'
					? [
							{text: 'file: ', style: theme.accent},
							{text: displayWidth(path) > width - 8 ? '…' + tailOf(path, width - 9) : path},
							{text: '█'},
						]
					: [{text: footer, style: theme.muted}];
			return {key: 'footer', line};
		}
		const f = t.fields[i]!;
		const on = t.chosen.includes(i);
		const line: Line = [
			{text: on ? '[x] ' : '[ ] ', style: on ? {bold: true} : theme.muted},
			{text: `${f.field.padEnd(18)} `, style: theme.accent},
			{text: elideMiddle(sanitizeText(f.value), Math.max(1, width - 24))},
		];
		return {key: f.field, line};
	};
	const cursor = mode === 'tune-path' ? t.fields.length : t.index;
	return <CursorList title={title} count={rows} row={row} cursor={cursor} height={height} width={width} />;
}
