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
		expect(build({file: 'y.json', follow: true}).source).toEqual({kind: 'file', path: 'y.json', follow: true});
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

	it("reads the correlations' late allowance (seconds, 0 allowed) and group cap", () => {
		expect(build({lateAllowance: 0}).rules.lateAllowanceMs).toBe(0);
		expect(build({lateAllowance: 90}).rules.lateAllowanceMs).toBe(90_000);
		expect(build({}).rules.lateAllowanceMs).toBeUndefined();
		expect(() => build({lateAllowance: -1})).toThrow(/--late-allowance/);
		expect(build({maxGroups: 500}).rules.maxGroups).toBe(500);
		expect(() => build({maxGroups: 0})).toThrow(/--max-groups/);
	});

	it('honours NO_COLOR, --no-color and TERM=dumb', () => {
		expect(build({}).noColor).toBe(false);
		expect(build({color: false}).noColor).toBe(true);
		expect(build({}, [], {env: {NO_COLOR: '1'}, stdoutIsTTY: true}).noColor).toBe(true);
		expect(build({}, [], {env: {TERM: 'dumb'}, stdoutIsTTY: true}).noColor).toBe(true);
	});

	it('refuses a flag that does not apply to the chosen source, naming both', () => {
		const file = {file: 'x.ndjson'};
		expect(() => build({...file, from: '-15m'})).toThrow(
			'--from applies to a Kafka source (-b, -t), not to the file x.ndjson',
		);
		expect(() => build({demo: true, group: 'g1'})).toThrow(
			'--group applies to a Kafka source (-b, -t), not to the demo',
		);
		expect(() => build({group: 'g1'})).toThrow(
			'--group applies to a Kafka source (-b, -t), not to the demo (the default source)',
		);
		expect(() => build({...file, saslUsername: 'u'})).toThrow(
			'--sasl-username applies to a Kafka source (-b, -t), not to the file x.ndjson',
		);
		expect(() => build({...file, x: ['client.id=a']})).toThrow(
			'-X applies to a Kafka source (-b, -t), not to the file x.ndjson',
		);
		expect(() => build({tlsCa: '/ca'}, ['-'])).toThrow('--tls-ca applies to a Kafka source (-b, -t), not to stdin');
		expect(() => build({brokers: ['a:1'], topic: ['t'], rate: 5})).toThrow('--rate applies to the demo, not to Kafka');
		expect(() => build({...file, seed: 3})).toThrow('--seed applies to the demo, not to the file x.ndjson');
		expect(() => build({...file, duration: '5s'} as object)).toThrow(
			'--duration applies to edrtail produce, not to the feed',
		);
		expect(() => build({demo: true, exitAtEnd: true})).toThrow(/--exit-at-end: the demo has no end/);
		expect(() => build({...file, follow: true, exitAtEnd: true})).toThrow(
			'--exit-at-end contradicts --follow, which waits for more',
		);
		expect(() => build({count: 5})).toThrow(/--count stops the --json output/);
		expect(build({count: 5, json: true}).count).toBe(5);
		expect(() => build({maxEvents: 10, json: true})).toThrow(/--max-events sizes the full screen's buffer/);
		expect(build({maxEvents: 10}).maxEvents).toBe(10);
		expect(() => build({placeholders: 'p.yml'})).toThrow(/--placeholders .* give --rules PATH too/);
		// A boolean turned off is not "given".
		expect(build({...file, commit: false}).source.kind).toBe('file');
	});

	it('refuses a missing file or a directory as the input, when it can look', () => {
		const kinds = {'x.ndjson': 'file', dir: 'directory'} as const;
		const env = {env: {}, stdoutIsTTY: true, pathKind: (p: string) => kinds[p as keyof typeof kinds] ?? 'missing'};
		expect(build({file: 'x.ndjson'}, [], env).source.kind).toBe('file');
		expect(() => build({file: 'dir'}, [], env)).toThrow('cannot read dir: it is a directory (--file takes one file)');
		expect(() => build({}, ['nope.ndjson'], env)).toThrow('cannot read nope.ndjson: no such file');
		expect(() => build({}, ['nope.ndjson'], env)).toThrow(ConfigError);
		expect(() => build({}, ['rulez'], env)).toThrow('cannot read rulez: no such file (did you mean edrtail rules?)');
		expect(() => build({file: 'x.ndjson.gz', follow: true})).toThrow('--follow cannot tail a .gz file');
	});

	it('refuses a search the search bar would show an error for', () => {
		expect(() => build({search: 'level>=bogus'})).toThrow(ConfigError);
		expect(() => build({search: 'level>=bogus'})).toThrow(/^--search: unknown level "bogus"/);
		expect(build({search: 'host:ws01 level>=high'}).filter.search).toBe('host:ws01 level>=high');
		expect(build({search: ''}).filter.search).toBeUndefined();
	});

	it('wants whole numbers for counts', () => {
		expect(() => build({count: 1.5, json: true})).toThrow('--count must be a whole number (got 1.5)');
		expect(() => build({maxEvents: 10.5})).toThrow('--max-events must be a whole number (got 10.5)');
	});

	it('--hits-to: a topic on the cluster read, headless, never one of the topics read', () => {
		const kafka = {brokers: ['a:1'], topic: ['t'], json: true};
		expect(build({...kafka, hitsTo: 'hits'}).hitsTo).toBe('hits');
		expect(build({...kafka}).hitsTo).toBeUndefined();
		expect(() => build({json: true, hitsTo: 'hits'})).toThrow(/needs -b and -t/);
		expect(() => build({...kafka, json: false, hitsTo: 'hits'})).toThrow(/headless/);
		expect(() => build({...kafka, hitsTo: 't'})).toThrow(/also read/);
		expect(() => build({...kafka, hitsTo: ''})).toThrow(ConfigError);
	});
});
