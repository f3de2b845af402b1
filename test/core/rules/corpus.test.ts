// The whole SigmaHQ corpus loads: at least 99.5% of rules/windows, and every file under rules/
// either loads or is skipped with a reason. Nothing throws. The counts are those of the checkout
// the project measures against (3,141 rule files); the corpus comes from EDRTAIL_SIGMA_RULES
// (test/helpers/sigma-corpus.ts) and the file is skipped without it.
import {join, sep} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {formatLoadReport, type LoadReport, loadRules, type RuleEngine} from '../../../source/core/rules/index.js';
import {sigmaCorpus} from '../../helpers/sigma-corpus.js';

const corpus = sigmaCorpus();
const ROOT = corpus.root ?? '';
let engine: RuleEngine;
let report: LoadReport;

describe.skipIf(!corpus.root)('SigmaHQ corpus', () => {
	// About 4 s on an idle 2-core machine; several times that when the machine is busy.
	beforeAll(() => {
		({engine, report} = loadRules([ROOT], {builtin: false}));
	}, 120_000);

	it('loads at least 99.5% of rules/windows', () => {
		const isWindows = (p: string) => p.startsWith(join(ROOT, 'windows') + sep);
		const loaded = engine.rules.filter(r => isWindows(r.path)).length;
		const skipped = report.skipped.filter(s => isWindows(s.path)).length;
		expect(loaded + skipped).toBe(2407);
		expect(loaded / 2407).toBeGreaterThanOrEqual(0.995);
	});

	it('accounts for every document: loaded or skipped with a non-empty reason', () => {
		expect(report.files).toBe(3141);
		expect(report.unreadable).toEqual([]);
		expect(report.loaded + report.skipped.length).toBe(report.documents);
		for (const s of report.skipped) expect(s.reason.trim()).not.toBe('');
	});

	it('counts modifiers, logsources and the fields S1 cannot supply', () => {
		expect(report.byModifier.contains).toBeGreaterThan(1000);
		expect(report.byModifier.windash).toBeGreaterThan(0);
		expect(report.byLogsource['windows/process_creation']).toBe(1183);
		const s1 = report.fieldGaps['s1-cf2'];
		expect(s1.fields.OriginalFileName).toBeGreaterThan(500);
		expect(s1.rulesWithUnsuppliedFields).toBeLessThan(s1.applicable);
		const text = formatLoadReport(report);
		expect(text).toMatch(/^Rules: 3,141 loaded, 0 skipped/);
		expect(text).toContain('OriginalFileName');
		expect(JSON.parse(formatLoadReport(report, {json: true})).loaded).toBe(report.loaded);
	});
});
