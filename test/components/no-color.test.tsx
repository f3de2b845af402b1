// Colour forced on in this file so the frames carry SGR codes: the no-colour theme must keep
// selection and hits visible through inverse, bold and glyphs, with no colour codes at all.
import {afterAll, describe, expect, it, vi} from 'vitest';

vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

import React from 'react';
import {render} from 'ink-testing-library';
import {FeedList} from '../../source/components/feed-list.js';
import {renderApp} from '../helpers/app.js';
import {storeWith} from '../helpers/store.js';
import {FilteredView} from '../../source/core/view/feed-view.js';
import {ThemeProvider} from '../../source/theme/theme-context.js';
import {defaultTheme, noColorTheme} from '../../source/theme/theme.js';
import {makeEvent} from '../helpers/events.js';

afterAll(() => {
	delete process.env.FORCE_COLOR;
});

const events = [
	makeEvent({seq: 1, host: 'WS01', summary: 'plain event'}),
	makeEvent({
		seq: 2,
		host: 'WS01',
		summary: 'regsvr32.exe /i:http://x',
		hits: [{id: 'r', title: 'Regsvr32', level: 'high', tags: [], fields: []}],
	}),
	makeEvent({seq: 3, host: 'WS02', summary: 'another plain event'}),
];
// SGR colour parameters: 30-37, 39, 40-47, 49, 90-97, 100-107, 38;x and 48;x.
const COLOUR_SGR = /\u001b\[(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m/;

function frame(theme: typeof defaultTheme, selected: number): string[] {
	const view = new FilteredView({warm: false}).update(events, {hiddenCategories: new Set(), hitsOnly: false});
	const app = render(
		<ThemeProvider theme={theme}>
			<FeedList
				visible={view.visible}
				highlights={view.highlights}
				top={0}
				selected={selected}
				height={3}
				width={80}
				emptyText=""
				searching={false}
			/>
		</ThemeProvider>,
	);
	return app.lastFrame()!.split('\n');
}

describe('NO_COLOR frames', () => {
	it('carry no colour codes, yet the selected row is inverse and marked', () => {
		const rows = frame(noColorTheme, 0);
		expect(rows.join('\n')).not.toMatch(COLOUR_SGR);
		expect(rows[0]).toContain('\u001b[7m');
		expect(rows[0]).toContain('›');
		expect(rows[2]).not.toContain('\u001b[7m');
	});

	it('mark hits with the level glyph and bold', () => {
		const rows = frame(noColorTheme, 0);
		expect(rows[1]!.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/^ !\d\d:/);
		expect(rows[1]).toContain('\u001b[1m');
		expect(rows[1]).toContain('[Regsvr32]');
	});

	it('the default theme does colour them (the difference is the theme, not the terminal)', () => {
		expect(frame(defaultTheme, 0).join('\n')).toMatch(COLOUR_SGR);
	});
});

describe('NO_COLOR through the whole app', () => {
	it('every pane takes the theme App chose (one context, no theme props)', async () => {
		const frames: Record<string, string> = {};
		for (const noColor of [true, false]) {
			const store = storeWith(events);
			const h = await renderApp(store, {noColor});
			await h.press('r');
			frames[String(noColor)] = h.app.lastFrame()!;
			h.app.unmount();
			store.dispose();
		}
		expect(frames.true).toContain('rules (');
		expect(frames.true).not.toMatch(COLOUR_SGR);
		expect(frames.false).toMatch(COLOUR_SGR);
	});
});
