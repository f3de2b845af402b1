// Loading files: multi-document collections, bad documents skipped with reasons, placeholders.
import {describe, expect, it} from 'vitest';
import {levelAtLeast, levelRank, loadPlaceholders, loadRules, runRulesCheck} from '../../../source/core/rules/index.js';
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
		expect(hit.map(h => [h.id, h.level, h.title])).toEqual([['6f0e3a52-3c1e-4c55-9a0e-2f8c1d2b7a02', 'low', 'Collection member']]);
	});

	it('skips bad documents with their reason, never throws', () => {
		expect(reasonOf('bad.yaml')).toMatch(/^YAML error/);
		expect(reasonOf('correlation.yml')).toBe('correlation rule (not supported yet)');
		expect(reasonOf('no-detection.yml')).toBe('missing detection');
		expect(reasonOf('placeholder.yml')).toBe('unresolved placeholder %admin_tools% (expand)');
		expect(report.loaded + report.skipped.length).toBe(report.documents);
	});

	it('resolves expand placeholders from a placeholders file', () => {
		const placeholders = loadPlaceholders(`${DIR}/placeholders-map.yml`);
		expect(placeholders.admin_tools).toEqual(['*\\psexec.exe', '*\\procdump.exe']);
		const {engine: withPh} = loadRules([`${DIR}/placeholder.yml`], {builtin: false, placeholders});
		expect(withPh.evaluate(sysmonEvent({Image: 'C:\\tools\\PsExec.exe'})).map(h => h.id)).toEqual(['6f0e3a52-3c1e-4c55-9a0e-2f8c1d2b7a03']);
		const check = runRulesCheck([`${DIR}/placeholder.yml`], {placeholders: `${DIR}/placeholders-map.yml`});
		expect(check.output).toMatch(/^Rules: 1 loaded, 0 skipped/);
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
