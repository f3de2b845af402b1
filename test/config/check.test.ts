import {describe, it, expect} from 'vitest';
import {buildCheckConfig, type ParsedFlags} from '../../source/config/index.js';

const build = (flags: ParsedFlags, rest: string[] = []) => buildCheckConfig(flags, rest);

describe('buildCheckConfig', () => {
	it('keeps the connection flags, the topics, the group and --json', () => {
		expect(build({brokers: ['a:1,b:2'], topic: ['t1,t2'], group: 'soc', json: true, tls: true, color: true})).toEqual({
			connection: {brokers: ['a:1', 'b:2'], tls: true},
			topics: ['t1', 't2'],
			group: 'soc',
			json: true,
		});
		expect(build({properties: ['k.properties'], builtinRules: true})).toEqual({
			connection: {brokers: [], properties: ['k.properties']},
			topics: [],
			group: undefined,
			json: false,
		});
	});

	it('refuses arguments, patterns and the flags of the feed and of produce', () => {
		expect(() => build({}, ['x'])).toThrow('check takes no arguments (got x)');
		expect(() => build({topic: ['/dv-.*/']})).toThrow('check -t takes topic names, not patterns (got /dv-.*/)');
		expect(() => build({from: 'earliest'})).toThrow('--from does not apply to edrtail check');
		expect(() => build({commit: true})).toThrow('--commit does not apply to edrtail check');
		expect(() => build({rate: 5})).toThrow('--rate does not apply to edrtail check');
		expect(() => build({count: 5})).toThrow('--count does not apply to edrtail check');
	});
});
