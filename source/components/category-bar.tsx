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

/** How a family's name is written: in full, short ("proc"), shorter still, or not at all (0). */
type NameForm = 'full' | 'short' | Partial<Record<Family, string>> | number;

// Shorter forms, tried in turn: the two five-letter names first, then three letters, then two.
const SHORTER: Partial<Record<Family, string>> = {login: 'log', other: 'oth'};
const THREE: Partial<Record<Family, string>> = {
	process: 'pro',
	file: 'fil',
	'scheduled task': 'tsk',
	login: 'log',
	persistence: 'per',
	other: 'oth',
};

function nameOf(family: Family, form: NameForm): string {
	if (form === 'full') return family;
	if (form === 'short') return FAMILY_SHORT[family];
	if (typeof form === 'object') return form[family] ?? FAMILY_SHORT[family];
	return FAMILY_SHORT[family].slice(0, form);
}

/** `counted` families (from the first) carry their count. */
function build(props: CategoryBarProps, theme: Theme, form: NameForm, counted: number): Line {
	const {hidden, byCategory} = props;
	const line: Line = [];
	TOGGLE_FAMILIES.forEach((family, i) => {
		const state = familyState(family, hidden);
		if (line.length) line.push({text: ' '});
		const on = state !== 'hidden';
		const style = on ? theme.family[family] : theme.off;
		line.push({text: `${i + 1}${GLYPH[state]}`, style: on ? {bold: true} : theme.off});
		const name = nameOf(family, form);
		if (name) line.push({text: name, style: on ? style : {...theme.off, underline: false}});
		if (i < counted)
			line.push({text: `${name ? ' ' : ''}${compactCount(familyCount(family, byCategory))}`, style: theme.muted});
	});
	return line;
}

/**
 * The widest form that fits. A count is worth more than a long name: names shorten first (full,
 * short, shorter, three and two letters, none) while every count stays; only when even digits and counts
 * alone do not fit do counts drop, from the last family, and the digits always stay. Counts are
 * at most four columns (compactCount), so the choice does not flip back and forth as they grow.
 */
export function categoryBarLine(props: CategoryBarProps, theme: Theme): Line {
	const all = TOGGLE_FAMILIES.length;
	const forms: NameForm[] = ['full', 'short', SHORTER, THREE, 2, 0];
	for (const form of forms) {
		const line = build(props, theme, form, all);
		if (lineWidth(line) <= props.width) return line;
	}
	for (let counted = all - 1; counted > 0; counted--) {
		const line = build(props, theme, 0, counted);
		if (lineWidth(line) <= props.width) return line;
	}
	// Too narrow for any count: short names when they fit, else the digits and their state.
	const names = build(props, theme, 'short', 0);
	return lineWidth(names) <= props.width ? names : build(props, theme, 0, 0);
}

export const CategoryBar = memo(function CategoryBar(props: CategoryBarProps) {
	const theme = useTheme();
	return <LineText line={categoryBarLine(props, theme)} width={props.width} />;
});
