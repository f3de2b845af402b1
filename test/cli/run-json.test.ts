// runJson as `edrtail --file f --json --exit-at-end` runs it: real decode and rules, an array source.
import {PassThrough, Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runJson} from '../../source/cli/run-json.js';
import {decodeRecord} from '../../source/core/formats/index.js';
import {loadRules} from '../../source/core/rules/index.js';
import {createArraySource} from '../../source/core/sources/index.js';

async function run(lines: string[]): Promise<{code: number; out: string; err: string}> {
	const {engine} = loadRules([], {builtin: true});
	const out = new PassThrough();
	const err = new PassThrough();
	let outText = '';
	let errText = '';
	out.on('data', d => (outText += d));
	err.on('data', d => (errText += d));
	const code = await runJson({
		source: createArraySource(lines),
		stages: {decode: r => decodeRecord(r), evaluate: ev => engine.evaluate(ev)},
		passes: () => true,
		out,
		err,
	});
	return {code, out: outText, err: errText};
}

describe('runJson', () => {
	it.each([3_000, 100_000])('writes a good event, one nested %i deep and a good one, and exits 0', async depth => {
		const good = JSON.stringify({EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe', Computer: 'WS01'});
		const deep = `{"EventID":1,"Computer":"DEEP","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
		const r = await run([good, deep, good]);
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(
			r.out
				.trimEnd()
				.split('\n')
				.map(l => JSON.parse(l).host),
		).toEqual(['WS01', 'DEEP', 'WS01']);
	});
});

const stages = {decode: (r: Parameters<typeof decodeRecord>[0]) => decodeRecord(r, {rawJson: true})};
const events = (n: number) =>
	Array.from({length: n}, (_, i) => ({
		'event.type': 'Process Creation',
		'endpoint.name': 'WS01',
		n: i,
		pad: 'x'.repeat(200),
	}));

/** A reader that takes one chunk per timer tick: far slower than the source. */
function slowReader() {
	const got: Buffer[] = [];
	let maxQueued = 0;
	const out = new Writable({
		highWaterMark: 16 * 1024,
		write(chunk: Buffer, _enc, done) {
			got.push(chunk);
			setTimeout(done, 1);
		},
	});
	const write = out.write.bind(out);
	out.write = ((chunk: Buffer, ...rest: never[]) => {
		const ok = write(chunk, ...rest);
		maxQueued = Math.max(maxQueued, out.writableLength);
		return ok;
	}) as typeof out.write;
	return {
		out,
		lines: () => Buffer.concat(got).toString('utf8').split('\n').filter(Boolean),
		maxQueued: () => maxQueued,
	};
}

const err = () => {
	const text: string[] = [];
	return {stream: new Writable({write: (c: Buffer, _e, done) => (text.push(String(c)), done())}), text};
};

describe('runJson output', () => {
	it('pauses the source for a slow reader: the queued output stays bounded and nothing is lost', async () => {
		const n = 6000;
		const reader = slowReader();
		const source = createArraySource(events(n), {batchSize: 100});
		const highWater = 128 * 1024;
		const e = err();
		const code = await runJson({source, stages, passes: () => true, out: reader.out, err: e.stream, highWater});
		expect(code).toBe(0);
		const lines = reader.lines();
		expect(lines).toHaveLength(n);
		expect(lines.map(l => JSON.parse(l).raw.n)).toEqual(Array.from({length: n}, (_, i) => i));
		// Bounded by the high-water mark plus the batch in hand, not by the ~1.7 MB of output.
		const batchBytes = Buffer.byteLength(lines.slice(0, 100).join('\n'));
		expect(reader.maxQueued()).toBeLessThanOrEqual(highWater + batchBytes + 16 * 1024);
		expect(Buffer.byteLength(lines.join('\n'))).toBeGreaterThan(5 * (highWater + batchBytes));
		expect(e.text).toEqual([]);
	});

	it('says why when the output fails, other than the reader leaving', async () => {
		const out = new Writable({
			write: (_c, _e, done) => done(Object.assign(new Error('write ENOBUFS'), {code: 'ENOBUFS'})),
		});
		const e = err();
		const code = await runJson({source: createArraySource(events(3)), stages, passes: () => true, out, err: e.stream});
		expect(code).toBe(1);
		expect(e.text.join('')).toMatch(/cannot write the output: write ENOBUFS/);
	});

	it('ends quietly with 0 when the reader leaves (EPIPE)', async () => {
		const out = new Writable({write: (_c, _e, done) => done(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))});
		const e = err();
		expect(await runJson({source: createArraySource(events(3)), stages, passes: () => true, out, err: e.stream})).toBe(
			0,
		);
		expect(e.text).toEqual([]);
	});
});
