// The process tree on the demo stream (seed 1, the built-in rules): `t` on regsvr32's creation
// shows its ancestors and its calc.exe child, enter narrows the feed to one process, esc undoes it.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import {closeApps, renderApp} from './helpers/app.js';
import {KEYS, waitForFrame} from './helpers/ink.js';
import {demoEvents, storeWith} from './helpers/store.js';

let demo: EdrEvent[];
beforeAll(() => {
	demo = demoEvents(1000, 1);
});

afterEach(closeApps);

const feedRows = (frame: string) => frame.split('\n').filter(r => /^[ ›][ !‼*+·]\d\d:\d\d:\d\d/.test(r));

describe('the process tree', {timeout: 30_000}, () => {
	it("t shows regsvr32's ancestors and its calc.exe child; enter keeps only its events; esc restores", async () => {
		const store = storeWith(demo);
		const h = await renderApp(store, {columns: 100, rows: 30});
		// The newest creation of regsvr32 (not the calc.exe it starts): the selection while following.
		await h.press('/cat:creation image:regsvr32 -image:calc');
		await h.press(KEYS.enter);
		await waitForFrame(h.app, f => feedRows(f).length > 0 && !f.includes('▌'));
		await h.press('t');
		let frame = await waitForFrame(h.app, 'process tree of regsvr32.exe');
		const lines = frame.split('\n');
		// A tree row: the name, then the pid (the title names it with the pid in brackets).
		const at = (name: string) => lines.findIndex(l => new RegExp(`${name.replace('.', '\\.')} \\d`).test(l));
		expect(at('explorer.exe')).toBeGreaterThan(0);
		expect(at('powershell.exe')).toBeGreaterThan(at('explorer.exe'));
		expect(at('cmd.exe')).toBeGreaterThan(at('powershell.exe'));
		expect(at('regsvr32.exe')).toBeGreaterThan(at('cmd.exe'));
		expect(at('calc.exe')).toBeGreaterThan(at('regsvr32.exe'));
		// The cursor starts on regsvr32 itself, which carries the hit marker of its rule.
		expect(lines.find(l => l.startsWith('›'))).toMatch(/regsvr32\.exe \d+/);
		// Indented one level per generation.
		const indent = (name: string) => /^.\S?\s*/.exec(lines[at(name)]!.replace(/^›/, ' '))![0].length;
		expect(indent('calc.exe')).toBeGreaterThan(indent('regsvr32.exe'));
		await h.press(KEYS.enter);
		frame = await waitForFrame(h.app, '[process regsvr32.exe');
		// Clear the search: the process filter alone shows regsvr32's own activity.
		await h.press('/');
		await h.press('\u0015');
		await h.press(KEYS.enter);
		frame = await waitForFrame(h.app, f => f.includes('[process regsvr32.exe') && !f.includes('/cat:'));
		const rows = feedRows(frame);
		expect(rows.length).toBeGreaterThanOrEqual(3);
		for (const r of rows) expect(r).toMatch(/regsvr32|calc\.exe/i);
		expect(frame).toMatch(/calc\.exe/);
		await h.press(KEYS.escape);
		frame = await waitForFrame(h.app, f => !f.includes('[process'));
		expect(feedRows(frame).some(r => !/regsvr32/i.test(r))).toBe(true);
	});

	it('esc closes the tree back where it was opened; t on an event with no process says so', async () => {
		const store = storeWith(demo);
		const h = await renderApp(store);
		await h.press('t');
		await waitForFrame(h.app, 'process tree of');
		await h.press(KEYS.escape);
		await waitForFrame(h.app, f => !f.includes('process tree of') && f.includes('following'));
	});

	it('t on the newest of 40,000 events opens its tree at once, though the index reads new events between frames', async () => {
		const events = demoEvents(40_000, 5);
		const store = storeWith(events);
		const h = await renderApp(store, {columns: 100, rows: 30});
		// Ten new events land, the newest a process creation, and t comes before the screen idles.
		const more = demoEvents(2000, 6)
			.filter(e => e.category === 'Process Creation')
			.slice(0, 10)
			.map((e, i) => ({...e, seq: events.at(-1)!.seq + 1 + i}));
		const newest = more.at(-1)!;
		store.push(more);
		store.flush();
		// The store's snapshot renders in a microtask; the index's idle slices wait for the event loop.
		for (let i = 0; i < 5; i++) await Promise.resolve();
		await h.press('t');
		const frame = await waitForFrame(h.app, 'process tree of');
		expect(frame).toContain(`process tree of ${newest.target.process!.name}`);
	});
});
