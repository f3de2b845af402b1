import {describe, it, expect} from 'vitest';
import {planStart, unfinished} from '../../../../source/core/sources/kafka/index.js';
import type {PartitionOffset, StartPlanInput} from '../../../../source/core/sources/kafka/index.js';
import type {StartPosition} from '../../../../source/core/sources/start-position.js';

// Partition 0 holds offsets 100..199, partition 1 is empty at 50, partition 2 holds 0..9.
const partitions = [
	{partition: 0, low: '100', high: '200'},
	{partition: 1, low: '50', high: '50'},
	{partition: 2, low: '0', high: '10'},
];

type Extra = Partial<Omit<StartPlanInput, 'position'>>;
const plan = (position: StartPosition, extra: Extra = {}) =>
	planStart({partitions, position, exitAtEnd: false, ...extra});
const seeks = (position: StartPosition, extra: Extra = {}) => Object.fromEntries(plan(position, extra).seek);
/** Answers as the admin API gives them: partition -> offset text. */
const answers = (byPartition: Record<number, string>): PartitionOffset[] =>
	Object.entries(byPartition).map(([partition, offset]) => ({partition: Number(partition), offset}));

describe('planStart', () => {
	it('earliest starts at each low watermark, latest at each high one', () => {
		expect(seeks({kind: 'earliest'})).toEqual({0: 100n, 1: 50n, 2: 0n});
		expect(seeks({kind: 'latest'})).toEqual({0: 200n, 1: 50n, 2: 10n});
	});

	it('time starts at the offset Kafka gave for it, and at the end when the time lies past it', () => {
		const time: StartPosition = {kind: 'time', time: 1_700_000_000_000};
		// -1: no record at or after the time.
		expect(seeks(time, {offsetsForTime: answers({0: '150', 1: '-1', 2: '-1'})})).toEqual({0: 150n, 1: 50n, 2: 10n});
		// A partition missing from the answer starts at its end too.
		expect(seeks(time, {offsetsForTime: answers({2: '3'})})).toEqual({0: 200n, 1: 50n, 2: 3n});
	});

	it('committed resumes at the group offsets, clamped to what each partition still holds', () => {
		const committed: StartPosition = {kind: 'committed'};
		// Partition 1 has no answer: nothing committed there, so it starts at its end.
		expect(seeks(committed, {committed: answers({0: '120', 2: '4'})})).toEqual({0: 120n, 1: 50n, 2: 4n});
		// Below the low watermark (retention removed it): the oldest record left; above the end: the end.
		expect(seeks(committed, {committed: answers({0: '50', 2: '99'})})).toEqual({0: 100n, 1: 50n, 2: 10n});
		// -1 is Kafka's "no offset committed": from now on, as latest.
		expect(seeks(committed, {committed: answers({0: '-1'})})[0]).toBe(200n);
	});

	it('nothing committed at all starts every partition at its end, as latest does', () => {
		expect(seeks({kind: 'committed'}, {committed: []})).toEqual(seeks({kind: 'latest'}));
		expect(seeks({kind: 'committed'})).toEqual({0: 200n, 1: 50n, 2: 10n});
	});

	it('an offset is clamped into each partition: below low -> low, above high -> high', () => {
		expect(seeks({kind: 'offset', offset: '5'})).toEqual({0: 100n, 1: 50n, 2: 5n});
		expect(seeks({kind: 'offset', offset: '150'})).toEqual({0: 150n, 1: 50n, 2: 10n});
		expect(seeks({kind: 'offset', offset: '9223372036854775807'})).toEqual({0: 200n, 1: 50n, 2: 10n});
	});

	it('records the ends only for exit at end: the high watermark each partition had', () => {
		expect(plan({kind: 'earliest'}).ends.size).toBe(0);
		expect(Object.fromEntries(plan({kind: 'earliest'}, {exitAtEnd: true}).ends)).toEqual({0: 200n, 1: 50n, 2: 10n});
	});

	it('exit at end: empty partitions, and partitions started at their end, are done at once', () => {
		const earliest = plan({kind: 'earliest'}, {exitAtEnd: true});
		const startOf = (p: number) => earliest.seek.get(p)!;
		expect(unfinished(earliest.ends, startOf)).toEqual([0, 2]);
		const latest = plan({kind: 'latest'}, {exitAtEnd: true});
		expect(unfinished(latest.ends, p => latest.seek.get(p)!)).toEqual([]);
		// Reading partition 0 up to its end leaves partition 2.
		expect(unfinished(earliest.ends, p => (p === 0 ? 200n : startOf(p)))).toEqual([2]);
	});
});
