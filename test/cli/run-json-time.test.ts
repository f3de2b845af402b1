// --since/--until on a file as `edrtail FILE --json` runs them: the real file source and decode.
// --until ends the run at the first event after it, exit 0, even on a file that is followed.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {runJson} from '../../source/cli/run-json.js';
import {decodeRecord} from '../../source/core/formats/index.js';
import {createFileSource} from '../../source/core/sources/index.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-time-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const base = Date.parse('2026-11-27T10:00:00Z');
// One Sysmon process creation a minute from 10:00, minute 7 before minute 6 (out of order).
const minutes = [0, 1, 2, 3, 4, 5, 7, 6, 8, 9, 10, 11];
const file = join(dir, 'sysmon.ndjson');
writeFileSync(
	file,
	minutes
		.map(m =>
			JSON.stringify({
				EventID: 1,
				Computer: `WS-${m}`,
				Image: 'C:\\Windows\\System32\\cmd.exe',
				UtcTime: new Date(base + m * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
			}),
		)
		.join('\n') + '\n',
);

async function run(time: {since?: number; until?: number}, follow = false) {
	const out = new PassThrough();
	let text = '';
	out.on('data', d => (text += d));
	const code = await runJson({
		source: createFileSource({path: file, follow}),
		stages: {decode: r => decodeRecord(r)},
		passes: () => true,
		out,
		err: new PassThrough(),
		time: {utc: true, ...time},
	});
	return {
		code,
		hosts: text
			.trimEnd()
			.split('\n')
			.filter(Boolean)
			.map(l => JSON.parse(l).host as string),
	};
}

describe('--since/--until on a file', {timeout: 20_000}, () => {
	it('keeps events from --since on, stops at the first after --until, exits 0', async () => {
		const r = await run({since: base + 2 * 60_000, until: base + 6 * 60_000});
		// Minute 7 comes before 6 in the file: it is the first after --until, so 6 is never read.
		expect(r).toEqual({code: 0, hosts: ['WS-2', 'WS-3', 'WS-4', 'WS-5']});
	});

	it('ends a followed file too (it would wait for more otherwise)', async () => {
		const r = await run({until: base + 9 * 60_000 + 30_000}, true);
		expect(r.code).toBe(0);
		expect(r.hosts.at(-1)).toBe('WS-9');
		expect(r.hosts).toHaveLength(10);
	});

	it('without a window reads it all', async () => {
		expect((await run({})).hosts).toHaveLength(12);
	});
});
