// One detection item, `Field|mod|mod: value(s)`, compiled with its modifiers (docs/sigma.md §4):
// string transforms apply left to right, then the values become tests.
// Over 300 lines by design: the whole modifier chain of one item, with the keys it tells the prefilter.
import type {MatchedField} from '../event.js';
import {compileCidr} from './cidr.js';
import {KEYWORDS_FIELD} from './field-map.js';
import {allOf, anyOf, fieldKeys, type Keys} from './keys.js';
import {compileSigmaRegex} from './regex.js';
import {regexKeys} from './regex-keys.js';
import {
	base64,
	base64offset,
	type Encoded,
	hasSpecials,
	literalText,
	parseSigmaString,
	RuleError,
	type SigmaString,
	utf16be,
	utf16bom,
	utf16le,
	windash,
	withWildcards,
} from './sigma-string.js';
import {mergeSpans, type Span} from './spans.js';
import {compileString} from './string-matcher.js';
import {compareTest, datePartTest, fieldrefTest, type ValueTest} from './value-modifiers.js';
import {type FieldCtx, lazyKeys, type MatchNode} from './match-node.js';
import {valueSet} from './value-set.js';

export const KNOWN_MODIFIERS = [
	'contains',
	'startswith',
	'endswith',
	'all',
	'exists',
	'cased',
	'neq',
	'windash',
	're',
	'i',
	'ignorecase',
	'm',
	'multiline',
	's',
	'dotall',
	'base64',
	'base64offset',
	'utf16le',
	'wide',
	'utf16be',
	'utf16',
	'cidr',
	'lt',
	'lte',
	'gt',
	'gte',
	'minute',
	'hour',
	'day',
	'week',
	'month',
	'year',
	'expand',
	'fieldref',
] as const;
const KNOWN = new Set<string>(KNOWN_MODIFIERS);
const DATE_PARTS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);
const COMPARE = new Set(['lt', 'lte', 'gt', 'gte']);

export interface FieldIds {
	id(name: string): number;
}

export interface CompileEnv {
	fields: FieldIds;
	placeholders?: Record<string, string[]>;
	/** Filled with every modifier the rule uses (for the load report). */
	modifiers: Set<string>;
	/** Filled with every field the rule names. */
	fieldNames: Set<string>;
}

/** A detection value after YAML: strings (numbers and booleans already in their source text) or null. */
export type RawValue = string | null;

/** What a value test tells the prefilter about the field it reads. */
const valueKeys = (fid: number, t: ValueTest, exact = t.exact): Keys => fieldKeys(fid, t.clauses ?? [t.atoms], exact);

export function compileFieldItem(key: string, rawValues: RawValue[], env: CompileEnv): MatchNode {
	const [fieldName = '', ...mods] = key.split('|');
	const field = fieldName.trim();
	for (const m of mods) {
		if (!KNOWN.has(m)) throw new RuleError(`unknown modifier '${m}'`);
		env.modifiers.add(m);
	}
	if (field) env.fieldNames.add(field);
	const has = (m: string) => mods.includes(m);
	const all = has('all');

	if (has('exists')) {
		if (!field) throw new RuleError('exists needs a field');
		// A boolean: YAML's False and FALSE reach us as text, and mean false as much as false does.
		const want = rawValues[0]?.toLowerCase() !== 'false';
		const fid = env.fields.id(field);
		return {
			eval: ctx => (ctx.value(fid) !== undefined) === want,
			explain(ctx, out) {
				const v = ctx.value(fid);
				if (v !== undefined) out.push({field, source: ctx.source(fid), value: v, spans: []});
			},
			atoms: null,
		};
	}

	let values = rawValues;
	if (has('expand')) values = values.flatMap(v => (v === null ? [null] : expandPlaceholders(v, env.placeholders)));

	const nulls = values.some(v => v === null);
	const texts = values.filter((v): v is string => v !== null);
	// A bare keyword is found anywhere in a value (full-text search): contains unless told otherwise.
	const bare = !field && !mods.some(m => ['contains', 'startswith', 'endswith', 're', 'cidr', 'fieldref'].includes(m));
	const valueMods = bare ? [...mods, 'contains'] : mods;
	const tests = texts.map(t => compileValue(t, valueMods, env));

	if (!field) return keywordNode(tests, all, env.fields.id(KEYWORDS_FIELD));
	const fid = env.fields.id(field);
	if (has('neq')) return neqNode(field, fid, tests);
	return fieldNode(field, fid, tests, nulls, all);
}

function expandPlaceholders(text: string, placeholders: Record<string, string[]> | undefined): string[] {
	let out = [text];
	for (const m of text.matchAll(/%([^%\s]+)%/g)) {
		const name = m[1]!; // the pattern's one group always takes part
		const list = placeholders?.[name];
		if (!list || list.length === 0) throw new RuleError(`unresolved placeholder %${name}% (expand)`);
		out = out.flatMap(t => list.map(v => t.split(m[0]).join(v)));
	}
	return out;
}

function compileValue(text: string, mods: string[], env: CompileEnv): ValueTest {
	const has = (m: string) => mods.includes(m);
	if (has('re')) {
		for (const m of mods) {
			if (['contains', 'startswith', 'endswith', 'windash', 'base64', 'base64offset', 'cidr'].includes(m)) {
				throw new RuleError(`modifier '${m}' cannot be combined with re`);
			}
		}
		const re = compileSigmaRegex(text, {
			i: has('i') || has('ignorecase'),
			m: has('m') || has('multiline'),
			s: has('s') || has('dotall'),
		});
		return {
			atoms: [],
			clauses: regexKeys(re),
			test: v => re.test(v),
			span(v) {
				const m = re.exec(v);
				return m ? [m.index, m.index + m[0].length] : undefined;
			},
		};
	}
	if (has('cidr')) {
		const t = compileCidr(text);
		return {atoms: [], test: v => t(v), span: v => [0, v.length]};
	}
	const cmp = mods.find(m => COMPARE.has(m));
	if (cmp) return compareTest(text, cmp);
	const part = mods.find(m => DATE_PARTS.has(m));
	if (part) return datePartTest(text, part);
	if (has('fieldref')) {
		env.fieldNames.add(text.trim());
		return fieldrefTest(env.fields.id(text.trim()), mods);
	}

	// String transforms, left to right.
	let alts: Array<{s: SigmaString; bytes: boolean}> = [{s: parseSigmaString(text), bytes: false}];
	const encode = (f: (e: Encoded) => Encoded | Encoded[]) => {
		alts = alts.flatMap(a => {
			if (hasSpecials(a.s)) throw new RuleError('wildcards cannot be combined with an encoding modifier');
			const r = f({text: literalText(a.s), bytes: a.bytes});
			return (Array.isArray(r) ? r : [r]).map(e => ({s: [e.text], bytes: e.bytes}));
		});
	};
	for (const m of mods) {
		if (m === 'contains') alts = alts.map(a => ({...a, s: withWildcards(a.s, true, true)}));
		else if (m === 'startswith') alts = alts.map(a => ({...a, s: withWildcards(a.s, false, true)}));
		else if (m === 'endswith') alts = alts.map(a => ({...a, s: withWildcards(a.s, true, false)}));
		else if (m === 'windash') alts = alts.map(a => ({...a, s: windash(a.s)}));
		else if (m === 'base64') encode(base64);
		else if (m === 'base64offset') encode(base64offset);
		else if (m === 'utf16le' || m === 'wide') encode(utf16le);
		else if (m === 'utf16be') encode(utf16be);
		else if (m === 'utf16') encode(utf16bom);
	}
	const cased = has('cased');
	const compiled = alts.map(a => compileString(a.s, cased));
	const [c] = compiled;
	if (compiled.length === 1 && c) {
		return {
			atoms: c.atom || c.exact ? [c.atom] : [],
			exact: c.exact,
			test: (v, lv) => c.test(v, lv),
			span: (v, lv) => c.span(v, lv),
		};
	}
	return {
		// Alternatives (base64offset) OR: every one must bring a key.
		atoms: compiled.every(c => c.atom) ? compiled.map(c => c.atom) : [],
		test: (v, lv) => compiled.some(c => c.test(v, lv)),
		span(v, lv) {
			for (const c of compiled) if (c.test(v, lv)) return c.span(v, lv);
			return undefined;
		},
	};
}

// Values that repeat (images, users, parents) are decided once per node: the answer of a field item
// whose tests read nothing else is the value's alone. Long values seldom repeat and are not kept.
const MEMO_MAX_CHARS = 256;
const MEMO_SIZE = 256;
// A node whose values do not repeat stops remembering them after this many look-ups.
const MEMO_TRIAL = 1024;

function memoized(fid: number, decide: (ctx: FieldCtx) => boolean): (ctx: FieldCtx) => boolean {
	const memo = new Map<string, boolean>();
	let looks = 0;
	let hits = 0;
	let on = true;
	return ctx => {
		if (!on) return decide(ctx);
		const v = ctx.value(fid);
		if (v === undefined || v.length > MEMO_MAX_CHARS) return decide(ctx);
		const known = memo.get(v);
		if (++looks === MEMO_TRIAL && hits < MEMO_TRIAL / 4) {
			on = false;
			memo.clear();
		}
		if (known !== undefined) {
			hits++;
			return known;
		}
		const r = decide(ctx);
		if (memo.size >= MEMO_SIZE) memo.clear();
		if (on) memo.set(v, r);
		return r;
	};
}

function fieldNode(field: string, fid: number, tests: ValueTest[], nulls: boolean, all: boolean): MatchNode {
	const n = tests.length;
	// The values that can match (a long list is narrowed in one pass); all of them for a short one.
	const pick = valueSet(tests);
	const evalFn = all
		? (ctx: FieldCtx) => {
				const lv = ctx.lower(fid);
				if (lv === undefined) return nulls && n === 0;
				if (nulls) return false;
				const v = ctx.value(fid)!;
				for (const t of tests) if (!t.test(v, lv, ctx)) return false;
				return true;
			}
		: (ctx: FieldCtx) => {
				const lv = ctx.lower(fid);
				if (lv === undefined) return nulls;
				const v = ctx.value(fid)!;
				for (const t of pick(v)) if (t.test(v, lv, ctx)) return true;
				return false;
			};
	const atoms = (): Keys => {
		if (nulls || n === 0) return null;
		const keys = tests.map(t => valueKeys(fid, t));
		return all ? allOf(keys) : anyOf(keys);
	};
	const valueOnly = n > 0 && !tests.some(t => t.readsEvent);
	// The spans of a value met again, as the value's alone (each hit gets its own copy).
	const spansOf = new Map<string, Span[]>();
	const node = {
		eval: valueOnly ? memoized(fid, evalFn) : evalFn,
		explain(ctx: FieldCtx, out: MatchedField[]) {
			const v = ctx.value(fid);
			const lv = ctx.lower(fid);
			if (v === undefined || lv === undefined) return;
			const known = valueOnly ? spansOf.get(v) : undefined;
			if (known) {
				out.push({field, source: ctx.source(fid), value: v, spans: known.map(s => [s[0], s[1]])});
				return;
			}
			const spans: Span[] = [];
			for (const t of pick(v)) {
				if (!t.test(v, lv, ctx)) continue;
				const s = t.span(v, lv, ctx);
				if (s) spans.push(s);
			}
			const merged = mergeSpans(spans);
			if (valueOnly && v.length <= MEMO_MAX_CHARS) {
				if (spansOf.size >= MEMO_SIZE) spansOf.clear();
				spansOf.set(
					v,
					merged.map(s => [s[0], s[1]]),
				);
			}
			out.push({field, source: ctx.source(fid), value: v, spans: merged});
		},
	};
	return lazyKeys(node, atoms);
}

// neq: the field is there and equals none of the values.
function neqNode(field: string, fid: number, tests: ValueTest[]): MatchNode {
	const test = (ctx: FieldCtx) => {
		const lv = ctx.lower(fid);
		if (lv === undefined) return false;
		const v = ctx.value(fid)!;
		for (const t of tests) if (t.test(v, lv, ctx)) return false;
		return true;
	};
	return {
		eval: test,
		explain(ctx, out) {
			const v = ctx.value(fid);
			if (v !== undefined) out.push({field, source: ctx.source(fid), value: v, spans: []});
		},
		atoms: null,
	};
}

// Keywords search every string value of the event. The prefilter sees all values joined (the
// pseudo-field KEYWORDS_FIELD): a keyword's literal must occur in one of them.
function keywordNode(tests: ValueTest[], all: boolean, kwFid: number): MatchNode {
	// A keyword is looked for in every value: its keys are substrings, never equalities.
	const atoms = (): Keys => {
		if (tests.length === 0) return null;
		const keys = tests.map(t => valueKeys(kwFid, t, false));
		return all ? allOf(keys) : anyOf(keys);
	};
	const hit = (ctx: FieldCtx, t: ValueTest) => {
		for (const k of ctx.keywords()) if (t.test(k.value, k.lower, ctx)) return true;
		return false;
	};
	const node = {
		eval: (ctx: FieldCtx) => (all ? tests.every(t => hit(ctx, t)) : tests.some(t => hit(ctx, t))),
		explain(ctx: FieldCtx, out: MatchedField[]) {
			for (const k of ctx.keywords()) {
				const spans: Span[] = [];
				for (const t of tests) {
					if (!t.test(k.value, k.lower, ctx)) continue;
					const s = t.span(k.value, k.lower, ctx);
					if (s) spans.push(s);
				}
				if (spans.length) out.push({field: 'keywords', source: k.source, value: k.value, spans: mergeSpans(spans)});
			}
		},
	};
	return lazyKeys(node, atoms);
}
