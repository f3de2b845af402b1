// Time on the whole screen: T switches every time shown (feed, detail, header) between local time
// and UTC, --utc starts in UTC, and @ jumps to a time typed in the zone shown.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import type {EventStore} from '../source/core/store/index.js';
import {renderApp, type AppHarness} from './helpers/app.js';
import {makeEvent} from './helpers/events.js';
import {KEYS, waitForFrame} from './helpers/ink.js';
import {storeWith} from './helpers/store.js';

const base = Date.parse('2026-11-27T10:40:00Z');
let events: EdrEvent[];
const savedTz = process.env.TZ;
beforeAll(() => {
	// One event a minute from 10:40 UTC; UTC+05:30 makes every local time differ from UTC by its minutes.
	process.env.TZ = 'Asia/Kolkata';
	events = Array.from({length: 40}, (_, i) =>
		makeEvent({seq: i + 1, time: base + i * 60_000, summary: `step ${i + 1}`}),
	);
	return () => {
		if (savedTz === undefined) delete process.env.TZ;
		else process.env.TZ = savedTz;
	};
});

let harness: AppHarness | undefined;
let store: EventStore | undefined;
afterEach(() => {
	harness?.app.unmount();
	store?.dispose();
});

const selectedRow = (frame: string) => frame.split('\n').find(r => r.startsWith('›')) ?? '';

describe('time on screen', {timeout: 30_000}, () => {
	it('T switches the feed, the detail and the header between local time and UTC', async () => {
		store = storeWith(events);
		const h = (harness = await renderApp(store, {columns: 100, rows: 30}));
		let frame = await waitForFrame(h.app, f => f.includes('step 40'));
		expect(frame).toContain('local+05:30');
		expect(selectedRow(frame)).toContain('16:49:00.000');
		await h.press('T');
		frame = await waitForFrame(h.app, f => f.includes('UTC') && selectedRow(f).includes('11:19:00.000'));
		await h.press(KEYS.enter);
		frame = await waitForFrame(h.app, f => f.includes('2026-11-27T11:19:00.000Z'));
		await h.press('T');
		await waitForFrame(h.app, f => f.includes('2026-11-27T16:49:00.000+05:30'));
	});

	it('--utc starts in UTC; @ jumps to the time typed in it', async () => {
		store = storeWith(events);
		const h = (harness = await renderApp(store, {columns: 100, rows: 30, initial: {utc: true}}));
		await waitForFrame(h.app, f => selectedRow(f).includes('11:19:00.000'));
		await h.press('@');
		await waitForFrame(h.app, 'jump to: ▌');
		await h.press('10:45:30');
		await h.press(KEYS.enter);
		const frame = await waitForFrame(h.app, f => selectedRow(f).includes('step 7'));
		expect(selectedRow(frame)).toContain('10:46:00.000');
		expect(frame).toContain('jumped to 2026-11-27 10:45:30.000Z');
	});
});
