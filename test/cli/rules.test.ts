// The CLI's rules step and `edrtail rules check`: a path that names nothing is a usage error, and
// everything printed from rule files (names, modifiers, reasons) is escaped for the terminal.
import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {loadSummary, ruleFilesOrFail, runRulesCheck, writeFilterFile} from '../../source/cli/rules.js';
import {ConfigError} from '../../source/config/index.js';
import {loadRules} from '../../source/core/rules/index.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-rules-cli-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const TITLE = '\x1b]0;PWNED\x07';
const rule = (modifier: string, id: string) =>
	`title: T${TITLE}\nid: ${id}\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel:\n    CommandLine|${modifier}: x\n  condition: sel\n`;

function check(paths: string[], flags: {json?: boolean; placeholders?: string; format?: string} = {}) {
	const out = new PassThrough();
	const err = new PassThrough();
	const chunks = {out: '', err: ''};
	out.on('data', d => (chunks.out += String(d)));
	err.on('data', d => (chunks.err += String(d)));
	const code = runRulesCheck(paths, flags, {out, err});
	return {code, ...chunks};
}

const ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/;

describe('rules check', () => {
	it('escapes a hostile modifier, title and file name in the text and the JSON report', () => {
		const hostile = join(dir, 'hostile');
		mkdirSync(hostile);
		writeFileSync(
			join(hostile, `evil${TITLE}\u202e.yml`),
			rule(`cont${TITLE}ains`, '00000000-0000-4000-8000-000000000001'),
		);
		const text = check([hostile]);
		expect(text.code).toBe(0);
		expect(text.out).not.toMatch(ESCAPES);
		expect(text.out).toContain('evil\\x1b]0;PWNED\\x07\\u202e.yml');
		expect(text.out).toContain('cont\\x1b]0;PWNED\\x07ains');
		const json = check([hostile], {json: true});
		expect(json.out).not.toMatch(ESCAPES);
		// Still JSON, with the original text inside it.
		const report = JSON.parse(json.out) as {skipped: Array<{path: string; reason: string}>};
		expect(report.skipped[0]!.path).toContain(`evil${TITLE}\u202e.yml`);
	});

	it('--format F lists the rules naming fields F cannot supply, with those fields', () => {
		const gaps = join(dir, 'gaps');
		mkdirSync(gaps);
		writeFileSync(
			join(gaps, 'parent-cmd.yml'),
			'title: Parent command\nid: 00000000-0000-4000-8000-0000000000aa\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel:\n    ParentCommandLine|contains: x\n  condition: sel\n',
		);
		const fdr = check([gaps], {format: 'cs-fdr'});
		expect(fdr.out).toContain('Rules naming fields cs-fdr cannot supply (1):');
		expect(fdr.out).toMatch(
			/parent-cmd\.yml: Parent command \(00000000-0000-4000-8000-0000000000aa\): ParentCommandLine$/m,
		);
		expect(check([gaps], {format: 'mde'}).out).not.toContain('Rules naming fields');
	});

	it('refuses a path that names no rules (exit 2), and exits 1 when a file below it cannot be read', () => {
		expect(() => check([join(dir, 'no-such-dir')])).toThrow(ConfigError);
		expect(() => check([join(dir, 'no-such-dir')])).toThrow(/^rules check .*no-such-dir: no such file or directory$/);
		expect(() => check([])).toThrow(/usage: edrtail rules check PATH/);
		const broken = join(dir, 'broken');
		mkdirSync(broken);
		writeFileSync(join(broken, 'good.yml'), rule('contains', '00000000-0000-4000-8000-000000000002'));
		symlinkSync(join(dir, 'gone.yml'), join(broken, 'dangling.yml'));
		const r = check([broken]);
		expect(r.code).toBe(1);
		expect(r.out).toMatch(/^Rules: 1 loaded, 0 skipped/);
		expect(r.out).toContain('dangling.yml: no such file or directory');
		expect(r.err).toBe('edrtail: 1 path could not be read\n');
		expect(
			check(['test/fixtures/rules/placeholder.yml'], {placeholders: 'test/fixtures/rules/placeholders-map.yml'}).out,
		).toMatch(/^Rules: 1 loaded/);
		expect(() => check(['test/fixtures/rules'], {placeholders: join(dir, 'none.yml')})).toThrow(
			/^--placeholders .*none.yml: no such file$/,
		);
	});
});

describe('--rules paths', () => {
	it('a missing path, an empty directory, or a directory of other files is a usage error naming the path', () => {
		expect(() => ruleFilesOrFail(['./nonexistent'], '--rules')).toThrow(
			'--rules ./nonexistent: no such file or directory',
		);
		const empty = join(dir, 'empty');
		mkdirSync(empty);
		writeFileSync(join(empty, 'README.md'), 'no rules');
		expect(() => ruleFilesOrFail([empty], '--rules')).toThrow(
			`--rules ${empty}: no rule files (.yml, .yaml) in this directory`,
		);
		expect(() => ruleFilesOrFail(['test/fixtures/rules', empty], '--rules')).toThrow(ConfigError);
		expect(ruleFilesOrFail(['test/fixtures/rules'], '--rules').files.length).toBeGreaterThan(3);
	});

	it('the summary counts skipped rules and unreadable files, built-in rules apart', () => {
		const {report} = loadRules(['test/fixtures/rules']);
		expect(loadSummary(report)).toMatch(
			/^\d+ rules loaded \(\+\d+ built-in\), \d+ skipped \(edrtail rules check PATH shows why\)$/,
		);
	});
});

describe("the tuning loop's filter file", () => {
	it('is created for its owner only, and an existing file is never replaced', async () => {
		const path = join(dir, 'tuned.yml');
		await writeFilterFile(path, 'filter: 1\n');
		expect(readFileSync(path, 'utf8')).toBe('filter: 1\n');
		expect(statSync(path).mode & 0o777).toBe(0o600);
		await expect(writeFilterFile(path, 'filter: 2\n')).rejects.toThrow(`exists, not overwritten: ${path}`);
		expect(readFileSync(path, 'utf8')).toBe('filter: 1\n');
		await expect(writeFilterFile(join(dir, 'none', 'x.yml'), 'x')).rejects.toThrow('no such directory');
	});
});
