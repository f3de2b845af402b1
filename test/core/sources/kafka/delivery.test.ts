import {describe, expect, it} from 'vitest';
import {DeliveryQueue} from '../../../../source/core/sources/kafka/delivery.js';

const turn = () => new Promise<void>(resolve => setImmediate(resolve));

describe('DeliveryQueue', () => {
	it('hands items on in order, one per event-loop turn, never inside push', async () => {
		const got: number[] = [];
		const q = new DeliveryQueue<number>(n => void got.push(n), 4);
		q.push(1);
		q.push(2);
		expect(got).toEqual([]);
		expect(q.idle).toBe(false);
		await turn();
		expect(got).toEqual([1]);
		await turn();
		expect(got).toEqual([1, 2]);
		expect(q.idle).toBe(true);
	});

	it('is full at its capacity, and says when an item was handed on', async () => {
		const got: number[] = [];
		const q = new DeliveryQueue<number>(n => void got.push(n), 2);
		q.push(1);
		expect(q.full).toBe(false);
		q.push(2);
		expect(q.full).toBe(true);
		await q.changed();
		expect(got).toEqual([1]);
		expect(q.full).toBe(false);
	});

	it('hands on nothing while paused, and goes on where it was on resume', async () => {
		const got: number[] = [];
		const q = new DeliveryQueue<number>(n => void got.push(n), 8);
		q.push(1);
		q.pause();
		q.push(2);
		for (let i = 0; i < 5; i++) await turn();
		expect(got).toEqual([]);
		expect(q.paused).toBe(true);
		const woken = q.changed();
		q.resume();
		await woken;
		for (let i = 0; i < 3; i++) await turn();
		expect(got).toEqual([1, 2]);
	});

	it('hands on up to `concurrency` items before the first settles, each settling as its own promise', async () => {
		const got: number[] = [];
		const open: Array<() => void> = [];
		const q = new DeliveryQueue<number>(
			n => {
				got.push(n);
				return new Promise<void>(resolve => open.push(resolve));
			},
			8,
			() => 2,
		);
		const settled: number[] = [];
		for (const n of [1, 2, 3]) void q.push(n).then(() => settled.push(n));
		for (let i = 0; i < 5; i++) await turn();
		expect(got).toEqual([1, 2]);
		open[0]!();
		for (let i = 0; i < 5; i++) await turn();
		expect(settled).toEqual([1]);
		expect(got).toEqual([1, 2, 3]);
		open[1]!();
		open[2]!();
		for (let i = 0; i < 5; i++) await turn();
		expect(settled).toEqual([1, 2, 3]);
		expect(q.idle).toBe(true);
	});

	it('drops what waits on close and takes nothing after it', async () => {
		const got: number[] = [];
		const q = new DeliveryQueue<number>(n => void got.push(n), 8);
		const dropped = q.push(1);
		const woken = q.changed();
		q.close();
		await woken;
		await expect(dropped).rejects.toThrow(/stopped/);
		await expect(q.push(2)).rejects.toThrow(/stopped/);
		for (let i = 0; i < 3; i++) await turn();
		expect(got).toEqual([]);
		expect(q.idle).toBe(true);
	});

	it('waits for an item answered with a promise before the next, and settles each push as it did', async () => {
		const got: number[] = [];
		let release = () => {};
		const q = new DeliveryQueue<number>(n => {
			got.push(n);
			if (n === 1) return new Promise<void>(resolve => (release = resolve));
			if (n === 2) return Promise.reject(new Error('no ack'));
		}, 8);
		const first = q.push(1);
		const second = q.push(2);
		const third = q.push(3);
		for (let i = 0; i < 5; i++) await turn();
		expect(got).toEqual([1]);
		expect(q.idle).toBe(false);
		release();
		await first;
		await expect(second).rejects.toThrow('no ack');
		await third;
		expect(got).toEqual([1, 2, 3]);
		expect(q.idle).toBe(true);
	});

	it('rejects what was still queued when it closes', async () => {
		const q = new DeliveryQueue<number>(() => undefined, 8);
		q.pause();
		const waiting = q.push(1);
		q.close();
		await expect(waiting).rejects.toThrow(/stopped/);
		await expect(q.push(2)).rejects.toThrow(/stopped/);
	});
});
