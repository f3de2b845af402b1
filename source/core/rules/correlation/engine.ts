// Correlations evaluated live on event time, with bounded state. Each correlation keeps its
// groups (one per group-by tuple) in a map ordered by last touch, and all groups share one more
// such map: past a cap the stalest group goes first, and the evictions are counted. Events older
// than the newest seen minus the late allowance are counted as late and not used; a group whose
// events can no longer be in any window with a new event is dropped as it comes up.
import {conditionHolds, conditionText} from './parse.js';
import type {ResolvedCorrelation, ResolvedRef} from './resolve.js';
import {
	type CorrelationFire,
	type CorrelationOptions,
	type CorrelationStats,
	type LiveGroup,
	MAX_FIRE_SEQS,
} from './types.js';
import {DistinctWindow, type Entry, insertEntry, lowerBound, windowValue} from './window.js';

/** What the engine reads of one event: its sequence number, event time, and fields by name. */
export interface ObservedEvent {
	seq: number;
	/** Event time, ms. */
	time: number;
	read(field: string): string | undefined;
}

interface Group {
	c: number;
	key: string;
	globalKey: string;
	values: string[];
	entries: Entry[];
	/** value_count: the distinct values of the last window, moved along with it. */
	distinct?: DistinctWindow;
}

interface Live {
	rc: ResolvedCorrelation;
	groups: Map<string, Group>;
	maxSeen: number;
	maxEvents: number;
	fired: number;
	late: number;
	evicted: number;
	condition: string;
	/** Shown on its own: no correlation that names this one hides it. */
	visible: boolean;
}

const SWEEP_EVERY = 1024;

export class CorrelationEngine {
	private readonly live: Live[];
	/** Rule id or `\0c<index>` (a correlation) -> the correlations naming it, and at which position. */
	private readonly targets = new Map<string, Array<{c: number; pos: number; ref: ResolvedRef}>>();
	private readonly hiddenRules = new Set<string>();
	private readonly all = new Map<string, Group>();
	private readonly lateMs: number;
	private readonly perCap: number;
	private readonly totalCap: number;
	private observed = 0;

	constructor(correlations: readonly ResolvedCorrelation[], options: CorrelationOptions = {}) {
		this.lateMs = Math.max(0, options.lateAllowanceMs ?? 60_000);
		this.perCap = Math.max(1, options.maxGroupsPerCorrelation ?? 10_000);
		this.totalCap = Math.max(1, options.maxGroups ?? 100_000);
		const baseEvents = Math.max(1, options.maxEventsPerGroup ?? 1000);
		this.live = correlations.map(rc => {
			const need = Math.max(0, ...(rc.def.condition?.ops.map(o => o.value + 1) ?? [0]));
			return {
				rc,
				groups: new Map(),
				maxSeen: -Infinity,
				maxEvents: Math.max(baseEvents, Math.ceil(need)),
				fired: 0,
				late: 0,
				evicted: 0,
				condition: conditionText(rc.def),
				visible: true,
			};
		});
		// A rule (or correlation) named only by correlations without `generate` is not shown alone.
		const shown = new Set<string>();
		const named = new Set<string>();
		correlations.forEach((rc, c) => {
			rc.refs.forEach((ref, pos) => {
				const key = ref.kind === 'rule' ? ref.id : `\0c${ref.index}`;
				let list = this.targets.get(key);
				if (!list) this.targets.set(key, (list = []));
				list.push({c, pos, ref});
				named.add(key);
				if (rc.def.generate) shown.add(key);
			});
		});
		for (const key of named) {
			if (shown.has(key)) continue;
			if (key.startsWith('\0c')) this.live[Number(key.slice(2))]!.visible = false;
			else this.hiddenRules.add(key);
		}
	}

	get size(): number {
		return this.live.length;
	}

	/** Whether a correlation of this id is loaded. */
	has(id: string): boolean {
		return this.live.some(l => l.rc.def.id === id);
	}

	/** Whether a rule's own hits are hidden (it is named by a correlation without `generate`). */
	hides(ruleId: string): boolean {
		return this.hiddenRules.has(ruleId);
	}

	/** Whether any correlation names this rule. */
	names(ruleId: string): boolean {
		return this.targets.has(ruleId);
	}

	/** The event hit these rules: the correlations it completes that are shown on their own. */
	observe(ev: ObservedEvent, ruleIds: readonly string[]): CorrelationFire[] {
		const out: CorrelationFire[] = [];
		for (const id of ruleIds) {
			const targets = this.targets.get(id);
			if (targets) for (const t of targets) this.feed(t.c, t.pos, t.ref, ev.time, ev.seq, ev.read, out);
		}
		if (++this.observed % SWEEP_EVERY === 0) this.sweep();
		return out;
	}

	private feed(
		c: number,
		pos: number,
		ref: ResolvedRef,
		time: number,
		seq: number | number[],
		read: (field: string) => string | undefined,
		out: CorrelationFire[],
		start?: number,
	): void {
		const l = this.live[c]!;
		const def = l.rc.def;
		if (time < l.maxSeen - this.lateMs) {
			l.late++;
			return;
		}
		const fieldOf = (name: string): string => {
			const per = def.aliases[name];
			if (!per) return name;
			return per[ref.ref] ?? (ref.name !== undefined ? per[ref.name] : undefined) ?? per[ref.id] ?? name;
		};
		const values: string[] = [];
		for (const g of def.groupBy) {
			const v = read(fieldOf(g));
			if (v === undefined) return;
			values.push(v);
		}
		let num = 0;
		let str = '';
		const cond = def.condition;
		if (def.type === 'value_count') {
			const parts: string[] = [];
			for (const f of cond!.fields) {
				const v = read(fieldOf(f));
				if (v === undefined) return;
				parts.push(v);
			}
			str = parts.join('\u0001');
		} else if (def.type === 'value_sum' || def.type === 'value_avg' || def.type === 'value_percentile') {
			const v = read(fieldOf(cond!.fields[0]!));
			num = v === undefined || v.trim() === '' ? NaN : Number(v);
			if (!Number.isFinite(num)) return;
		}
		if (time > l.maxSeen) l.maxSeen = time;
		const key = values.join('\u0001');
		const group = this.touch(l, c, key, values);
		const entries = group.entries;
		const at = insertEntry(entries, {time, start, seq, pos, num, str});
		const distinct = def.type === 'value_count' ? (group.distinct ??= new DistinctWindow()) : undefined;
		if (distinct && at !== entries.length - 1) distinct.clear();
		// Events that no window with a new event can reach, and past the cap the oldest.
		const horizon = l.maxSeen - this.lateMs - def.timespanMs;
		let drop = lowerBound(entries, horizon);
		if (entries.length - drop > l.maxEvents) drop = entries.length - l.maxEvents;
		if (drop > 0) {
			distinct?.dropFront(entries, drop);
			entries.splice(0, drop);
		}
		const i = at - drop;
		if (i < 0) return;
		// The windows that hold the new event end at it or at a later event at most a timespan after it.
		const span = def.timespanMs;
		for (let j = i; j < entries.length && entries[j]!.time <= time + span; j++) {
			const end = entries[j]!.time;
			const from = lowerBound(entries, end - span);
			const value = distinct
				? distinct.count(entries, from, j)
				: windowValue(def.type, entries, from, j, cond?.percentile);
			const holds = cond ? conditionHolds(cond, value) : value === def.rules.length;
			if (!holds) continue;
			const fire = this.fire(l, group, from, j, value);
			// A fired group starts again: the next hit needs events of its own.
			this.drop(l, group);
			if (l.visible) out.push(fire);
			const key = `\0c${c}`;
			const outer = this.targets.get(key);
			if (outer) {
				const inner = new Map(def.groupBy.map((g, k) => [g, values[k]!]));
				const readFire = (field: string) => inner.get(field) ?? (field === 'value' ? String(value) : undefined);
				for (const t of outer) this.feed(t.c, t.pos, t.ref, fire.windowEnd, fire.seqs, readFire, out, fire.windowStart);
			}
			return;
		}
	}

	private fire(l: Live, group: Group, from: number, to: number, value: number): CorrelationFire {
		const def = l.rc.def;
		const entries = group.entries;
		const seqs: number[] = [];
		const rules = new Set<string>();
		let windowStart = entries[from]!.time;
		for (let k = from; k <= to; k++) windowStart = Math.min(windowStart, entries[k]!.start ?? Infinity);
		for (let k = from; k <= to && seqs.length < MAX_FIRE_SEQS; k++) {
			const e = entries[k]!;
			rules.add(l.rc.refs[e.pos]!.id);
			if (typeof e.seq === 'number') seqs.push(e.seq);
			else for (const s of e.seq) if (seqs.length < MAX_FIRE_SEQS) seqs.push(s);
		}
		l.fired++;
		return {
			id: def.id,
			title: def.title,
			level: def.level,
			tags: def.tags,
			description: def.description,
			type: def.type,
			group: Object.fromEntries(def.groupBy.map((g, k) => [g, group.values[k]!])),
			value,
			condition: l.condition,
			windowStart,
			windowEnd: entries[to]!.time,
			timespanMs: def.timespanMs,
			seqs,
			rules: [...rules],
		};
	}

	private touch(l: Live, c: number, key: string, values: string[]): Group {
		let g = l.groups.get(key);
		if (g) {
			l.groups.delete(key);
			l.groups.set(key, g);
			this.all.delete(g.globalKey);
			this.all.set(g.globalKey, g);
			return g;
		}
		if (l.groups.size >= this.perCap) {
			const stalest = l.groups.values().next().value as Group;
			this.drop(l, stalest);
			l.evicted++;
		}
		if (this.all.size >= this.totalCap) {
			const stalest = this.all.values().next().value as Group;
			const owner = this.live[stalest.c]!;
			this.drop(owner, stalest);
			owner.evicted++;
		}
		g = {c, key, globalKey: `${c}\u0002${key}`, values, entries: []};
		l.groups.set(key, g);
		this.all.set(g.globalKey, g);
		return g;
	}

	private drop(l: Live, g: Group): void {
		l.groups.delete(g.key);
		this.all.delete(g.globalKey);
	}

	/** Groups whose newest event is out of reach of any new one, from the stalest on. */
	private sweep(): void {
		for (const g of this.all.values()) {
			const l = this.live[g.c]!;
			const newest = g.entries.length ? g.entries[g.entries.length - 1]!.time : -Infinity;
			if (newest >= l.maxSeen - this.lateMs - l.rc.def.timespanMs) break;
			this.drop(l, g);
		}
	}

	/** Live groups over all correlations. */
	get groupCount(): number {
		return this.all.size;
	}

	stats(): CorrelationStats[] {
		return this.live.map(l => ({
			id: l.rc.def.id,
			title: l.rc.def.title,
			type: l.rc.def.type,
			level: l.rc.def.level,
			condition: l.condition,
			timespan: l.rc.def.timespan,
			groupBy: l.rc.def.groupBy,
			rules: l.rc.refs.map(r => ({ref: r.ref, id: r.id, title: r.title})),
			groups: l.groups.size,
			fired: l.fired,
			late: l.late,
			evicted: l.evicted,
		}));
	}

	/** A correlation's live groups, the highest value first (at most `limit`). */
	liveGroups(id: string, limit = 200): LiveGroup[] {
		const l = this.live.find(x => x.rc.def.id === id);
		if (!l) return [];
		const def = l.rc.def;
		const out: LiveGroup[] = [];
		for (const g of l.groups.values()) {
			const entries = g.entries;
			if (entries.length === 0) continue;
			const to = entries.length - 1;
			const from = lowerBound(entries, entries[to]!.time - def.timespanMs);
			const seqs: number[] = [];
			for (let k = from; k <= to; k++) {
				const s = entries[k]!.seq;
				if (typeof s === 'number') seqs.push(s);
				else seqs.push(...s);
			}
			out.push({
				key: g.key,
				group: Object.fromEntries(def.groupBy.map((f, k) => [f, g.values[k]!])),
				value: windowValue(def.type, entries, from, to, def.condition?.percentile),
				events: to - from + 1,
				seqs: seqs.slice(0, MAX_FIRE_SEQS),
				newest: entries[to]!.time,
			});
		}
		out.sort((a, b) => b.value - a.value || b.newest - a.newest);
		return out.slice(0, limit);
	}
}
