// The built CLI reads back what it writes: `--demo --json` saved to a file, then `--file` on it,
// as a user would save a session and reopen it. No broker needed; it runs with the e2e project
// because it drives dist/cli.js.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseLines, runCli} from './kafka-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-saved-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const tally = (lines: Array<Record<string, unknown>>, key: string) => {
	const counts: Record<string, number> = {};
	for (const l of lines) counts[String(l[key])] = (counts[String(l[key])] ?? 0) + 1;
	return counts;
};

describe('a saved session reopens as it was', () => {
	it('--demo --json > s.ndjson, then --file s.ndjson: the same events, the same hits', async () => {
		const saved = await runCli(['--demo', '--rate', '10000', '--json', '--count', '20000']);
		expect(saved.code, saved.stderr).toBe(0);
		const path = join(dir, 's.ndjson');
		writeFileSync(path, saved.stdout);
		const lines = parseLines(saved.stdout);
		expect(lines).toHaveLength(20000);
		const hits = lines.filter(l => (l.hits as unknown[]).length > 0).length;
		expect(hits).toBeGreaterThan(0);

		// The built-in rules run again on the restored events: the same hits, and the file written
		// again is the file read, byte for byte (categories, formats, hosts, times, hits, raw).
		const reopened = await runCli(['--file', path, '--json']);
		expect(reopened.code, reopened.stderr).toBe(0);
		expect(reopened.stdout === saved.stdout).toBe(true);
		const back = parseLines(reopened.stdout);
		for (const key of ['category', 'format', 'host', 'family']) expect(tally(back, key)).toEqual(tally(lines, key));
		expect(tally(back, 'format')).not.toHaveProperty('json');

		const hitsOnly = await runCli(['--file', path, '--json', '--hits-only']);
		expect(hitsOnly.code, hitsOnly.stderr).toBe(0);
		expect(parseLines(hitsOnly.stdout)).toHaveLength(hits);

		// Without the rules that found them, the hits are kept as saved.
		const noRules = await runCli(['--file', path, '--json', '--hits-only', '--no-builtin-rules']);
		expect(noRules.code, noRules.stderr).toBe(0);
		const kept = parseLines(noRules.stdout);
		expect(kept).toHaveLength(hits);
		for (const l of kept) for (const h of l.hits as Array<{saved?: boolean}>) expect(h.saved).toBe(true);
	});
});
