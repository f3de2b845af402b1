// Loading files: multi-document collections, bad documents skipped with reasons, placeholders.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {
	findRuleFiles,
	formatLoadReport,
	levelAtLeast,
	levelRank,
	loadPlaceholders,
	loadRuleFilesAsync,
	loadRules,
	parseRuleFiles,
	parseRuleFileSlice,
	type ParsedRuleFeed,
	type ParsedRuleFile,
} from '../../../source/core/rules/index.js';
import {sysmonEvent} from './rule-helpers.js';

const DIR = 'test/fixtures/rules';

describe('loadRules over a directory', () => {
	// placeholders-map.yml is not a rule: it is skipped like any document without detection.
	const {engine, report} = loadRules([DIR], {builtin: false});
	const reasonOf = (file: string) => report.skipped.find(s => s.path.endsWith(file))?.reason;

	it('loads collection members merged with their global document', () => {
		const ids = engine.rules.map(r => r.id);
		expect(ids).toContain('6f0e3a52-3c1e-4c55-9a0e-2f8c1d2b7a01');
		expect(ids).toContain('6f0e3a52-3c1e-4c55-9a0e-2f8c1d2b7a02');
		const hit = engine.evaluate(sysmonEvent({CommandLine: 'x second-member y'}));
		expect(hit.map(h => [h.id, h.level, h.title])).toEqual([
			['6f0e3a52-3c1e-4c55-9a0e-2f8c1d2b7a02', 'low', 'Collection member'],
		]);
	});

	it('skips bad documents with their reason, never throws', () => {
		expect(reasonOf('bad.yaml')).toMatch(/^YAML error/);
		expect(reasonOf('correlation.yml')).toBe("unresolved reference 'failed_logon'");
		expect(reasonOf('no-detection.yml')).toBe('missing detection');
		expect(reasonOf('placeholder.yml')).toBe('unresolved placeholder %admin_tools% (expand)');
		expect(report.loaded + report.skipped.length).toBe(report.documents);
	});

	it('resolves expand placeholders from a placeholders file', () => {
		const placeholders = loadPlaceholders(`${DIR}/placeholders-map.yml`);
		expect(placeholders.admin_tools).toEqual(['*\\psexec.exe', '*\\procdump.exe']);
		const {engine: withPh} = loadRules([`${DIR}/placeholder.yml`], {builtin: false, placeholders});
		expect(withPh.evaluate(sysmonEvent({Image: 'C:\\tools\\PsExec.exe'})).map(h => h.id)).toEqual([
			'6f0e3a52-3c1e-4c55-9a0e-2f8c1d2b7a03',
		]);
		const check = formatLoadReport(loadRules([`${DIR}/placeholder.yml`], {builtin: false, placeholders}).report);
		expect(check).toMatch(/^Rules: 1 loaded, 0 skipped/);
	});

	it('built-in rules are on by default and can be turned off', () => {
		expect(loadRules([]).engine.rules.length).toBeGreaterThanOrEqual(2);
		expect(loadRules([], {builtin: false}).engine.rules).toEqual([]);
	});

	it('levelAtLeast orders levels', () => {
		expect(levelAtLeast('high', 'medium')).toBe(true);
		expect(levelAtLeast('critical', 'critical')).toBe(true);
		expect(levelAtLeast('low', 'high')).toBe(false);
		expect(['informational', 'low', 'medium', 'high', 'critical'].map(levelRank)).toEqual([0, 1, 2, 3, 4]);
		expect(levelRank('severe')).toBe(-1);
	});
});

describe('findRuleFiles and loadRuleFilesAsync', () => {
	it('lists the rule files, and names each path that gives none', () => {
		const list = findRuleFiles([DIR, 'no-such-path', 'test/fixtures/formats', `${DIR}/placeholder.yml`]);
		expect(list.files.filter(f => f.endsWith('placeholder.yml'))).toHaveLength(2);
		expect(list.problems).toEqual([
			{path: 'no-such-path', reason: 'no such file or directory'},
			{path: 'test/fixtures/formats', reason: 'no rule files (.yml, .yaml) in this directory', empty: true},
		]);
		// loadRules keeps reporting a missing path as unreadable, as before.
		expect(loadRules(['no-such-path'], {builtin: false}).report.unreadable).toEqual([
			{path: 'no-such-path', reason: 'no such file or directory'},
		]);
	});

	it('loads what loadRules loads, a slice at a time, with progress, giving the event loop turns', async () => {
		const list = findRuleFiles([DIR]);
		const progress: Array<[number, number]> = [];
		let turns = 0;
		const timer = setInterval(() => turns++, 0);
		const loaded = await loadRuleFilesAsync(list, {
			builtin: false,
			sliceMs: 0,
			onProgress: (done, total) => progress.push([done, total]),
		});
		clearInterval(timer);
		const sync = loadRules([DIR], {builtin: false});
		expect(loaded.engine.rules.map(r => r.id)).toEqual(sync.engine.rules.map(r => r.id));
		expect(loaded.report).toEqual(sync.report);
		expect(progress.length).toBeGreaterThan(1);
		expect(progress.every(([, total]) => total === list.files.length)).toBe(true);
		expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
		expect(turns).toBeGreaterThan(0);
	});

	it('gives the same rules and report from files parsed elsewhere (a worker gets them cloned)', async () => {
		// A file gone between listing and reading, and one that is no YAML, are reported alike too.
		const dir = mkdtempSync(join(tmpdir(), 'edrtail-parsed-'));
		try {
			writeFileSync(join(dir, 'bad.yml'), 'title: [unclosed\n  detection: {');
			writeFileSync(join(dir, 'gone.yml'), 'title: x');
			const list = findRuleFiles([DIR, dir]);
			rmSync(join(dir, 'gone.yml'));
			const parsed = structuredClone(parseRuleFiles(list));
			expect(parsed.find(f => f.path.endsWith('gone.yml'))?.unreadable).toBe('no such file or directory');
			const fromParsed = await loadRuleFilesAsync(list, {builtin: true, parsed});
			const here = await loadRuleFilesAsync(list, {builtin: true});
			expect(fromParsed.engine.rules).toEqual(here.engine.rules);
			expect(fromParsed.report).toEqual(here.report);
			expect(here.report.unreadable.map(u => u.path)).toEqual([join(dir, 'gone.yml')]);
			expect(here.report.skipped.find(s => s.path === join(dir, 'bad.yml'))?.reason).toMatch(/^YAML error/);
			const hit = fromParsed.engine.evaluate(sysmonEvent({CommandLine: 'x second-member y'}));
			expect(hit.map(h => h.id)).toEqual(['6f0e3a52-3c1e-4c55-9a0e-2f8c1d2b7a02']);
			// Parsed from another list, they are refused rather than compiled under the wrong names.
			await expect(loadRuleFilesAsync(findRuleFiles([DIR]), {parsed})).rejects.toThrow(/not the list parsed/);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	it('compiles a detection only when a route needs it (lazy), to the same hits', async () => {
		// Only where a whole load found no error: the fixtures' broken rules are left out.
		const found = findRuleFiles([DIR]);
		const broken = new Set((await loadRuleFilesAsync(found, {builtin: true})).report.skipped.map(s => s.path));
		const list = {...found, files: found.files.filter(f => !broken.has(f))};
		const eager = await loadRuleFilesAsync(list, {builtin: true});
		expect(eager.report.skipped).toEqual([]);
		const lazy = await loadRuleFilesAsync(list, {builtin: true, lazy: true});
		expect(lazy.report).toEqual(eager.report);
		expect(lazy.engine.rules).toEqual(eager.engine.rules);
		const event = sysmonEvent({CommandLine: 'x second-member y'});
		expect(lazy.engine.evaluate(event)).toEqual(eager.engine.evaluate(event));
		expect(lazy.engine.evaluate(event).length).toBeGreaterThan(0);
	});

	it('leaves only the tallies out of the report when told (tallies: false)', async () => {
		const list = findRuleFiles([DIR]);
		const full = await loadRuleFilesAsync(list, {builtin: true});
		const bare = await loadRuleFilesAsync(list, {builtin: true, tallies: false});
		expect(Object.keys(full.report.byModifier).length).toBeGreaterThan(0);
		expect(bare.engine.rules).toEqual(full.engine.rules);
		const gaps = Object.fromEntries(
			Object.entries(full.report.fieldGaps).map(([format, g]) => [
				format,
				{applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}, ...(g.rules ? {rules: []} : {})},
			]),
		);
		expect(bare.report).toEqual({
			...full.report,
			byModifier: {},
			byLogsource: {},
			byLevel: {},
			unroutable: 0,
			fieldGaps: gaps,
		});
	});

	it('compiles parsed files as a feed brings them, a slice at a time, to the same rules and report', async () => {
		const list = findRuleFiles([DIR]);
		const all = parseRuleFiles(list);
		expect(all.length).toBeGreaterThan(2);
		// A feed that brings the next slice only when asked: loading must compile what it has first.
		const files: ParsedRuleFile[] = [];
		const compiledBefore: number[] = [];
		let done = 0;
		const feed: ParsedRuleFeed = {
			files,
			more: async () => {
				await new Promise(resolve => setTimeout(resolve, 1));
				compiledBefore.push(done);
				files.push(...parseRuleFileSlice(list, files.length, files.length + 2));
			},
		};
		const fed = await loadRuleFilesAsync(list, {builtin: true, parsed: feed, sliceMs: 0, onProgress: d => (done = d)});
		const here = await loadRuleFilesAsync(list, {builtin: true});
		expect(fed.engine.rules).toEqual(here.engine.rules);
		expect(fed.report).toEqual(here.report);
		expect(compiledBefore.length).toBe(Math.ceil(all.length / 2));
		// Each slice was asked for once the ones before it were compiled.
		expect(compiledBefore).toEqual(compiledBefore.map((_, i) => Math.min(i * 2, all.length)));
		const other: ParsedRuleFeed = {files: parseRuleFiles(findRuleFiles([DIR])).reverse(), more: async () => {}};
		await expect(loadRuleFilesAsync(list, {parsed: other})).rejects.toThrow(/not the list parsed/);
	});
});
