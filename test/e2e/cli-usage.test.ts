// The built CLI as a new user and an attacker meet it: help, typos, flags that do not apply,
// secrets, hostile file names, rules paths, and the exit code of each (README "Exit codes").
// No broker: every case here fails or ends before a connection would be made.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {sigmaCorpus} from '../helpers/sigma-corpus.js';
import {TmuxServer, shellQuote, waitForExit} from '../helpers/tmux.js';
import {runCli} from './kafka-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-cli-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const TITLE = '\x1b]0;PWNED\x07';
const RULE = (modifier = 'contains') => `title: Hostile
id: 0b1f4c1e-0000-4000-8000-000000000001
logsource: {product: windows, category: process_creation}
detection:
  sel:
    CommandLine|${modifier}: x
  condition: sel
level: high
`;

/** stderr and stdout hold no byte a terminal would act on: ESC, BEL, C1 controls. */
function expectInert(text: string): void {
	expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
}

async function usage(args: string[]): Promise<string> {
	const r = await runCli(args, 20_000);
	expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
	expect(r.stdout).toBe('');
	// One line, prefixed, no stack trace.
	expect(r.stderr).toMatch(/^edrtail: [^\n]+\n$/);
	expectInert(r.stderr);
	return r.stderr;
}

describe('edrtail help and typos (exit 0 for help, 2 for a usage error)', () => {
	it('-h, --help and `edrtail help` print the help on stdout and exit 0', async () => {
		for (const args of [['-h'], ['--help'], ['help'], ['--demo', '-h']]) {
			const r = await runCli(args, 20_000);
			expect(r.code, args.join(' ')).toBe(0);
			expect(r.stdout).toContain('Usage');
			expect(r.stdout).toContain('--hits-only');
		}
	});

	it('an unknown flag is named, prefixed, and the nearest flag suggested', async () => {
		expect(await usage(['--hit-only'])).toBe(
			'edrtail: unknown flag --hit-only (did you mean --hits-only?): edrtail --help lists the flags\n',
		);
		expect(await usage(['--rule', 'x'])).toContain('did you mean --rules?');
		expect(await usage([`--${TITLE}`])).toContain('\\x1b]0;PWNED\\x07');
	});

	it('values: a number that is not one is quoted, a missing value is an error, twice is an error', async () => {
		expect(await usage(['--rate', 'abc'])).toContain('--rate must be a number (got "abc")');
		expect(await usage(['--file'])).toContain('--file needs a value');
		expect(await usage(['--rules'])).toContain('--rules needs a value');
		expect(await usage(['--rules', '--json'])).toContain('--rules needs a value (got the flag --json');
		expect(await usage(['--file', 'a', '--file', 'b'])).toContain('--file is given twice');
		expect(await usage(['--format', TITLE])).toContain('(got "\\x1b]0;PWNED\\x07")');
	});

	it('a value that starts with - after a flag that takes one is its value', async () => {
		const r = await runCli(['--demo', '--search', '-host:nothing-like-this', '--json', '--count', '3'], 20_000);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout.trim().split('\n')).toHaveLength(3);
	});
});

describe('flags that do not apply to the source are refused (exit 2)', () => {
	const file = join(dir, 'one.ndjson');
	writeFileSync(file, '{"EventID":1,"Image":"C:\\\\x.exe"}\n');

	it('names the flag and the source', async () => {
		expect(await usage(['--file', file, '--from', '-15m'])).toMatch(/--from .*Kafka.*file/);
		expect(await usage(['--demo', '--group', 'g1'])).toMatch(/--group .*Kafka.*demo/);
		expect(await usage(['--file', file, '--sasl-username', 'u'])).toMatch(/--sasl-username .*Kafka.*file/);
		expect(await usage(['--file', file, '--rate', '5'])).toMatch(/--rate .*demo.*file/);
		expect(await usage(['--file', file, '--duration', '5s'])).toMatch(/--duration .*produce/);
	});

	it('refuses an unknown -X key with a suggestion, and a password on the command line', async () => {
		expect(await usage(['-b', '127.0.0.1:1', '-t', 'x', '-X', 'bogus.key=1'])).toContain(
			'-X bogus.key: unknown property',
		);
		expect(await usage(['-b', '127.0.0.1:1', '-t', 'x', '-X', 'sasl.mechansim=PLAIN'])).toContain(
			'did you mean sasl.mechanism?',
		);
		const pw = await usage(['-b', '127.0.0.1:1', '-t', 'x', '-X', 'sasl.password=S3cr3tP@ssw0rd!']);
		expect(pw).not.toContain('S3cr3t');
		expect(pw).toContain('EDRTAIL_SASL_PASSWORD');
	});
});

describe('usage errors exit 2, with the cause named', () => {
	it('-X without =, an unsupported mechanism, a bad search, a missing -F file, a directory as --file', async () => {
		expect(await usage(['-b', '127.0.0.1:1', '-t', 'x', '-X', 'foo'])).toContain('-X foo: expected key=value');
		expect(
			await usage(['-b', '127.0.0.1:1', '-t', 'x', '--sasl-mechanism', 'gssapi', '--sasl-username', 'u']),
		).toContain('gssapi');
		expect(await usage(['--demo', '--search', 'level>=bogus', '--json', '--count', '1'])).toContain('bogus');
		expect(await usage(['-F', join(dir, 'missing.properties'), '-t', 'x'])).toContain('missing.properties');
		expect(await usage(['--file', dir])).toContain('is a directory');
		expect(await usage(['--file', join(dir, 'nope.ndjson')])).toContain('nope.ndjson');
	});

	it('a properties line without = is refused without echoing a secret value', async () => {
		const props = join(dir, 'bad.properties');
		writeFileSync(
			props,
			'bootstrap.servers=127.0.0.1:1\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.password S3cr3tP@ssw0rd!\n',
		);
		const text = await usage(['-F', props, '-t', 'x', '--json']);
		expect(text).toContain('bad.properties:4');
		expect(text).not.toContain('S3cr3t');
	});

	it('a file name with terminal escapes is escaped in the error', async () => {
		const text = await usage(['--file', join(dir, `nope${TITLE}.ndjson`)]);
		expect(text).toContain('nope\\x1b]0;PWNED\\x07.ndjson');
	});
});

describe('--rules: a typo is an error, not detection turned off', () => {
	it('a path that does not exist or holds no rule file exits 2 naming it', async () => {
		expect(await usage(['--demo', '--json', '--count', '1', '--rules', './nonexistent'])).toContain('./nonexistent');
		const empty = join(dir, 'empty-rules');
		mkdirSync(empty);
		writeFileSync(join(empty, 'README.md'), 'no rules here');
		expect(await usage(['--demo', '--json', '--count', '1', '--rules', empty])).toContain('no rule files');
		expect(await usage(['rules', 'check', './nonexistent'])).toContain('./nonexistent');
	});

	it('rules check escapes a hostile modifier and a hostile file name', async () => {
		const rules = join(dir, 'hostile-rules');
		mkdirSync(rules);
		writeFileSync(join(rules, `evil${TITLE}.yml`), RULE(`cont${TITLE}ains`));
		for (const extra of [[], ['--json']]) {
			const r = await runCli(['rules', 'check', rules, ...extra], 20_000);
			expect(r.code, r.stderr).toBe(0);
			expectInert(r.stdout);
			expectInert(r.stderr);
			expect(r.stdout).toContain('PWNED');
		}
	});
});

describe('runtime failures exit 1', () => {
	it('--json: a file that cannot be read to the end', async () => {
		const bad = join(dir, 'bad.ndjson.gz');
		writeFileSync(bad, 'this is not gzip');
		const r = await runCli(['--file', bad, '--json'], 20_000);
		expect(r.code, r.stderr).toBe(1);
		expect(r.stderr).toMatch(/^edrtail: cannot read /);
	});
});

describe('the full screen (tmux)', () => {
	let server: TmuxServer | undefined;
	afterEach(() => server?.kill());

	it('ends non-zero when the source ended in an error', async () => {
		const bad = join(dir, 'screen-bad.ndjson.gz');
		writeFileSync(bad, 'this is not gzip');
		server = new TmuxServer();
		const s = await server.session('ui', 80, 24);
		const exit = join(dir, 'exit-error');
		s.start(`--file ${shellQuote(bad)}`, exit);
		await s.waitFor(x => x.includes('✖ error: cannot read'), 'the error on screen');
		s.keys('q');
		expect(await waitForExit(exit)).toBe('EXIT=1');
	});

	it('shows rule loading, then the skipped rules in the header and why in the rules panel', async () => {
		const rules = join(dir, 'screen-rules');
		mkdirSync(rules);
		writeFileSync(join(rules, 'good.yml'), RULE());
		writeFileSync(join(rules, 'broken.yml'), 'title: Broken\nlogsource: {product: windows}\n');
		server = new TmuxServer();
		const s = await server.session('ui', 80, 24);
		const exit = join(dir, 'exit-rules');
		s.start(`--demo --rules ${shellQuote(rules)}`, exit);
		await s.waitFor(
			x => x.includes('1 rule skipped (r)') && x.includes('›'),
			'the skipped count in the header and the feed',
		);
		s.keys('r');
		const panel = await s.waitFor(x => x.includes('missing detection'), 'the reason in the rules panel');
		expect(panel).toContain('broken.yml');
		s.keys('Escape');
		s.keys('q');
		expect(await waitForExit(exit)).toBe('EXIT=0');
	});

	it.skipIf(!sigmaCorpus().root)(
		'is up at once while the SigmaHQ corpus loads, with the progress, then shows the feed',
		async () => {
			server = new TmuxServer();
			const s = await server.session('ui', 80, 24);
			const exit = join(dir, 'exit-corpus');
			s.start(`--demo --rules ${shellQuote(sigmaCorpus().root!)}`, exit);
			const loading = await s.waitFor(x => /loading: rules \d+\/\d+/.test(x), 'the loading progress', 10_000);
			expect(loading).toContain('edrtail');
			await s.waitFor(x => x.includes('›'), 'the feed after loading', 60_000);
			s.keys('q');
			expect(await waitForExit(exit)).toBe('EXIT=0');
		},
	);
});
