// `r`: the loaded rules, most hits first; enter shows only one rule's hits.
import React from 'react';
import type {Level} from '../core/event.js';
import {levelRank} from '../core/rules/index.js';
import {formatCount, sanitizeText} from '../core/view/index.js';
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
export function sortRules(rules: ReadonlyArray<{id: string; title: string; level: Level}>, byRule: Record<string, number>): RuleRow[] {
	return rules
		.map(r => ({id: r.id, title: r.title, level: r.level, hits: byRule[r.id] ?? 0}))
		.sort((a, b) => b.hits - a.hits || levelRank(b.level) - levelRank(a.level) || a.title.localeCompare(b.title));
}

export interface RulesPanelProps {
	rows: readonly RuleRow[];
	cursor: number;
	activeRuleId?: string;
	height: number;
	width: number;
}

export function RulesPanel({rows, cursor, activeRuleId, height, width}: RulesPanelProps) {
	const theme = useTheme();
	const title: Line = [
		{text: `rules (${formatCount(rows.length)})`, style: theme.title},
		{text: '  most hits first · enter filters the feed · esc closes', style: theme.muted},
	];
	const empty: Line = [{text: 'no rules loaded (--rules PATH loads Sigma rules)', style: theme.muted}];
	const row = (i: number) => {
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
	return (
		<CursorList title={title} empty={empty} count={rows.length} row={row} cursor={cursor} height={height} width={width} />
	);
}
