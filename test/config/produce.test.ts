import {describe, it, expect} from 'vitest';
import {buildProduceConfig, parseDuration, type ProduceFlags} from '../../source/config/index.js';

const build = (flags: ProduceFlags, rest: string[] = []) => buildProduceConfig(flags, rest);

describe('buildProduceConfig', () => {
	it('takes one topic and the demo defaults, and keeps only the connection flags for Kafka', () => {
		expect(build({brokers: ['a:1,b:2'], topic: ['t'], count: 10, tls: true, color: true})).toEqual({
			connection: {brokers: ['a:1', 'b:2'], tls: true},
			topic: 't',
			format: 's1-dv',
			rate: 200,
			count: 10,
		});
		const timed = build({topic: ['t'], duration: '2m', format: 'sysmon', rate: 5});
		expect(timed).toMatchObject({durationMs: 120_000, format: 'sysmon', rate: 5});
	});

	it('refuses what produce cannot do, one line each, in this order', () => {
		expect(() => build({topic: []}, ['x'])).toThrow('produce takes no arguments (got x)');
		expect(() => build({topic: ['a', 'b'], format: 'xml'})).toThrow('produce needs exactly one topic: -t NAME');
		expect(() => build({topic: ['a'], format: 'xml'})).toThrow('produce --format must be one of s1-dv, s1-cf2, sysmon');
		expect(() => build({topic: ['a'], duration: '5x'})).toThrow(/--duration: "5x" is not a duration/);
		expect(() => build({topic: ['a']})).toThrow('produce needs --count N or --duration D (e.g. 30s, 5m)');
	});

	it("refuses the feed's flags, which produce would ignore, and counts that are no counts", () => {
		expect(() => build({topic: ['t'], count: 1, json: true})).toThrow('--json does not apply to edrtail produce');
		expect(() => build({topic: ['t'], count: 1, from: 'earliest'})).toThrow('--from does not apply to edrtail produce');
		expect(() => build({topic: ['t'], count: 1, builtinRules: false})).toThrow(
			'--no-builtin-rules does not apply to edrtail produce',
		);
		expect(build({topic: ['t'], count: 1, builtinRules: true}).count).toBe(1);
		expect(() => build({topic: ['t'], count: 1.5})).toThrow('--count must be a whole number (got 1.5)');
		expect(() => build({topic: ['t'], count: 1, rate: -1})).toThrow('--rate must be a positive number (got -1)');
	});
});

describe('parseDuration', () => {
	it('reads ms, s, m, h, and seconds without a unit', () => {
		const texts = ['500ms', '1.5s', '2m', '1h', '3'];
		expect(texts.map(parseDuration)).toEqual([500, 1500, 120_000, 3_600_000, 3000]);
	});
});
