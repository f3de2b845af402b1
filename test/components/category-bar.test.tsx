import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CategoryBar} from '../../source/components/category-bar.js';
import type {Category} from '../../source/core/event.js';
import {initialState, uiReducer} from '../../source/state/ui-state.js';
import {ThemeProvider} from '../../source/theme/theme-context.js';
import {noColorTheme} from '../../source/theme/theme.js';

const counts = {'Process Creation': 1200, 'Process Exit': 34, DNS: 5, 'Registry Value Modified': 2, other: 9};
const ctx = {visible: [], height: 5, now: 0};
const bar = (hidden: ReadonlySet<Category>, width: number, byCategory: Partial<Record<Category, number>> = counts) => (
	<ThemeProvider theme={noColorTheme}>
		<CategoryBar hidden={hidden} byCategory={byCategory} width={width} />
	</ThemeProvider>
);
// One category per family, so each family's count is the number given.
const FAMILY_CATEGORY: Category[] = [
	'Process Creation',
	'File Creation',
	'DNS',
	'Registry Value Modified',
	'Scheduled Task Register',
	'Login',
	'Persistency',
	'other',
];
const perFamily = (...n: number[]) =>
	Object.fromEntries(FAMILY_CATEGORY.map((c, i) => [c, n[i] ?? 0])) as Partial<Record<Category, number>>;
/** The count after each digit-glyph, '' where the bar shows none. */
const countsShown = (frame: string) =>
	[...frame.matchAll(/\d[●◐○]([a-z]*)(?: ?([\d.]+[kM]?)(?=\s|$))?/g)].map(m => m[2] ?? '');

describe('CategoryBar', () => {
	it('shows each family with its digit and live count', () => {
		const app = render(bar(new Set(), 100));
		expect(app.lastFrame()).toContain('1●proc 1.2k');
		expect(app.lastFrame()).toContain('3●net 5');
		expect(app.lastFrame()).toContain('8●other 9');
	});

	it('marks a family hidden by its digit, and partly hidden by the picker, without colour', () => {
		const s1 = uiReducer(initialState(), {type: 'key', press: {name: '1', text: '1'}, ctx});
		const s2 = uiReducer(s1, {type: 'toggleCategory', category: 'DNS', ctx});
		const app = render(bar(s2.hidden, 100));
		expect(app.lastFrame()).toContain('1○proc');
		expect(app.lastFrame()).toContain('3◐net');
		expect(app.lastFrame()).toContain('2●file');
		const back = uiReducer(s2, {type: 'key', press: {name: '1', text: '1'}, ctx});
		app.rerender(bar(back.hidden, 100));
		expect(app.lastFrame()).toContain('1●proc');
	});

	it('shortens to fit 40 columns and stays on one line: names go before counts do', () => {
		const app = render(bar(new Set(), 40));
		const frame = app.lastFrame()!;
		expect(frame.split('\n')).toHaveLength(1);
		expect(frame).toContain('1●1.2k');
		expect(render(bar(new Set(), 60)).lastFrame()).toMatch(/^1●pr[a-z]* 1\.2k 2●fi[a-z]* 0/);
		expect(render(bar(new Set(), 40, {})).lastFrame()).toContain('1●0 2●0');
	});

	it('keeps every count at 80 columns as counts grow: 4 digits compact to 1.2k, they never vanish', () => {
		// The demo after a few minutes, then later; counts only grow.
		const stages = [
			perFamily(94, 156, 224, 95, 17, 17, 2, 0),
			perFamily(1234, 2345, 3456, 1500, 170, 170, 20, 3),
			perFamily(9999, 9999, 9999, 9999, 9999, 9999, 9999, 9999),
			perFamily(12_000, 25_000, 34_000, 15_000, 1700, 1700, 200, 30),
			perFamily(1_200_000, 999_999, 345_678, 150_000, 17_000, 1700, 200, 30),
		];
		for (const byCategory of stages) {
			const frame = render(bar(new Set(), 80, byCategory)).lastFrame()!;
			expect(frame.split('\n')).toHaveLength(1);
			expect([...frame].length).toBeLessThanOrEqual(80);
			expect(frame).not.toContain('…');
			expect(countsShown(frame), frame).toHaveLength(8);
			expect(
				countsShown(frame).every(c => c !== ''),
				frame,
			).toBe(true);
		}
		// Three-digit counts: only the two five-letter names give way.
		expect(render(bar(new Set(), 80, perFamily(120, 184, 248, 118, 19, 20, 2, 0))).lastFrame()).toBe(
			'1●proc 120 2●file 184 3●net 248 4●reg 118 5●task 19 6●log 20 7●pers 2 8●oth 0',
		);
		const frame = render(bar(new Set(), 80, stages[1])).lastFrame()!;
		expect(frame).toContain('1.2k');
		expect(frame).toMatch(/1●[a-z]+ 1\.2k/);
	});

	it('at 40 columns never cuts the bar: every digit shows, with counts as far as they fit', () => {
		for (const byCategory of [
			perFamily(),
			perFamily(94, 156, 224, 95, 17, 17, 2, 0),
			perFamily(1234, 2345, 3456, 1500, 170, 170, 20, 3),
		]) {
			const frame = render(bar(new Set(), 40, byCategory)).lastFrame()!;
			expect([...frame].length).toBeLessThanOrEqual(40);
			expect(frame).not.toContain('…');
			for (let d = 1; d <= 8; d++) expect(frame).toMatch(new RegExp(`${d}[●◐○]`));
		}
	});
});
