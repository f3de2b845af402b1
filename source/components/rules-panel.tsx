// `r`: the loaded rules, most hits first; enter shows only one rule's hits.
import {Box} from 'ink';
import React from 'react';
import type {Level} from '../core/event.js';
import {levelRank} from '../core/rules/index.js';
import {clampScroll, formatCount, sanitizeText} from '../core/view/index.js';
import type {Theme} from '../theme/theme.js';
import {LineText, type Line} from './line.js';

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
	theme: Theme;
}

export function RulesPanel({rows, cursor, activeRuleId, height, width, theme}: RulesPanelProps) {
	const listHeight = Math.max(1, height - 1);
	// The cursor stays mid-list while it can.
	const top = clampScroll(cursor - Math.floor(listHeight / 2), rows.length, listHeight);
	const out: React.ReactNode[] = [
		<LineText key="t" line={[{text: `rules (${formatCount(rows.length)})`, style: theme.title}, {text: '  most hits first · enter filters the feed · esc closes', style: theme.muted}]} width={width} />,
	];
	if (rows.length === 0) out.push(<LineText key="e" line={[{text: 'no rules loaded (--rules PATH loads Sigma rules)', style: theme.muted}]} width={width} />);
	for (let i = top; i < Math.min(rows.length, top + listHeight); i++) {
		const r = rows[i]!;
		const line: Line = [
			{text: i === cursor ? theme.selectionGlyph : ' '},
			{text: r.id === activeRuleId ? '▶' : ' ', style: theme.accent},
			{text: formatCount(r.hits).padStart(8) + ' ', style: r.hits ? {bold: true} : theme.muted},
			{text: `${theme.levelGlyph[r.level] ?? ' '} ${r.level.slice(0, 4).padEnd(5)}`, style: theme.level[r.level]},
			{text: sanitizeText(r.title, width)},
			{text: `  ${sanitizeText(r.id, 40)}`, style: theme.muted},
		];
		out.push(<LineText key={r.id} line={line} width={width} pad style={i === cursor ? theme.selection : undefined} />);
	}
	return (
		<Box flexDirection="column" height={height} width={width}>
			{out}
		</Box>
	);
}
