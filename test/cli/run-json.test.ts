// runJson as `edrtail --file f --json --exit-at-end` runs it: real decode and rules, an array source.
import {PassThrough} from 'node:stream';
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
