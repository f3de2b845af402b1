import {afterAll, describe, expect, it} from 'vitest';
import {mkdtempSync, writeFileSync, appendFileSync, renameSync, rmSync, truncateSync, unlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {PassThrough} from 'node:stream';
import {createFileSource} from '../../../source/core/sources/file-source.js';
import {createStreamSource} from '../../../source/core/sources/stdin-source.js';
import {createArraySource} from '../../../source/core/sources/array-source.js';
import {createDemoSource} from '../../../source/core/sources/demo-source.js';
import type {EventSource} from '../../../source/core/sources/event-source.js';
import type {RawRecord} from '../../../source/core/event.js';

function collect(source: EventSource) {
	const records: RawRecord[] = [];
	const states: string[] = [];
	let ended = false;
	const done = source.start({
		records: b => void records.push(...b),
		status: s => states.push(s.state),
		end: () => (ended = true),
	});
	return {records, states, done, isEnded: () => ended};
}

async function until(check: () => boolean, ms = 5000) {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > ms) throw new Error('condition not met in time');
		await new Promise(r => setTimeout(r, 10));
	}
}

const dir = mkdtempSync(join(tmpdir(), 'edrtail-file-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const lines = (from: number, to: number) =>
	Array.from({length: to - from + 1}, (_, i) => `{"n":${from + i}}\n`).join('');
const ns = (records: RawRecord[]) => records.map(r => JSON.parse(String(r.value)).n as number);
const range = (from: number, to: number) => Array.from({length: to - from + 1}, (_, i) => from + i);

describe('file source', () => {
	it('reads NDJSON to the end and ends', async () => {
		const path = join(dir, 'a.ndjson');
		writeFileSync(path, '{"n":1}\n{"n":2}\nnot json\n');
		const c = collect(createFileSource({path}));
		await until(c.isEnded);
		expect(c.records.map(r => r.value)).toEqual(['{"n":1}', '{"n":2}', 'not json']);
		expect(c.records[0]!.origin).toBe(`${path}#1`);
		expect(c.states).toContain('ended');
	});

	it('reads a gzipped JSON array', async () => {
		const path = join(dir, 'b.json.gz');
		writeFileSync(path, gzipSync(JSON.stringify([{n: 1}, {n: 2}, {n: 3}], null, 2)));
		const c = collect(createFileSource({path}));
		await until(c.isEnded);
		expect(c.records.map(r => JSON.parse(String(r.value)).n)).toEqual([1, 2, 3]);
	});

	it('follows a growing file, including a document split across writes', async () => {
		const path = join(dir, 'c.ndjson');
		writeFileSync(path, '{"n":1}\n');
		const source = createFileSource({path, follow: true, pollMs: 20});
		const c = collect(source);
		await until(() => c.records.length === 1);
		appendFileSync(path, '{"n":');
		appendFileSync(path, '2}\n{"n":3}\n');
		await until(() => c.records.length === 3);
		expect(c.records.map(r => r.value)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
		expect(c.isEnded()).toBe(false);
		await source.stop();
	});

	it('follows by name across a rotation (mv f f.1, new f): the rest of the old file, then all of the new one', async () => {
		const path = join(dir, 'rotate.ndjson');
		writeFileSync(path, lines(1, 2));
		const source = createFileSource({path, follow: true, pollMs: 20});
		const c = collect(source);
		await until(() => c.records.length === 2);
		// Written just before and just after the rename, before any poll saw either.
		appendFileSync(path, lines(3, 3));
		renameSync(path, `${path}.1`);
		appendFileSync(`${path}.1`, lines(4, 4));
		// The new file is larger than the old one was: reading it from the old offset loses its head.
		writeFileSync(path, lines(5, 40));
		await until(() => c.records.length === 40);
		appendFileSync(path, lines(41, 41));
		appendFileSync(`${path}.1`, lines(99, 99));
		await until(() => c.records.length === 41);
		await new Promise(r => setTimeout(r, 100));
		expect(ns(c.records)).toEqual(range(1, 41));
		expect(c.states).not.toContain('error');
		await source.stop();
	});

	it('follows a file deleted and created again, and one truncated in place', async () => {
		const path = join(dir, 'recreate.ndjson');
		writeFileSync(path, lines(1, 3));
		const source = createFileSource({path, follow: true, pollMs: 20});
		const c = collect(source);
		await until(() => c.records.length === 3);
		unlinkSync(path);
		await new Promise(r => setTimeout(r, 100));
		expect(c.states).not.toContain('error');
		writeFileSync(path, lines(4, 10));
		await until(() => c.records.length === 10);
		truncateSync(path, 0);
		await new Promise(r => setTimeout(r, 100));
		appendFileSync(path, lines(11, 12));
		await until(() => c.records.length === 12);
		expect(ns(c.records)).toEqual(range(1, 12));
		expect(c.isEnded()).toBe(false);
		await source.stop();
	});

	it('an unterminated last line of a rotated file is not lost or glued to the new file', async () => {
		const path = join(dir, 'partial.ndjson');
		writeFileSync(path, `${lines(1, 1)}{"n":`);
		const source = createFileSource({path, follow: true, pollMs: 20});
		const c = collect(source);
		await until(() => c.records.length === 1);
		renameSync(path, `${path}.1`);
		writeFileSync(path, lines(3, 3));
		await until(() => c.records.length === 3);
		expect(c.records.map(r => r.value)).toEqual(['{"n":1}', '{"n":', '{"n":3}']);
		await source.stop();
	});

	it('fails clearly on a missing file', async () => {
		await expect(
			createFileSource({path: join(dir, 'missing.ndjson')}).start({records() {}, status() {}, end() {}}),
		).rejects.toThrow(/cannot read/);
	});
});

describe('stream source', () => {
	it('reads JSON documents from a stream such as stdin', async () => {
		const input = new PassThrough();
		const c = collect(createStreamSource(input));
		input.write('{"a":1}\n{"b"');
		input.end(':2}\n');
		await until(c.isEnded);
		expect(c.records.map(r => r.value)).toEqual(['{"a":1}', '{"b":2}']);
	});
});

describe('array source', () => {
	it('delivers objects as JSON text in batches and ends', async () => {
		const batches: number[] = [];
		let ended = false;
		await createArraySource([{a: 1}, {a: 2}, '{"a":3}'], {batchSize: 2}).start({
			records: b => void batches.push(b.length),
			status() {},
			end: () => (ended = true),
		});
		expect(batches).toEqual([2, 1]);
		expect(ended).toBe(true);
	});
});

/** A sink that pauses its source on the first batch, as a --json run does for a slow reader. */
function pausingSink(source: EventSource) {
	const got = {records: 0, batches: 0, ended: false};
	const sink = {
		records(batch: RawRecord[]) {
			got.records += batch.length;
			if (++got.batches === 1) source.pause();
		},
		status() {},
		end: () => (got.ended = true),
	};
	return {got, sink};
}

const settle = (ms = 150) => new Promise(resolve => setTimeout(resolve, ms));

describe('pause and resume', () => {
	const lines = 20_000;
	const ndjson = Array.from({length: lines}, (_, n) => JSON.stringify({n, pad: 'x'.repeat(80)})).join('\n') + '\n';

	it('file: nothing more is read while paused; resumed, the rest arrives and it ends', async () => {
		const path = join(dir, 'pause.ndjson');
		writeFileSync(path, ndjson);
		const source = createFileSource({path});
		const {got, sink} = pausingSink(source);
		await source.start(sink);
		await until(() => got.batches === 1);
		const held = got.records;
		await settle();
		expect(got.records).toBe(held);
		expect(held).toBeLessThan(lines);
		expect(got.ended).toBe(false);
		source.resume();
		await until(() => got.ended);
		expect(got.records).toBe(lines);
	});

	it('stream: a paused source leaves the data in the pipe, so the writer upstream waits', async () => {
		const input = new PassThrough({highWaterMark: 64 * 1024});
		const source = createStreamSource(input);
		const {got, sink} = pausingSink(source);
		await source.start(sink);
		const chunk = 16 * 1024;
		input.write(ndjson.slice(0, chunk));
		await until(() => got.batches === 1);
		let at = chunk;
		let accepted = true;
		for (; accepted && at < ndjson.length; at += chunk) accepted = input.write(ndjson.slice(at, at + chunk));
		expect(accepted).toBe(false);
		await settle();
		expect(got.records).toBeLessThan(lines / 10);
		source.resume();
		input.end(ndjson.slice(at));
		await until(() => got.ended);
		expect(got.records).toBe(lines);
	});

	it('array: stops between batches and goes on from there', async () => {
		const source = createArraySource(
			Array.from({length: 10}, (_, n) => ({n})),
			{batchSize: 3},
		);
		const {got, sink} = pausingSink(source);
		await source.start(sink);
		expect(got.records).toBe(3);
		await settle(20);
		expect(got.records).toBe(3);
		source.resume();
		await until(() => got.ended);
		expect(got.records).toBe(10);
	});

	it('demo: makes nothing while paused', async () => {
		const source = createDemoSource({rate: 2000});
		const {got, sink} = pausingSink(source);
		await source.start(sink);
		await until(() => got.batches === 1);
		const held = got.records;
		await settle();
		expect(got.records).toBe(held);
		source.resume();
		await until(() => got.records > held);
		await source.stop();
	});
});
