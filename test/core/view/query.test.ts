import {describe, expect, it} from 'vitest';
import {parseQuery} from '../../../source/core/view/query.js';

describe('parseQuery', () => {
	it('splits fuzzy text from field filters', () => {
		const q = parseQuery('host:WS01 regsvr32 user:Alice scrobj');
		expect(q.terms.map(t => t.text)).toEqual(['regsvr32', 'scrobj']);
		expect(q.filters).toEqual([
			{key: 'host', op: ':', value: 'ws01', negate: false},
			{key: 'user', op: ':', value: 'alice', negate: false},
		]);
		expect(q.errors).toEqual([]);
	});

	it('reads negation, comparisons, aliases and quoted values', () => {
		const q = parseQuery('-host:dc01 level>=high category:"Process Creation" tech:t1218 "two words"');
		expect(q.filters).toEqual([
			{key: 'host', op: ':', value: 'dc01', negate: true},
			{key: 'level', op: '>=', value: 'high', negate: false},
			{key: 'cat', op: ':', value: 'process creation', negate: false},
			{key: 'technique', op: ':', value: 't1218', negate: false},
		]);
		expect(q.terms).toEqual([{text: 'two words', exact: true}]);
	});

	it('keeps unknown key:value (paths, URLs) as text', () => {
		const q = parseQuery('C:\\Windows http://x.example');
		expect(q.filters).toEqual([]);
		expect(q.terms.map(t => t.text)).toEqual(['c:\\windows', 'http://x.example']);
	});

	it('reports bad values instead of throwing', () => {
		expect(parseQuery('level>=huge').errors[0]).toMatch(/unknown level/);
		expect(parseQuery('pid:abc').errors[0]).toMatch(/pid/);
		expect(parseQuery('host:').errors[0]).toMatch(/needs a value/);
		expect(parseQuery('host>=x').errors[0]).toMatch(/host/);
		expect(parseQuery('level:crit').filters[0]!.value).toBe('critical');
	});

	it('treats short and quoted terms as exact, longer ones as fuzzy', () => {
		expect(parseQuery('cmd powershell "regsvr32"').terms).toEqual([
			{text: 'cmd', exact: true},
			{text: 'powershell', exact: false},
			{text: 'regsvr32', exact: true},
		]);
	});

	it('copes with an unterminated quote and empty input', () => {
		expect(parseQuery('user:"john sm').filters[0]!.value).toBe('john sm');
		expect(parseQuery('   ')).toMatchObject({terms: [], filters: [], errors: []});
	});
});
