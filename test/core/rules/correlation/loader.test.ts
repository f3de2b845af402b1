// Correlations and filters through the loader and the rule engine: the specification's examples,
// references across files, what `rules check` reports, and filters with `rules: any`.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../../../source/core/event.js';
import type {DecodedEvent} from '../../../../source/core/formats/index.js';
import {formatLoadReport, loadRuleTexts} from '../../../../source/core/rules/index.js';
import {serializeJsonLine} from '../../../../source/core/view/index.js';

// The specification's example "Failed Logins Followed by Successful Login", as written there.
const SPEC_EXAMPLE = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
status: experimental
description: Detects multiple failed logins by a single user followed by a successful login of that user
references:
    - https://reference.com
author: Florian Roth (Nextron Systems)
date: 2023-06-16
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
falsepositives:
    - Unlikely
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
description: Detects multiple failed logins within a certain amount of time
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
description: Detects a successful login
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`;

let seq = 0;
function security(eventId: string, fields: Record<string, string>, timeS: number): DecodedEvent & {seq: number} {
	return {
		seq: ++seq,
		category: 'Login',
		family: 'login',
		format: 'sysmon',
		os: 'windows',
		time: timeS * 1000,
		receivedAt: 5,
		target: {},
		summary: '',
		hits: [],
		raw: null,
		sigmaFields: {EventID: eventId, Channel: 'Security', ...fields},
	};
}

describe('the specification example, multi-document, chained, by name', () => {
	const {engine, report} = loadRuleTexts([{path: 'brute.yml', text: SPEC_EXAMPLE}], {builtin: false});

	it('loads two rules and two correlations, nothing skipped', () => {
		expect(report.skipped).toEqual([]);
		expect(report.loaded).toBe(2);
		expect(report.documents).toBe(4);
		expect(report.correlations.map(c => [c.id, c.skipped])).toEqual([
			['b180ead8-d58f-40b2-ae54-c8940995b9b6', undefined],
			['a8418a5a-5fc4-46b5-b23b-6c73beb19d41', undefined],
		]);
		expect(report.correlations[0]!.rules).toEqual([
			{ref: 'multiple_failed_login', resolved: {kind: 'correlation', id: 'a8418a5a-5fc4-46b5-b23b-6c73beb19d41'}},
			{ref: 'successful_login', resolved: {kind: 'rule', id: '4d0a2c83-c62c-4ed4-b475-c7e23a9269b8'}},
		]);
	});

	it('fires after ten failures and a success of one user, and hides the single hits', () => {
		const made: Array<Omit<EdrEvent, 'seq'>> = [];
		const seqs: number[] = [];
		for (let i = 0; i < 10; i++) {
			const ev = security('4625', {User: 'bob'}, i);
			seqs.push(ev.seq);
			// The failed-login rule's own hit is hidden: the correlation names it.
			expect(engine.evaluate(ev)).toEqual([]);
			made.push(...engine.takeDerived());
		}
		expect(made).toEqual([]);
		expect(engine.evaluate(security('4624', {User: 'alice'}, 11))).toEqual([]);
		expect(engine.takeDerived()).toEqual([]);
		const ok = security('4624', {User: 'bob'}, 12);
		seqs.push(ok.seq);
		expect(engine.evaluate(ok)).toEqual([]);
		const [hit] = engine.takeDerived();
		expect(hit).toMatchObject({
			category: 'correlation',
			family: 'correlation',
			format: 'correlation',
			subtype: 'temporal_ordered',
			user: 'bob',
			time: 12_000,
			hits: [{id: 'b180ead8-d58f-40b2-ae54-c8940995b9b6', level: 'high'}],
			correlation: {group: {User: 'bob'}, value: 2, condition: 'all 2 rules in order'},
		});
		expect(hit!.correlation!.seqs).toEqual(seqs);
		expect(hit!.summary).toContain('User=bob');
		// --json: a line of its own kind.
		const line = JSON.parse(serializeJsonLine({...hit!, seq: 99}));
		expect(line).toMatchObject({
			category: 'correlation',
			format: 'correlation',
			subtype: 'temporal_ordered',
			correlation: {
				id: 'b180ead8-d58f-40b2-ae54-c8940995b9b6',
				group: {User: 'bob'},
				windowStart: '1970-01-01T00:00:00.000Z',
				windowEnd: '1970-01-01T00:00:12.000Z',
				seqs,
			},
		});
		const stats = engine.correlations!.stats();
		expect(stats.map(s => s.fired)).toEqual([1, 1]);
	});
});

const RULE = (id: string, name: string, eventId: string) => `title: Rule ${name}
id: ${id}
name: ${name}
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: ${eventId}
  condition: selection
`;

describe('references across files, dangling references, generate', () => {
	const texts = [
		{
			path: 'corr.yml',
			text: `title: Spray
id: c-spray
correlation:
  type: value_count
  rules: [failed]
  group-by: [IpAddress]
  timespan: 5m
  condition: {field: TargetUserName, gte: 3}
  generate: true
level: high
---
title: Broken
id: c-broken
correlation:
  type: event_count
  rules: [failed, nowhere]
  group-by: [IpAddress]
  timespan: 5m
  condition: {gte: 3}
---
title: Outer of broken
id: c-outer
correlation:
  type: temporal
  rules: [c-broken, failed]
  group-by: [IpAddress]
  timespan: 5m
`,
		},
		{path: 'rules.yml', text: RULE('r-failed', 'failed', '4625')},
	];
	const {engine, report} = loadRuleTexts(texts, {builtin: false});

	it('resolves a name defined in a later file; skips what names nothing, and what names it', () => {
		expect(report.skipped.map(s => [s.id, s.reason])).toEqual([
			['c-broken', "unresolved reference 'nowhere'"],
			['c-outer', "refers to skipped correlation 'c-broken'"],
		]);
		expect(report.loaded + report.correlations.filter(c => !c.skipped).length + report.skipped.length).toBe(
			report.documents,
		);
		const text = formatLoadReport(report);
		expect(text).toContain('Correlations: 1 loaded, 2 skipped');
		expect(text).toContain('nowhere -> NOTHING (unresolved)');
		expect(text).toContain('failed -> rule r-failed');
		expect(JSON.parse(formatLoadReport(report, {json: true})).correlations).toHaveLength(3);
	});

	it('keeps the named rule hits with generate: true', () => {
		const users = ['a', 'b', 'c'];
		const hits = users.map((u, i) => engine.evaluate(security('4625', {IpAddress: '10.0.0.5', TargetUserName: u}, i)));
		expect(hits.map(h => h.map(x => x.id))).toEqual([['r-failed'], ['r-failed'], ['r-failed']]);
		expect(engine.takeDerived()).toMatchObject([
			{correlation: {id: 'c-spray', value: 3, group: {IpAddress: '10.0.0.5'}}},
		]);
	});
});

describe('filters', () => {
	const texts = [
		{path: 'rules.yml', text: `${RULE('r-failed', 'failed', '4625')}---\n${RULE('r-ok', 'ok', '4624')}`},
		{
			path: 'filters.yml',
			text: `title: Not the scanner
id: f-scanner
logsource:
  product: windows
  service: security
filter:
  rules: [failed]
  scanner:
    IpAddress: 10.9.9.9
  condition: not scanner
---
title: Not on domain controllers
id: f-dc
filter:
  rules: any
  dc:
    Computer|startswith: DC
  condition: not dc
---
title: Names nothing loaded
id: f-dangling
filter:
  rules: [gone]
  x:
    User: y
  condition: not x
`,
		},
	];
	const {engine, report} = loadRuleTexts(texts, {builtin: false});

	it('loads filter documents and reports what they name', () => {
		expect(report.skipped).toEqual([]);
		expect(report.filters.map(f => [f.id, f.rules, f.dangling])).toEqual([
			['f-scanner', ['failed'], []],
			['f-dc', 'any', []],
			['f-dangling', ['gone'], ['gone']],
		]);
		expect(formatLoadReport(report)).toContain('Not on domain controllers (f-dc) on every rule');
	});

	it('suppresses the hits of the rules they name, and counts them per filter', () => {
		expect(engine.evaluate(security('4625', {IpAddress: '10.9.9.9', Computer: 'WS1'}, 0))).toEqual([]);
		expect(engine.evaluate(security('4625', {IpAddress: '10.1.1.1', Computer: 'WS1'}, 0))).toHaveLength(1);
		// The scanner filter names only `failed`: a success from the scanner still hits.
		expect(engine.evaluate(security('4624', {IpAddress: '10.9.9.9', Computer: 'WS1'}, 0))).toHaveLength(1);
		// rules: any
		expect(engine.evaluate(security('4624', {IpAddress: '10.1.1.1', Computer: 'DC01'}, 0))).toEqual([]);
		const counts = engine.filters!.infos().map(f => [f.id, f.suppressed, f.recent.length]);
		expect(counts).toEqual([
			['f-scanner', 1, 1],
			['f-dc', 1, 1],
			['f-dangling', 0, 0],
		]);
	});
});
