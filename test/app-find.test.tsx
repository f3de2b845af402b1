// Find on the demo stream: F marks the matching events in place, hides nothing, and n jumps to them.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import type {EventStore} from '../source/core/store/index.js';
import {renderApp, type AppHarness} from './helpers/app.js';
import {KEYS, waitForFrame} from './helpers/ink.js';
import {demoEvents, storeWith} from './helpers/store.js';

let demo: EdrEvent[];
beforeAll(() => {
	// 640: the newest rows (what the screen shows) hold DNS events and others.
	demo = demoEvents(640, 1);
});

let harness: AppHarness | undefined;
let store: EventStore | undefined;
afterEach(() => {
	harness?.app.unmount();
	store?.dispose();
});

const feedRows = (frame: string) => frame.split('\n').filter(r => /^[ ›◆][ !‼*+·]\d\d:\d\d:\d\d/.test(r));

describe('find', {timeout: 30_000}, () => {
	it('marks matches in place, keeps every event in view, and n selects the next match', async () => {
		// The matches must be on screen: the demo's newest events hold some (the demo's changes move them).
		expect(demo.slice(-12).some(e => e.category === 'DNS')).toBe(true);
		store = storeWith(demo);
		const h = (harness = await renderApp(store, {columns: 100, rows: 30}));
		await waitForFrame(h.app, f => feedRows(f).length > 10);
		await h.press('F');
		await waitForFrame(h.app, 'find: ▌');
		await h.press('cat:dns');
		await h.press(KEYS.enter);
		let frame = await waitForFrame(h.app, f => f.includes('[find cat:dns ·'));
		const rows = feedRows(frame);
		const marked = rows.filter(r => r.startsWith('◆'));
		expect(marked.length).toBeGreaterThan(0);
		expect(marked.length).toBeLessThan(rows.length);
		for (const r of marked) expect(r).toMatch(/ dns /);
		// Nothing hidden: the count of shown events is the buffer's.
		expect(frame).not.toMatch(/\d+ of 640/);
		await h.press('n');
		frame = await waitForFrame(h.app, f => feedRows(f).some(r => r.startsWith('›') && / dns /.test(r)));
		await h.press(KEYS.escape);
		frame = await waitForFrame(h.app, f => !f.includes('[find'));
		expect(feedRows(frame).some(r => r.startsWith('◆'))).toBe(false);
	});
});
