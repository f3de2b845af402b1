import {describe, expect, it} from 'vitest';
import {inputLine} from '../../source/components/line.js';
import {defaultTheme} from '../../source/theme/theme.js';

describe('inputLine', () => {
	it('keeps the end of what is typed in sight, made safe, with a cursor', () => {
		const text = (label: string, typed: string, room: number) =>
			inputLine(label, typed, room, defaultTheme)
				.map(s => s.text)
				.join('');
		expect(text('/ ', 'abc', 10)).toBe('/ abc▌');
		expect(text('to: ', '/very/long/path/out.ndjson', 10)).toBe('to: …ut.ndjson▌');
		expect(text('/ ', 'a\u001bb', 10)).toBe('/ a\\x1bb▌');
	});
});
