// Aho-Corasick over the literals rules require, compiled to a dense automaton (one table lookup
// per character), so one pass over a field value names every key it holds: the prefilter's scan
// (prefilter.ts) and the narrowing of long value lists (value-set.ts).

// Literals longer than this are cut to their tail: any part of a required literal is required too,
// shorter keys keep the automaton small, and the tail of a path or flag is its selective part
// (the head of ':\windows\system32\dialer.exe' is in every system binary's path).
const MAX_KEY = 20;
export const keyOf = (lit: string) => (lit.length > MAX_KEY ? lit.slice(lit.length - MAX_KEY) : lit);

const NON_ASCII = 0xffff;

/** Each UTF-16 unit -> the ASCII code of its lowercase form, or NON_ASCII. */
function caseFold(): Uint16Array {
	const t = new Uint16Array(65536);
	for (let c = 0; c < 65536; c++) {
		if (c < 128) t[c] = c >= 65 && c <= 90 ? c + 32 : c;
		else {
			const l = String.fromCharCode(c).toLowerCase();
			t[c] = l.length === 1 && l.charCodeAt(0) < 128 ? l.charCodeAt(0) : NON_ASCII;
		}
	}
	return t;
}

// One table for every index: 128 KiB once, not per field and route.
export const FOLD = caseFold();

// Every table read here is in range by construction, and marked `!`: FOLD covers all 65536 UTF-16
// units; ascii covers the codes below 128; a state is an index into trie, own, fail, outputs and
// renum (states are only ever pushed), and delta holds state * nClasses + a class below nClasses;
// outStart has one more entry than there are output states.

export class LiteralIndex {
	/** The class of each ASCII character (upper case folded); others: classOf. */
	readonly ascii: Uint16Array;
	/** The class every non-ASCII character whose lowercase is not ASCII shares. */
	readonly wide: number;
	readonly nClasses: number;
	/** Transitions: delta[state * nClasses + class] is the next state (two bytes when they fit). */
	readonly delta: Uint16Array | Int32Array;
	/** States from this one on are those where a key ends. */
	readonly firstOut: number;
	/**
	 * For state firstOut + k: the ids of the keys that end there (suffix keys included) are
	 * outIds[outStart[k]] .. outIds[outStart[k + 1]].
	 */
	readonly outStart: Int32Array;
	readonly outIds: Int32Array;

	constructor(entries: Array<{lit: string; id: number}>) {
		// Every ASCII character of the keys is a class of its own; all non-ASCII ones share one.
		// Sharing only adds candidates (a key's occurrence still maps to its class sequence), and
		// keeps the table narrow: the homoglyph and encoding rules bring a thousand odd characters.
		const fold = FOLD;
		const ascii = new Uint16Array(128);
		let nc = 1;
		let wide = 0;
		for (const {lit} of entries) {
			const key = keyOf(lit);
			for (let i = 0; i < key.length; i++) {
				const f = fold[key.charCodeAt(i)]!;
				if (f < 128) ascii[f] ||= nc++;
				else wide ||= nc++;
			}
		}
		// Text is scanned as it is, not lowercased: a character takes the class of its lowercase
		// form (as lower() gives it), so 'A' and 'a' (and the Kelvin sign and 'k') are one class.
		// Only the ASCII part is a table of the index's own (one shared table folds the rest).
		this.ascii = new Uint16Array(128);
		for (let c = 0; c < 128; c++) this.ascii[c] = ascii[fold[c]!]!;
		this.wide = wide;
		this.nClasses = nc;
		// Trie.
		const trie: Array<Map<number, number>> = [new Map()];
		const own: Array<number[] | undefined> = [undefined];
		for (const {lit, id} of entries) {
			let s = 0;
			const key = keyOf(lit);
			for (let i = 0; i < key.length; i++) {
				const cls = this.classOf(key.charCodeAt(i));
				const node = trie[s]!;
				let t = node.get(cls);
				if (t === undefined) {
					t = trie.length;
					trie.push(new Map());
					own.push(undefined);
					node.set(cls, t);
				}
				s = t;
			}
			(own[s] ??= []).push(id);
		}
		// BFS: failure links folded into a full transition table.
		const n = trie.length;
		const delta = new Int32Array(n * nc);
		const fail = new Int32Array(n);
		const outputs: Array<number[] | undefined> = new Array(n);
		const queue: number[] = [];
		const root = trie[0]!;
		for (let c = 0; c < nc; c++) {
			const t = root.get(c);
			if (t !== undefined) {
				delta[c] = t;
				fail[t] = 0;
				queue.push(t);
			}
		}
		outputs[0] = own[0];
		for (let qi = 0; qi < queue.length; qi++) {
			const s = queue[qi]!;
			const f = fail[s]!;
			const o = own[s];
			const fo = outputs[f];
			outputs[s] = o && fo ? [...new Set([...o, ...fo])] : (o ?? fo);
			const node = trie[s]!;
			for (let c = 0; c < nc; c++) {
				const t = node.get(c);
				if (t !== undefined) {
					fail[t] = delta[f * nc + c]!;
					delta[s * nc + c] = t;
					queue.push(t);
				} else delta[s * nc + c] = delta[f * nc + c]!;
			}
		}
		// Renumber: states without outputs first (the root stays 0), so one comparison per character
		// tells whether a key ended.
		// Breadth-first within each part: a scan spends most of its steps near the root, and those
		// rows then share cache lines instead of being spread over megabytes.
		const bfs = [0, ...queue];
		const order: number[] = [];
		for (const q of bfs) if (outputs[q] === undefined) order.push(q);
		const firstOut = order.length;
		for (const q of bfs) if (outputs[q] !== undefined) order.push(q);
		const renum = new Int32Array(n);
		order.forEach((q, i) => (renum[q] = i));
		const table = n <= 0x10000 ? new Uint16Array(n * nc) : new Int32Array(n * nc);
		for (let q = 0; q < n; q++) {
			const row = renum[q]! * nc;
			for (let c = 0; c < nc; c++) table[row + c] = renum[delta[q * nc + c]!]!;
		}
		this.delta = table;
		this.firstOut = firstOut;
		const ends = order.slice(firstOut).map(q => outputs[q]!);
		this.outStart = new Int32Array(ends.length + 1);
		ends.forEach((o, k) => (this.outStart[k + 1] = this.outStart[k]! + o.length));
		this.outIds = Int32Array.from(ends.flat());
	}

	classOf(c: number): number {
		if (c < 128) return this.ascii[c]!;
		const f = FOLD[c]!;
		return f < 128 ? this.ascii[f]! : this.wide;
	}

	/** Calls mark with the id of every key that occurs in text, once per occurrence. */
	scan(text: string, mark: (id: number) => void): void {
		const {ascii, wide, delta, outStart, outIds, firstOut, nClasses} = this;
		let s = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			s = delta[s * nClasses + (c < 128 ? ascii[c]! : FOLD[c]! < 128 ? ascii[FOLD[c]!]! : wide)]!;
			if (s < firstOut) continue;
			for (let j = outStart[s - firstOut]!, end = outStart[s - firstOut + 1]!; j < end; j++) mark(outIds[j]!);
		}
	}
}
