// The tuning loop's core: the fields a hit offers, a filter previewed on buffered hits, applied
// live, and written as a Sigma filter document that loads back and suppresses the same hits.
import {describe, expect, it} from 'vitest';
import {filterYaml, loadRuleTexts, sigmaLiteral} from '../../../../source/core/rules/index.js';
import {engineFor, sysmonEvent} from '../rule-helpers.js';

describe('sigmaLiteral', () => {
	it('escapes wildcards and the backslashes that would escape, keeps path backslashes', () => {
		expect(sigmaLiteral('C:\\Windows\\cmd.exe')).toBe('C:\\Windows\\cmd.exe');
		expect(sigmaLiteral('a*b?c')).toBe('a\\*b\\?c');
		expect(sigmaLiteral('dir\\')).toBe('dir\\\\');
		expect(sigmaLiteral('x\\*')).toBe('x\\\\\\*');
	});
});

describe('a filter from a hit', () => {
	const {engine} = engineFor("selection:\n  Image|endswith: '\\\\tool.exe'\ncondition: selection");
	const ev = (image: string, parent: string) => ({
		...sysmonEvent({Image: image, ParentImage: parent, CommandLine: `${image} -x *`}),
		seq: 1,
	});
	const events = [
		ev('C:\\a\\tool.exe', 'C:\\Windows\\explorer.exe'),
		ev('C:\\a\\tool.exe', 'C:\\Windows\\explorer.exe'),
		ev('C:\\b\\tool.exe', 'C:\\Windows\\cmd.exe'),
	].map(e => ({...e, hits: engine.evaluate(e)}));

	it('offers the fields the rules read, with their values', () => {
		expect(engine.fieldValues(events[0]!, ['Image', 'ParentImage', 'User'])).toEqual([
			{field: 'Image', value: 'C:\\a\\tool.exe'},
			{field: 'ParentImage', value: 'C:\\Windows\\explorer.exe'},
		]);
	});

	const spec = {
		id: '11111111-2222-4333-8444-555555555555',
		ruleId: '00000000-0000-4000-8000-000000000001',
		ruleTitle: 'Test rule',
		logsource: {category: 'process_creation', product: 'windows'},
		fields: [
			{field: 'ParentImage', value: 'C:\\Windows\\explorer.exe'},
			{field: 'CommandLine', value: 'C:\\a\\tool.exe -x *'},
		],
		date: '2026-12-01',
	};
	const text = filterYaml(spec);

	it('previews how many buffered hits it would suppress, then applies live', () => {
		const compiled = engine.compileFilterText(text, 'tuning');
		expect(compiled.ok).toBe(true);
		if (!compiled.ok) return;
		expect(engine.suppressedBy(compiled.filter, events)).toBe(2);
		expect(engine.evaluate(events[0]!)).toHaveLength(1);
		engine.addFilter(compiled.filter);
		expect(engine.evaluate(events[0]!)).toEqual([]);
		expect(engine.evaluate(events[2]!)).toHaveLength(1);
		expect(engine.filters!.infos()[0]).toMatchObject({suppressed: 1, recent: [{seq: 1}]});
	});

	it('writes a document that loads back as a filter and suppresses the same hits', () => {
		const {engine: again, report} = loadRuleTexts(
			[
				{
					path: 'rule.yml',
					text: `title: Test rule\nid: ${spec.ruleId}\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  s:\n    Image|endswith: '\\tool.exe'\n  condition: s\n`,
				},
				{path: 'filter.yml', text},
			],
			{builtin: false},
		);
		expect(report.skipped).toEqual([]);
		expect(report.filters).toMatchObject([{id: spec.id, rules: [spec.ruleId], dangling: []}]);
		expect(events.map(e => again.evaluate(e).length)).toEqual([0, 0, 1]);
		expect(text).toContain("    CommandLine: 'C:\\a\\tool.exe -x \\*'");
	});
});
