// The tuning loop against the rule engine on the pipeline thread: the requests and their answers,
// and the whole loop on screen (e on a hit, fields, preview, write, apply; v on a correlation) with
// the thread's backend, on 3,000 Sysmon demo events (their Sigma fields decoded again on demand).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../../source/core/event.js';
import {generateDemoRecords} from '../../../source/core/demo/index.js';
import {
	bufferedOf,
	compileFilterText,
	fieldValuesOf,
	filterYaml,
	suppressedHits,
	type TuningBackend,
} from '../../../source/core/rules/index.js';
import {EventStore} from '../../../source/core/store/index.js';
import type {RunConfig} from '../../../source/config/index.js';
import {planRules} from '../../../source/cli/rules.js';
import {PipelineThread} from '../../../source/cli/worker/client.js';
import {renderApp} from '../../helpers/app.js';
import {KEYS, waitForFrame} from '../../helpers/ink.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-tuning-'));
const BITSADMIN = '4ed0461c-2bab-406e-ad9a-1d453e1aebb7';

function configFor(path: string): RunConfig {
	return {
		output: 'tui',
		source: {kind: 'file', path, follow: false},
		format: 'auto',
		maxInflateBytes: 64 * 1024 * 1024,
		rules: {paths: [], builtin: true},
		filter: {hitsOnly: false},
		time: {utc: false},
		exitAtEnd: false,
		maxEvents: 50_000,
		noColor: false,
	};
}

/** A thread over the demo's Sysmon events as a file, run to its end; its events in `events`. */
async function openThread(): Promise<{thread: PipelineThread; events: EdrEvent[]}> {
	const path = join(dir, `sysmon-${Math.random().toString(36).slice(2)}.ndjson`);
	const records = generateDemoRecords(3000, {seed: 1, format: 'sysmon'});
	writeFileSync(
		path,
		records
			.map(r => (typeof r.value === 'string' ? r.value : new TextDecoder().decode(r.value ?? undefined)))
			.join('\n') + '\n',
	);
	const config = configFor(path);
	const events: EdrEvent[] = [];
	let ended!: () => void;
	const end = new Promise<void>(r => (ended = r));
	const thread = await PipelineThread.open(
		{config, plan: planRules(config)},
		{events: e => void events.push(...e), skipped() {}, status() {}, end: () => ended()},
	);
	await thread.start();
	await end;
	return {thread, events};
}

let thread: PipelineThread;
let events: EdrEvent[];
let backend: TuningBackend;
beforeAll(async () => {
	({thread, events} = await openThread());
	backend = thread.tuning();
}, 60_000);
afterAll(async () => {
	await thread?.stop();
	rmSync(dir, {recursive: true, force: true});
});

describe("the pipeline thread's tuning backend", () => {
	it("answers the correlations' counts and a correlation's live groups, bounded", async () => {
		const status = await backend.status();
		const scan = status.correlations.find(c => c.title === 'Port Scan of an Internal Host');
		expect(scan).toMatchObject({type: 'value_count', groupBy: ['Computer', 'DestinationIp']});
		expect(scan!.groups).toBeGreaterThan(0);
		const groups = await backend.groups(scan!.id, 3);
		expect(groups.length).toBeGreaterThan(0);
		expect(groups.length).toBeLessThanOrEqual(3);
		expect(Object.keys(groups[0]!.group)).toEqual(['Computer', 'DestinationIp']);
		// The seqs are the screen's: each names an event this side has.
		const seqs = new Set(events.map(e => e.seq));
		for (const g of groups) for (const s of g.seqs) expect(seqs.has(s)).toBe(true);
		expect(await backend.groups('no such correlation')).toEqual([]);
	});

	it("reads a Sysmon hit's fields on this side, and applies a filter there, counting the buffered hits", async () => {
		const hit = events.find(e => e.hits.some(h => h.id === BITSADMIN))!;
		expect(hit.format).toBe('sysmon');
		const fields = fieldValuesOf(hit, ['Image', 'ParentImage', 'CommandLine']);
		expect(fields.map(f => f.field)).toEqual(['Image', 'ParentImage', 'CommandLine']);
		expect(fields[0]!.value).toMatch(/^C:\\.+\.exe$/i);
		expect(fields[2]!.value).toMatch(/bitsadmin/i);
		expect(backend.logsource(BITSADMIN)).toMatchObject({category: 'process_creation', product: 'windows'});
		const text = filterYaml({
			id: '11111111-2222-4333-8444-555555555555',
			ruleId: BITSADMIN,
			ruleTitle: 'Bitsadmin',
			logsource: backend.logsource(BITSADMIN),
			fields: fields.slice(0, 1),
		});
		const compiled = compileFilterText(text, 'preview');
		if (!compiled.ok) throw new Error(compiled.error);
		const buffered = suppressedHits(compiled, events);
		expect(buffered.length).toBeGreaterThan(0);
		expect(await backend.addFilter(text, 'tuning:test', bufferedOf(buffered))).toEqual({ok: true});
		const status = await backend.status();
		expect(status.filters).toMatchObject([{id: '11111111-2222-4333-8444-555555555555', rules: [BITSADMIN]}]);
		expect(status.filters[0]!.suppressed).toBe(buffered.length);
		expect(status.filters[0]!.recent.map(r => r.seq)).toEqual(buffered.map(b => b.seq).slice(-100));
		expect(await backend.addFilter('filter: [', 'tuning:bad', bufferedOf([]))).toMatchObject({ok: false});
	});
});

describe('the tuning loop on screen through the thread', {timeout: 60_000}, () => {
	it('e builds a filter from a hit, previews, writes and applies it; v lists its suppressed events', async () => {
		const {thread: own, events: evs} = await openThread();
		const store = new EventStore({capacity: 50_000});
		store.push(evs);
		store.setStatus({state: 'connected'});
		const written: Array<{path: string; text: string}> = [];
		const h = await renderApp(store, {
			rules: own.rules,
			tuning: {
				backend: own.tuning(),
				writeFile: async (path, text) => void written.push({path, text}),
				newId: () => '11111111-2222-4333-8444-555555555555',
				today: () => '2026-12-01',
			},
		});
		try {
			await waitForFrame(h.app, '▶ following');
			await h.press('/bitsadmin');
			await h.press(KEYS.enter);
			await h.press('h');
			await waitForFrame(h.app, 'Bitsadmin Jo');
			await h.press('e');
			let frame = await waitForFrame(h.app, /would suppress \d+ of \d+ buffered hits/);
			expect(frame).toContain('[x] Image');
			const would = Number(/would suppress (\d+) of/.exec(frame)![1]);
			expect(would).toBeGreaterThan(0);
			await h.press('w');
			await h.press('\u0015/tmp/tuned-thread.yml');
			await h.press(KEYS.enter);
			frame = await waitForFrame(h.app, 'wrote a Sigma filter to /tmp/tuned-thread.yml');
			expect(written[0]!.text).toContain(`    - '${BITSADMIN}'`);
			expect(written[0]!.text).toContain("  category: 'process_creation'");
			await h.press(KEYS.enter);
			await waitForFrame(h.app, `filter applied live, ${would} buffered hit${would === 1 ? '' : 's'}`);
			// The rules panel lists the filter with its count; v lists what it suppressed.
			await h.press('r');
			frame = await waitForFrame(h.app, 'filter: Expected "Bitsadmin');
			const rows = frame.split('\n');
			const row = rows.findIndex(l => l.includes('filter: Expected "Bitsadmin'));
			expect(rows[row]).toContain(String(would));
			const first = rows.findIndex(l => l.includes('›'));
			await h.press('j'.repeat(row - first));
			await h.press('v');
			await waitForFrame(h.app, `${would} events · enter opens one`);
			expect((await own.tuning().status()).filters).toMatchObject([{suppressed: would, rules: [BITSADMIN]}]);
		} finally {
			h.app.unmount();
			store.dispose();
			await own.stop();
		}
	});
});
