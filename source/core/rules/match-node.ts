// The compiled form of every piece of a detection: a field item, a selection, a condition node.
// Each can decide an event, say what it matched, and name the literals an event must contain for
// it to be true (the prefilter's input).
import type {MatchedField} from '../event.js';

export interface KeywordValue {
	field: string;
	source: string;
	value: string;
	lower: string;
}

/** What compiled tests read from one event; values are computed once per event and field. */
export interface FieldCtx {
	value(fid: number): string | undefined;
	lower(fid: number): string | undefined;
	source(fid: number): string;
	/** Every string value of the event, for keyword searches. */
	keywords(): KeywordValue[];
}

/** "The event's field fid, lowercased, contains lit." */
export interface Atom {
	fid: number;
	lit: string;
}

export interface MatchNode {
	eval(ctx: FieldCtx): boolean;
	/** Called only when eval is true: push the fields that made it true. */
	explain(ctx: FieldCtx, out: MatchedField[]): void;
	/** At least one of these holds whenever eval is true; null when no such set is known. */
	atoms: Atom[] | null;
}

// Short or ubiquitous literals make poor prefilter keys: nearly every event would carry them.
const COMMON = new Set([
	'.exe',
	'\\',
	'/',
	'-',
	' ',
	'c:\\',
	'c:\\windows\\',
	'\\windows\\',
	'\\system32\\',
	'c:\\windows\\system32\\',
	'.dll',
	'http',
	'https://',
	'http://',
	'\\appdata\\',
	'\\users\\',
	'c:\\users\\',
	'\\program files',
	'microsoft',
	'\\microsoft\\',
	'hklm\\',
	'hku\\',
	'\\software\\',
	'hklm\\software\\',
	'\\currentversion\\',
	'windows',
	'.ps1',
	'\\temp\\',
	'cmd',
	'/c',
	' /c ',
	'powershell',
	'\\windowspowershell\\',
	'system32',
	'true',
	'false',
]);

export function atomCost(lit: string): number {
	const base = lit.length >= 8 ? 1 : lit.length >= 5 ? 2 : lit.length >= 3 ? 6 : 40;
	return COMMON.has(lit) ? base + 30 : base;
}

export function atomsCost(atoms: Atom[]): number {
	let c = 0;
	for (const a of atoms) c += atomCost(a.lit);
	return c;
}

/** For an AND: any one child's set is necessary; take the cheapest. */
export function bestAtoms(children: Array<Atom[] | null>): Atom[] | null {
	let best: Atom[] | null = null;
	let bestCost = Infinity;
	for (const a of children) {
		if (!a) continue;
		const c = atomsCost(a);
		if (c < bestCost) {
			best = a;
			bestCost = c;
		}
	}
	return best;
}

/** For an OR: every child must contribute a set, and the union is necessary. */
export function unionAtoms(children: Array<Atom[] | null>): Atom[] | null {
	const out: Atom[] = [];
	const seen = new Set<string>();
	for (const a of children) {
		if (!a) return null;
		for (const x of a) {
			const k = `${x.fid}\u0000${x.lit}`;
			if (!seen.has(k)) {
				seen.add(k);
				out.push(x);
			}
		}
	}
	return out;
}

export function andNode(children: MatchNode[]): MatchNode {
	const [only] = children;
	if (children.length === 1 && only) return only;
	return {
		eval(ctx) {
			for (const c of children) if (!c.eval(ctx)) return false;
			return true;
		},
		explain(ctx, out) {
			for (const c of children) c.explain(ctx, out);
		},
		atoms: bestAtoms(children.map(c => c.atoms)),
	};
}

export function orNode(children: MatchNode[]): MatchNode {
	const [only] = children;
	if (children.length === 1 && only) return only;
	return {
		eval(ctx) {
			for (const c of children) if (c.eval(ctx)) return true;
			return false;
		},
		explain(ctx, out) {
			for (const c of children) if (c.eval(ctx)) c.explain(ctx, out);
		},
		atoms: unionAtoms(children.map(c => c.atoms)),
	};
}

/** At least `min` of the children (1 of = OR, all of = AND, N of for pySigma's extension). */
export function atLeastNode(children: MatchNode[], min: number): MatchNode {
	if (min <= 1) return orNode(children);
	if (min >= children.length) return andNode(children);
	return {
		eval(ctx) {
			let n = 0;
			for (const c of children) if (c.eval(ctx) && ++n >= min) return true;
			return false;
		},
		explain(ctx, out) {
			for (const c of children) if (c.eval(ctx)) c.explain(ctx, out);
		},
		atoms: unionAtoms(children.map(c => c.atoms)),
	};
}

export function notNode(child: MatchNode): MatchNode {
	return {eval: ctx => !child.eval(ctx), explain() {}, atoms: null};
}
