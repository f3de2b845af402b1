// Whole-app flows on the demo stream (seed 1, the built-in rules), through the real store.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import type {EventStore} from '../source/core/store/index.js';
import {renderApp, type AppHarness} from './helpers/app.js';
import {KEYS, tick, waitForFrame, waitUntil} from './helpers/ink.js';
import {makeEvent} from './helpers/events.js';
import {demoEvents, storeWith} from './helpers/store.js';
import {hasProjection} from '../source/core/view/projection.js';

let demo: EdrEvent[];
beforeAll(() => {
	demo = demoEvents(1000, 1);
});

let harness: AppHarness | undefined;
let store: EventStore | undefined;
afterEach(() => {
	harness?.app.unmount();
	store?.dispose();
	harness = undefined;
	store = undefined;
});

async function start(events: readonly EdrEvent[], size = {columns: 80, rows: 24}) {
	store = storeWith(events);
	harness = await renderApp(store, size);
	return harness;
}

// Each flow renders the whole app on hundreds of events: up to 1 s idle, far more on a busy machine.
describe('the app on the demo stream', {timeout: 30_000}, () => {
	it('shows the feed and follows; keys scroll and pause; new events count as "+N new"; G follows again', async () => {
		const h = await start(demo.slice(0, 600));
		const last = demo[599]!;
		let frame = await waitForFrame(h.app, '▶ following');
		expect(frame).toContain('600 events');
		expect(frame.split('\n').at(-2)).toContain('›');
		await h.press('kkk');
		frame = await waitForFrame(h.app, '⏸ paused +0 new');
		store!.push(demo.slice(600, 650));
		store!.flush();
		frame = await waitForFrame(h.app, '⏸ paused +50 new');
		// The view held still: the newest row of before is still on screen, three rows above the selection.
		expect(frame).toContain(last.summary.slice(0, 20));
		await h.press('G');
		await waitForFrame(h.app, '▶ following');
	});

	it('builds the search projections of a buffer of 8,000 once the search bar opens, with no store flush', async () => {
		const events = demoEvents(8000, 7);
		const h = await start(events);
		await waitForFrame(h.app, '8,000 events');
		// Nobody has searched yet: nothing is built (test/app-search-warm.test.tsx has the rest).
		expect(events.some(hasProjection)).toBe(false);
		await h.press('/');
		await waitUntil(() => events.every(hasProjection), 10_000);
		expect(events.every(hasProjection)).toBe(true);
	});

	it('hits-only on 30,000 events shows the newest hits at once and then counts all of them', async () => {
		const rule = {id: 'r1', title: 'Rule one', level: 'high' as const, tags: [], fields: []};
		const events = Array.from({length: 30_000}, (_, i) =>
			makeEvent({summary: `event ${i}`, hits: i % 3 === 0 ? [rule] : []}),
		);
		const h = await start(events);
		await waitForFrame(h.app, '30,000 events');
		await h.press('h');
		await waitForFrame(h.app, '10,000 of 30,000', 10_000);
	});

	it('an export asked for in the same keystrokes as hits-only holds every hit, not the newest first', async () => {
		const rule = {id: 'r1', title: 'Rule one', level: 'high' as const, tags: [], fields: []};
		const events = Array.from({length: 30_000}, (_, i) =>
			makeEvent({summary: `event ${i}`, hits: i % 3 === 0 ? [rule] : []}),
		);
		const h = await start(events);
		await waitForFrame(h.app, '30,000 events');
		// h, w and enter in one read: the filter is new when the export runs.
		await h.press(`hw${KEYS.enter}`);
		await waitUntil(() => h.exports.length === 1, 10_000);
		expect(h.exports[0]!.events).toHaveLength(10_000);
		expect(h.exports[0]!.events.every(ev => ev.hits.length > 0)).toBe(true);
	});

	it('search narrows as you type, keeps on enter and clears on esc', async () => {
		const h = await start(demo);
		await h.press('/regsvr32');
		let frame = await waitForFrame(h.app, f => /\/ regsvr32▌\s+\d+ of 1,000/.test(f) && !f.includes('1,000 of 1,000'));
		const shown = Number(/(\d+) of 1,000/.exec(frame)![1]);
		expect(shown).toBeGreaterThan(0);
		expect(shown).toBeLessThan(20);
		await h.press(KEYS.enter);
		frame = await waitForFrame(h.app, '/regsvr32');
		expect(frame).not.toContain('▌');
		await h.press(KEYS.escape);
		await waitForFrame(h.app, f => !f.includes('regsvr32 ') || !f.includes(' of 1,000'));
	});

	it('a digit hides a family and the bar shows it off', async () => {
		const h = await start(demo);
		// 1,000 events: four-digit counts, so the names are shortened to keep every count.
		await waitForFrame(h.app, /1●pro/);
		await h.press('4');
		const frame = await waitForFrame(h.app, '4○reg');
		expect(frame).not.toMatch(/ (regkey|regval) /);
		await h.press('0');
		await waitForFrame(h.app, '4●reg');
	});

	it('n jumps to a hit, enter opens the detail with the raw JSON and the hit, y copies the raw event', async () => {
		const h = await start(demo, {columns: 120, rows: 40});
		await h.press('n');
		await waitForFrame(h.app, '⏸ paused');
		await h.press(KEYS.enter);
		// The detail opens on the raw JSON under a one-line hits summary; h shows the hits in full.
		let frame = await waitForFrame(h.app, '── raw event');
		expect(frame).toContain('Regsvr32 Runs a Remote COM Scriptlet');
		await h.press('h');
		frame = await waitForFrame(h.app, 'rule hits (1)');
		expect(frame).toContain('Regsvr32 Runs a Remote COM Scriptlet');
		await h.press('y');
		await waitUntil(() => h.copies.length === 1);
		const hit = demo.find(e => e.hits.length)!;
		expect(JSON.parse(h.copies[0]!)).toEqual(JSON.parse(JSON.stringify(hit.raw)));
		await waitForFrame(h.app, 'copied the raw event');
		await h.press(KEYS.escape);
		await waitForFrame(h.app, f => !f.includes('── raw event'));
	});

	it('at 80x24 the detail opens on the raw JSON; h jumps to the hits and back', async () => {
		const h = await start(demo);
		await h.press('n');
		await waitForFrame(h.app, '⏸ paused');
		await h.press(KEYS.enter);
		let frame = await waitForFrame(h.app, '── raw event');
		const jsonRows = (f: string) => f.split('\n').filter(r => /^\s+"[^"]+": /.test(r)).length;
		expect(jsonRows(frame)).toBeGreaterThanOrEqual(5);
		expect(frame).toMatch(/HIGH Regsvr32 Runs a Remote COM Scriptlet.*h: hits/);
		expect(frame.split('\n').at(-1)).toContain('h hits');
		await h.press('h');
		frame = await waitForFrame(h.app, '── rule hits (1)');
		expect(frame).not.toContain('── raw event');
		expect(frame).toContain('id: ');
		await h.press('h');
		await waitForFrame(h.app, f => f.includes('── raw event') && !f.includes('── rule hits'));
	});

	it('h then enter before the first hit: the detail opens on the hit when it arrives, no stale "nothing to show"', async () => {
		const quiet = Array.from({length: 50}, (_, i) => makeEvent({seq: i + 1, summary: `quiet ${i + 1}`}));
		const h = await start(quiet);
		await h.press('h');
		await waitForFrame(h.app, 'no events match');
		await h.press(KEYS.enter);
		let frame = await waitForFrame(h.app, 'waiting for');
		expect(frame).not.toContain('nothing to show');
		const hit = makeEvent({
			seq: 51,
			summary: 'the first hit',
			hits: [{id: 'r1', title: 'First Hit Rule', level: 'high', tags: [], fields: []}],
		});
		store!.push([hit, makeEvent({seq: 52, summary: 'quiet again'})]);
		store!.flush();
		frame = await waitForFrame(h.app, '── raw event');
		expect(frame).toContain('HIGH First Hit Rule');
		expect(frame).not.toContain('nothing to show');
	});

	it('"hk" typed in one burst moves to the previous hit of the hits-only view', async () => {
		const hit = [{id: 'r1', title: 'Some Rule', level: 'high' as const, tags: [], fields: []}];
		const events = Array.from({length: 30}, (_, i) =>
			makeEvent({
				seq: i + 1,
				summary: [5, 10, 20].includes(i + 1) ? `hit number ${i + 1}` : `quiet ${i + 1}`,
				hits: [5, 10, 20].includes(i + 1) ? hit : [],
			}),
		);
		const h = await start(events);
		await waitForFrame(h.app, 'quiet 30');
		// Ink hands both keys over in one call: before, "k" moved in the list shown before "h".
		await h.press('hk');
		const frame = await waitForFrame(h.app, '⏸ paused');
		const selected = frame.split('\n').find(r => r.startsWith('›'))!;
		expect(selected).toContain('hit number 10');
	});

	it('an undecodable row: the detail shows its bytes and y copies them, saying how', async () => {
		const {decodeRecord} = await import('../source/core/formats/index.js');
		const garbage = `{"event.type": "Process Creation", broken ${'y'.repeat(300)} TAIL-MARK`;
		const bad = {...decodeRecord({value: garbage, receivedAt: 1_700_000_000_000})[0]!, seq: 1};
		const binary = {
			...decodeRecord({value: Uint8Array.from([0x0a, 0x05, 0x00, 0xff, 0x01]), receivedAt: 1_700_000_000_000})[0]!,
			seq: 2,
		};
		expect(bad.category).toBe('undecodable');
		const h = await start([bad, binary]);
		await h.press('k');
		await h.press(KEYS.enter);
		let frame = await waitForFrame(h.app, '── payload');
		expect(frame).not.toContain('raw event');
		expect(frame).toContain('{"event.type": "Process Creation", broken yyy');
		await h.press('G');
		// The end of the pane: the last hex rows, past 256 bytes, their text column.
		frame = await waitForFrame(h.app, /\n01[0-9a-f]0 {2}[0-9a-f ]+ .*MARK/);
		await h.press('y');
		await waitUntil(() => h.copies.length === 1);
		expect(h.copies[0]).toBe(garbage);
		await waitForFrame(h.app, `copied the payload (${garbage.length} bytes) as escaped text`);
		await h.press('j');
		await h.press('y');
		await waitUntil(() => h.copies.length === 2);
		expect(h.copies[1]).toBe('0a0500ff01');
		await waitForFrame(h.app, 'copied the payload (5 bytes) as hex');
	});

	it('paused while events arrive: the counters are redrawn at most once a second, then show the latest', async () => {
		const h = await start(demo.slice(0, 100));
		await h.press(' ');
		await waitForFrame(h.app, '⏸ paused +0 new');
		const chrome = new Set<string>();
		const started = Date.now();
		for (let i = 0; i < 30; i++) {
			store!.push(demo.slice(100 + i * 5, 105 + i * 5));
			store!.flush();
			await tick(50);
			chrome.add(h.app.lastFrame()!.split('\n').slice(0, 3).join('\n'));
		}
		// 30 store flushes in ~1.5 s (more on a slow machine): a redraw of the counters each second.
		expect(chrome.size).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
		expect(chrome.size).toBeLessThan(10);
		await waitForFrame(h.app, '⏸ paused +150 new', 2500);
		expect(h.app.lastFrame()).toContain('250 events');
	});

	it('w writes the filtered view: asks for the path, then confirms the count', async () => {
		const h = await start(demo);
		await h.press('h');
		await waitForFrame(h.app, 'hits only');
		await h.press('w');
		await waitForFrame(h.app, /write \d+ events to: edrtail-export-\d{8}-\d{6}\.ndjson/);
		await h.press('\u0015out.ndjson');
		await waitForFrame(h.app, 'out.ndjson▌');
		await h.press(KEYS.enter);
		await waitUntil(() => h.exports.length === 1);
		expect(h.exports[0]!.path).toBe('out.ndjson');
		expect(h.exports[0]!.events.every(e => e.hits.length > 0)).toBe(true);
		await waitForFrame(h.app, `wrote ${h.exports[0]!.events.length} events to out.ndjson`);
	});

	it('help, latency, picker and rules open and close (esc, q); q in the feed and ctrl-c quit', async () => {
		const h = await start(demo);
		await h.press('?');
		await waitForFrame(h.app, 'edrtail keys');
		await h.press('?');
		await h.press('l');
		await waitForFrame(h.app, 'receive - event');
		await h.press(KEYS.escape);
		await h.press('c');
		await waitForFrame(h.app, '[x] Process Creation');
		await h.press(KEYS.escape);
		await h.press('r');
		await waitForFrame(h.app, 'no rules loaded');
		// q closes the panel, as in less; only the feed's q quits.
		for (const [open, shows] of [
			['r', 'no rules loaded'],
			['?', 'edrtail keys'],
			['l', 'receive - event'],
			['c', '[x] Process Creation'],
			[KEYS.enter, '── raw event'],
		] as const) {
			if (open !== 'r') await h.press(open);
			await waitForFrame(h.app, shows);
			await h.press('q');
			await waitForFrame(h.app, f => !f.includes(shows) && f.includes('q quit'));
		}
		expect(h.quits).toBe(0);
		await h.press('q');
		await waitUntil(() => h.quits === 1);
		await h.press(KEYS.escape);
		await h.press('/');
		await waitForFrame(h.app, '▌');
		await h.press(KEYS.ctrlC);
		await waitUntil(() => h.quits === 2);
	});

	it('help at 40x12 wraps and scrolls: the search syntax reads to its end', async () => {
		const h = await start(demo, {columns: 40, rows: 12});
		await h.press('?');
		let frame = await waitForFrame(h.app, 'edrtail keys');
		expect(frame).not.toContain('…');
		await h.press('G');
		frame = await waitForFrame(h.app, 'no \\b');
		for (const r of frame.split('\n')) expect([...r].length).toBeLessThanOrEqual(40);
		expect(frame).not.toContain('…');
	});

	it('fits 40x12: eleven rows, none wider than 40 columns, every one a single line', async () => {
		const h = await start(demo, {columns: 40, rows: 12});
		const frame = await waitForFrame(h.app, '›');
		const rows = frame.split('\n');
		expect(rows).toHaveLength(11);
		for (const r of rows) expect([...r].length).toBeLessThanOrEqual(40);
		expect(frame).toContain('? help');
	});
});
