// The compiled form of every piece of a detection: a field item, a selection, a condition node.
// Each can decide an event, say what it matched, and name the literals an event must contain for
// it to be true (the prefilter's input).
import type {MatchedField} from '../event.js';
import {allOf, anyOf, type Keys} from './keys.js';

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

/** "The event's field fid, lowercased, contains lit" (exact: "is lit"). */
export interface Atom {
	fid: number;
	lit: string;
	exact?: boolean;
}

export interface MatchNode {
	eval(ctx: FieldCtx): boolean;
	/** Called only when eval is true: push the fields that made it true. */
	explain(ctx: FieldCtx, out: MatchedField[]): void;
	/**
	 * Clauses that all hold whenever eval is true (keys.ts); null when none is known. Read only
	 * when a route's prefilter is built: nodes work them out on the first read (lazyKeys), so the
	 * rules of routes no event takes never pay for them.
	 */
	readonly atoms: Keys;
}

/** A node whose `atoms` are worked out on the first read, then kept. */
export function lazyKeys(node: Omit<MatchNode, 'atoms'>, keys: () => Keys): MatchNode {
	let known: Keys | undefined;
	return Object.defineProperty(node, 'atoms', {
		get: () => (known === undefined ? (known = keys()) : known),
		enumerable: true,
	}) as MatchNode;
}

export function andNode(children: MatchNode[]): MatchNode {
	const [only] = children;
	if (children.length === 1 && only) return only;
	return lazyKeys(
		{
			eval(ctx: FieldCtx) {
				for (const c of children) if (!c.eval(ctx)) return false;
				return true;
			},
			explain(ctx: FieldCtx, out: MatchedField[]) {
				for (const c of children) c.explain(ctx, out);
			},
		},
		() => allOf(children.map(c => c.atoms)),
	);
}

export function orNode(children: MatchNode[]): MatchNode {
	const [only] = children;
	if (children.length === 1 && only) return only;
	return lazyKeys(
		{
			eval(ctx: FieldCtx) {
				for (const c of children) if (c.eval(ctx)) return true;
				return false;
			},
			explain(ctx: FieldCtx, out: MatchedField[]) {
				for (const c of children) if (c.eval(ctx)) c.explain(ctx, out);
			},
		},
		() => anyOf(children.map(c => c.atoms)),
	);
}

/** At least `min` of the children (1 of = OR, all of = AND, N of for pySigma's extension). */
export function atLeastNode(children: MatchNode[], min: number): MatchNode {
	if (min <= 1) return orNode(children);
	if (min >= children.length) return andNode(children);
	return lazyKeys(
		{
			eval(ctx: FieldCtx) {
				let n = 0;
				for (const c of children) if (c.eval(ctx) && ++n >= min) return true;
				return false;
			},
			explain(ctx: FieldCtx, out: MatchedField[]) {
				for (const c of children) if (c.eval(ctx)) c.explain(ctx, out);
			},
		},
		() => anyOf(children.map(c => c.atoms)),
	);
}

export function notNode(child: MatchNode): MatchNode {
	return {eval: ctx => !child.eval(ctx), explain() {}, atoms: null};
}
