// Long lines: a 2,000-character PowerShell command line read without the detail pane, by wrapping
// the selected row (v) or scrolling the summaries sideways (arrows), the columns kept in place.
import {afterEach, describe, expect, it} from 'vitest';
import type {EventStore} from '../source/core/store/index.js';
import {renderApp, type AppHarness} from './helpers/app.js';
import {waitForFrame} from './helpers/ink.js';
import {makeEvent} from './helpers/events.js';
import {storeWith} from './helpers/store.js';

let harness: AppHarness | undefined;
let store: EventStore | undefined;
afterEach(() => {
	harness?.app.unmount();
	store?.dispose();
});

const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';
const payload = Array.from({length: 200}, (_, i) => `A${String(i).padStart(3, '0')}Z`).join('');
const cmdline = `powershell.exe -nop -w hidden -enc ${payload}END-OF-COMMAND`;

function events() {
	const ps = {name: 'powershell.exe', image: 'C:\\Windows\\powershell.exe', cmdline, pid: 7};
	return [
		makeEvent({host: 'WS01', summary: 'first event', time: 1_700_000_000_000}),
		makeEvent({
			host: 'WS01',
			actor: {name: 'cmd.exe', pid: 6},
			target: {process: ps},
			summary: `cmd.exe -> ${cmdline.slice(0, 1000)}`,
			time: 1_700_000_000_100,
		}),
	];
}

describe('long lines', {timeout: 30_000}, () => {
	it('v wraps the selected row over several rows, up to the full command line; v again: one row', async () => {
		store = storeWith(events());
		const h = (harness = await renderApp(store, {columns: 80, rows: 30}));
		let frame = await waitForFrame(h.app, 'cmd.exe -> powershell.exe');
		expect(frame).not.toContain('END-OF-COMMAND');
		await h.press('v');
		frame = await waitForFrame(h.app, 'END-OF-COMMAND');
		expect(frame).toContain('cmdline: ');
		expect(frame).toContain('first event');
		for (const l of frame.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
		expect(frame.split('\n').length).toBeLessThanOrEqual(39);
		await h.press('v');
		frame = await waitForFrame(h.app, f => !f.includes('END-OF-COMMAND'));
	});

	it('the arrows scroll the summaries sideways, the time and host columns stay', async () => {
		store = storeWith(events());
		const h = (harness = await renderApp(store, {columns: 80, rows: 24}));
		await waitForFrame(h.app, 'cmd.exe -> powershell.exe');
		await h.press(RIGHT.repeat(10));
		let frame = await waitForFrame(h.app, f => f.includes('«') && !f.includes('cmd.exe -> powershell'));
		const row = frame.split('\n').find(l => l.startsWith('›'))!;
		expect(row).toMatch(/^›.\d\d:\d\d:\d\d\.\d{3} .*WS01 +«/);
		expect(row).toMatch(/A0\d\dZ/);
		await h.press(LEFT.repeat(10));
		frame = await waitForFrame(h.app, 'cmd.exe -> powershell.exe');
		expect(frame).not.toContain('«');
	});
});
