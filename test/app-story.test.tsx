// The storyline view, marks and the field copy on the demo stream (seed 1, the built-in rules):
// `s` on regsvr32's creation lists its story in time order with its calc.exe child, enter opens an
// event and esc comes back; m marks rows, W writes only those, a mark on an evicted event is
// counted as gone; Y copies the field under the pivot cursor.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import {closeApps, renderApp, type AppHarness} from './helpers/app.js';
import {KEYS, waitForFrame, waitUntil} from './helpers/ink.js';
import {demoEvents, storeWith} from './helpers/store.js';

let demo: EdrEvent[];
beforeAll(() => {
	demo = demoEvents(1000, 1);
});

afterEach(closeApps);

const feedRows = (frame: string) => frame.split('\n').filter(r => /^[ ›»•][ !‼*+·]\d\d:\d\d:\d\d/.test(r));
/** Story rows: cursor column, mark column, level column, then the time. */
const storyRows = (frame: string) => frame.split('\n').filter(r => /^[ ›][ •][ !‼*+·]\d\d:\d\d:\d\d/.test(r));

async function selectRegsvr32(h: AppHarness): Promise<void> {
	// The newest creation of regsvr32 (not the calc.exe it starts): the selection while following.
	await h.press('/cat:creation image:regsvr32 -image:calc');
	await h.press(KEYS.enter);
	await waitForFrame(h.app, f => feedRows(f).length > 0 && !f.includes('▌'));
}

describe('the storyline view', {timeout: 30_000}, () => {
	it("s lists regsvr32's story in time order with calc.exe; enter opens an event, esc returns", async () => {
		const store = storeWith(demo);
		const h = await renderApp(store, {columns: 100, rows: 30});
		await selectRegsvr32(h);
		await h.press('s');
		let frame = await waitForFrame(h.app, 'story of regsvr32.exe');
		expect(frame).toMatch(/storyline [0-9A-F]+/);
		const rows = storyRows(frame);
		expect(rows.length).toBeGreaterThanOrEqual(3);
		expect(rows.some(r => /calc\.exe/.test(r))).toBe(true);
		expect(rows.some(r => /regsvr32\.exe \d+/.test(r))).toBe(true);
		const times = rows.map(r => /\d\d:\d\d:\d\d\.\d\d\d/.exec(r)![0]);
		expect([...times].sort()).toEqual(times);
		// The cursor starts on the event s was pressed on: regsvr32's creation, with its hit.
		const cursor = frame.split('\n').find(l => l.startsWith('›'))!;
		expect(cursor).toMatch(/regsvr32/i);
		await h.press('j');
		await h.press(KEYS.enter);
		frame = await waitForFrame(h.app, '── raw event');
		await h.press(KEYS.escape);
		frame = await waitForFrame(h.app, 'story of regsvr32.exe');
		await h.press(KEYS.escape);
		frame = await waitForFrame(h.app, f => !f.includes('story of') && feedRows(f).length > 0);
	});

	it('the story grows live as events of it arrive', async () => {
		// The buffer ends at regsvr32's creation: what it does next arrives later.
		const at = demo.findIndex(e => e.target.process?.name === 'regsvr32.exe' && e.category === 'Process Creation');
		expect(at).toBeGreaterThan(0);
		const story = demo[at]!.target.process!.storyline!;
		const store = storeWith(demo.slice(0, at + 1));
		const h = await renderApp(store, {columns: 100, rows: 30});
		await selectRegsvr32(h);
		await h.press('s');
		const frame = await waitForFrame(h.app, 'story of regsvr32.exe');
		const count = Number(/· ([\d,]+) events?/.exec(frame)![1]);
		const more = demo.slice(at + 1).filter(e => e.actor?.storyline === story);
		expect(more.length).toBeGreaterThan(0);
		store.push(demo.slice(at + 1));
		store.flush();
		await waitForFrame(h.app, f => Number(/· ([\d,]+) events?/.exec(f)?.[1]) > count);
	});
});

describe('marks', {timeout: 30_000}, () => {
	it('m marks rows, u jumps to a mark, W writes only the marked events', async () => {
		const store = storeWith(demo);
		const h = await renderApp(store);
		await waitForFrame(h.app, f => feedRows(f).length > 5);
		await h.press('k');
		await h.press('m');
		await h.press('k');
		await h.press('k');
		await h.press('m');
		let frame = await waitForFrame(h.app, '[2 marked');
		expect(feedRows(frame).filter(r => r.startsWith('•')).length).toBe(1);
		expect(feedRows(frame).filter(r => r.startsWith('»')).length).toBe(1);
		await h.press('u');
		frame = await waitForFrame(h.app, f => feedRows(f).filter(r => r.startsWith('»')).length === 1);
		await h.press('G');
		await h.press('W');
		await waitForFrame(h.app, /write 2 marked events to/);
		await h.press(KEYS.enter);
		await waitForFrame(h.app, /wrote 2 marked events to/);
		expect(h.exports.at(-1)!.events.map(e => e.seq)).toEqual([demo.at(-4)!.seq, demo.at(-2)!.seq]);
		// One mark less (u goes to a mark, m takes it off): one event, said in the singular.
		await h.press('u');
		await h.press('m');
		await waitForFrame(h.app, '[1 marked');
		await h.press('W');
		await waitForFrame(h.app, /write 1 marked event to/);
		await h.press(KEYS.enter);
		await waitForFrame(h.app, /wrote 1 marked event to/);
		expect(h.exports.at(-1)!.events).toHaveLength(1);
	});

	it('a mark on an evicted event is gone, and the chip says so', async () => {
		const store = storeWith(demo.slice(0, 200), 200);
		const h = await renderApp(store);
		await waitForFrame(h.app, f => feedRows(f).length > 5);
		await h.press('g');
		await h.press('m');
		await h.press('G');
		await h.press('m');
		await waitForFrame(h.app, '[2 marked');
		store.push(demo.slice(200, 210));
		store.flush();
		await waitForFrame(h.app, '[1 marked · 1 left the buffer');
	});
});

describe('Y: copy a field', {timeout: 30_000}, () => {
	it('copies the field under the pivot cursor, and says what it copied', async () => {
		const store = storeWith(demo);
		const h = await renderApp(store, {columns: 100, rows: 30});
		await waitForFrame(h.app, f => feedRows(f).length > 5);
		await h.press(KEYS.enter);
		await waitForFrame(h.app, '── raw event');
		await h.press(']');
		await h.press('Y');
		await waitUntil(() => h.copies.length === 1);
		expect(h.copies[0]).toBe(demo.at(-1)!.host);
		await waitForFrame(h.app, /copied the host \(\d+ chars\)/);
	});
});
