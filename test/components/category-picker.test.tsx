import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CategoryPicker} from '../../source/components/category-picker.js';
import {ThemeProvider} from '../../source/theme/theme-context.js';
import {noColorTheme} from '../../source/theme/theme.js';

const picker = (width: number) => (
	<ThemeProvider theme={noColorTheme}>
		<CategoryPicker
			hidden={new Set(['DNS'])}
			byCategory={{'Registry Key Security Changed': 12_345, DNS: 7}}
			cursor={0}
			height={40}
			width={width}
		/>
	</ThemeProvider>
);

describe('CategoryPicker', () => {
	for (const width of [80, 40]) {
		it(`shows every category's count at ${width} columns, nothing wider than the screen`, () => {
			const rows = render(picker(width)).lastFrame()!.split('\n');
			for (const r of rows) expect([...r].length).toBeLessThanOrEqual(width);
			expect(rows.find(r => r.includes('Registry Key Secur'))).toMatch(/12,345$/);
			expect(rows.find(r => r.includes('[ ] DNS'))).toMatch(/ 7$/);
			expect(rows[0]).toContain('esc/q closes');
		});
	}
});
