// A field item with many values (SigmaHQ lists two hundred PowerShell cmdlets under one
// CommandLine|contains): one pass of a literal automaton over the value names the few values
// that can match it, instead of one indexOf per value per event. The automaton is the
// prefilter's, so it never leaves out a value that matches (it may name some that do not).
import {LiteralIndex} from './literal-index.js';

export interface Keyed {
	/** Lowercase literals one of which every value it matches contains (empty: none known). */
	atoms: string[];
}

// Below this many values a plain loop of indexOf calls costs less than the pass.
const MIN_VALUES = 8;

/** tests -> a function giving the tests that can be true for a value (all of them when few). */
export function valueSet<T extends Keyed>(tests: T[]): (v: string) => T[] {
	const keyed = tests.filter(t => t.atoms.length > 0 && !t.atoms.includes(''));
	if (keyed.length < MIN_VALUES) return () => tests;
	const always: T[] = [];
	const entries: Array<{lit: string; id: number}> = [];
	tests.forEach((t, id) => {
		if (t.atoms.length === 0 || t.atoms.includes('')) always.push(t);
		else for (const lit of t.atoms) entries.push({lit, id});
	});
	// Built on first use: most rules never meet an event their prefilter keys let through.
	let index: LiteralIndex | undefined;
	const stamp = new Uint32Array(tests.length);
	let mark = 0;
	const out: T[] = [];
	const collect = (id: number) => {
		if (stamp[id] !== mark) {
			stamp[id] = mark;
			out.push(tests[id]!); // ids are indexes into tests
		}
	};
	return v => {
		if (++mark === 0xffffffff) {
			stamp.fill(0);
			mark = 1;
		}
		out.length = 0;
		(index ??= new LiteralIndex(entries)).scan(v, collect);
		for (const t of always) out.push(t);
		return out;
	};
}
