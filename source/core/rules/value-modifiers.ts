// The value modifiers that are not string patterns: numeric comparisons (lt, lte, gt, gte), date
// parts (minute ... year) and fieldref, each compiled to the ValueTest a field item is made of.
import type {FieldCtx} from './match-node.js';
import {RuleError} from './sigma-string.js';
import type {Span} from './spans.js';

/** One value of a detection item, compiled: does a field value match it, and where. */
export interface ValueTest {
	test(v: string, lv: string, ctx: FieldCtx): boolean;
	span(v: string, lv: string, ctx: FieldCtx): Span | undefined;
	/** Lowercase literals, one of which every matching value contains; empty when none is known. */
	atoms: string[];
	/** Instead of atoms: clauses of such literals that all hold (a regex may need several). */
	clauses?: string[][];
	/** The value, lowercased, equals one of the atoms (not merely contains it). */
	exact?: boolean;
	/** The test reads other fields of the event (fieldref): its answer is not the value's alone. */
	readsEvent?: boolean;
}

export function compareTest(text: string, op: string): ValueTest {
	const n = Number(text);
	if (text.trim() === '' || !Number.isFinite(n)) throw new RuleError(`${op} needs a number, got '${text}'`);
	const ok = (x: number) => (op === 'lt' ? x < n : op === 'lte' ? x <= n : op === 'gt' ? x > n : x >= n);
	return {
		atoms: [],
		test(v) {
			const x = v.trim() === '' ? Number.NaN : Number(v);
			return Number.isFinite(x) && ok(x);
		},
		span: v => [0, v.length],
	};
}

export function datePartTest(text: string, part: string): ValueTest {
	const n = Number(text);
	if (!Number.isInteger(n)) throw new RuleError(`${part} needs an integer, got '${text}'`);
	return {atoms: [], test: v => datePart(v, part) === n, span: v => [0, v.length]};
}

/** Epoch ms (digits) or any date string Date.parse reads; parts in UTC; week is the ISO week. */
export function datePart(v: string, part: string): number | undefined {
	const t = /^\d+$/.test(v.trim()) ? Number(v) : Date.parse(v);
	if (!Number.isFinite(t)) return undefined;
	const d = new Date(t);
	switch (part) {
		case 'minute':
			return d.getUTCMinutes();
		case 'hour':
			return d.getUTCHours();
		case 'day':
			return d.getUTCDate();
		case 'month':
			return d.getUTCMonth() + 1;
		case 'year':
			return d.getUTCFullYear();
		default: {
			const day = (d.getUTCDay() + 6) % 7;
			const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
			const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
			return (
				1 +
				Math.round(
					(thursday.getTime() - firstThursday.getTime()) / 86_400_000 / 7 -
						(((firstThursday.getUTCDay() + 6) % 7) - 3) / 7,
				)
			);
		}
	}
}

/** fieldref: the value compared with another field of the same event (`ofid`), as the mods say. */
export function fieldrefTest(ofid: number, mods: string[]): ValueTest {
	const cased = mods.includes('cased');
	const mode = mods.includes('contains')
		? 'contains'
		: mods.includes('startswith')
			? 'startswith'
			: mods.includes('endswith')
				? 'endswith'
				: 'equals';
	const find = (v: string, lv: string, ctx: FieldCtx): number => {
		const r = cased ? ctx.value(ofid) : ctx.lower(ofid);
		if (r === undefined) return -1;
		const s = cased ? v : lv;
		if (mode === 'equals') return s === r ? 0 : -1;
		if (mode === 'startswith') return s.startsWith(r) ? 0 : -1;
		if (mode === 'endswith') return s.endsWith(r) ? s.length - r.length : -1;
		return s.indexOf(r);
	};
	return {
		atoms: [],
		readsEvent: true,
		test: (v, lv, ctx) => find(v, lv, ctx) !== -1,
		span(v, lv, ctx) {
			const i = find(v, lv, ctx);
			const len = mode === 'equals' ? v.length : (ctx.value(ofid) ?? '').length;
			return i === -1 ? undefined : [i, i + len];
		},
	};
}
