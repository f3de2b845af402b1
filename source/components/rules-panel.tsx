// `r`: the loaded rules, most hits first; enter shows only one rule's hits.
import React from 'react';
import type {Level} from '../core/event.js';
import {levelRank} from '../core/rules/index.js';
import {displayWidth, formatCount, sanitizeText} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {CursorList} from './cursor-list.js';
import type {Line} from './line.js';

export interface RuleRow {
	id: string;
	title: string;
	level: Level;
	hits: number;
}

/** Rules by hit count, then level, then title: the order the panel lists and enter picks from. */
export function sortRules(
	rules: ReadonlyArray<{id: string; title: string; level: Level}>,
	byRule: Record<string, number>,
): RuleRow[] {
	return rules
		.map(r => ({id: r.id, title: r.title, level: r.level, hits: byRule[r.id] ?? 0}))
		.sort((a, b) => b.hits - a.hits || levelRank(b.level) - levelRank(a.level) || a.title.localeCompare(b.title));
}

/** A rule file or document that did not load, and why. */
export interface SkippedRow {
	path: string;
	/** 0-based document index in a multi-document file. */
	document?: number;
	reason: string;
}

export interface RulesPanelProps {
	rows: readonly RuleRow[];
	/** Listed after the rules; the cursor counts them too. */
	skipped?: readonly SkippedRow[];
	cursor: number;
	activeRuleId?: string;
	height: number;
	width: number;
}

export function RulesPanel({rows, skipped = [], cursor, activeRuleId, height, width}: RulesPanelProps) {
	const theme = useTheme();
	const skippedText = skipped.length ? ` · ${formatCount(skipped.length)} skipped` : '';
	const none = 'no rules loaded (--rules PATH loads Sigma rules)';
	const title: Line = [
		{text: `rules (${formatCount(rows.length)})${skippedText}`, style: theme.title},
		{
			text: rows.length || !skipped.length ? '  most hits first · enter filters the feed · esc/q closes' : `  ${none}`,
			style: theme.muted,
		},
	];
	const empty: Line = [{text: none, style: theme.muted}];
	const row = (i: number) => {
		if (i >= rows.length) return skippedRow(skipped[i - rows.length]!, i);
		const r = rows[i]!;
		const line: Line = [
			{text: r.id === activeRuleId ? '▶' : ' ', style: theme.accent},
			{text: formatCount(r.hits).padStart(8) + ' ', style: r.hits ? {bold: true} : theme.muted},
			{text: `${theme.levelGlyph[r.level] ?? ' '} ${r.level.slice(0, 4).padEnd(5)}`, style: theme.level[r.level]},
			{text: sanitizeText(r.title, width)},
			{text: `  ${sanitizeText(r.id, 40)}`, style: theme.muted},
		];
		return {key: r.id, line};
	};
	const skippedRow = (s: SkippedRow, i: number) => {
		const where = `${s.path}${s.document !== undefined ? `#${s.document}` : ''}`;
		const line: Line = [
			{text: ' '},
			{text: 'skipped'.padStart(8) + ' ', style: theme.warning},
			{text: tailToWidth(sanitizeText(where), Math.max(10, Math.floor(width / 2)))},
			{text: `: ${sanitizeText(s.reason, width)}`, style: theme.muted},
		];
		return {key: `skipped-${i}`, line};
	};
	const count = rows.length + skipped.length;
	return (
		<CursorList title={title} empty={empty} count={count} row={row} cursor={cursor} height={height} width={width} />
	);
}

/** The end of a path that fits in `width` columns: the file name is the part worth keeping. */
function tailToWidth(text: string, width: number): string {
	if (displayWidth(text) <= width) return text;
	const chars = Array.from(text);
	let tail = '';
	for (let i = chars.length - 1; i >= 0 && displayWidth(chars[i] + tail) <= width - 1; i--) tail = chars[i] + tail;
	return `…${tail}`;
}
