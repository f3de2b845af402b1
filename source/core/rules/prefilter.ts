// Aho-Corasick over the literals rules require, compiled to a dense automaton (one table lookup
// per character), so one pass over a field value names every rule that could match it.

// Literals longer than this are cut to their tail: any part of a required literal is required too,
// shorter keys keep the automaton small, and the tail of a path or flag is its selective part
// (the head of ':\windows\system32\dialer.exe' is in every system binary's path).
const MAX_KEY = 20;
const keyOf = (lit: string) => (lit.length > MAX_KEY ? lit.slice(lit.length - MAX_KEY) : lit);

const NON_ASCII = 0xffff;
let foldTable: Uint16Array | undefined;

/** Each UTF-16 unit -> the ASCII code of its lowercase form, or NON_ASCII (built once, lazily). */
function caseFold(): Uint16Array {
	if (foldTable) return foldTable;
	const t = new Uint16Array(65536);
	for (let c = 0; c < 65536; c++) {
		if (c < 128) t[c] = c >= 65 && c <= 90 ? c + 32 : c;
		else {
			const l = String.fromCharCode(c).toLowerCase();
			t[c] = l.length === 1 && l.charCodeAt(0) < 128 ? l.charCodeAt(0) : NON_ASCII;
		}
	}
	return (foldTable = t);
}

// Every table read in LiteralIndex is in range by construction, and marked `!`: fold and classes
// cover all 65536 UTF-16 units; ascii covers the codes below 128; a state is an index into trie, own,
// fail, outputs and renum (states are only ever pushed); a row is state * nClasses + a class below
// nClasses.
export class LiteralIndex {
	readonly classes = new Uint16Array(65536);
	readonly nClasses: number;
	/** Transitions: delta[row + class] is the next state's row (state * nClasses). */
	readonly delta: Int32Array;
	/** Rows at or past this one are states where a key ends. */
	readonly outStart: number;
	/** For those states, in row order: the rules whose key ends there (suffix keys included). */
	readonly outputs: number[][];

	constructor(entries: Array<{lit: string; rule: number}>) {
		// Every ASCII character of the keys is a class of its own; all non-ASCII ones share one.
		// Sharing only adds candidates (a key's occurrence still maps to its class sequence), and
		// keeps the table narrow: the homoglyph and encoding rules bring a thousand odd characters.
		const fold = caseFold();
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
		for (let c = 0; c < 65536; c++) {
			const f = fold[c]!;
			this.classes[c] = f < 128 ? ascii[f]! : wide;
		}
		this.nClasses = nc;
		// Trie.
		const trie: Array<Map<number, number>> = [new Map()];
		const own: Array<number[] | undefined> = [undefined];
		for (const {lit, rule} of entries) {
			let s = 0;
			const key = keyOf(lit);
			for (let i = 0; i < key.length; i++) {
				const cls = this.classes[key.charCodeAt(i)]!;
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
			(own[s] ??= []).push(rule);
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
		// tells whether a key ended; transitions hold the next state's row offset (state * nc).
		const order: number[] = [];
		for (let q = 0; q < n; q++) if (outputs[q] === undefined) order.push(q);
		const firstOut = order.length;
		for (let q = 0; q < n; q++) if (outputs[q] !== undefined) order.push(q);
		const renum = new Int32Array(n);
		order.forEach((q, i) => (renum[q] = i));
		const table = new Int32Array(n * nc);
		for (let q = 0; q < n; q++) {
			const row = renum[q]! * nc;
			for (let c = 0; c < nc; c++) table[row + c] = renum[delta[q * nc + c]!]! * nc;
		}
		this.delta = table;
		this.outStart = firstOut * nc;
		this.outputs = order.slice(firstOut).map(q => outputs[q]!);
	}

	/** Calls mark for every rule list whose key occurs in text. */
	scan(text: string, mark: (rules: number[]) => void): void {
		const {classes, delta, outputs, outStart, nClasses} = this;
		let row = 0;
		for (let i = 0; i < text.length; i++) {
			row = delta[row + classes[text.charCodeAt(i)]!]!;
			if (row >= outStart) mark(outputs[(row - outStart) / nClasses]!);
		}
	}
}
