// Events that carry their fields under Sigma's names (Sysmon) are read in one pass over their keys:
// names match in any case, the exact spelling wins over another case, a missing Computer is the
// host, keyword rules see every value, and a field first named by a filter added later is read too.
import {describe, expect, it} from 'vitest';
import {filterYaml} from '../../../source/core/rules/index.js';
import {engineFor, sysmonEvent} from './rule-helpers.js';

const evaluate = (detection: string, fields: Record<string, string>, extra: object = {}) =>
	engineFor(detection).engine.evaluate({...sysmonEvent(fields), ...extra});

describe('Sigma-named fields', () => {
	it('match a rule whose field is spelled in another case', () => {
		const hits = evaluate("selection:\n  Image|endswith: '\\\\tool.exe'\ncondition: selection", {
			image: 'C:\\a\\TOOL.exe',
		});
		expect(hits.map(h => h.fields.map(f => [f.field, f.value]))).toEqual([[['Image', 'C:\\a\\TOOL.exe']]]);
	});

	it('read the exact spelling when the event has the name in two cases, whatever their order', () => {
		const rule = "selection:\n  CommandLine|contains: 'exact'\ncondition: selection";
		expect(evaluate(rule, {COMMANDLINE: 'other', CommandLine: 'the exact one'})).toHaveLength(1);
		expect(evaluate(rule, {CommandLine: 'the exact one', commandline: 'other'})).toHaveLength(1);
		expect(evaluate(rule, {COMMANDLINE: 'the exact one', CommandLine: 'other'})).toEqual([]);
		// Neither spelled as the rule does: the first in the event's order.
		expect(evaluate(rule, {COMMANDLINE: 'the exact one', commandline: 'other'})).toHaveLength(1);
		expect(evaluate(rule, {commandline: 'other', COMMANDLINE: 'the exact one'})).toEqual([]);
	});

	it('read a missing Computer as the host, a present one as itself', () => {
		const rule = "selection:\n  Computer: 'WS-01'\ncondition: selection";
		expect(evaluate(rule, {Image: 'x'}, {host: 'WS-01'})).toHaveLength(1);
		expect(evaluate(rule, {Image: 'x', Computer: 'WS-02'}, {host: 'WS-01'})).toEqual([]);
		expect(evaluate(rule, {Image: 'x', computer: 'ws-01'}, {host: 'WS-02'})).toHaveLength(1);
	});

	it('a missing field is null, and every value is searched by keywords', () => {
		expect(evaluate('selection:\n  ParentUser: null\ncondition: selection', {Image: 'x'})).toHaveLength(1);
		expect(evaluate('selection:\n  ParentUser: null\ncondition: selection', {parentuser: 'x'})).toEqual([]);
		const keywords = "keywords:\n  - 'mimikatz'\ncondition: keywords";
		expect(evaluate(keywords, {Image: 'x', SomeOddField: 'run MimiKatz now'})).toHaveLength(1);
		expect(evaluate(keywords, {Image: 'x', SomeOddField: 'nothing'})).toEqual([]);
	});

	it('read a field that only a filter added later names', () => {
		const {engine} = engineFor("selection:\n  Image|endswith: '\\\\tool.exe'\ncondition: selection");
		const ev = {...sysmonEvent({Image: 'C:\\a\\tool.exe', TerminalSessionId: '7'}), seq: 1};
		expect(engine.evaluate(ev)).toHaveLength(1);
		const text = filterYaml({
			id: '11111111-2222-4333-8444-555555555555',
			ruleId: '00000000-0000-4000-8000-000000000001',
			ruleTitle: 'Test rule',
			logsource: {category: 'process_creation', product: 'windows'},
			fields: [{field: 'terminalsessionid', value: '7'}],
			date: '2026-12-01',
		});
		const compiled = engine.compileFilterText(text, 'tuning');
		expect(compiled.ok).toBe(true);
		if (!compiled.ok) return;
		engine.addFilter(compiled.filter);
		expect(engine.evaluate(ev)).toEqual([]);
		expect(engine.evaluate({...ev, sigmaFields: {...ev.sigmaFields, TerminalSessionId: '8'}})).toHaveLength(1);
	});
});

describe('a value met again', () => {
	it('is decided as the first time, also when it differs only in case and the rule is cased', () => {
		const {engine} = engineFor("selection:\n  Image|cased|endswith: '\\\\Tool.exe'\ncondition: selection");
		const seen = [];
		for (let i = 0; i < 3000; i++) {
			const image = i % 2 ? 'C:\\a\\Tool.exe' : 'C:\\a\\tool.exe';
			seen.push(engine.evaluate(sysmonEvent({Image: image})).length);
		}
		expect(seen.filter((n, i) => n !== i % 2)).toEqual([]);
	});

	it('is decided again by a rule comparing it with another field (fieldref)', () => {
		const {engine} = engineFor('selection:\n  Image|fieldref: ParentImage\ncondition: selection');
		const seen = [];
		for (let i = 0; i < 3000; i++) {
			const parent = i % 3 ? 'C:\\a\\x.exe' : 'C:\\a\\other.exe';
			seen.push(engine.evaluate(sysmonEvent({Image: 'C:\\a\\x.exe', ParentImage: parent})).length);
		}
		expect(seen.filter((n, i) => n !== (i % 3 ? 1 : 0))).toEqual([]);
	});
});

describe('the spans of a value met again', () => {
	it('are the same spans, each hit with its own', () => {
		const {engine} = engineFor("selection:\n  Image|endswith: '\\\\tool.exe'\ncondition: selection");
		const first = engine.evaluate(sysmonEvent({Image: 'C:\\a\\tool.exe'}));
		const spans = first[0]!.fields[0]!.spans;
		expect(spans).toEqual([[4, 13]]);
		spans[0]![0] = 99;
		const again = engine.evaluate(sysmonEvent({Image: 'C:\\a\\tool.exe'}));
		expect(again[0]!.fields[0]!.spans).toEqual([[4, 13]]);
		expect(again[0]!.fields[0]!.spans).not.toBe(spans);
	});
});
