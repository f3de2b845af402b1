import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runJson, type HitLine} from '../../source/cli/run-json.js';
import type {RuleHit} from '../../source/core/event.js';
import type {DecodedEvent} from '../../source/core/formats/index.js';
import type {EventSource, RecordSink} from '../../source/core/sources/index.js';

const hit: RuleHit = {id: 'r1', title: 'Rule one', level: 'high', tags: [], fields: []};
// Each record's value is "host:summary", and a summary starting with "bad" has a hit.
const decode = (value: string): DecodedEvent => {
	const [host, summary] = value.split(':') as [string, string];
	return {
		category: 'DNS',
		family: 'network',
		format: 'json',
		receivedAt: 1,
		host,
		target: {},
		summary,
		hits: [],
		raw: {},
	};
};
const stages = {
	decode: (r: {value: unknown}) => [decode(String(r.value))],
	evaluate: (e: DecodedEvent) => (e.summary.startsWith('bad') ? [hit] : []),
};

/** A source that hands over one batch and keeps what the sink returned for it. */
function oneBatch(values: string[]): EventSource & {returned?: void | Promise<void>; sink?: RecordSink} {
	const source: EventSource & {returned?: void | Promise<void>; sink?: RecordSink} = {
		label: 'test',
		async start(sink) {
			source.sink = sink;
			source.returned = sink.records(values.map(value => ({value, receivedAt: 1})));
			// Handled here as the Kafka source awaits it; the tests look at the outcome themselves.
			void Promise.resolve(source.returned).catch(() => undefined);
		},
		async stop() {},
		// One batch in memory: nothing to hold back.
		pause() {},
		resume() {},
	};
	return source;
}

function deferred() {
	let resolve!: () => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
	return {promise, resolve, reject};
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('runJson --hits-to', () => {
	it('publishes the lines of the events with a hit, keyed by host; the batch waits for the ack', async () => {
		const published: HitLine[][] = [];
		const ack = deferred();
		let closed = false;
		const source = oneBatch(['ws1:ok', 'ws1:bad one', 'srv2:bad two', 'srv2:fine']);
		const out = new PassThrough();
		const done = runJson({
			source,
			stages,
			passes: () => true,
			out,
			err: new PassThrough(),
			hits: {
				publish: lines => (published.push(lines), ack.promise),
				close: async () => void (closed = true),
			},
		});
		await tick();
		expect(published).toHaveLength(1);
		expect(published[0]!.map(l => [l.key, (JSON.parse(l.value) as {summary: string}).summary])).toEqual([
			['ws1', 'bad one'],
			['srv2', 'bad two'],
		]);
		// The same line as printed.
		expect(String(out.read()).split('\n')).toContain(published[0]![0]!.value);
		let settled = false;
		void Promise.resolve(source.returned).then(() => (settled = true));
		await tick();
		expect(source.returned).toBeInstanceOf(Promise);
		expect(settled).toBe(false);
		ack.resolve();
		await tick();
		expect(settled).toBe(true);
		source.sink!.end();
		expect(await done).toBe(0);
		expect(closed).toBe(true);
	});

	it('a batch without hits is not held, and nothing is published', async () => {
		const published: HitLine[][] = [];
		const source = oneBatch(['ws1:ok', 'ws1:fine']);
		const done = runJson({
			source,
			stages,
			passes: () => true,
			out: new PassThrough(),
			err: new PassThrough(),
			hits: {publish: async lines => void published.push(lines), close: async () => {}},
		});
		await tick();
		expect(source.returned).toBeUndefined();
		source.sink!.end();
		expect(await done).toBe(0);
		expect(published).toEqual([]);
	});

	it('a failed publish rejects the batch (never committed) and ends the run with 1', async () => {
		const source = oneBatch(['ws1:bad']);
		const err = new PassThrough();
		const done = runJson({
			source,
			stages,
			passes: () => true,
			out: new PassThrough(),
			err,
			hits: {publish: () => Promise.reject(new Error('broker gone')), close: async () => {}},
		});
		await tick();
		await expect(source.returned).rejects.toThrow('broker gone');
		expect(await done).toBe(1);
		expect(String(err.read())).toContain('--hits-to: broker gone');
	});
});

describe('runJson: a fault that ends the source mid-stream', () => {
	it('prints what came before, says the sentence once, and exits with the fault code', async () => {
		const source = oneBatch(['ws1:before']);
		const out = new PassThrough();
		const err = new PassThrough();
		const printed: string[] = [];
		const said: string[] = [];
		out.on('data', (d: Buffer) => printed.push(d.toString()));
		err.on('data', (d: Buffer) => said.push(d.toString()));
		const done = runJson({source, stages, passes: () => true, out, err});
		await tick();
		const sentence = 'topic deleted on k:9092 while edrtail read it: dv (nothing more can come)';
		source.sink!.status({state: 'error', reason: sentence, fault: 'topic-deleted'});
		source.sink!.end();
		expect(await done).toBe(43);
		expect(printed.join('')).toContain('"summary":"before"');
		expect(said.join('')).toBe(`edrtail: ${sentence}\n`);
	});

	it('exits 1 for an error status without a known fault, as before', async () => {
		const source = oneBatch([]);
		const done = runJson({source, stages, passes: () => true, out: new PassThrough(), err: new PassThrough()});
		await tick();
		source.sink!.status({state: 'error', reason: 'something'});
		source.sink!.end();
		expect(await done).toBe(1);
	});
});
