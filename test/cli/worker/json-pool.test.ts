// Headless runs on the worker pool (real json-thread.ts workers, from the TypeScript sources): the
// same bytes in the same order as in-process, correlations included, and a worker that dies.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {planRules} from '../../../source/cli/rules.js';
import {loadPlanned} from '../../../source/cli/rules.js';
import {decodeOptionsOf, makeOutputFilter, makeStages} from '../../../source/cli/make-stages.js';
import {runJson, type JsonRunOptions} from '../../../source/cli/run-json.js';
import {JsonPool, rulesBesidePool} from '../../../source/cli/worker/json-pool.js';
import type {RunConfig} from '../../../source/config/index.js';
import type {RawRecord} from '../../../source/core/event.js';
import {generateDemoRecords, type DemoWireFormat} from '../../../source/core/demo/index.js';
import {createArraySource} from '../../../source/core/sources/index.js';

function configFor(extra: Partial<RunConfig> = {}): RunConfig {
	return {
		output: 'json',
		source: {kind: 'file', path: 'events.ndjson', follow: false},
		format: 'auto',
		maxInflateBytes: 64 * 1024 * 1024,
		rules: {paths: [], builtin: true},
		filter: {hitsOnly: false},
		exitAtEnd: true,
		maxEvents: 50_000,
		noColor: false,
		time: {utc: false},
		...extra,
	};
}

interface Ran {
	code: number;
	out: string;
	err: string;
}

async function run(
	config: RunConfig,
	records: RawRecord[],
	pool?: JsonPool,
	extra: Partial<JsonRunOptions> = {},
): Promise<Ran> {
	const rules = await loadPlanned(planRules(config));
	const out = new PassThrough();
	const err = new PassThrough();
	let outText = '';
	let errText = '';
	out.on('data', d => (outText += d));
	err.on('data', d => (errText += d));
	const code = await runJson({
		// Small batches: many of them, spread over every worker, answered out of order.
		source: createArraySource(records, {batchSize: 37}),
		stages: makeStages(config, rules),
		passes: makeOutputFilter(config),
		pool,
		decode: decodeOptionsOf(config),
		count: config.count,
		out,
		err,
		...extra,
	});
	return {code, out: outText, err: errText};
}

/** Lines without receivedAt (the time each run read the record). */
const comparable = (text: string) => text.replace(/"receivedAt":"[^"]*",/g, '');

describe('headless runs on the worker pool', () => {
	it.each<DemoWireFormat>(['s1-dv', 'sysmon', 's1-cf2'])(
		'%s: the same lines in the same order as in-process, correlation lines included',
		async format => {
			const records = generateDemoRecords(4000, {format});
			const config = configFor();
			const alone = await run(config, records);
			const pool = await JsonPool.open({config, plan: planRules(config), threads: 3, hits: false});
			const pooled = await run(config, records, pool);
			expect(pooled.err).toBe('');
			expect(pooled.code).toBe(0);
			expect(comparable(pooled.out)).toBe(comparable(alone.out));
			expect(alone.out.split('\n').length).toBeGreaterThan(1000);
			if (format === 'sysmon') expect(alone.out).toContain('"category":"correlation"');
		},
		60_000,
	);

	it('--count and --hits-only cut at the same line', async () => {
		const records = generateDemoRecords(3000, {format: 'sysmon'});
		const config = configFor({count: 12, filter: {hitsOnly: true}});
		const alone = await run(config, records);
		const pool = await JsonPool.open({config, plan: planRules(config), threads: 2, hits: false});
		const pooled = await run(config, records, pool);
		expect(pooled.code).toBe(0);
		expect(pooled.out.trimEnd().split('\n')).toHaveLength(12);
		expect(comparable(pooled.out)).toBe(comparable(alone.out));
	}, 60_000);

	it('this thread loads only the built-in rules beside the pool when the correlations are all built-in', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'edrtail-pool-rules-'));
		const rule = 'title: user rule\nid: 1a2b3c4d-0000-4000-8000-000000000001\nlogsource: {product: windows}\n';
		writeFileSync(join(dir, 'user.yml'), `${rule}detection: {sel: {Image|endswith: '.exe'}, condition: sel}\n`);
		const config = configFor({rules: {paths: [dir], builtin: true}});
		const plan = planRules(config);
		const full = await loadPlanned(plan);
		const beside = await rulesBesidePool(plan, full.report);
		expect(beside.report).toBe(full.report);
		expect(beside.engine?.correlations).toBeDefined();
		expect(beside.engine?.rules.map(r => r.title)).not.toContain('user rule');
		expect(full.engine?.rules.map(r => r.title)).toContain('user rule');
		const none = configFor({rules: {paths: [dir], builtin: false}});
		const alone = await loadPlanned(planRules(none));
		expect((await rulesBesidePool(planRules(none), alone.report)).engine).toBeUndefined();
		rmSync(dir, {recursive: true, force: true});
	});

	it("workers after the first load worker 0's rules when a detection does not compile", async () => {
		// They compile detections only when a route needs them, so they do not see this error: the
		// broken rule's id, taken again by a later good rule, must still go to the good one.
		const dir = mkdtempSync(join(tmpdir(), 'edrtail-pool-lazy-'));
		const head =
			'id: 1a2b3c4d-0000-4000-8000-000000000002\nlogsource: {category: process_creation, product: windows}\n';
		writeFileSync(join(dir, 'a.yml'), `title: broken\n${head}detection: {sel: {Image|bogus: x}, condition: sel}\n`);
		writeFileSync(
			join(dir, 'b.yml'),
			`title: good twin\n${head}detection: {sel: {Image|endswith: '.exe'}, condition: sel}\n`,
		);
		try {
			const config = configFor({rules: {paths: [dir], builtin: false}, filter: {hitsOnly: true}});
			const records = generateDemoRecords(1500, {format: 'sysmon'});
			const alone = await run(config, records);
			const pool = await JsonPool.open({config, plan: planRules(config), threads: 3, hits: false});
			expect(pool.loadReport).toEqual((await loadPlanned(planRules(config))).report);
			expect(pool.loadReport?.skipped.map(s => s.reason)).toEqual(["unknown modifier 'bogus'"]);
			const pooled = await run(config, records, pool);
			expect(pooled.code).toBe(0);
			expect(pooled.out).toContain('"title":"good twin"');
			expect(comparable(pooled.out)).toBe(comparable(alone.out));
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	}, 60_000);

	it('a worker that dies ends the run with exit 1 and its reason, not a hang', async () => {
		const config = configFor();
		const entry = new URL('../../fixtures/threads/dying-json-thread.ts', import.meta.url);
		const pool = await JsonPool.open({config, plan: planRules(config), threads: 2, hits: false, entry});
		const ran = await run(config, generateDemoRecords(500, {format: 's1-cf2'}), pool);
		expect(ran.code).toBe(1);
		expect(ran.err).toMatch(/^edrtail: worker thread \d failed: decoder exploded\n$/);
	}, 60_000);
});
