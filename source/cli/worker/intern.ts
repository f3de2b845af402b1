// One copy of each repeated string on the screen's thread. Every event that crosses from the
// pipeline thread arrives with fresh copies of its strings (structured clone copies text), and the
// same hosts, users, images, hashes and command lines repeat across thousands of buffered events.

/** Strings longer than this are rarely repeated and cost a long hash: kept as they are. */
const MAX_LENGTH = 512;

/**
 * A bounded intern pool in two generations: lookups hit the young map, then the old one (and
 * promote); when the young map is full it becomes the old one, so memory stays bounded on an
 * endless stream of unique values while the values that keep coming back stay shared.
 */
export class InternPool {
	private young = new Map<string, string>();
	private old = new Map<string, string>();

	constructor(private readonly generation = 50_000) {}

	get size(): number {
		return this.young.size + this.old.size;
	}

	intern(s: string): string {
		if (s.length > MAX_LENGTH) return s;
		let t = this.young.get(s);
		if (t !== undefined) return t;
		t = this.old.get(s) ?? s;
		if (this.young.size >= this.generation) {
			this.old = this.young;
			this.young = new Map();
		}
		this.young.set(t, t);
		return t;
	}

	/** Replaces every string value in a tree of plain objects and arrays, in place. */
	internAll<T>(value: T): T {
		if (value === null || typeof value !== 'object') return value;
		const o = value as Record<string, unknown>;
		for (const k in o) {
			const v = o[k];
			if (typeof v === 'string') o[k] = this.intern(v);
			else if (v !== null && typeof v === 'object') this.internAll(v);
		}
		return value;
	}
}
