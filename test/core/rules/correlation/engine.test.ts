// The correlation engine on its own: every type and operator, event-time windows with events out
// of order and late, chains, aliases, generate, and bounded group state.
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {
	CorrelationEngine,
	type CorrelationFire,
	type CorrelationOptions,
	parseCorrelation,
	resolveCorrelations,
	type RuleRef,
} from '../../../../source/core/rules/correlation/index.js';

const RULES: RuleRef[] = [
	{id: 'r-fail', name: 'failed_login', title: 'Failed login'},
	{id: 'r-ok', name: 'successful_login', title: 'Successful login'},
	{id: 'r-a', name: 'recon_a', title: 'A'},
	{id: 'r-b', name: 'recon_b', title: 'B'},
	{id: 'r-c', name: 'recon_c', title: 'C'},
];

function engineOf(yamlDocs: string[], options: CorrelationOptions = {}) {
	const defs = yamlDocs.map((y, i) => parseCorrelation(parse(y), 'test.yml', i, `test.yml#${i}`, 'medium'));
	const res = resolveCorrelations(defs, RULES);
	expect(res.skipped).toEqual([]);
	return new CorrelationEngine(res.resolved, options);
}

const MIN = 60_000;
let seq = 0;
/** Feeds one event hitting `rules` at minute `min` with the given fields; returns the fires. */
function send(e: CorrelationEngine, rules: string[], min: number, fields: Record<string, string>): CorrelationFire[] {
	return e.observe({seq: ++seq, time: min * MIN, read: f => fields[f]}, rules);
}

const eventCount = (cond: string, extra = '') => `
title: Many failed logins
id: c-count
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition: {${cond}}
${extra}`;

describe('event_count', () => {
	it('fires when the window ending at an event reaches the count, once, then starts over', () => {
		const e = engineOf([eventCount('gte: 3')]);
		expect(send(e, ['r-fail'], 0, {User: 'bob'})).toEqual([]);
		expect(send(e, ['r-fail'], 1, {User: 'alice'})).toEqual([]);
		expect(send(e, ['r-fail'], 2, {User: 'bob'})).toEqual([]);
		const [fire] = send(e, ['r-fail'], 3, {User: 'bob'});
		expect(fire).toMatchObject({id: 'c-count', group: {User: 'bob'}, value: 3, condition: '>= 3'});
		expect(fire!.windowStart).toBe(0);
		expect(fire!.windowEnd).toBe(3 * MIN);
		expect(fire!.seqs).toHaveLength(3);
		expect(fire!.rules).toEqual(['r-fail']);
		// The group started over.
		expect(send(e, ['r-fail'], 4, {User: 'bob'})).toEqual([]);
		expect(e.stats()[0]).toMatchObject({fired: 1, groups: 2});
	});

	it('slides on event time: events spread wider than the timespan do not fire', () => {
		const e = engineOf([eventCount('gte: 3')]);
		send(e, ['r-fail'], 0, {User: 'bob'});
		send(e, ['r-fail'], 8, {User: 'bob'});
		// 0, 8, 16: never three within 10 minutes.
		expect(send(e, ['r-fail'], 16, {User: 'bob'})).toEqual([]);
		// 8 is more than 10 minutes before 19: 16 and 19 only.
		expect(send(e, ['r-fail'], 19, {User: 'bob'})).toEqual([]);
		expect(send(e, ['r-fail'], 20, {User: 'bob'})).toHaveLength(1);
	});

	it('counts out-of-order events by their event time, not their arrival', () => {
		// Arrival order 20, 0, 10 (minutes), all within the late allowance: never 3 in 10 minutes.
		const e = engineOf([eventCount('gte: 3')], {lateAllowanceMs: 30 * MIN});
		expect(send(e, ['r-fail'], 20, {User: 'bob'})).toEqual([]);
		expect(send(e, ['r-fail'], 0, {User: 'bob'})).toEqual([]);
		expect(send(e, ['r-fail'], 10, {User: 'bob'})).toEqual([]);
		// A late event at 15 completes the window ending at 20 (10, 15, 20).
		const [fire] = send(e, ['r-fail'], 15, {User: 'bob'});
		expect(fire).toMatchObject({value: 3, windowStart: 10 * MIN, windowEnd: 20 * MIN});
	});

	it('counts events later than the allowance as late and leaves them out', () => {
		const e = engineOf([eventCount('gte: 2')], {lateAllowanceMs: MIN});
		send(e, ['r-fail'], 30, {User: 'bob'});
		expect(send(e, ['r-fail'], 25, {User: 'bob'})).toEqual([]);
		expect(e.stats()[0]!.late).toBe(1);
		// Within the allowance it still counts.
		expect(send(e, ['r-fail'], 29.5, {User: 'bob'})).toHaveLength(1);
		expect(e.stats()[0]!.late).toBe(1);
	});

	it('takes every operator and ranges of two keys', () => {
		const counts = (cond: string) => {
			const e = engineOf([eventCount(cond)]);
			const fired: number[] = [];
			for (let i = 0; i < 6; i++) for (const f of send(e, ['r-fail'], i * 0.1, {User: 'u'})) fired.push(f.value);
			return fired;
		};
		expect(counts('gt: 2')).toEqual([3, 3]);
		expect(counts('gte: 2')).toEqual([2, 2, 2]);
		expect(counts('eq: 4')).toEqual([4]);
		expect(counts('lt: 2')).toEqual([1, 1, 1, 1, 1, 1]);
		expect(counts('lte: 2')).toEqual([1, 1, 1, 1, 1, 1]);
		expect(counts('neq: 1')).toEqual([2, 2, 2]);
		expect(counts('gt: 2, lte: 4')).toEqual([3, 3]);
		expect(counts('gte: 5, lt: 5')).toEqual([]);
	});

	it('skips events without a group-by value', () => {
		const e = engineOf([eventCount('gte: 1')]);
		expect(send(e, ['r-fail'], 0, {})).toEqual([]);
		expect(send(e, ['r-fail'], 0, {User: 'x'})).toHaveLength(1);
	});

	it('hides the rules it names unless generate says otherwise', () => {
		expect(engineOf([eventCount('gte: 3')]).hides('r-fail')).toBe(true);
		expect(engineOf([eventCount('gte: 3', 'generate: true')]).hides('r-fail')).toBe(false);
		expect(engineOf([eventCount('gte: 3')]).hides('r-ok')).toBe(false);
	});
});

describe('value_count and the value_* types', () => {
	const valueDoc = (type: string, cond: string) => `
title: Spray
id: c-${type}
correlation:
  type: ${type}
  rules: [failed_login]
  group-by: [SourceIp]
  timespan: 5m
  condition: {${cond}}
`;
	it('value_count counts distinct values of the field', () => {
		const e = engineOf([valueDoc('value_count', 'field: User, gte: 3')]);
		send(e, ['r-fail'], 0, {SourceIp: '10.0.0.5', User: 'a'});
		send(e, ['r-fail'], 0.1, {SourceIp: '10.0.0.5', User: 'a'});
		send(e, ['r-fail'], 0.2, {SourceIp: '10.0.0.5', User: 'b'});
		expect(send(e, ['r-fail'], 0.3, {SourceIp: '10.0.0.9', User: 'c'})).toEqual([]);
		expect(send(e, ['r-fail'], 0.4, {SourceIp: '10.0.0.5', User: 'c'})).toMatchObject([
			{value: 3, group: {SourceIp: '10.0.0.5'}},
		]);
	});

	it('value_count over several fields counts distinct tuples', () => {
		const e = engineOf([valueDoc('value_count', 'field: [User, Domain], gte: 2')]);
		send(e, ['r-fail'], 0, {SourceIp: 'x', User: 'a', Domain: 'd1'});
		expect(send(e, ['r-fail'], 0, {SourceIp: 'x', User: 'a', Domain: 'd1'})).toEqual([]);
		expect(send(e, ['r-fail'], 0, {SourceIp: 'x', User: 'a', Domain: 'd2'})).toHaveLength(1);
	});

	it('value_sum, value_avg and value_percentile read the field as a number', () => {
		const sum = engineOf([valueDoc('value_sum', 'field: Bytes, gt: 100')]);
		expect(send(sum, ['r-fail'], 0, {SourceIp: 'x', Bytes: '60'})).toEqual([]);
		expect(send(sum, ['r-fail'], 0, {SourceIp: 'x', Bytes: 'n/a'})).toEqual([]);
		expect(send(sum, ['r-fail'], 1, {SourceIp: 'x', Bytes: '50'})).toMatchObject([{value: 110}]);

		const avg = engineOf([valueDoc('value_avg', 'field: Bytes, gte: 10, lt: 20')]);
		expect(send(avg, ['r-fail'], 0, {SourceIp: 'x', Bytes: '30'})).toEqual([]);
		expect(send(avg, ['r-fail'], 0, {SourceIp: 'x', Bytes: '0'})).toMatchObject([{value: 15}]);

		const pct = engineOf([valueDoc('value_percentile', 'field: Ms, percentile: 50, gte: 100')]);
		expect(send(pct, ['r-fail'], 0, {SourceIp: 'x', Ms: '500'})).toMatchObject([{value: 500}]);
		expect(send(pct, ['r-fail'], 0, {SourceIp: 'x', Ms: '1'})).toEqual([]);
		expect(send(pct, ['r-fail'], 0, {SourceIp: 'x', Ms: '2'})).toEqual([]);
		// 1, 2, 3, 900: the median (nearest rank) is 2, the condition does not hold.
		expect(send(pct, ['r-fail'], 0, {SourceIp: 'x', Ms: '900'})).toEqual([]);
		expect(send(pct, ['r-fail'], 0, {SourceIp: 'x', Ms: '800'})).toEqual([]);
		expect(send(pct, ['r-fail'], 0, {SourceIp: 'x', Ms: '700'})).toMatchObject([{value: 700}]);
	});
});

describe('temporal and temporal_ordered', () => {
	const temporal = (type: string, cond = '') => `
title: Recon
id: c-${type}
correlation:
  type: ${type}
  rules: [recon_a, recon_b, recon_c]
  group-by: [ComputerName, User]
  timespan: 5m
  ${cond}
`;
	const host = {ComputerName: 'ws1', User: 'bob'};

	it('temporal without a condition needs every rule, in any order', () => {
		const e = engineOf([temporal('temporal')]);
		expect(send(e, ['r-c'], 0, host)).toEqual([]);
		expect(send(e, ['r-a'], 1, host)).toEqual([]);
		expect(send(e, ['r-a'], 2, host)).toEqual([]);
		expect(send(e, ['r-b'], 3, {...host, User: 'eve'})).toEqual([]);
		const [fire] = send(e, ['r-b'], 3, host);
		expect(fire).toMatchObject({value: 3, condition: 'all 3 rules'});
		expect(fire!.rules.sort()).toEqual(['r-a', 'r-b', 'r-c']);
	});

	it('temporal with a condition counts distinct rules', () => {
		const e = engineOf([temporal('temporal', 'condition: {gte: 2}')]);
		expect(send(e, ['r-a'], 0, host)).toEqual([]);
		expect(send(e, ['r-a'], 1, host)).toEqual([]);
		expect(send(e, ['r-c'], 2, host)).toMatchObject([{value: 2}]);
	});

	it('temporal needs them within the timespan of event time', () => {
		const e = engineOf([temporal('temporal')]);
		send(e, ['r-a'], 0, host);
		send(e, ['r-b'], 3, host);
		expect(send(e, ['r-c'], 6, host)).toEqual([]);
		expect(send(e, ['r-a'], 7, host)).toHaveLength(1);
	});

	it('temporal_ordered needs the rules in their order of event time', () => {
		const e = engineOf([temporal('temporal_ordered')]);
		send(e, ['r-b'], 0, host);
		send(e, ['r-c'], 1, host);
		expect(send(e, ['r-a'], 2, host)).toEqual([]);
		expect(send(e, ['r-b'], 3, host)).toEqual([]);
		expect(send(e, ['r-c'], 4, host)).toMatchObject([{value: 3, condition: 'all 3 rules in order'}]);
	});

	it('temporal_ordered orders by event time when the events arrive out of order', () => {
		const e = engineOf([temporal('temporal_ordered')], {lateAllowanceMs: 10 * MIN});
		send(e, ['r-c'], 3, host);
		send(e, ['r-a'], 1, host);
		expect(send(e, ['r-b'], 2, host)).toHaveLength(1);
		const e2 = engineOf([temporal('temporal_ordered')], {lateAllowanceMs: 10 * MIN});
		send(e2, ['r-a'], 3, host);
		send(e2, ['r-b'], 2, host);
		expect(send(e2, ['r-c'], 4, host)).toEqual([]);
	});
});

describe('aliases and chains', () => {
	it('joins different fields of different rules through an alias', () => {
		const e = engineOf([
			`
title: Failed then success from the same address
id: c-alias
correlation:
  type: temporal
  rules: [failed_login, successful_login]
  group-by: [ip]
  timespan: 1m
  aliases:
    ip:
      failed_login: SourceIp
      successful_login: DestinationIp
`,
		]);
		send(e, ['r-fail'], 0, {SourceIp: '1.2.3.4', DestinationIp: '9.9.9.9'});
		expect(send(e, ['r-ok'], 0.5, {SourceIp: '9.9.9.9', DestinationIp: '5.5.5.5'})).toEqual([]);
		expect(send(e, ['r-ok'], 0.5, {SourceIp: '9.9.9.9', DestinationIp: '1.2.3.4'})).toMatchObject([
			{group: {ip: '1.2.3.4'}},
		]);
	});

	it('chains correlations: an inner hit is an event of the outer, hidden unless generated', () => {
		const e = engineOf([
			`
title: Brute force then success
id: c-outer
correlation:
  type: temporal_ordered
  rules: [multiple_failed_login, successful_login]
  group-by: [User]
  timespan: 10m
level: high
`,
			`
title: Multiple failed
id: c-inner
name: multiple_failed_login
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition: {gte: 3}
`,
		]);
		expect(send(e, ['r-fail'], 0, {User: 'bob'})).toEqual([]);
		expect(send(e, ['r-fail'], 1, {User: 'bob'})).toEqual([]);
		// The inner correlation fires, but only feeds the outer one.
		expect(send(e, ['r-fail'], 2, {User: 'bob'})).toEqual([]);
		expect(e.stats().find(s => s.id === 'c-inner')!.fired).toBe(1);
		const [fire] = send(e, ['r-ok'], 3, {User: 'bob'});
		expect(fire).toMatchObject({id: 'c-outer', level: 'high', group: {User: 'bob'}});
		// The outer hit carries the inner hit's events and its own.
		expect(fire!.seqs).toHaveLength(4);
		expect(e.hides('r-fail')).toBe(true);
		expect(e.hides('r-ok')).toBe(true);
	});
});

describe('bounded state', () => {
	it('evicts the stalest group past the per-correlation cap and counts it', () => {
		const e = engineOf([eventCount('gte: 2')], {maxGroupsPerCorrelation: 2});
		send(e, ['r-fail'], 0, {User: 'a'});
		send(e, ['r-fail'], 0, {User: 'b'});
		send(e, ['r-fail'], 0, {User: 'a'}); // a fires and starts over: groups b
		send(e, ['r-fail'], 0, {User: 'c'});
		send(e, ['r-fail'], 0, {User: 'd'}); // b is the stalest: evicted
		expect(e.stats()[0]).toMatchObject({groups: 2, evicted: 1});
		// b lost its first event.
		expect(send(e, ['r-fail'], 0, {User: 'b'})).toEqual([]);
	});

	it('keeps the total under the cap over all correlations', () => {
		const e = engineOf([eventCount('gte: 5'), eventCount('gte: 5').replace('c-count', 'c-count2')], {maxGroups: 3});
		for (let i = 0; i < 100; i++) send(e, ['r-fail'], i * 0.01, {User: `u${i}`});
		expect(e.groupCount).toBe(3);
		const [a, b] = e.stats();
		expect(a!.evicted + b!.evicted).toBe(197);
	});

	it('drops groups that fell out of every window, and memory stays flat', () => {
		const e = engineOf([eventCount('gte: 50')], {maxGroupsPerCorrelation: 100_000, lateAllowanceMs: 0});
		for (let i = 0; i < 5000; i++) send(e, ['r-fail'], i, {User: `u${i}`});
		// Each user's one event leaves every window 10 minutes later.
		expect(e.groupCount).toBeLessThan(1100);
	});

	it('caps the events one group keeps', () => {
		const e = engineOf([eventCount('gte: 100000')], {maxEventsPerGroup: 10});
		for (let i = 0; i < 1000; i++) send(e, ['r-fail'], 0, {User: 'x'});
		const [g] = e.liveGroups('c-count');
		// The cap is raised to what the condition needs.
		expect(g!.events).toBe(1000);
		const small = engineOf([eventCount('gte: 5')], {maxEventsPerGroup: 10});
		for (let i = 0; i < 4; i++) send(small, ['r-fail'], 0, {User: 'x'});
		expect(small.liveGroups('c-count')[0]).toMatchObject({value: 4, group: {User: 'x'}});
	});
});
