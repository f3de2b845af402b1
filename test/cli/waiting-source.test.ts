import {describe, it, expect} from 'vitest';
import {KafkaFaultError} from '../../source/core/kafka/index.js';
import type {EventSource, RecordSink} from '../../source/core/sources/index.js';
import {defaultBackoffMs, waitingSource} from '../../source/cli/waiting-source.js';

const sink: RecordSink = {records: () => undefined, status: () => undefined, end: () => undefined};

/** Sources whose start fails with the given errors in turn, then succeeds. */
function sources(failures: Error[]) {
	const made: Array<{started: number; stopped: number; paused: number}> = [];
	const next = (): EventSource => {
		const counts = {started: 0, stopped: 0, paused: 0};
		made.push(counts);
		const failure = failures.shift();
		return {
			label: 'kafka k:9092 t',
			start: () => {
				counts.started++;
				return failure ? Promise.reject(failure) : Promise.resolve();
			},
			stop: () => {
				counts.stopped++;
				return Promise.resolve();
			},
			pause: () => void counts.paused++,
			resume: () => undefined,
		};
	};
	return {made, next};
}

const refused = () =>
	new KafkaFaultError({kind: 'refused', sentence: 'nothing listens on k:9092 (connection refused): start the broker'});

describe('waitingSource', () => {
	it('waits out a broker that is not up, saying so once per reason, then streams', async () => {
		const {made, next} = sources([refused(), refused(), refused()]);
		const said: string[] = [];
		const source = waitingSource(next(), {create: async () => next(), say: m => said.push(m), backoffMs: () => 1});
		await source.start(sink);
		expect(made).toHaveLength(4);
		expect(made.slice(0, 3).every(m => m.stopped === 1)).toBe(true);
		expect(said).toEqual([
			'waiting for the broker (attempt 1): nothing listens on k:9092 (connection refused): start the broker; retrying with backoff',
			'connected (attempt 4): streaming',
		]);
	});

	it('fails at once on a fault that waiting cannot heal (a rejected password)', async () => {
		const bad = new KafkaFaultError({kind: 'sasl-credentials', sentence: 'k:9092 rejected the password'});
		const {made, next} = sources([bad]);
		const source = waitingSource(next(), {create: async () => next(), say: () => undefined, backoffMs: () => 1});
		await expect(source.start(sink)).rejects.toBe(bad);
		expect(made).toHaveLength(1);
	});

	it('stops while waiting: start resolves, nothing more is created', async () => {
		const {made, next} = sources([refused(), refused()]);
		const source = waitingSource(next(), {create: async () => next(), say: () => undefined, backoffMs: () => 60_000});
		const started = source.start(sink);
		await new Promise(resolve => setTimeout(resolve, 10));
		await source.stop();
		await started;
		expect(made).toHaveLength(1);
	});

	it('passes pause on to the source that starts after waiting', async () => {
		const {made, next} = sources([refused()]);
		const source = waitingSource(next(), {create: async () => next(), say: () => undefined, backoffMs: () => 1});
		source.pause();
		await source.start(sink);
		expect(made.map(m => m.paused)).toEqual([1, 1]);
	});

	it('backs off from 1 s, doubling, to at most 30 s', () => {
		expect([1, 2, 3, 4, 5, 6, 10].map(defaultBackoffMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
	});
});
