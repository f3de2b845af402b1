import {describe, expect, it} from 'vitest';
import {buildConfig, ConfigError} from '../../source/config/index.js';

const tty = {env: {}, stdoutIsTTY: true};
const build = (flags: object, input: string[] = [], env = tty) => buildConfig(flags, input, env);

describe('buildConfig', () => {
	it('runs the demo full screen when nothing is given', () => {
		const c = build({});
		expect(c.source).toEqual({kind: 'demo', rate: 50, seed: 1, format: 's1-dv'});
		expect(c.output).toBe('tui');
		expect(c.maxEvents).toBe(50_000);
	});

	it('prints NDJSON when stdout is not a terminal, or with --json', () => {
		expect(build({}, [], {env: {}, stdoutIsTTY: false}).output).toBe('json');
		expect(build({json: true}).output).toBe('json');
	});

	it('reads Kafka flags, splitting comma lists but keeping /regex/ topics whole', () => {
		const c = build({brokers: ['a:9092,b:9092'], topic: ['x,y', '/^dv-(a,b)/'], from: 'earliest'});
		expect(c.source.kind).toBe('kafka');
		if (c.source.kind !== 'kafka') return;
		expect(c.source.kafka.brokers).toEqual(['a:9092', 'b:9092']);
		expect(c.source.kafka.topics).toEqual(['x', 'y', '/^dv-(a,b)/']);
		expect(c.source.kafka.from).toBe('earliest');
		expect(c.source.kafka.commit).toBe(false);
	});

	it('resumes a named group from its committed offsets unless --from says otherwise', () => {
		const named = build({brokers: ['a:1'], topic: ['t'], group: 'g'});
		expect(named.source.kind === 'kafka' && named.source.kafka.from).toBe('committed');
		const ephemeral = build({brokers: ['a:1'], topic: ['t']});
		expect(ephemeral.source.kind === 'kafka' && ephemeral.source.kafka.from).toBe('latest');
		const explicit = build({brokers: ['a:1'], topic: ['t'], group: 'g', from: 'earliest'});
		expect(explicit.source.kind === 'kafka' && explicit.source.kafka.from).toBe('earliest');
	});

	it('refuses Kafka without a topic or without brokers, and --commit without --group', () => {
		expect(() => build({brokers: ['a:1']})).toThrow(/no topic/);
		expect(() => build({topic: ['t']})).toThrow(/no brokers/);
		expect(build({topic: ['t']}, [], {env: {EDRTAIL_BROKERS: 'a:1'}, stdoutIsTTY: true}).source.kind).toBe('kafka');
		expect(() => build({brokers: ['a:1'], topic: ['t'], commit: true})).toThrow(ConfigError);
	});

	it('takes a file from --file or the argument, and - for stdin', () => {
		expect(build({}, ['x.ndjson']).source).toEqual({kind: 'file', path: 'x.ndjson', follow: false});
		expect(build({file: 'y.json.gz', follow: true}).source).toEqual({kind: 'file', path: 'y.json.gz', follow: true});
		expect(build({}, ['-']).source).toEqual({kind: 'stdin'});
		expect(() => build({follow: true})).toThrow(/--follow/);
	});

	it('refuses two sources at once', () => {
		expect(() => build({demo: true, brokers: ['a:1'], topic: ['t']})).toThrow(/choose one source/);
		expect(() => build({demo: true}, ['f.json'])).toThrow(/choose one source/);
	});

	it('expands families and validates categories, formats and levels', () => {
		expect(build({category: ['login,DNS']}).filter.categories).toEqual(['Login', 'Logout', 'DNS']);
		expect(() => build({category: ['nope']})).toThrow(/unknown "nope"/);
		expect(() => build({format: 'xml'})).toThrow(/--format/);
		expect(build({minLevel: 'HIGH'}).rules.minLevel).toBe('high');
		expect(() => build({minLevel: 'severe'})).toThrow(/--min-level/);
		expect(() => build({count: 0})).toThrow(/--count/);
		expect(() => build({demoFormat: 'xml'})).toThrow(/--demo-format/);
	});

	it('honours NO_COLOR, --no-color and TERM=dumb', () => {
		expect(build({}).noColor).toBe(false);
		expect(build({color: false}).noColor).toBe(true);
		expect(build({}, [], {env: {NO_COLOR: '1'}, stdoutIsTTY: true}).noColor).toBe(true);
		expect(build({}, [], {env: {TERM: 'dumb'}, stdoutIsTTY: true}).noColor).toBe(true);
	});
});
