// The correlation lists and the filter builder: a correlation hit's events (enter on the hit), a
// correlation's live groups (v in the rules panel), and the builder (e on a hit) with its preview.
import React from 'react';
import type {EdrEvent} from '../core/event.js';
import type {LiveGroup} from '../core/rules/index.js';
import {badgeOf, formatCount, formatTime, lowerBoundSeq, sanitizeText} from '../core/view/index.js';
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
}

function eventAt(events: readonly EdrEvent[], seq: number): EdrEvent | undefined {
	const ev = events[lowerBoundSeq(events, seq)];
	return ev?.seq === seq ? ev : undefined;
}

/** Below this width a group's row leaves out its time and puts its values first. */
const NARROW = 60;

function groupText(group: Record<string, string>): string {
	return Object.entries(group)
		.map(([k, v]) => `${k}=${v}`)
		.join(' ');
}

export function CorrelationView({mode, corr, tuning, events, height, width}: CorrelationViewProps) {
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
						{text: `${formatTime(ev.time ?? ev.receivedAt, true)} `},
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
							{text: `${formatTime(x.newest, true)}  `, style: theme.muted},
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
			const line: Line =
				mode === 'tune-path'
					? [{text: 'file: ', style: theme.accent}, {text: sanitizeText(t.path, width)}, {text: '█'}]
					: [{text: 'space keeps a field · enter applies live · w writes a Sigma filter file', style: theme.muted}];
			return {key: 'footer', line};
		}
		const f = t.fields[i]!;
		const on = t.chosen.includes(i);
		const line: Line = [
			{text: on ? '[x] ' : '[ ] ', style: on ? {bold: true} : theme.muted},
			{text: `${f.field.padEnd(18)} `, style: theme.accent},
			{text: sanitizeText(f.value, width)},
		];
		return {key: f.field, line};
	};
	const cursor = mode === 'tune-path' ? t.fields.length : t.index;
	return <CursorList title={title} count={rows} row={row} cursor={cursor} height={height} width={width} />;
}
