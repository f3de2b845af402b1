// `y` and `w` on hostile events, through the whole app: what reaches the clipboard and the file,
// and what the status line says about it.
import {afterEach, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../source/core/event.js';
import {decodeRecord} from '../source/core/formats/index.js';
import {exportNdjson} from '../source/core/view/index.js';
import {closeApps, renderApp} from './helpers/app.js';
import {KEYS, waitForFrame, waitUntil} from './helpers/ink.js';
import {storeWith} from './helpers/store.js';

afterEach(closeApps);

function decoded(lines: string[]): EdrEvent[] {
	return lines.flatMap((value, i) =>
		decodeRecord({value, receivedAt: 1_700_000_000_000 + i}).map((d, j) => ({...d, seq: i + j + 1}) as EdrEvent),
	);
}

const good = (host: string) =>
	JSON.stringify({EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', Computer: host});

describe('copy and export through the app', {timeout: 30_000}, () => {
	it.each([3_000, 100_000])(
		'y copies an event nested %i deep as JSON (or says it is too large), w writes all 3',
		async depth => {
			const events = decoded([
				good('WS01'),
				`{"EventID":1,"Computer":"DEEP","x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
				good('WS03'),
			]);
			const written: string[] = [];
			const store = storeWith(events);
			const harness = await renderApp(store, {
				onExport: (path, evs) =>
					exportNdjson(evs, path, {writeFile: async (_p, chunks) => void written.push(...chunks)}),
			});
			const h = harness;
			await waitForFrame(h.app, '3 events');
			await h.press('k');
			await h.press(KEYS.enter);
			await waitForFrame(h.app, '── raw event');
			await h.press('y');
			if (depth === 3_000) {
				await waitUntil(() => h.copies.length === 1);
				expect(JSON.parse(h.copies[0]!).Computer).toBe('DEEP');
				await waitForFrame(h.app, 'copied the raw event');
			} else {
				// 200 KB of brackets: more than a terminal takes through OSC 52, and the app says so.
				await waitForFrame(h.app, 'not copied: too large to copy');
				expect(h.copies).toEqual([]);
			}
			await h.press(KEYS.escape);
			await h.press('w');
			await waitForFrame(h.app, /write 3 events to/);
			await h.press(KEYS.enter);
			await waitForFrame(h.app, /wrote 3 events to/);
			expect(
				written
					.join('')
					.trimEnd()
					.split('\n')
					.map(l => JSON.parse(l).host),
			).toEqual(['WS01', 'DEEP', 'WS03']);
		},
	);

	it('says so when the export left events out', async () => {
		const store = storeWith(decoded([good('WS01'), good('WS02'), good('WS03')]));
		const harness = await renderApp(store, {onExport: async () => ({ok: true, count: 2, skipped: 1})});
		await waitForFrame(harness.app, '3 events');
		await harness.press('w');
		await waitForFrame(harness.app, /write 3 events to/);
		await harness.press(KEYS.enter);
		await waitForFrame(harness.app, /wrote 2 of 3 events \(1 could not be written\) to edrtail-export/);
	});

	it('y escapes bidi overrides, C1 controls and line separators as the NDJSON line does', async () => {
		const hostile = 'a\u202eexe.txt b\u009b31m c\u2028d\u2029e \udb40\udc41';
		const store = storeWith(decoded([JSON.stringify({EventID: 1, Computer: 'WS01', CommandLine: hostile})]));
		const harness = await renderApp(store);
		const h = harness;
		await waitForFrame(h.app, '1 event');
		await h.press(KEYS.enter);
		await waitForFrame(h.app, '── raw event');
		await h.press('y');
		await waitUntil(() => h.copies.length === 1);
		const text = h.copies[0]!;
		expect(text).not.toMatch(/[\u0080-\u009f\u2028\u2029\u202e]|\udb40/);
		expect(text).toContain('a\\u202eexe.txt b\\u009b31m c\\u2028d\\u2029e \\udb40\\udc41');
		expect(JSON.parse(text).CommandLine).toBe(hostile);
	});
});
