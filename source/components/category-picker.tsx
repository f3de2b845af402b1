// `c`: every category with its count, toggled one by one (space), digits still toggle families.
import {Box} from 'ink';
import React from 'react';
import {familyOf, type Category} from '../core/event.js';
import {PICKER_CATEGORIES} from '../state/modes.js';
import type {Theme} from '../theme/theme.js';
import {LineText, type Line} from './line.js';
import {clampScroll, formatCount} from '../core/view/index.js';

export interface CategoryPickerProps {
	hidden: ReadonlySet<Category>;
	byCategory: Partial<Record<Category, number>>;
	cursor: number;
	height: number;
	width: number;
	theme: Theme;
}

export function CategoryPicker({hidden, byCategory, cursor, height, width, theme}: CategoryPickerProps) {
	const listHeight = Math.max(1, height - 1);
	// The cursor stays mid-list while it can.
	const top = clampScroll(cursor - Math.floor(listHeight / 2), PICKER_CATEGORIES.length, listHeight);
	const rows: React.ReactNode[] = [
		<LineText key="t" line={[{text: 'categories', style: theme.title}, {text: '  space toggles · 1-8 families · 0 all · esc closes', style: theme.muted}]} width={width} />,
	];
	for (let i = top; i < Math.min(PICKER_CATEGORIES.length, top + listHeight); i++) {
		const c = PICKER_CATEGORIES[i]!;
		const on = !hidden.has(c);
		const family = familyOf(c);
		const line: Line = [
			{text: i === cursor ? theme.selectionGlyph : ' '},
			{text: on ? ' [x] ' : ' [ ] ', style: on ? {bold: true} : theme.off},
			{text: c.padEnd(31), style: on ? theme.family[family] : theme.off},
			{text: family.padEnd(15), style: theme.muted},
			{text: formatCount(byCategory[c] ?? 0).padStart(9), style: theme.muted},
		];
		rows.push(<LineText key={c} line={line} width={width} pad style={i === cursor ? theme.selection : undefined} />);
	}
	return (
		<Box flexDirection="column" height={height} width={width}>
			{rows}
		</Box>
	);
}
