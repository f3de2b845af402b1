// DistinctWindow against a fresh count of each window (windowValue), over the moves the engine
// makes: appends, inserts before the end, drops from the front, windows moving forward and back.
import {describe, expect, it} from 'vitest';
import {
	DistinctWindow,
	type Entry,
	insertEntry,
	lowerBound,
	windowValue,
} from '../../../../source/core/rules/correlation/window.js';
import {rng} from '../rule-events.js';

const entry = (time: number, str: string): Entry => ({time, seq: 0, pos: 0, num: 0, str});

describe('DistinctWindow', () => {
	it('counts what a fresh count of the window counts, whatever the entries and windows do', () => {
		const next = rng(7);
		for (let run = 0; run < 40; run++) {
			const entries: Entry[] = [];
			const distinct = new DistinctWindow();
			let clock = 0;
			for (let step = 0; step < 600; step++) {
				// Mostly in order, now and then out of order, from a few values or many.
				const late = next() < 0.1;
				clock += Math.floor(next() * 5);
				const time = late ? clock - Math.floor(next() * 40) : clock;
				const at = insertEntry(entries, entry(time, `v${Math.floor(next() * (run % 2 ? 6 : 200))}`));
				if (at !== entries.length - 1) distinct.clear();
				let drop = lowerBound(entries, clock - 120);
				if (entries.length - drop > 50) drop = entries.length - 50;
				if (next() < 0.05) drop = Math.min(entries.length, drop + Math.floor(next() * 10));
				if (drop > 0) {
					distinct.dropFront(entries, drop);
					entries.splice(0, drop);
				}
				if (entries.length === 0) continue;
				// The windows the engine asks for: ending at each entry from the new one on; sometimes an older one.
				const first = next() < 0.1 ? Math.floor(next() * entries.length) : Math.max(0, at - drop);
				for (let j = first; j < entries.length; j += 1 + Math.floor(next() * 3)) {
					const from = lowerBound(entries, entries[j]!.time - 30);
					expect(distinct.count(entries, from, j), `run ${run} step ${step} window ${from}..${j}`).toBe(
						windowValue('value_count', entries, from, j),
					);
				}
			}
		}
	});
});
