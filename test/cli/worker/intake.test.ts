import {describe, expect, it} from 'vitest';
import {SlicedQueue} from '../../../source/cli/worker/intake.js';

/** A queue whose turns run when the test says, on a clock that each landed item moves by `cost` ms. */
function queue(cost: number, sliceMs = 8) {
	let clock = 0;
	const turns: Array<() => void> = [];
	const landed: number[] = [];
	const q = new SlicedQueue<number>(
		n => {
			landed.push(n);
			clock += cost;
		},
		{sliceMs, now: () => clock, schedule: run => turns.push(run)},
	);
	const turn = () => turns.shift()!();
	return {q, turns, landed, turn};
}

describe('SlicedQueue', () => {
	it('flush lands everything queued at once, in order; what comes after it lands on the turn already scheduled', () => {
		const {q, turns, landed, turn} = queue(5);
		for (let i = 1; i <= 4; i++) q.push(i);
		q.flush();
		expect(landed).toEqual([1, 2, 3, 4]);
		expect(q.length).toBe(0);
		q.push(5);
		expect(turns).toHaveLength(1);
		turn();
		expect(landed).toEqual([1, 2, 3, 4, 5]);
	});

	it('lands nothing as items arrive: one turn is scheduled, and it lands them in order', () => {
		const {q, turns, landed, turn} = queue(1);
		q.push(1);
		q.push(2);
		q.push(3);
		expect(landed).toEqual([]);
		expect(turns).toHaveLength(1);
		turn();
		expect(landed).toEqual([1, 2, 3]);
		expect(turns).toHaveLength(0);
		expect(q.length).toBe(0);
	});

	it('stops a turn once its slice is used up and lands the rest in later turns, in order', () => {
		const {q, turns, landed, turn} = queue(5);
		for (let i = 1; i <= 5; i++) q.push(i);
		turn();
		// 5 ms, then 10 ms: past the 8 ms slice.
		expect(landed).toEqual([1, 2]);
		expect(q.length).toBe(3);
		expect(turns).toHaveLength(1);
		// An item that arrives meanwhile waits behind the others.
		q.push(6);
		expect(turns).toHaveLength(1);
		turn();
		turn();
		expect(landed).toEqual([1, 2, 3, 4, 5, 6]);
		expect(turns).toHaveLength(0);
	});

	it('lands one item per turn even when that one alone takes longer than the slice', () => {
		const {q, landed, turn} = queue(20);
		q.push(1);
		q.push(2);
		turn();
		expect(landed).toEqual([1]);
		turn();
		expect(landed).toEqual([1, 2]);
	});

	it('forgets what is queued when cleared; a turn already scheduled lands nothing', () => {
		const {q, turns, landed, turn} = queue(1);
		q.push(1);
		q.clear();
		turn();
		expect(landed).toEqual([]);
		q.push(2);
		expect(turns).toHaveLength(1);
		turn();
		expect(landed).toEqual([2]);
	});
});
