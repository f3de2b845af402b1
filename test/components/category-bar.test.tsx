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
const bar = (hidden: ReadonlySet<Category>, width: number) => (
	<ThemeProvider theme={noColorTheme}>
		<CategoryBar hidden={hidden} byCategory={counts} width={width} />
	</ThemeProvider>
);

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

	it('shortens to fit 40 columns and stays on one line', () => {
		const app = render(bar(new Set(), 40));
		const frame = app.lastFrame()!;
		expect(frame.split('\n')).toHaveLength(1);
		expect(frame).toContain('1●proc');
	});
});
