// A small seeded PRNG (mulberry32): the demo must be reproducible from --seed, so nothing in it
// may call Math.random.

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Integer in [min, max], both included. */
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
	/** n lowercase hex digits. */
	hex(n: number): string;
}

export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	const next = (): number => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		chance: p => next() < p,
		pick: items => {
			if (items.length === 0) throw new RangeError('pick from an empty list');
			return items[Math.floor(next() * items.length)]!; // next() < 1: the index is below the length
		},
		weighted(entries) {
			let total = 0;
			for (const [, w] of entries) total += w;
			let r = next() * total;
			for (const [value, w] of entries) {
				r -= w;
				if (r < 0) return value;
			}
			// Reached only by rounding (r is below the total): the last entry.
			const lastEntry = entries.at(-1);
			if (lastEntry === undefined) throw new RangeError('weighted pick from an empty list');
			return lastEntry[0];
		},
		hex(n) {
			let s = '';
			while (s.length < n) s += ((next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
			return s.slice(0, n);
		},
	};
}

/** FNV-1a: stable ids and hashes derived from names (same image -> same hash on every run). */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** n hex digits that depend only on the text. */
export function stableHex(text: string, n: number): string {
	return createRng(hashString(text)).hex(n);
}
