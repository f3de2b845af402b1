import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CategoryPicker} from '../../source/components/category-picker.js';
import {CursorList} from '../../source/components/cursor-list.js';
import {RulesPanel} from '../../source/components/rules-panel.js';
import {PICKER_CATEGORIES} from '../../source/state/modes.js';

const row = (i: number) => ({key: String(i), line: [{text: `row ${i}`}]});
const frame = (cursor: number, count = 100) =>
	render(<CursorList title={[{text: 'title'}]} count={count} row={row} cursor={cursor} height={6} width={30} />)
		.lastFrame()!
		.split('\n');

describe('CursorList', () => {
	it('keeps the cursor mid-list while it can, and marks its row', () => {
		const lines = frame(50);
		expect(lines[0]).toContain('title');
		expect(lines.slice(1).map(l => l.trim())).toEqual(['row 48', 'row 49', '›row 50', 'row 51', 'row 52']);
		expect(frame(0)[1]).toContain('›row 0');
		expect(frame(99).at(-1)).toContain('›row 99');
	});

	it('the picker and the rules panel are both such lists', () => {
		const last = PICKER_CATEGORIES.at(-1)!;
		const picker = render(
			<CategoryPicker
				hidden={new Set([last])}
				byCategory={{}}
				cursor={PICKER_CATEGORIES.length - 1}
				height={5}
				width={80}
			/>,
		);
		expect(picker.lastFrame()!.split('\n').at(-1)).toMatch(new RegExp(`^› \\[ \\] ${last}`));
		const rows = [
			{id: 'r1', title: 'First', level: 'high' as const, hits: 3},
			{id: 'r2', title: 'Second', level: 'low' as const, hits: 0},
		];
		const panel = render(<RulesPanel rows={rows} cursor={1} activeRuleId="r1" height={5} width={80} />)
			.lastFrame()!
			.split('\n');
		expect(panel[0]).toContain('rules (2)');
		expect(panel[1]).toMatch(/^ ▶ +3 ! high First/);
		expect(panel[2]).toMatch(/^›  +0 \+ low +Second/);
		expect(render(<RulesPanel rows={[]} cursor={0} height={5} width={80} />).lastFrame()).toContain('no rules loaded');
	});
});
