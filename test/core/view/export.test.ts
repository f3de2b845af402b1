import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exportFileName, exportNdjson, osc52, osc52Check} from '../../../source/core/view/export.js';
import {makeEvent} from './make-event.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-export-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('exportNdjson', () => {
	it('writes one JSON line per event and returns the count', async () => {
		const path = join(dir, 'a.ndjson');
		const r = await exportNdjson([makeEvent(1, {summary: 'one\x1b[2J'}), makeEvent(2)], path);
		expect(r).toEqual({ok: true, count: 2, path, skipped: 0});
		const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
		expect(lines.map(l => JSON.parse(l).summary)).toEqual(['one\x1b[2J', 'event 2']);
		// Readable by its owner only: the lines hold command lines, users and hosts.
		expect(statSync(path).mode & 0o777).toBe(0o600);
	});

	it('refuses to overwrite unless told', async () => {
		const path = join(dir, 'b.ndjson');
		writeFileSync(path, 'keep');
		const r = await exportNdjson([makeEvent(1)], path);
		expect(r).toMatchObject({ok: false});
		expect(!r.ok && r.error).toMatch(/exists/);
		expect(readFileSync(path, 'utf8')).toBe('keep');
		expect(await exportNdjson([makeEvent(1)], path, {overwrite: true})).toMatchObject({ok: true, count: 1});
	});

	it('creates no directories and reports errors as messages', async () => {
		const r = await exportNdjson([makeEvent(1)], join(dir, 'missing', 'c.ndjson'));
		expect(r).toMatchObject({ok: false});
		expect(await exportNdjson([makeEvent(1)], '  ')).toEqual({ok: false, error: 'no file name given'});
	});

	it('skips an event that cannot be serialized', async () => {
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		const chunks: string[] = [];
		const r = await exportNdjson([makeEvent(1, {raw: cyclic}), makeEvent(2)], 'x.ndjson', {
			writeFile: async (_p, c, flag) => void (expect(flag).toBe('wx'), chunks.push(...c)),
		});
		expect(r).toMatchObject({ok: true, count: 1, skipped: 1});
		expect(chunks.join('').trim().split('\n')).toHaveLength(1);
	});
});

describe('exportFileName', () => {
	it('dates the default export file in local time, zero-padded, so names sort by time', () => {
		expect(exportFileName(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('edrtail-export-20260102-030405.ndjson');
		expect(exportFileName(new Date(2026, 10, 27, 23, 59, 58).getTime())).toBe('edrtail-export-20261127-235958.ndjson');
	});
});

describe('osc52', () => {
	it('emits the plain clipboard sequence by default', () => {
		expect(osc52('hi')).toBe(`\x1b]52;c;${Buffer.from('hi').toString('base64')}\x07`);
	});
	it('wraps for tmux passthrough on request', () => {
		const b64 = Buffer.from('hi').toString('base64');
		expect(osc52('hi', {mode: 'tmux'})).toBe(`\x1bPtmux;\x1b\x1b]52;c;${b64}\x07\x1b\\`);
		expect(osc52('hi', {mode: 'both'})).toBe(`\x1b]52;c;${b64}\x07\x1bPtmux;\x1b\x1b]52;c;${b64}\x07\x1b\\`);
	});
	it('refuses payloads over the cap', () => {
		expect(osc52('x'.repeat(100), {maxBase64: 16})).toBe('');
		expect(osc52Check('x'.repeat(200_000))).toMatch(/too large/);
		expect(osc52Check('small')).toBeUndefined();
	});
});
