// Pivots on the demo stream: in the detail pane ] moves onto a field, + keeps only its value and
// - hides it, each as a chip above the feed; x (or esc in the feed) removes the newest chip.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import {closeApps, renderApp} from './helpers/app.js';
import {KEYS, waitForFrame} from './helpers/ink.js';
import {demoEvents, storeWith} from './helpers/store.js';

let demo: EdrEvent[];
beforeAll(() => {
	demo = demoEvents(600, 1);
});

afterEach(closeApps);

const feedRows = (frame: string) => frame.split('\n').filter(r => /^[ ›][ !‼*+·]\d\d:\d\d:\d\d/.test(r));
const hosts = new Set(['WS01']);

describe('pivots', {timeout: 30_000}, () => {
	it('+ on the host keeps that host only; x restores the others; - hides it', async () => {
		const store = storeWith(demo);
		const h = await renderApp(store, {columns: 120, rows: 40});
		const newest = demo.at(-1)!;
		const host = newest.host!;
		expect(new Set(demo.map(e => e.host)).size).toBeGreaterThan(hosts.size);
		await h.press(KEYS.enter);
		await h.press(']');
		let frame = await waitForFrame(h.app, f => /›host\s/.test(f));
		await h.press('+');
		frame = await waitForFrame(h.app, `[host = ${host}]`);
		await h.press(KEYS.escape);
		frame = await waitForFrame(h.app, f => f.includes(`[host = ${host}]`) && !f.includes('── raw event'));
		let rows = feedRows(frame);
		expect(rows.length).toBeGreaterThan(5);
		// Every row is that host's. The frame may come while the detail still sits beside the feed
		// (the host gets ten columns, a longer name cut with "…") or after: either spelling is it.
		const cut = host.length > 10 ? `${host.slice(0, 9)}…` : host;
		for (const r of rows) expect(r.includes(host) || r.includes(cut), r).toBe(true);
		await h.press('x');
		frame = await waitForFrame(h.app, f => !f.includes('[host ='));
		rows = feedRows(frame);
		expect(rows.some(r => !r.includes(host))).toBe(true);
		// Hide it instead: no row of that host is left; esc in the feed removes the chip.
		await h.press(KEYS.enter);
		await h.press(']');
		await waitForFrame(h.app, f => /›host\s/.test(f));
		await h.press('-');
		await h.press(KEYS.escape);
		frame = await waitForFrame(h.app, f => f.includes(`[host ≠ ${host}]`) && !f.includes('── raw event'));
		for (const r of feedRows(frame)) expect(r).not.toContain(host);
		await h.press(KEYS.escape);
		frame = await waitForFrame(h.app, f => !f.includes('[host'));
		expect(feedRows(frame).some(r => r.includes(host))).toBe(true);
	});

	it('+ before moving onto a field says how to', async () => {
		const store = storeWith(demo);
		const h = await renderApp(store);
		await h.press(KEYS.enter);
		await h.press('+');
		await waitForFrame(h.app, 'move onto a field first');
	});
});
