// Evaluates every loaded rule that can apply to an event. Rules are grouped by route (format kind,
// OS, category); in each group a literal index over the fields rules require picks the few
// candidate rules for an event, and only those run.
import type {MatchedField, RuleHit} from '../event.js';
import type {DecodedEvent} from '../formats/index.js';
import {EventContext, FieldReaders, type FieldRegistry} from './event-context.js';
import {KEYWORDS_FIELD} from './field-map.js';
import {appliesTo, type Logsource, routeKey, routeOf} from './logsource.js';
import {LiteralIndex} from './prefilter.js';
import type {MatchNode} from './match-node.js';
import type {LoadedRuleInfo} from './types.js';

export interface CompiledRule {
	info: LoadedRuleInfo;
	logsource: Logsource;
	node: MatchNode;
	hit: Omit<RuleHit, 'fields'>;
	fieldNames: string[];
	modifiers: string[];
}

interface Group {
	readers: FieldReaders;
	rules: CompiledRule[];
	always: number[];
	indexes: Array<{fid: number; index: LiteralIndex}>;
	/** The keyword rules' literals (searched in every value), if the group has such rules. */
	keywords: LiteralIndex | undefined;
	stamp: Uint32Array;
	mark: number;
}

/**
 * One pass of the prefilter automaton over a value as it is (the automaton folds case): every rule
 * whose key occurs becomes a candidate, once per event (stamp). The table reads are in range by
 * construction (see LiteralIndex), hence the `!`.
 */
function scan(index: LiteralIndex, text: string, stamp: Uint32Array, mark: number, cands: number[]): void {
	const {classes, delta, outputs, outStart, nClasses} = index;
	let row = 0;
	for (let i = 0; i < text.length; i++) {
		row = delta[row + classes[text.charCodeAt(i)]!]!;
		if (row < outStart) continue;
		const o = outputs[(row - outStart) / nClasses]!;
		for (let j = 0; j < o.length; j++) {
			const r = o[j]!;
			if (stamp[r] !== mark) {
				stamp[r] = mark;
				cands.push(r);
			}
		}
	}
}

export class RuleEngine {
	readonly rules: LoadedRuleInfo[];
	private readonly groups = new Map<string, Group | null>();
	private readonly shared = new Map<string, Group>();
	private readonly ctx: EventContext;
	private readonly cands: number[] = [];
	private readonly ids: Set<string>;

	constructor(
		private readonly compiled: CompiledRule[],
		private readonly fields: FieldRegistry,
		private readonly prefilter = true,
	) {
		this.rules = compiled.map(r => r.info);
		this.ids = new Set(compiled.map(r => r.hit.id));
		this.ctx = new EventContext(Math.max(1, fields.names.length));
	}

	/**
	 * The same rules evaluated without the prefilter: every rule of an event's route runs. Slow; the
	 * reference the prefilter is tested against (it may only skip rules that cannot match).
	 */
	unfiltered(): RuleEngine {
		return new RuleEngine(this.compiled, this.fields, false);
	}

	get size(): number {
		return this.compiled.length;
	}

	/**
	 * The event's hits. A restored event (edrtail's own NDJSON read back) brings the hits it was
	 * saved with: a loaded rule decides again for itself (its saved hit is dropped; a rule changed
	 * since may no longer hit), a saved hit of a rule not loaded now stays, marked saved.
	 */
	evaluate(event: DecodedEvent): RuleHit[] {
		const hits = this.match(event);
		if (event.hits.length === 0) return hits;
		const kept = event.hits.filter(h => h.saved && !this.ids.has(h.id));
		return kept.length === 0 ? hits : [...hits, ...kept];
	}

	private match(event: DecodedEvent): RuleHit[] {
		if (this.compiled.length === 0) return [];
		const key = routeKey(event);
		if (key === undefined) return [];
		let g = this.groups.get(key);
		if (g === undefined) {
			g = this.buildGroup(event);
			this.groups.set(key, g);
		}
		if (g === null) return [];
		const ctx = this.ctx;
		ctx.reset(event, g.readers);
		const cands = this.cands;
		cands.length = 0;
		const mark = ++g.mark;
		const stamp = g.stamp;
		for (const {fid, index} of g.indexes) {
			const text = ctx.value(fid);
			if (text) scan(index, text, stamp, mark, cands);
		}
		// Keyword rules' literals, looked for in every value of the event.
		const kw = g.keywords;
		if (kw) ctx.eachKeywordValue(v => scan(kw, v, stamp, mark, cands));
		for (const r of g.always) cands.push(r);
		if (cands.length === 0) return [];
		if (cands.length > 1) cands.sort((a, b) => a - b);
		let hits: RuleHit[] | undefined;
		for (const r of cands) {
			const rule = g.rules[r]!; // candidates are indexes into the group's rules
			let matched = false;
			try {
				matched = rule.node.eval(ctx);
			} catch {
				matched = false;
			}
			if (!matched) continue;
			const fields: MatchedField[] = [];
			try {
				rule.node.explain(ctx, fields);
			} catch {
				// The hit stands without its highlights.
			}
			(hits ??= []).push({...rule.hit, fields});
		}
		return hits ?? [];
	}

	private buildGroup(event: DecodedEvent): Group | null {
		const route = routeOf(event);
		if (!route) return null;
		const picked: number[] = [];
		const rules: CompiledRule[] = [];
		this.compiled.forEach((r, i) => {
			if (!appliesTo(r.logsource, route)) return;
			picked.push(i);
			rules.push(r);
		});
		if (picked.length === 0) return null;
		// Routes with the same rules share a group (each Security event id is its own route, with
		// the same rules): Sysmon-named fields read alike whatever the category, S1 ones do not.
		const shareKey = `${route.kind}|${route.kind === 's1' ? route.category : ''}|${picked.join(',')}`;
		const known = this.shared.get(shareKey);
		if (known) return known;
		const always: number[] = [];
		const byField = new Map<number, Array<{lit: string; rule: number}>>();
		rules.forEach((r, i) => {
			const atoms = this.prefilter ? r.node.atoms : null;
			// An empty literal is in every text: such a rule is a candidate for every event.
			if (!atoms || atoms.length === 0 || atoms.some(a => a.lit === '')) {
				always.push(i);
				return;
			}
			for (const a of atoms) {
				let list = byField.get(a.fid);
				if (!list) byField.set(a.fid, (list = []));
				list.push({lit: a.lit, rule: i});
			}
		});
		const kwFid = this.fields.find(KEYWORDS_FIELD);
		const kwEntries = kwFid === undefined ? undefined : byField.get(kwFid);
		if (kwFid !== undefined) byField.delete(kwFid);
		const indexes = [...byField].map(([fid, entries]) => ({fid, index: new LiteralIndex(entries)}));
		const keywords = kwEntries ? new LiteralIndex(kwEntries) : undefined;
		const group: Group = {
			readers: new FieldReaders(route, this.fields),
			rules,
			always,
			indexes,
			keywords,
			stamp: new Uint32Array(rules.length),
			mark: 0,
		};
		this.shared.set(shareKey, group);
		return group;
	}

	/** Prefilter figures for the groups built so far (for the benchmark and diagnostics). */
	stats(): Array<{route: string; rules: number; always: number; indexedFields: number}> {
		const out = [];
		for (const [route, g] of this.groups)
			if (g) out.push({route, rules: g.rules.length, always: g.always.length, indexedFields: g.indexes.length});
		return out;
	}
}
