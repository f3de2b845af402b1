// "did you mean": the nearest known name to a typo (a flag, a property key, a profile key).

/** The closest candidate, when it is close enough to be what was meant. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const c of candidates) {
		const d = distance(word.toLowerCase(), c.toLowerCase());
		if (d < bestDistance) {
			best = c;
			bestDistance = d;
		}
	}
	const allowed = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
	if (best !== undefined && bestDistance <= allowed) return best;
	// A prefix of exactly one candidate (`--exit` for --exit-at-end).
	const prefixed = word.length >= 4 ? candidates.filter(c => c.startsWith(word)) : [];
	return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Levenshtein distance, a transposition counted as one edit. */
function distance(a: string, b: string): number {
	const rows: number[][] = Array.from({length: a.length + 1}, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = d;
		}
	}
	return rows[a.length]![b.length]!;
}
