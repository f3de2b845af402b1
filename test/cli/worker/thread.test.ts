// The pipeline thread end to end, from the TypeScript sources (the thread compiles them through
// worker/ts-register.mjs): a file or stdin source, the real stages, events back in order.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import type {EdrEvent, SourceStatus} from '../../../source/core/event.js';
import type {RunConfig, SourceConfig} from '../../../source/config/index.js';
import {PipelineThread, type PipelineThreadOptions} from '../../../source/cli/worker/client.js';
import {planRules} from '../../../source/cli/rules.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-thread-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function configFor(source: SourceConfig, extra: Partial<RunConfig> = {}): RunConfig {
	return {
		output: 'tui',
		source,
		format: 'auto',
		maxInflateBytes: 64 * 1024 * 1024,
		rules: {paths: [], builtin: true},
		filter: {hitsOnly: false},
		exitAtEnd: false,
		maxEvents: 50_000,
		noColor: false,
		time: {utc: false},
		...extra,
	};
}

interface Seen {
	events: EdrEvent[];
	statuses: SourceStatus[];
	skipped: number;
	ended: Promise<void>;
}

type OpenOptions = Omit<PipelineThreadOptions, 'plan'> & {plan?: PipelineThreadOptions['plan']};

async function open(options: OpenOptions): Promise<{thread: PipelineThread; seen: Seen}> {
	let ended!: () => void;
	const seen: Seen = {events: [], statuses: [], skipped: 0, ended: new Promise(r => (ended = r))};
	const plan = options.plan ?? planRules(options.config);
	const thread = await PipelineThread.open(
		{...options, plan},
		{
			events: e => {
				seen.events.push(...e);
			},
			skipped: n => {
				seen.skipped += n;
			},
			status: s => seen.statuses.push(s),
			end: () => ended(),
		},
	);
	return {thread, seen};
}

const lines = (n: number, from = 0) =>
	Array.from({length: n}, (_, i) => JSON.stringify({msg: `line-${from + i}`, host: `HOST-${(from + i) % 3}`})).join(
		'\n',
	) + '\n';

async function until(test: () => boolean, what: string, ms = 20_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!test()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(r => setTimeout(r, 20));
	}
}

describe('the pipeline thread', () => {
	it("delivers a file's events in order with their seqs, the status and the end, and raw on demand", async () => {
		const path = join(dir, 'events.ndjson');
		writeFileSync(path, lines(5000) + '\n\n');
		const {thread, seen} = await open({config: configFor({kind: 'file', path, follow: false})});
		expect(thread.label).toContain('events.ndjson');
		expect(thread.rules.length).toBeGreaterThan(0);
		await thread.start();
		await seen.ended;
		expect(seen.events.map(e => e.seq)).toEqual(Array.from({length: 5000}, (_, i) => i + 1));
		expect(seen.events.map(e => e.summary)).toEqual(
			Array.from({length: 5000}, (_, i) => `msg=line-${i} host=HOST-${i % 3}`),
		);
		expect(seen.statuses.map(s => s.state)).toEqual(['reading', 'ended']);
		expect(seen.events[4321]!.raw).toEqual({msg: 'line-4321', host: 'HOST-1'});
		await thread.stop();
	}, 60_000);

	it('applies --since/--until on the thread: a followed file ends at the first event after --until', async () => {
		const path = join(dir, 'timed.ndjson');
		const t0 = Date.parse('2026-11-27T10:00:00Z');
		const timed = (i: number) => JSON.stringify({msg: `t-${i}`, timestamp: new Date(t0 + i * 1000).toISOString()});
		writeFileSync(path, Array.from({length: 20}, (_, i) => timed(i)).join('\n') + '\n');
		const config = configFor(
			{kind: 'file', path, follow: true},
			{time: {utc: true, since: t0 + 3000, until: t0 + 7000}},
		);
		const {thread, seen} = await open({config});
		await thread.start();
		await seen.ended;
		expect(seen.events.map(e => e.time! - t0)).toEqual([3000, 4000, 5000, 6000, 7000]);
		await thread.stop();
	}, 60_000);

	it("reads stdin through the screen's thread, and waits for the screen rather than queueing", async () => {
		const input = new PassThrough();
		// At most one event in flight between the threads: everything still arrives, in order.
		const {thread, seen} = await open({config: configFor({kind: 'stdin'}), input, maxInFlight: 1});
		await thread.start();
		input.write(lines(300));
		input.end(lines(300, 300));
		await seen.ended;
		expect(seen.events.map(e => e.seq)).toEqual(Array.from({length: 600}, (_, i) => i + 1));
		expect(seen.events.at(-1)!.raw).toEqual({msg: 'line-599', host: 'HOST-2'});
		await thread.stop();
	}, 60_000);

	it('pauses its source while the screen is behind, instead of queueing all of a file', async () => {
		const path = join(dir, 'big.ndjson');
		writeFileSync(path, lines(50_000));
		const config = configFor({kind: 'file', path, follow: false});
		let behind = -1;
		let events = 0;
		let ended!: () => void;
		const done = new Promise<void>(r => (ended = r));
		// The events callback reads `thread` only once started, after it is assigned.
		const thread: PipelineThread = await PipelineThread.open(
			{config, plan: planRules(config), maxInFlight: 500},
			{
				events: e => {
					// The first batch holds this thread up; meanwhile the pipeline thread could have
					// decoded the whole file. How far behind are we once it is done?
					if (events === 0) {
						const until = Date.now() + 1500;
						while (Date.now() < until);
						behind = thread.behind;
					}
					events += e.length;
				},
				skipped() {},
				status() {},
				end: () => ended(),
			},
		);
		await thread.start();
		await done;
		expect(events).toBe(50_000);
		expect(behind).toBeGreaterThan(0);
		// At most the bound and the batch in hand when it was reached: not the 50,000 of the file.
		expect(behind).toBeLessThan(10_000);
		await thread.stop();
	}, 60_000);

	it('stop ends the thread: it exits, and nothing more arrives', async () => {
		const {thread, seen} = await open({config: configFor({kind: 'demo', rate: 2000, seed: 1, format: 's1-cf2'})});
		await thread.start();
		await until(() => seen.events.length > 100, 'demo events');
		await thread.stop();
		expect(await thread.exited).toBeTypeOf('number');
		expect(thread.alive).toBe(false);
		const count = seen.events.length;
		await new Promise(r => setTimeout(r, 300));
		expect(seen.events.length).toBe(count);
		await expect(thread.start()).rejects.toThrow();
		await thread.stop(); // twice is fine
	}, 60_000);

	it('a source that cannot start rejects start with its reason; restart tries a fresh one', async () => {
		const path = join(dir, 'later.ndjson');
		const {thread, seen} = await open({config: configFor({kind: 'file', path, follow: false})});
		await expect(thread.start()).rejects.toThrow(/cannot read .*later\.ndjson/);
		writeFileSync(path, lines(3));
		await thread.restart();
		await seen.ended;
		expect(seen.events.map(e => e.seq)).toEqual([1, 2, 3]);
		await thread.stop();
	}, 60_000);

	it('a thread that dies while it loads rejects open with the reason, after its progress', async () => {
		const entry = new URL('../../fixtures/threads/dying-thread.ts', import.meta.url);
		const config = configFor({kind: 'demo', rate: 10, seed: 1, format: 's1-cf2'});
		const progress: string[] = [];
		const opening = PipelineThread.open(
			{config, plan: planRules(config), entry},
			{events() {}, skipped() {}, status() {}, end() {}},
			{label: label => progress.push(`label ${label}`), progress: text => progress.push(text)},
		);
		await expect(opening).rejects.toThrow(/pipeline thread failed: rules exploded/);
		expect(progress).toEqual(['label dying', 'rules 1/2']);
	}, 60_000);

	it('names its source before the rules load, and gives the rules that did not load', async () => {
		const rulesDir = mkdtempSync(join(tmpdir(), 'edrtail-thread-rules-'));
		writeFileSync(join(rulesDir, 'bad.yml'), 'title: broken\nlogsource: {}\n');
		const config = configFor(
			{kind: 'demo', rate: 10, seed: 1, format: 's1-cf2'},
			{rules: {paths: [rulesDir], builtin: false}},
		);
		const labels: string[] = [];
		const thread = await PipelineThread.open(
			{config, plan: planRules(config)},
			{events() {}, skipped() {}, status() {}, end() {}},
			{label: label => labels.push(label)},
		);
		expect(labels).toEqual([thread.label]);
		expect(thread.label).toContain('demo');
		expect(thread.skippedRules.map(s => s.path)).toEqual([join(rulesDir, 'bad.yml')]);
		await thread.stop();
		rmSync(rulesDir, {recursive: true, force: true});
	}, 60_000);

	it('a thread that crashes becomes an error status, not a crash of the screen', async () => {
		const entry = new URL('../../fixtures/threads/crashing-thread.ts', import.meta.url);
		const {thread, seen} = await open({config: configFor({kind: 'demo', rate: 10, seed: 1, format: 's1-cf2'}), entry});
		const started = thread.start().catch((error: Error) => error);
		await until(() => seen.statuses.some(s => s.state === 'error'), 'the error status');
		expect(seen.statuses.at(-1)).toEqual({state: 'error', reason: 'pipeline thread failed: decoder exploded'});
		expect(await started).toBeInstanceOf(Error);
		expect(thread.alive).toBe(false);
		await thread.stop();
	}, 60_000);
});
