// Search errors through the whole app at the sizes people run it in: typed, then applied.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import {closeApps, renderApp} from './helpers/app.js';
import {KEYS, waitForFrame} from './helpers/ink.js';
import {demoEvents, storeWith} from './helpers/store.js';

let demo: EdrEvent[];
beforeAll(() => {
	demo = demoEvents(300, 7);
});

afterEach(closeApps);

describe('search errors on screen', {timeout: 30_000}, () => {
	for (const [columns, rows] of [
		[80, 24],
		[40, 12],
	] as const) {
		it(`at ${columns}x${rows}: level>=bogus, cat:nonsense and imag:x say why, typed and applied`, async () => {
			const store = storeWith(demo);
			const harness = await renderApp(store, {columns, rows});
			const h = harness;
			await waitForFrame(h.app, '› ');
			for (const [query, error] of [
				['level>=bogus', '✖ unknown level'],
				['cat:nonsense', '✖ unknown categ'],
				['imag:cmd.exe', '✖ unknown field'],
			] as const) {
				await h.press('/');
				await h.press(query);
				await waitForFrame(h.app, error);
				await h.press(KEYS.enter);
				const frame = await waitForFrame(h.app, f => f.includes(error) && !f.includes('▌'));
				for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
				await h.press(KEYS.escape);
				await waitForFrame(h.app, f => !f.includes(error));
			}
		});
	}

	it('image:cmd.exe and level=high narrow the feed without an error', async () => {
		const store = storeWith(demo);
		const harness = await renderApp(store);
		const h = harness;
		await waitForFrame(h.app, '300 events');
		await h.press('/image:cmd.exe');
		await h.press(KEYS.enter);
		const frame = await waitForFrame(h.app, f => /\/image:cmd\.exe\s+\d+ of 300/.test(f));
		expect(frame).not.toContain('✖');
		expect(Number(/(\d+) of 300/.exec(frame)![1])).toBeGreaterThan(0);
		await h.press(KEYS.escape);
		await h.press('/level=high');
		await h.press(KEYS.enter);
		expect(await waitForFrame(h.app, f => /\/level=high\s+\d+ of 300/.test(f))).not.toContain('✖');
	});
});
