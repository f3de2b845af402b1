// Reading lists in tests under noUncheckedIndexedAccess: an item that is not there fails the test
// with the index and the length, instead of a TypeError on undefined further down.
import {expect} from 'vitest';

/** The item at index i; fails the test where there is none (a -1 from findIndex included). */
export function itemAt<T>(items: readonly T[], i: number): T {
	const item = items[i];
	if (i < 0 || item === undefined) throw new Error(`expected an item at ${i}, the list has ${items.length}`);
	return item;
}

/** The one item of a list; fails the test unless there is exactly one. */
export function only<T>(items: readonly T[]): T {
	expect(items).toHaveLength(1);
	return itemAt(items, 0);
}
