// `c`: every category with its count, toggled one by one (space), digits still toggle families.
import React from 'react';
import {familyOf, type Category} from '../core/event.js';
import {formatCount, truncateToWidth} from '../core/view/index.js';
import {PICKER_CATEGORIES} from '../state/modes.js';
import {useTheme} from '../theme/theme-context.js';
import {CursorList} from './cursor-list.js';
import type {Line} from './line.js';

export interface CategoryPickerProps {
	hidden: ReadonlySet<Category>;
	byCategory: Partial<Record<Category, number>>;
	cursor: number;
	height: number;
	width: number;
}

export function CategoryPicker({hidden, byCategory, cursor, height, width}: CategoryPickerProps) {
	const theme = useTheme();
	const title: Line = [
		{text: 'categories', style: theme.title},
		{
			text: width >= 64 ? '  space toggles · 1-8 families · 0 all · esc/q closes' : '  space toggles · esc/q closes',
			style: theme.muted,
		},
	];
	// The count always shows: below 61 columns the family column goes and the name shortens.
	const withFamily = width >= 61;
	const nameW = withFamily ? 31 : Math.max(8, Math.min(31, width - 16));
	const row = (i: number) => {
		const c = PICKER_CATEGORIES[i]!;
		const on = !hidden.has(c);
		const family = familyOf(c);
		const line: Line = [
			{text: on ? ' [x] ' : ' [ ] ', style: on ? {bold: true} : theme.off},
			{text: truncateToWidth(c, nameW - 1).padEnd(nameW), style: on ? theme.family[family] : theme.off},
			...(withFamily ? [{text: family.padEnd(15), style: theme.muted}] : []),
			{text: formatCount(byCategory[c] ?? 0).padStart(9), style: theme.muted},
		];
		return {key: c, line};
	};
	const count = PICKER_CATEGORIES.length;
	return <CursorList title={title} count={count} row={row} cursor={cursor} height={height} width={width} />;
}
