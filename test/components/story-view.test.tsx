// The storyline pane: one row per event (time, process, category, summary, hit and mark columns),
// hostile summaries stay on their row, and nothing runs past the width, at 80 and 40 columns.
import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {StoryView} from '../../source/components/story-view.js';
import type {EdrEvent} from '../../source/core/event.js';
import {familyOf} from '../../source/core/event.js';
import {ThemeProvider} from '../../source/theme/theme-context.js';
import {noColorTheme} from '../../source/theme/theme.js';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const ev = (seq: number, over: Partial<EdrEvent>): EdrEvent => ({
	seq,
	category: 'DNS',
	family: familyOf(over.category ?? 'DNS'),
	format: 's1-dv',
	receivedAt: T0 + seq,
	time: T0 + seq,
	host: 'WS01',
	target: {},
	summary: `event ${seq}`,
	hits: [],
	raw: {},
	...over,
});

const reg = {name: 'regsvr32.exe', pid: 30, storyline: 'AB12'};
const hit = {id: 'r', title: 'Squiblydoo', level: 'high' as const, tags: [], fields: []};
const events = [
	ev(1, {category: 'Process Creation', actor: {name: 'cmd.exe', pid: 20}, target: {process: reg}, hits: [hit]}),
	ev(2, {actor: reg, summary: `evil.example.com\u001b]0;pwn\u0007 ${'x'.repeat(300)}`}),
	ev(3, {category: 'Process Creation', actor: reg, target: {process: {name: 'calc.exe', pid: 31}}}),
];

function frame(width: number, cursor = 0, zone?: 'utc' | 'local') {
	const app = render(
		<ThemeProvider theme={noColorTheme}>
			<StoryView
				events={events}
				cursor={cursor}
				storyKey={{kind: 'storyline', id: 'AB12'}}
				label="regsvr32.exe (30)"
				marks={new Set([3])}
				height={6}
				width={width}
				zone={zone}
			/>
		</ThemeProvider>,
	);
	const out = app.lastFrame() ?? '';
	app.unmount();
	return out;
}

describe('StoryView', () => {
	it('80 columns: title, then time, process, category, hit and summary per row; the mark shows', () => {
		const lines = frame(80).split('\n');
		expect(lines[0]).toMatch(/^story of regsvr32\.exe \(30\) · storyline AB12 · 3 events/);
		expect(lines[1]).toMatch(/^› [!‼]\d\d:\d\d:\d\d\.\d{3} cmd\.exe 20 +proc start \[Squiblydoo\] event 1/);
		expect(lines[2]).toMatch(/^  +\d\d:\d\d:\d\d\.\d{3} regsvr32\.exe 30 +dns +evil\.example\.com/);
		expect(lines[3]).toMatch(/^ • \d\d:\d\d:\d\d/);
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
		expect(frame(80)).not.toMatch(/\u001b\]0;pwn/);
	});

	it('40 columns: the process column goes, the rows stay one line each', () => {
		const lines = frame(40, 2)
			.split('\n')
			.filter(l => l.trim());
		expect(lines).toHaveLength(4);
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
		expect(lines[3]).toMatch(/^›•/);
	});

	it('its times follow the zone the screen shows (T): UTC 09:00, local as the clock reads it', () => {
		expect(frame(80, 0, 'utc').split('\n')[1]).toMatch(/09:00:00\.001 cmd\.exe/);
		const local = new Date(T0 + 1);
		const hh = String(local.getHours()).padStart(2, '0');
		const mm = String(local.getMinutes()).padStart(2, '0');
		expect(frame(80, 0, 'local').split('\n')[1]).toContain(`${hh}:${mm}:00.001 cmd.exe`);
	});
});
