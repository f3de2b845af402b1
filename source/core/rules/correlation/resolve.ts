// Joins correlations to what they name: rules and other correlations, by id or by name, in any
// loaded file. A reference that resolves to nothing, or a cycle, skips the correlation with the
// reason; so does naming a correlation that was skipped itself.
import type {CorrelationDef} from './types.js';

export interface RuleRef {
	id: string;
	name?: string;
	title: string;
}

export interface ResolvedRef {
	/** The reference as written. */
	ref: string;
	kind: 'rule' | 'correlation';
	id: string;
	name?: string;
	title: string;
	/** For a correlation: its index in the resolved list (inner ones come first). */
	index?: number;
}

export interface ResolvedCorrelation {
	def: CorrelationDef;
	refs: ResolvedRef[];
}

export interface Resolution {
	/** Inner correlations before the ones that name them. */
	resolved: ResolvedCorrelation[];
	skipped: Array<{def: CorrelationDef; reason: string}>;
	/** Every reference, resolved or not (for `rules check`). */
	references: Array<{correlation: string; ref: string; resolved?: {kind: 'rule' | 'correlation'; id: string}}>;
}

export function resolveCorrelations(defs: readonly CorrelationDef[], rules: readonly RuleRef[]): Resolution {
	const ruleById = new Map<string, RuleRef>();
	const ruleByName = new Map<string, RuleRef>();
	for (const r of rules) {
		ruleById.set(r.id, r);
		if (r.name) ruleByName.set(r.name, r);
	}
	const corrById = new Map<string, CorrelationDef>();
	const corrByName = new Map<string, CorrelationDef>();
	for (const d of defs) {
		if (!corrById.has(d.id)) corrById.set(d.id, d);
		if (d.name && !corrByName.has(d.name)) corrByName.set(d.name, d);
	}
	const references: Resolution['references'] = [];
	const skipped: Resolution['skipped'] = [];
	const problem = new Map<CorrelationDef, string>();
	const targets = new Map<CorrelationDef, Array<{ref: string; rule?: RuleRef; corr?: CorrelationDef}>>();
	for (const d of defs) {
		const list: Array<{ref: string; rule?: RuleRef; corr?: CorrelationDef}> = [];
		for (const ref of d.rules) {
			const rule = ruleById.get(ref) ?? ruleByName.get(ref);
			const corr = rule ? undefined : (corrById.get(ref) ?? corrByName.get(ref));
			references.push({
				correlation: d.id,
				ref,
				resolved: rule ? {kind: 'rule', id: rule.id} : corr ? {kind: 'correlation', id: corr.id} : undefined,
			});
			if (!rule && !corr && !problem.has(d)) problem.set(d, `unresolved reference '${ref}'`);
			if (corr === d && !problem.has(d)) problem.set(d, `refers to itself ('${ref}')`);
			list.push({ref, rule, corr});
		}
		targets.set(d, list);
	}
	// Depth-first order: a correlation after those it names; a cycle or a skipped inner one skips it.
	const resolved: ResolvedCorrelation[] = [];
	const indexOf = new Map<CorrelationDef, number>();
	const state = new Map<CorrelationDef, 'visiting' | 'done'>();
	const visit = (d: CorrelationDef): boolean => {
		if (state.get(d) === 'done') return indexOf.has(d);
		if (state.get(d) === 'visiting') {
			if (!problem.has(d)) problem.set(d, 'reference cycle');
			return false;
		}
		state.set(d, 'visiting');
		let ok = !problem.has(d);
		for (const t of targets.get(d)!)
			if (t.corr && t.corr !== d && !visit(t.corr)) {
				if (ok) problem.set(d, problem.get(d) ?? `refers to skipped correlation '${t.ref}'`);
				ok = false;
			}
		state.set(d, 'done');
		if (!ok) return false;
		indexOf.set(d, resolved.length);
		resolved.push({
			def: d,
			refs: targets.get(d)!.map(t =>
				t.rule
					? {ref: t.ref, kind: 'rule', id: t.rule.id, name: t.rule.name, title: t.rule.title}
					: {
							ref: t.ref,
							kind: 'correlation',
							id: t.corr!.id,
							name: t.corr!.name,
							title: t.corr!.title,
							index: indexOf.get(t.corr!),
						},
			),
		});
		return true;
	};
	for (const d of defs) visit(d);
	for (const d of defs) if (!indexOf.has(d)) skipped.push({def: d, reason: problem.get(d) ?? 'reference cycle'});
	return {resolved, skipped, references};
}
