// The correlation flows on the demo stream with the built-in correlations: enter on a correlation
// hit lists its events and opens each, v shows a correlation's live groups, and the tuning loop
// builds a filter from a hit, previews it, writes it as Sigma and applies it live.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import {generateDemoRecords} from '../source/core/demo/index.js';
import {decodeRecord} from '../source/core/formats/index.js';
import {createPipeline} from '../source/core/pipeline.js';
import {engineTuning, loadRuleTexts, type RuleEngine} from '../source/core/rules/index.js';
import {closeApps, renderApp} from './helpers/app.js';
import {KEYS, waitForFrame, waitUntil} from './helpers/ink.js';
import {storeWith} from './helpers/store.js';

let events: EdrEvent[];
let engine: RuleEngine;
beforeAll(() => {
	engine = loadRuleTexts([], {}).engine;
	events = [];
	const sink = createPipeline(
		{decode: r => decodeRecord(r), evaluate: e => engine.evaluate(e), derived: () => engine.takeDerived()},
		{events: e => void events.push(...e), skipped() {}, status() {}, end() {}},
	);
	void sink.records(generateDemoRecords(3000, {seed: 1}));
	// 3,000 demo events through every stage: a second when idle, far more on a shared machine.
}, 60_000);

afterEach(closeApps);

const written: Array<{path: string; text: string}> = [];
async function start(size: {columns?: number; rows?: number} = {}) {
	const store = storeWith(events);
	const harness = await renderApp(store, {
		...size,
		rules: engine.rules,
		tuning: {
			backend: engineTuning(engine),
			writeFile: async (path, text) => void written.push({path, text}),
			newId: () => '11111111-2222-4333-8444-555555555555',
			today: () => '2026-12-01',
		},
	});
	return harness;
}

describe('correlations on screen', {timeout: 30_000}, () => {
	it('enter on a correlation hit lists its events; enter opens one, esc goes back to the list', async () => {
		const corr = events.filter(e => e.correlation);
		expect(corr.length).toBeGreaterThan(0);
		const h = await start();
		await waitForFrame(h.app, '▶ following');
		await h.press('/category:correlation');
		await h.press(KEYS.enter);
		let frame = await waitForFrame(h.app, 'CORRELATE');
		await h.press(KEYS.enter);
		const last = corr.at(-1)!;
		frame = await waitForFrame(h.app, `${last.correlation!.seqs.length} events · enter opens one`);
		expect(frame).toContain(last.hits[0]!.title);
		expect(frame).toContain(`#${last.correlation!.seqs[0]}`);
		await h.press(KEYS.enter);
		frame = await waitForFrame(h.app, `filters cleared to show event #${last.correlation!.seqs[0]}`);
		expect(frame).toContain(`#${last.correlation!.seqs[0]}`);
		await h.press(KEYS.escape);
		await waitForFrame(h.app, 'enter opens one');
	});

	it("v in the rules panel shows a correlation's live groups", async () => {
		const h = await start();
		await waitForFrame(h.app, '▶ following');
		await h.press('r');
		let frame = await waitForFrame(h.app, 'Port Scan of an Internal Host [value_count >= 15 in 1m');
		const row = frame.split('\n').findIndex(l => l.includes('Port Scan of an Internal Host'));
		const first = frame.split('\n').findIndex(l => l.includes('›'));
		await h.press('j'.repeat(row - first));
		await h.press('v');
		frame = await waitForFrame(h.app, /Computer=WS-[A-Z0-9-]+ DestinationIp=10\.0\.0\.\d+/);
		expect(frame).toContain('enter events');
		await h.press(KEYS.enter);
		await waitForFrame(h.app, 'Computer=');
		await waitForFrame(h.app, 'enter opens one');
	});

	it('at 40x12 a live group shows its values first, its time left out', async () => {
		const h = await start({columns: 40, rows: 12});
		await waitForFrame(h.app, '▶ following');
		await h.press('r');
		let frame = await waitForFrame(h.app, 'Port Scan of');
		// One row at a time, each move seen on screen before the next: the list scrolls at 12 rows.
		for (let i = 0; i < 20; i++) {
			const cursor = frame.split('\n').find(l => l.startsWith('›')) ?? '';
			if (cursor.includes('Port Scan of')) break;
			const before = frame;
			await h.press('j');
			frame = await waitForFrame(h.app, f => f !== before);
		}
		await h.press('v');
		frame = await waitForFrame(h.app, /^› +\d+ Computer=WS-[A-Z0-9-]+ Dest/m);
		expect(frame.split('\n').every(l => [...l].length <= 40)).toBe(true);
		expect(frame).not.toMatch(/\d\d:\d\d:\d\d\.\d{3}/);
	});

	it('at 40x12 the builder keeps the end of each value and of the typed path in sight', async () => {
		const h = await start({columns: 40, rows: 12});
		await waitForFrame(h.app, '▶ following');
		await h.press('/bitsadmin');
		await h.press(KEYS.enter);
		await h.press('h');
		await waitForFrame(h.app, '[Bits');
		await h.press('e');
		let frame = await waitForFrame(h.app, '[x] Image');
		expect(frame).toMatch(/\[x\] Image +C:\\Wi…sadmin\.exe$/m);
		expect(frame).toMatch(/\[x\] ParentImage +C:\\Wi….*cmd\.exe$/m);
		await h.press('w');
		frame = await waitForFrame(h.app, '.yml█');
		expect(frame).toMatch(/file: …[a-z-]+\.yml█/);
		expect(frame.split('\n').every(l => [...l].length <= 40)).toBe(true);
	});

	it('e on a hit builds a filter: pick fields, see the preview, write it, apply it live', async () => {
		const h = await start();
		await waitForFrame(h.app, '▶ following');
		await h.press('/bitsadmin');
		await h.press(KEYS.enter);
		await h.press('h');
		await waitForFrame(h.app, 'Bitsadmin Jo');
		await h.press('e');
		let frame = await waitForFrame(h.app, /would suppress \d+ of \d+ buffered hits/);
		expect(frame).toContain('[x] Image');
		expect(frame).toContain('[x] ParentImage');
		// Keep the command line too: the preview counts again.
		await h.press('jj ');
		frame = await waitForFrame(h.app, '[x] CommandLine');
		await h.press('w');
		await h.press('\u0015/tmp/tuned.yml');
		await waitForFrame(h.app, 'file: /tmp/tuned.yml');
		await h.press(KEYS.enter);
		await waitUntil(() => written.length === 1);
		expect(written[0]!.path).toBe('/tmp/tuned.yml');
		expect(written[0]!.text).toContain('filter:');
		expect(written[0]!.text).toContain('condition: not expected');
		await waitForFrame(h.app, 'wrote a Sigma filter to /tmp/tuned.yml');
		const would = Number(/would suppress (\d+) of/.exec(frame)![1]);
		expect(would).toBeGreaterThan(0);
		await h.press(KEYS.enter);
		await waitForFrame(
			h.app,
			`filter applied live, ${would} buffered hit${would === 1 ? '' : 's'} count as suppressed`,
		);
		await waitUntil(() => (engine.filters?.infos().length ?? 0) === 1);
		expect(engine.filters!.infos()[0]!.rules).toEqual(['4ed0461c-2bab-406e-ad9a-1d453e1aebb7']);
		expect(engine.filters!.infos()[0]!.suppressed).toBe(would);
	});
});
