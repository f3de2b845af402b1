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

describe('parseQuery errors (every width shows them; --search exits 2 on them)', () => {
	const error = (q: string) => parseQuery(q).errors.join('; ');

	it('reports an unknown field, with a guess when one is close', () => {
		expect(error('imag:cmd.exe')).toBe('unknown field "imag": did you mean image:?');
		expect(error('levl>=high')).toMatch(/did you mean level:/);
		expect(error('foo:bar')).toBe('unknown field "foo" (to search the text, quote it: "foo:bar")');
		expect(error('bogus>3')).toMatch(/unknown field "bogus"/);
		expect(parseQuery('foo:bar').terms).toEqual([]);
	});

	it('reports values a field cannot hold', () => {
		expect(error('level>=bogus')).toMatch(/^unknown level "bogus"/);
		expect(error('cat:nonsense')).toMatch(/^unknown category "nonsense"/);
		expect(error('family:nope')).toMatch(/^unknown family "nope"/);
		expect(error('format:xml')).toMatch(/^unknown format "xml"/);
		expect(error('port:http')).toMatch(/^port needs a number/);
		expect(error('port:70000')).toMatch(/^port needs a number 0-65535/);
		expect(error('hash:xyz')).toMatch(/^hash needs hex digits/);
		expect(error('ip:300.1.2.3')).toMatch(/^ip needs an address/);
		expect(error('ip:10.0.0.0/40')).toMatch(/^ip needs an address/);
	});

	it('reports operators a field does not take, and reads = and != for the rest', () => {
		expect(error('image>=cmd')).toBe('image takes image:value, not >=');
		expect(parseQuery('level=high').filters).toEqual([{key: 'level', op: ':', value: 'high', negate: false}]);
		expect(parseQuery('host!=dc01').filters).toEqual([{key: 'host', op: ':', value: 'dc01', negate: true}]);
		expect(parseQuery('port>=1024').filters).toEqual([{key: 'port', op: '>=', value: '1024', negate: false}]);
	});

	it('reports a regex it will not run, and a regex on a number field', () => {
		expect(error('/a(?=b)/')).toBe('/a(?=b)/: lookahead and lookbehind are not supported');
		expect(error('/(a/')).toMatch(/unterminated group/);
		expect(error('pid:/1/')).toBe('pid takes a value, not a /regex/');
	});

	it('keeps what only looks like a filter as text: paths, URLs, addresses, name=value, quoted', () => {
		const q = parseQuery('C:\\Windows http://x.example/ fe80::1 aa:bb:cc:dd:ee:ff -enc=abc "foo:bar" /tmp/x');
		expect(q.errors).toEqual([]);
		expect(q.filters).toEqual([]);
		expect(q.terms.map(t => t.text)).toEqual([
			'c:\\windows',
			'http://x.example/',
			'fe80::1',
			'aa:bb:cc:dd:ee:ff',
			'-enc=abc',
			'foo:bar',
			'/tmp/x',
		]);
	});
});

describe('parseQuery: new fields and /regex/', () => {
	it('reads the analyst fields and their aliases', () => {
		const q = parseQuery(
			'image:cmd.exe cmdline:-enc parent:winword.exe path:\\temp\\ sha256:ABC ip:10.0.0.0/8 port:443 domain:*.example.com key:run type:moduleload',
		);
		expect(q.errors).toEqual([]);
		expect(q.filters.map(f => `${f.key}${f.op}${f.value}`)).toEqual([
			'image:cmd.exe',
			'cmdline:-enc',
			'parent:winword.exe',
			'path:\\temp\\',
			'hash:abc',
			'ip:10.0.0.0/8',
			'port:443',
			'domain:example.com',
			'key:run',
			'type:moduleload',
		]);
	});

	it('reads /regex/ alone, negated, on a field, with spaces inside', () => {
		expect(parseQuery('/reg(svr|add)32/').filters).toEqual([
			{key: 'text', op: ':', value: 'reg(svr|add)32', negate: false, regex: true},
		]);
		expect(parseQuery('-cmdline:/-enc(odedcommand)? /').filters).toEqual([
			{key: 'cmdline', op: ':', value: '-enc(odedcommand)? ', negate: true, regex: true},
		]);
		expect(parseQuery('/a\\/b/ x').filters[0]!.value).toBe('a/b');
		expect(parseQuery('/a\\/b/ x').terms.map(t => t.text)).toEqual(['x']);
	});

	it('matches file names, paths, addresses, hashes and domains as text; plain words fuzzily', () => {
		const exact = (s: string) => parseQuery(s).terms[0]!.exact;
		for (const s of [
			'cmd.exe',
			'10.0.0.5',
			'c:\\windows\\temp',
			'evil.example',
			'd41d8cd98f00b204e9800998ecf8427e',
			'123456',
			'user@corp',
		])
			expect([s, exact(s)]).toEqual([s, true]);
		for (const s of ['powershell', 'regsvr32', 'mimikatz', 'scrobj']) expect([s, exact(s)]).toEqual([s, false]);
	});
});
