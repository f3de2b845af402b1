import {describe, expect, it} from 'vitest';
import {helpLines} from '../../source/components/help-lines.js';
import {lineWidth, type Line} from '../../source/components/line.js';
import {KEYMAP} from '../../source/state/keymap.js';
import {noColorTheme} from '../../source/theme/theme.js';

const text = (line: Line) => line.map(s => s.text).join('');
/** All the help's words in order, however they were wrapped. */
const words = (lines: readonly Line[]) => lines.map(text).join(' ').split(/\s+/).filter(Boolean).join(' ');
const squeeze = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');

describe('helpLines', () => {
	for (const width of [80, 60, 40]) {
		it(`wraps at ${width} columns: no line is cut, every description and the search syntax read in full`, () => {
			const lines = helpLines(noColorTheme, width);
			for (const l of lines) expect(lineWidth(l), text(l)).toBeLessThanOrEqual(width);
			const all = words(lines);
			for (const b of KEYMAP) expect(all).toContain(squeeze(b.description));
			expect(all).toContain('host!=x excludes');
			expect(all).toContain('on one field; no \\b');
		});
	}

	it('continuation lines are indented under the description, not under the keys', () => {
		const lines = helpLines(noColorTheme, 40).map(text);
		const i = lines.findIndex(l => l.includes('copy the selected raw'));
		expect(i).toBeGreaterThan(0);
		const indent = (s: string) => s.length - s.trimStart().length;
		expect(indent(lines[i + 1]!)).toBeGreaterThan(2);
	});
});
