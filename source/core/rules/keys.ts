// What the prefilter knows about a compiled test: the literals an event must contain for the test
// to be true, as clauses that all hold (each clause: at least one of its atoms occurs). An AND
// needs every child's clauses; an OR needs, for any one clause picked from each child, their union.
// The engine makes a rule a candidate only when every clause of its keys holds.
import type {Atom} from './match-node.js';

export type Clause = Atom[];
/** Clauses that all hold whenever the test is true, cheapest first; null when none is known. */
export type Keys = Clause[] | null;

// A node keeps its few most selective clauses: more only cost prefilter time on every event.
export const MAX_CLAUSES = 6;

// Short or ubiquitous literals make poor prefilter keys: nearly every event would carry them.
// prettier-ignore
const COMMON = new Set([
	'.exe', '\\', '/', '-', ' ', 'c:\\', 'c:\\windows\\', '\\windows\\', '\\system32\\', 'c:\\windows\\system32\\',
	'.dll', 'http', 'https://', 'http://', '\\appdata\\', '\\users\\', 'c:\\users\\', '\\program files', 'microsoft',
	'\\microsoft\\', 'hklm\\', 'hku\\', '\\software\\', 'hklm\\software\\', '\\currentversion\\', 'windows', '.ps1',
	'\\temp\\', 'cmd', '/c', ' /c ', 'powershell', '\\windowspowershell\\', 'system32', 'true', 'false',
	'\\svchost.exe', '\\services.exe', '\\explorer.exe', '\\cmd.exe', '\\powershell.exe', '\\conhost.exe',
	'c:\\windows\\system32\\svchost.exe', 'c:\\windows\\explorer.exe', 'microsoft corporation', '0x3e7', 'system',
	'authori', 'autori', '\\system32', '\\syswow64', 'c:\\program files', ':\\program files', ':\\windows\\',
]);

/** A rough measure of how often a literal occurs in telemetry: longer and rarer is cheaper. */
export function atomCost(lit: string): number {
	const base = lit.length >= 8 ? 1 : lit.length >= 5 ? 2 : lit.length >= 3 ? 6 : 40;
	return COMMON.has(lit) ? base + 30 : base;
}

export function clauseCost(clause: Clause): number {
	let c = 0;
	for (const a of clause) c += atomCost(a.lit);
	return c;
}

const atomKey = (a: Atom) => `${a.fid}${a.exact ? '=' : '~'}${a.lit}`;
const clauseKey = (c: Clause) => c.map(atomKey).sort().join('\u0001');

function unique(atoms: Atom[]): Clause {
	const seen = new Set<string>();
	const out: Clause = [];
	for (const a of atoms) {
		const k = atomKey(a);
		if (!seen.has(k)) {
			seen.add(k);
			out.push(a);
		}
	}
	return out;
}

// A clause with a short literal of common characters is dropped: one or two of them (' ', '-a',
// '/c', 'ex') occur in nearly every command line, so the clause filters nothing, and each
// occurrence would cost the prefilter's scan a step. An empty literal occurs in every value.
// Rare characters stay keys however short ('^^' for cmd obfuscation, a backtick, a homoglyph),
// and so does an equality (EventID: 16).
const MIN_KEY = 3;
const COMMON_CHARS = /^[a-z0-9 \-/\\.:_"'=]*$/;
const weak = (a: Atom) => !a.exact && a.lit.length < MIN_KEY && COMMON_CHARS.test(a.lit);

// A clause once normalized keeps its identity and its cost: nodes pass their children's clauses
// up unchanged, and an AND of ORs would otherwise sort and join the same atoms at every level.
const described = new WeakMap<Clause, {key: string; cost: number}>();

/**
 * Clauses as a node's keys: those that tell little (MIN_KEY) and duplicates go; the cheapest
 * MAX_CLAUSES stay, cheapest first.
 */
export function normalize(clauses: Clause[]): Keys {
	// Most nodes pass up one clause (a field item's values, an AND of one selection).
	const [only] = clauses;
	if (clauses.length === 1 && only && described.has(only)) return [only];
	const seen = new Set<string>();
	const out: Array<{c: Clause; cost: number}> = [];
	for (const raw of clauses) {
		let c = raw;
		let d = described.get(raw);
		if (!d) {
			if (raw.length === 0 || raw.some(weak)) continue;
			const [one] = raw;
			if (raw.length === 1 && one) d = {key: atomKey(one), cost: atomCost(one.lit)};
			else {
				c = unique(raw);
				d = {key: clauseKey(c), cost: clauseCost(c)};
			}
			described.set(c, d);
		}
		if (seen.has(d.key)) continue;
		seen.add(d.key);
		out.push({c, cost: d.cost});
	}
	if (out.length === 0) return null;
	out.sort((a, b) => a.cost - b.cost);
	return out.slice(0, MAX_CLAUSES).map(x => x.c);
}

/** AND: every child's clauses are necessary. */
export function allOf(children: Keys[]): Keys {
	const all: Clause[] = [];
	for (const k of children) if (k) all.push(...k);
	return normalize(all);
}

/**
 * OR: some child is true, so for any choice of one clause per child the union holds. Clause i
 * unions each child's i-th cheapest (its last when it has fewer). Unknown for one child is
 * unknown for all.
 */
export function anyOf(children: Keys[]): Keys {
	if (children.length === 0) return null;
	let n = 0;
	for (const k of children) {
		if (!k || k.length === 0) return null;
		n = Math.max(n, k.length);
	}
	const out: Clause[] = [];
	for (let i = 0; i < n; i++) out.push(children.flatMap(k => k![Math.min(i, k!.length - 1)]!));
	return normalize(out);
}

/** The keys of one field's literal clauses (value level: plain lowercase strings). */
export function fieldKeys(fid: number, clauses: string[][], exact = false): Keys {
	return normalize(clauses.map(c => c.map(lit => (exact ? {fid, lit, exact} : {fid, lit}))));
}
