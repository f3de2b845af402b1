// The tuning loop's core: the fields a hit offers, a filter previewed on buffered hits, applied
// live, and written as a Sigma filter document that loads back and suppresses the same hits.
import {describe, expect, it} from 'vitest';
import {
	answerTuning,
	bufferedOf,
	compileFilterText,
	engineTuning,
	fieldValuesOf,
	filterYaml,
	loadRuleTexts,
	sigmaLiteral,
	suppressedHits,
} from '../../../../source/core/rules/index.js';
import {parseWithLibrary, parseYamlDocuments} from '../../../../source/core/rules/yaml-docs.js';
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

	it('previews on its own field registry, without the engine, as the engine counts', () => {
		const alone = compileFilterText(text, 'preview');
		expect(alone.ok).toBe(true);
		if (!alone.ok) return;
		const seqd = events.map((e, i) => ({...e, seq: 10 + i}));
		expect(suppressedHits(alone, seqd)).toEqual([
			{seq: 10, rule: spec.ruleId},
			{seq: 11, rule: spec.ruleId},
		]);
		expect(fieldValuesOf(events[2]!, ['Image', 'User'])).toEqual(engine.fieldValues(events[2]!, ['Image', 'User']));
	});
});

describe('the tuning requests an engine answers', () => {
	const ruleId = '00000000-0000-4000-8000-000000000001';
	const fresh = () => engineFor("selection:\n  Image|endswith: '\\\\tool.exe'\ncondition: selection").engine;
	const text = filterYaml({
		id: '11111111-2222-4333-8444-555555555555',
		ruleId,
		ruleTitle: 'Test rule',
		fields: [{field: 'ParentImage', value: 'C:\\Windows\\explorer.exe'}],
	});
	const hit = (parent: string, seq: number) => {
		const e = {...sysmonEvent({Image: 'C:\\a\\tool.exe', ParentImage: parent}), seq};
		return e;
	};

	it('adds a filter live and counts the buffered hits it suppresses on it', async () => {
		const engine = fresh();
		const backend = engineTuning(engine);
		expect(backend.logsource(ruleId)).toEqual({category: 'process_creation', product: 'windows'});
		const buffered = bufferedOf([
			{seq: 3, rule: ruleId},
			{seq: 5, rule: ruleId},
		]);
		expect(await backend.addFilter(text, 'tuning:x', buffered)).toEqual({ok: true});
		expect(engine.evaluate(hit('C:\\Windows\\explorer.exe', 9))).toEqual([]);
		const status = await backend.status();
		expect(status.filters).toMatchObject([{suppressed: 3, recent: [{seq: 3}, {seq: 5}, {seq: 9}]}]);
		expect(status.correlations).toEqual([]);
		// The answer is a copy: the engine counting on does not change it.
		engine.evaluate(hit('C:\\Windows\\explorer.exe', 10));
		expect(status.filters[0]!.recent).toHaveLength(3);
		expect(await backend.addFilter('title: x', 'tuning:y', bufferedOf([]))).toEqual({
			ok: false,
			error: 'not a filter document',
		});
	});

	it('says so when no rules are loaded, and bounds what it lists', () => {
		expect(answerTuning(undefined, {kind: 'addFilter', text, where: 'w', buffered: bufferedOf([])})).toEqual({
			kind: 'addFilter',
			result: {ok: false, error: 'no rules loaded'},
		});
		expect(answerTuning(undefined, {kind: 'groups', correlation: 'x', limit: 5})).toEqual({kind: 'groups', groups: []});
		const many = bufferedOf(Array.from({length: 250}, (_, i) => ({seq: i, rule: ruleId})));
		expect(many.count).toBe(250);
		expect(many.recent).toHaveLength(100);
		expect(many.recent[0]!.seq).toBe(150);
	});
});

describe('a written filter with hostile values', () => {
	const hostile = [
		'it\'s "quoted"',
		'key: value # not a comment',
		'line one\nline two\r\nthree',
		'wild * and ? and \\* and \\',
		'C:\\Users\\x\\',
		'  spaces around  ',
		'- [a] {b} &c !d %e @f `g` |h >i',
		'null',
		'~',
		'0x10',
		'tab\there',
		'ünïcödé 中文 😀 \u00a0',
		'breaks \u0085 \u2028 \u2029 bom \ufeff',
		'controls \u0000 \u0007 \u001b \u007f \u009b',
		'lone \ud800 surrogate',
		'"',
		"'",
		'\\',
	];
	const ruleId = '00000000-0000-4000-8000-000000000001';
	const docOf = (value: string) =>
		filterYaml({
			id: '11111111-2222-4333-8444-555555555555',
			ruleId,
			ruleTitle: `Hostile ${value}`,
			logsource: {category: 'process_creation', product: 'windows'},
			fields: [{field: 'CommandLine', value}],
			date: '2026-12-01',
		});

	it.each(hostile)('%j reads back exactly, with either YAML reader', value => {
		const text = docOf(value);
		for (const docs of [parseYamlDocuments(text), parseWithLibrary(text)]) {
			expect(docs).toHaveLength(1);
			const doc = docs[0]!.value as {title: string; filter: {rules: string[]; expected: Record<string, string>}};
			expect(doc.filter.expected.CommandLine).toBe(sigmaLiteral(value));
			expect(doc.filter.rules).toEqual([ruleId]);
			expect(doc.title).toBe(`Expected "Hostile ${value}" hits (same CommandLine)`);
		}
	});

	it.each(hostile)('%j suppresses exactly that value once loaded', value => {
		const {engine, report} = loadRuleTexts(
			[
				{
					path: 'rule.yml',
					text: `title: Any\nid: ${ruleId}\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  s:\n    Image|endswith: 'tool.exe'\n  condition: s\n`,
				},
				{path: 'filter.yml', text: docOf(value)},
			],
			{builtin: false},
		);
		expect(report.skipped).toEqual([]);
		const ev = (cmd: string) => sysmonEvent({Image: 'C:\\tool.exe', CommandLine: cmd});
		expect(engine.evaluate(ev(value))).toEqual([]);
		expect(engine.evaluate(ev(`${value}x`))).toHaveLength(1);
		expect(engine.evaluate(ev(`x${value}`))).toHaveLength(1);
	});
});
