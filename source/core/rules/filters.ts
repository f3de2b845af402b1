// Sigma filter documents (`filter:` with `rules`, identifiers and a `condition`): each named rule's
// condition becomes `(rule) and (filter)`, so a hit for which the filter's condition is false is
// suppressed. `rules: any` applies a filter to every rule. Suppressed hits are counted per filter,
// and the last few events each suppressed are kept, so nothing is lost in silence.
import {compileDetection, isMap} from './detection.js';
import type {CompileEnv} from './field-predicate.js';
import type {FieldCtx, MatchNode} from './match-node.js';
import {RuleError} from './sigma-string.js';

export interface FilterInfo {
	id: string;
	title: string;
	path: string;
	/** Rule ids or names, or 'any'. */
	rules: string[] | 'any';
	/** The hits it suppressed since loading. */
	suppressed: number;
	/** The last events it suppressed a hit on (newest last) and the rule. */
	recent: Array<{seq: number; rule: string}>;
}

export interface CompiledFilter {
	info: FilterInfo;
	node: MatchNode;
}

/** Suppressed events each filter remembers (the newest). */
export const RECENT_SUPPRESSED = 100;

export function compileFilter(
	doc: Record<string, unknown>,
	path: string,
	fallbackId: string,
	env: CompileEnv,
): CompiledFilter {
	const f = doc.filter;
	if (!isMap(f)) throw new RuleError('filter must be a map');
	const raw = f.rules;
	let rules: string[] | 'any';
	if (raw === 'any') rules = 'any';
	else {
		const list = typeof raw === 'string' ? [raw] : raw;
		if (!Array.isArray(list) || list.length === 0 || list.some(x => typeof x !== 'string' || !x))
			throw new RuleError("filter rules must be a list of rule ids or names, or 'any'");
		rules = list as string[];
	}
	const detection: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(f)) if (k !== 'rules') detection[k] = v;
	const node = compileDetection(detection, env);
	const id = typeof doc.id === 'string' && doc.id ? doc.id : fallbackId;
	const title = typeof doc.title === 'string' && doc.title ? doc.title : id;
	return {info: {id, title, path, rules, suppressed: 0, recent: []}, node};
}

/** The loaded filters, indexed by the rule ids they apply to once the rules are known. */
export class FilterSet {
	private readonly byRule = new Map<string, CompiledFilter[]>();
	private readonly any: CompiledFilter[] = [];
	private readonly list: CompiledFilter[] = [];

	constructor(private readonly resolve: (ref: string) => string | undefined) {}

	add(filter: CompiledFilter): void {
		this.list.push(filter);
		if (filter.info.rules === 'any') {
			this.any.push(filter);
			return;
		}
		for (const ref of filter.info.rules) {
			const id = this.resolve(ref) ?? ref;
			let l = this.byRule.get(id);
			if (!l) this.byRule.set(id, (l = []));
			if (!l.includes(filter)) l.push(filter);
		}
	}

	remove(id: string): boolean {
		const f = this.list.find(x => x.info.id === id);
		if (!f) return false;
		this.list.splice(this.list.indexOf(f), 1);
		const drop = (l: CompiledFilter[]) => {
			const i = l.indexOf(f);
			if (i >= 0) l.splice(i, 1);
		};
		drop(this.any);
		for (const l of this.byRule.values()) drop(l);
		return true;
	}

	get size(): number {
		return this.list.length;
	}

	/** True when a filter suppresses this rule's hit on the event in ctx (and counts it). */
	suppresses(ruleId: string, ctx: FieldCtx, seq: number): boolean {
		const named = this.byRule.get(ruleId);
		if (!named && this.any.length === 0) return false;
		for (const list of [named, this.any]) {
			if (!list) continue;
			for (const f of list) {
				let keep = true;
				try {
					keep = f.node.eval(ctx);
				} catch {
					keep = true;
				}
				if (keep) continue;
				f.info.suppressed++;
				f.info.recent.push({seq, rule: ruleId});
				if (f.info.recent.length > RECENT_SUPPRESSED) f.info.recent.shift();
				return true;
			}
		}
		return false;
	}

	/** Whether a filter would suppress this rule's hit on the event in ctx, counting nothing. */
	wouldSuppress(filter: CompiledFilter, ruleId: string, ctx: FieldCtx): boolean {
		const rules = filter.info.rules;
		if (rules !== 'any' && !rules.some(r => (this.resolve(r) ?? r) === ruleId)) return false;
		try {
			return !filter.node.eval(ctx);
		} catch {
			return false;
		}
	}

	infos(): FilterInfo[] {
		return this.list.map(f => f.info);
	}

	/** References that name no loaded rule. */
	dangling(): Array<{filter: string; ref: string}> {
		const out: Array<{filter: string; ref: string}> = [];
		for (const f of this.list)
			if (f.info.rules !== 'any')
				for (const ref of f.info.rules) if (this.resolve(ref) === undefined) out.push({filter: f.info.id, ref});
		return out;
	}
}
