// Aho-Corasick over the literals rules require, compiled to a dense automaton (one table lookup
// per character), so one pass over a field value names every rule that could match it.

// Literals longer than this are cut to their tail: any part of a required literal is required too,
// shorter keys keep the automaton small, and the tail of a path or flag is its selective part
// (the head of ':\windows\system32\dialer.exe' is in every system binary's path).
const MAX_KEY = 20;
const keyOf = (lit: string) => (lit.length > MAX_KEY ? lit.slice(lit.length - MAX_KEY) : lit);

export class LiteralIndex {
	readonly classes = new Uint16Array(65536);
	readonly nClasses: number;
	readonly delta: Int32Array;
	/** Rules whose key ends at this state (including keys that are suffixes of it). */
	readonly outputs: Array<number[] | undefined>;

	constructor(entries: Array<{lit: string; rule: number}>) {
		let nc = 1;
		for (const {lit} of entries) {
			const key = keyOf(lit);
			for (let i = 0; i < key.length; i++) {
				const c = key.charCodeAt(i);
				if (this.classes[c] === 0) this.classes[c] = nc++;
			}
		}
		this.nClasses = nc;
		// Trie.
		const trie: Array<Map<number, number>> = [new Map()];
		const own: Array<number[] | undefined> = [undefined];
		for (const {lit, rule} of entries) {
			let s = 0;
			const key = keyOf(lit);
			for (let i = 0; i < key.length; i++) {
				const cls = this.classes[key.charCodeAt(i)];
				let t = trie[s].get(cls);
				if (t === undefined) {
					t = trie.length;
					trie.push(new Map());
					own.push(undefined);
					trie[s].set(cls, t);
				}
				s = t;
			}
			(own[s] ??= []).push(rule);
		}
		// BFS: failure links folded into a full transition table.
		const n = trie.length;
		const delta = new Int32Array(n * nc);
		const fail = new Int32Array(n);
		const outputs: Array<number[] | undefined> = new Array(n);
		const queue: number[] = [];
		for (let c = 0; c < nc; c++) {
			const t = trie[0].get(c);
			if (t !== undefined) {
				delta[c] = t;
				fail[t] = 0;
				queue.push(t);
			}
		}
		outputs[0] = own[0];
		for (let qi = 0; qi < queue.length; qi++) {
			const s = queue[qi];
			const f = fail[s];
			const o = own[s];
			const fo = outputs[f];
			outputs[s] = o && fo ? [...new Set([...o, ...fo])] : (o ?? fo);
			for (let c = 0; c < nc; c++) {
				const t = trie[s].get(c);
				if (t !== undefined) {
					fail[t] = delta[f * nc + c];
					delta[s * nc + c] = t;
					queue.push(t);
				} else delta[s * nc + c] = delta[f * nc + c];
			}
		}
		this.delta = delta;
		this.outputs = outputs;
	}

	/** Calls mark for every rule list whose key occurs in text. */
	scan(text: string, mark: (rules: number[]) => void): void {
		const {classes, delta, outputs, nClasses} = this;
		let s = 0;
		for (let i = 0; i < text.length; i++) {
			s = delta[s * nClasses + classes[text.charCodeAt(i)]];
			const o = outputs[s];
			if (o !== undefined) mark(o);
		}
	}
}
