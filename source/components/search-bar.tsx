// The search box while typing, and afterwards a line saying what narrows the feed: the search,
// hits-only, one rule, hidden categories, and how many events that leaves; a search error first.
import React, {memo} from 'react';
import {formatCount, sanitizeText} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {fitByPriority, inputLine, lineWidth, LineText, type Line} from './line.js';

export interface SearchBarProps {
	editing: boolean;
	input: string;
	applied: string;
	errors: readonly string[];
	shown: number;
	total: number;
	hitsOnly: boolean;
	ruleTitle?: string;
	hiddenCount: number;
	fuzzyLimited: boolean;
	width: number;
}

/** Whether the bar has anything to say outside the search box. */
export function filtersActive(p: Pick<SearchBarProps, 'applied' | 'hitsOnly' | 'ruleTitle' | 'hiddenCount'>): boolean {
	return Boolean(p.applied) || p.hitsOnly || p.ruleTitle !== undefined || p.hiddenCount > 0;
}

export const SearchBar = memo(function SearchBar(p: SearchBarProps) {
	const theme = useTheme();
	const {width} = p;
	const count: Line = [{text: `${formatCount(p.shown)} of ${formatCount(p.total)}`, style: theme.muted}];
	const flags: Line = [];
	if (p.hitsOnly) flags.push({text: `${theme.levelGlyph.high} hits only `, style: theme.level.high});
	if (p.ruleTitle !== undefined) flags.push({text: `rule: ${sanitizeText(p.ruleTitle, 30)} `, style: theme.accent});
	if (p.hiddenCount > 0) flags.push({text: `${p.hiddenCount} categories hidden `, style: theme.muted});
	if (p.errors.length) return <LineText line={errorLine(p, width, count, flags, theme)} width={width} />;
	const problems: Line = p.fuzzyLimited ? [{text: '(typo matches: newest events only)', style: theme.muted}] : [];
	if (p.editing) {
		const box = inputLine('/ ', p.input, Math.max(4, width - 24), theme);
		const line = fitByPriority(
			[
				{line: box, priority: 0},
				{line: count, priority: 1},
				{line: problems, priority: 2},
				{line: flags, priority: 3},
			].filter(x => x.line.length),
			width,
		);
		return <LineText line={line} width={width} />;
	}
	const search: Line = p.applied
		? [
				{text: '/', style: theme.accent},
				{text: sanitizeText(p.applied, Math.max(8, Math.floor(width / 2))), style: theme.match},
			]
		: [];
	const line = fitByPriority(
		[
			{line: search, priority: 0},
			{line: flags, priority: 1},
			{line: count, priority: 2},
			{line: problems, priority: 3},
		].filter(x => x.line.length),
		width,
	);
	return <LineText line={line} width={width} />;
});

// A search with errors selects something else than was asked: the error must be read at any
// width. The search (or the box being typed in) keeps a third of the line, the error takes the
// rest, cut with an ellipsis; the count and the flags follow only when room is left.
function errorLine(p: SearchBarProps, width: number, count: Line, flags: Line, theme: Theme): Line {
	const third = Math.max(6, Math.floor(width / 3));
	const lead: Line = p.editing
		? inputLine('/ ', p.input, third - 3, theme)
		: [
				{text: '/', style: theme.accent},
				{text: sanitizeText(p.applied, third - 1), style: theme.match},
			];
	const room = Math.max(4, width - lineWidth(lead) - 2);
	const problem: Line = [{text: sanitizeText(`✖ ${p.errors.join('; ')}`, room), style: theme.error}];
	return fitByPriority(
		[
			{line: lead, priority: 0},
			{line: problem, priority: 1},
			{line: count, priority: 2},
			{line: flags, priority: 3},
		].filter(x => x.line.length),
		width,
	);
}
