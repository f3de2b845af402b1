// The families with live counts; the digit that toggles each; hidden ones marked ○ (● shown,
// ◐ partly hidden through the picker) so the state reads without colour.
import React, {memo} from 'react';
import type {Category, Family} from '../core/event.js';
import {compactCount, FAMILY_SHORT} from '../core/view/index.js';
import {categoriesOfFamily, TOGGLE_FAMILIES} from '../state/modes.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {LineText, lineWidth, type Line} from './line.js';

export type FamilyState = 'shown' | 'partial' | 'hidden';

export function familyState(family: Family, hidden: ReadonlySet<Category>): FamilyState {
	const cats = categoriesOfFamily(family);
	const n = cats.filter(c => hidden.has(c)).length;
	return n === 0 ? 'shown' : n === cats.length ? 'hidden' : 'partial';
}

export function familyCount(family: Family, byCategory: Partial<Record<Category, number>>): number {
	let n = 0;
	for (const c of categoriesOfFamily(family)) n += byCategory[c] ?? 0;
	return n;
}

const GLYPH: Record<FamilyState, string> = {shown: '●', partial: '◐', hidden: '○'};

export interface CategoryBarProps {
	hidden: ReadonlySet<Category>;
	byCategory: Partial<Record<Category, number>>;
	width: number;
}

function build(props: CategoryBarProps, theme: Theme, short: boolean, counts: boolean): Line {
	const {hidden, byCategory} = props;
	const line: Line = [];
	TOGGLE_FAMILIES.forEach((family, i) => {
		const state = familyState(family, hidden);
		if (line.length) line.push({text: ' '});
		const on = state !== 'hidden';
		const style = on ? theme.family[family] : theme.off;
		line.push({text: `${i + 1}${GLYPH[state]}`, style: on ? {bold: true} : theme.off});
		line.push({text: short ? FAMILY_SHORT[family] : family, style: on ? style : {...theme.off, underline: false}});
		if (counts) line.push({text: ` ${compactCount(familyCount(family, byCategory))}`, style: theme.muted});
	});
	return line;
}

export const CategoryBar = memo(function CategoryBar(props: CategoryBarProps) {
	// Widest form that fits: names and counts, short names and counts, short names, digits only.
	const theme = useTheme();
	const forms = [build(props, theme, false, true), build(props, theme, true, true), build(props, theme, true, false)];
	const line = forms.find(l => lineWidth(l) <= props.width) ?? forms.at(-1)!;
	return <LineText line={line} width={props.width} />;
});
