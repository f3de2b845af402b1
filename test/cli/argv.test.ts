import {describe, expect, it} from 'vitest';
import {readArgv} from '../../source/cli/argv.js';
import {FLAGS} from '../../source/cli/flags.js';
import {ConfigError} from '../../source/config/index.js';

const read = (...argv: string[]) => readArgv(argv, FLAGS);
const argvOf = (...argv: string[]) => {
	const r = read(...argv);
	if (r.kind !== 'run') throw new Error(`not a run: ${r.kind}`);
	return r.argv;
};
const errorOf = (...argv: string[]) => {
	try {
		read(...argv);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as Error).message;
	}
	throw new Error(`no error for ${argv.join(' ')}`);
};

describe('readArgv', () => {
	it('asks for help on -h, --help and `edrtail help`, anywhere before --', () => {
		expect(read('-h')).toEqual({kind: 'help'});
		expect(read('--help')).toEqual({kind: 'help'});
		expect(read('help')).toEqual({kind: 'help'});
		expect(read('--demo', '-h')).toEqual({kind: 'help'});
		expect(read('--version')).toEqual({kind: 'version'});
		// A file named help, given after --, is a file.
		expect(argvOf('--', 'help')).toEqual(['--', 'help']);
	});

	it('attaches every value to its flag, also one that starts with -', () => {
		expect(argvOf('-b', 'h:1', '--from', '-15m', '-t', 'x')).toEqual(['--brokers=h:1', '--topic=x', '--from=-15m']);
		expect(argvOf('--search', '-host:x', '--seed', '-3')).toEqual(['--search=-host:x', '--seed=-3']);
		expect(argvOf('-Xsasl.mechanism=PLAIN', '-bk:1')).toEqual(['--x=sasl.mechanism=PLAIN', '--brokers=k:1']);
		expect(argvOf('--rules=a', '--rules', 'b', 'file.ndjson')).toEqual(['--rules=a', '--rules=b', '--', 'file.ndjson']);
		expect(argvOf('rules', 'check', '-', '--json')).toEqual(['--json=true', '--', 'rules', 'check', '-']);
	});

	it('reads booleans and their --no- forms, the last one winning', () => {
		expect(argvOf('--no-color', '--no-builtin-rules')).toEqual(['--color=false', '--builtin-rules=false']);
		expect(argvOf('--json', '--no-json')).toEqual(['--json=false']);
		expect(argvOf('--json=false')).toEqual(['--json=false']);
		expect(errorOf('--json=yes')).toBe('--json takes no value (got "yes")');
	});

	it('names an unknown flag with the nearest known one', () => {
		expect(errorOf('--hit-only')).toBe(
			'unknown flag --hit-only (did you mean --hits-only?): edrtail --help lists the flags',
		);
		expect(errorOf('--rule', 'x')).toContain('did you mean --rules?');
		expect(errorOf('-x', 'a=b')).toContain('did you mean -X?');
		expect(errorOf('--exit')).toContain('did you mean --exit-at-end?');
		expect(errorOf('--frobnicate')).toBe('unknown flag --frobnicate: edrtail --help lists the flags');
	});

	it('refuses a flag without its value, a value that is no number, and a flag given twice', () => {
		expect(errorOf('--file')).toBe('--file needs a value');
		expect(errorOf('--rules', '--json')).toMatch(/^--rules needs a value \(got the flag --json; .*--rules=VALUE\)$/);
		expect(errorOf('--file', '')).toBe('--file needs a value (got "")');
		expect(errorOf('--rate', 'abc')).toBe('--rate must be a number (got "abc")');
		expect(errorOf('--count', 'Infinity')).toBe('--count must be a number (got "Infinity")');
		expect(errorOf('--file', 'a', '--file', 'b')).toBe('--file is given twice ("a" and "b"): give it once');
		// An empty search is no search (scripts pass "$Q").
		expect(argvOf('--search', '')).toEqual(['--search=']);
	});
});
