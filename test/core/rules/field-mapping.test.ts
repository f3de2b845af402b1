// Sigma field names read from S1 normalized events (docs/formats.md §8) and hit spans.
import {describe, expect, it} from 'vitest';
import type {DecodedEvent} from '../../../source/core/formats/index.js';
import {loadRuleTexts} from '../../../source/core/rules/index.js';
import {itemAt} from '../../helpers/lists.js';
import {ruleText} from './rule-helpers.js';

function s1(
	category: DecodedEvent['category'],
	target: DecodedEvent['target'],
	extra: Partial<DecodedEvent> = {},
): DecodedEvent {
	return {
		category,
		family: 'other',
		format: 's1-dv',
		os: 'windows',
		host: 'WS-01',
		receivedAt: 0,
		summary: '',
		hits: [],
		raw: null,
		actor: {image: 'C:\\Windows\\System32\\svchost.exe', cmdline: 'svchost.exe -k netsvcs'},
		parent: {image: 'C:\\Windows\\System32\\services.exe'},
		target,
		...extra,
	};
}

function hits(detection: string, logsource: string, ev: DecodedEvent) {
	const {engine, report} = loadRuleTexts([{path: 't.yml', text: ruleText(detection, logsource)}], {builtin: false});
	expect(report.skipped).toEqual([]);
	return engine.evaluate(ev);
}

describe('S1 field mapping', () => {
	it('registry: TargetObject/Details with hives normalised, EventType', () => {
		const ev = s1('Registry Value Modified', {
			registry: {key: 'MACHINE\\SYSTEM\\ControlSet001\\Services\\evil\\ImagePath', data: 'C:\\Users\\Public\\x.exe'},
		});
		const det =
			"sel:\n  TargetObject|startswith: 'HKLM\\System\\CurrentControlSet\\Services\\'\n  Details|contains: '\\Users\\Public\\'\n  EventType: SetValue\n  Image|endswith: '\\svchost.exe'\ncondition: sel";
		expect(hits(det, 'category: registry_set\n  product: windows', ev)).toHaveLength(1);
		// registry_set rules do not apply to process events.
		expect(
			hits(det, 'category: registry_set\n  product: windows', s1('Process Creation', {process: {image: 'x'}})),
		).toHaveLength(0);
	});
	it('network: DestinationIp/Port, Initiated, DestinationHostname from the URL', () => {
		const tcp = s1('TCPv4 Connection', {network: {dstIp: '10.1.2.3', dstPort: 4444, direction: 'OUTGOING'}});
		expect(
			hits(
				"sel:\n  DestinationPort: 4444\n  Initiated: 'true'\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel",
				'category: network_connection\n  product: windows',
				tcp,
			),
		).toHaveLength(1);
		const http = s1('HTTP Request', {http: {url: 'https://raw.githubusercontent.com/a/b', method: 'GET'}});
		expect(
			hits(
				"sel:\n  DestinationHostname|endswith: '.githubusercontent.com'\ncondition: sel",
				'category: network_connection\n  product: windows',
				http,
			),
		).toHaveLength(1);
	});
	it('dns: QueryName; file: TargetFilename', () => {
		expect(
			hits(
				"sel:\n  QueryName|endswith: '.ngrok.io'\ncondition: sel",
				'category: dns_query\n  product: windows',
				s1('DNS', {dns: {query: 'abc.ngrok.io'}}),
			),
		).toHaveLength(1);
		expect(
			hits(
				"sel:\n  TargetFilename|endswith: '.sct'\ncondition: sel",
				'category: file_event\n  product: windows',
				s1('File Creation', {file: {path: 'C:\\Temp\\a.SCT'}}),
			),
		).toHaveLength(1);
	});
	it('process creation: Image is the child, ParentImage the actor; OriginalFileName never matches; os routes product', () => {
		const ev = s1(
			'Process Creation',
			{process: {image: 'C:\\Windows\\System32\\certutil.exe', cmdline: 'certutil -urlcache -f http://x/a a'}},
			{actor: {image: 'C:\\Windows\\System32\\cmd.exe'}},
		);
		const det = "sel:\n  Image|endswith: '\\certutil.exe'\n  ParentImage|endswith: '\\cmd.exe'\ncondition: sel";
		expect(hits(det, 'category: process_creation\n  product: windows', ev)).toHaveLength(1);
		expect(hits(det, 'category: process_creation\n  product: linux', ev)).toHaveLength(0);
		expect(
			hits(
				"sel:\n  OriginalFileName: 'CertUtil.exe'\ncondition: sel",
				'category: process_creation\n  product: windows',
				ev,
			),
		).toHaveLength(0);
	});
	it('hits carry the matched fields with [start, end) spans', () => {
		const ev = s1('Process Creation', {
			process: {image: 'C:\\Windows\\System32\\certutil.exe', cmdline: 'certutil -urlcache -f http://x/a a'},
		});
		const hit = itemAt(
			hits(
				"sel:\n  Image|endswith: '\\certutil.exe'\n  CommandLine|contains|windash: '/urlcache'\ncondition: sel",
				'category: process_creation\n  product: windows',
				ev,
			),
			0,
		);
		const cl = hit.fields.find(f => f.field === 'CommandLine')!;
		expect(cl.source).toBe('target.process.cmdline');
		expect(cl.spans).toEqual([[9, 18]]);
		const img = hit.fields.find(f => f.field === 'Image')!;
		const [start, end] = itemAt(img.spans, 0);
		expect(img.value.slice(start, end)).toBe('\\certutil.exe');
	});
	it('attacker-controlled text never throws', () => {
		const weird = s1('Process Creation', {
			process: {image: 'İ'.repeat(50), cmdline: `${'a*'.repeat(5000)}\u0000\uD800`},
		});
		expect(() =>
			hits("sel:\n  CommandLine|contains: 'a*b*c*d'\ncondition: sel", 'category: process_creation', weird),
		).not.toThrow();
		expect(
			hits("sel:\n  CommandLine|contains: 'a*b*c*d'\ncondition: sel", 'category: process_creation', weird),
		).toEqual([]);
	});
});
