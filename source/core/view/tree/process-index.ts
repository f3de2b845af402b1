// The processes of the buffer and who started whom, kept up to date from each snapshot's events
// (only new events are read; evicted ones are let go), so the tree of any event opens at once.
//
// Identity, strongest first: the format's unique process key (S1 process uid, Sysmon ProcessGuid),
// then host + pid + start time, and for formats with neither a pid whose incarnations are told
// apart by creation and termination times, so a reused pid never joins two processes.
// Over 300 lines by design: identity, linking and eviction share the node table, read as one.
import type {EdrEvent, Level, ProcessInfo} from '../../event.js';
import {levelRank} from '../../rules/index.js';
import {lowerBoundSeq} from '../seq.js';

export interface ProcessNode {
	readonly key: string;
	readonly host?: string;
	/** What the events say of the process, gaps filled from each event that names it. */
	readonly info: ProcessInfo;
	parentKey?: string;
	/** Children's keys, in the order they were first seen. */
	readonly children: Set<string>;
	/**
	 * Only known from others' events (as an actor's parent): no event of its own is, or was, in
	 * the buffer. The tree shows it as a placeholder with what is known.
	 */
	placeholder: boolean;
	/** Event time of its creation, or its first event's, ms. */
	start?: number;
	/** Set for pid-only identities: when it ended (a termination or exit), ms. */
	end?: number;
	/** Events with rule hits it did (or, for its creation, that hit on it), and the highest level. */
	hits: number;
	level?: Level;
	/** Buffered events it did, was created or ended by: ascending seqs from `head` on. */
	seqs: number[];
	head: number;
	/** Buffered events naming it, plus kept children: at 0 the node goes. */
	refs: number;
}

/**
 * What one event says about processes: the distinct keys it names (actor, parent, target process),
 * in fields rather than an array: one is kept per buffered event, and a pushed-to array reserves
 * room for 17 (150 bytes each at 100,000 events).
 */
interface Mention {
	seq: number;
	k0: string | undefined;
	k1: string | undefined;
	k2: string | undefined;
	/** The process the event is about (see focusOf). */
	focus: string | undefined;
}

function newMention(seq: number, keys: readonly string[], focus: string | undefined): Mention {
	return {seq, k0: keys[0], k1: keys[1], k2: keys[2], focus};
}

/** Pid-only identity: one key per incarnation of a pid on a host. */
interface Incarnation {
	key: string;
	start?: number;
	end?: number;
	/** Earliest event time seen for it. */
	first?: number;
}

const MAX_DEPTH = 256;

/**
 * Process keys kept built, all hosts together. A key is a pure function of host and uid, so
 * past this the cache starts over and keys are built again: without it, an endless stream of new
 * processes kept every key ever seen (up to 200,000 per host), long after their events left the
 * buffer. Twice a 100,000-event buffer's worth of distinct processes at most.
 */
export const KEY_CACHE_MAX = 200_000;

function lowerKey(s: string): string {
	return s.trim().toLowerCase();
}

/** Fills the gaps of `into` from `p` (the fields the tree shows and the pivots read). */
function merge(into: ProcessInfo, p: ProcessInfo): void {
	into.name ??= p.name;
	into.image ??= p.image;
	into.cmdline ??= p.cmdline;
	into.pid ??= p.pid;
	into.user ??= p.user;
	into.integrity ??= p.integrity;
	into.storyline ??= p.storyline;
	into.sha256 ??= p.sha256;
	into.uid ??= p.uid;
	into.startTime ??= p.startTime;
}

function isCreation(ev: EdrEvent): boolean {
	return ev.category === 'Process Creation';
}

function isEnd(ev: EdrEvent): boolean {
	return ev.category === 'Process Termination' || ev.category === 'Process Exit';
}

/**
 * The process table of a live buffer. `update` with every snapshot's events (oldest first, sorted
 * by seq); a buffer that did not only grow at the end (a new store) is read again from scratch.
 */
export class ProcessIndex {
	private readonly nodes = new Map<string, ProcessNode>();
	private readonly pids = new Map<string, Incarnation[]>();
	private mentions: Mention[] = [];
	private mentionHead = 0;
	private lastSeq = -Infinity;
	private serial = 0;
	private readonly keyCache = new Map<string, Map<string, string>>();
	/** Entries in all of keyCache's maps. */
	private cachedKeyCount = 0;
	private readonly hostKeys = new Map<string, string>();
	/** Storyline id -> keys of the processes running in it (the storyline view reads its events from them). */
	private readonly storylines = new Map<string, Set<string>>();
	private source: readonly EdrEvent[] | undefined;
	/** Bumped when anything changed: callers memoise on it. */
	version = 0;

	constructor(private readonly keyCacheMax = KEY_CACHE_MAX) {}

	get size(): number {
		return this.nodes.size;
	}

	/** Process keys kept built (bounded by keyCacheMax). */
	get cachedKeys(): number {
		return this.cachedKeyCount;
	}

	node(key: string): ProcessNode | undefined {
		return this.nodes.get(key);
	}

	/**
	 * Brings the index up to `events`, reading at most `budget` of its new events (the oldest
	 * first); true once every one of them is read. A screen reads them in slices between frames and
	 * the rest at once when a view needs the whole index.
	 */
	update(events: readonly EdrEvent[], budget = Infinity): boolean {
		if (events === this.source) return true;
		const first = events[0];
		const last = events.at(-1);
		if (last && last.seq < this.lastSeq) this.reset();
		else if (first && this.mentions.length - this.mentionHead > 0 && first.seq < this.mentions[this.mentionHead]!.seq)
			this.reset();
		if (!first) {
			this.source = events;
			if (this.nodes.size > 0) this.reset();
			return true;
		}
		this.evictBefore(first.seq);
		const from = lowerBoundSeq(events, this.lastSeq + 1);
		const to = Math.min(events.length, from + Math.max(1, budget));
		for (let i = from; i < to; i++) this.add(events[i]!);
		const done = to === events.length;
		if (done) this.source = events;
		this.lastSeq = Math.max(this.lastSeq, (done ? last : events[to - 1])!.seq);
		this.version++;
		return done;
	}

	/** The process an event is about: a created (or ended) process, else the one acting. */
	focusOf(ev: EdrEvent): string | undefined {
		const focus = this.mentionOf(ev.seq)?.focus;
		return focus !== undefined && this.nodes.has(focus) ? focus : undefined;
	}

	/** Whether the event is the process's own: it acted, or it was created or ended by it. */
	owns(key: string, ev: EdrEvent): boolean {
		const node = this.nodes.get(key);
		if (!node) return false;
		const i = lowerBoundSeq1(node.seqs, ev.seq, node.head);
		return node.seqs[i] === ev.seq;
	}

	/** The processes of a storyline still known (each with its buffered events' seqs). */
	storylineNodes(id: string): ProcessNode[] {
		const out: ProcessNode[] = [];
		for (const key of this.storylines.get(id) ?? []) {
			const n = this.nodes.get(key);
			if (n) out.push(n);
		}
		return out;
	}

	/** Ancestors of a process, root first (not the process itself); stops at a cycle or MAX_DEPTH. */
	ancestors(key: string): ProcessNode[] {
		const out: ProcessNode[] = [];
		const seen = new Set([key]);
		let p = this.nodes.get(key)?.parentKey;
		while (p !== undefined && !seen.has(p) && out.length < MAX_DEPTH) {
			seen.add(p);
			const n = this.nodes.get(p);
			if (!n) break;
			out.push(n);
			p = n.parentKey;
		}
		return out.reverse();
	}

	private reset(): void {
		this.nodes.clear();
		this.pids.clear();
		this.storylines.clear();
		this.mentions = [];
		this.mentionHead = 0;
		this.lastSeq = -Infinity;
		this.version++;
	}

	private mentionOf(seq: number): Mention | undefined {
		let lo = this.mentionHead;
		let hi = this.mentions.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.mentions[mid]!.seq < seq) lo = mid + 1;
			else hi = mid;
		}
		const m = this.mentions[lo];
		return m && m.seq === seq ? m : undefined;
	}

	/** The keys of the actor, its parent and the target process, resolving (and creating) identities. */
	private roles(ev: EdrEvent): {actor?: string; parent?: string; target?: string} {
		const t = ev.time ?? ev.receivedAt;
		const target = ev.target?.process;
		return {
			actor: ev.actor ? this.keyOf(ev.host, ev.actor, t, isEnd(ev) && !target ? 'ended' : 'seen') : undefined,
			parent: ev.parent ? this.keyOf(ev.host, ev.parent, t, 'seen') : undefined,
			target: target
				? this.keyOf(ev.host, target, t, isCreation(ev) ? 'created' : isEnd(ev) ? 'ended' : 'seen')
				: undefined,
		};
	}

	private keyOf(
		host: string | undefined,
		p: ProcessInfo,
		time: number,
		role: 'created' | 'seen' | 'ended',
	): string | undefined {
		// Keys are built once per host and uid: a process is named by many events, and 100,000
		// events' worth of new strings would be most of the cost.
		let byUid = this.keyCache.get(host ?? '');
		if (!byUid) {
			if (this.keyCache.size > 10_000) this.clearKeyCache();
			this.keyCache.set(host ?? '', (byUid = new Map()));
		}
		let h = this.hostKeys.get(host ?? '');
		if (h === undefined) {
			if (this.hostKeys.size > 10_000) this.hostKeys.clear();
			this.hostKeys.set(host ?? '', (h = lowerKey(host ?? '')));
		}
		if (p.uid) {
			let key = byUid.get(p.uid);
			if (key === undefined) {
				if (this.cachedKeyCount >= this.keyCacheMax) {
					this.clearKeyCache();
					this.keyCache.set(host ?? '', (byUid = new Map()));
				}
				byUid.set(p.uid, (key = `u|${h}|${lowerKey(p.uid)}`));
				this.cachedKeyCount++;
			}
			return key;
		}
		if (p.pid === undefined) return undefined;
		if (p.startTime !== undefined) {
			// A known process's key is its node's: the string built here to find it dies young,
			// where keeping it would hold one copy per event that names the process (MDE and
			// Sysmon name them by pid and start time, not uid).
			const key = `s|${h}|${p.pid}|${p.startTime}`;
			return this.nodes.get(key)?.key ?? key;
		}
		return this.incarnation(`${h}|${p.pid}`, time, role);
	}

	private clearKeyCache(): void {
		this.keyCache.clear();
		this.cachedKeyCount = 0;
	}

	// Pid reuse without a start time: a creation starts an incarnation, a termination ends one, an
	// event at time T belongs to the incarnation alive at T. A child's events may come before its
	// creation (out of order): an incarnation first seen after the creation time is adopted by it.
	private incarnation(hp: string, time: number, role: 'created' | 'seen' | 'ended'): string {
		let list = this.pids.get(hp);
		if (!list) this.pids.set(hp, (list = []));
		let found: Incarnation | undefined;
		if (role === 'created') {
			found = list.find(i => i.start === time);
			if (!found) {
				// Adopt the latest unknown-start incarnation whose events all came after this creation.
				for (let j = list.length - 1; j >= 0; j--) {
					const i = list[j]!;
					if (i.start === undefined && (i.first === undefined || i.first >= time) && (i.end ?? Infinity) >= time) {
						found = i;
						i.start = time;
						break;
					}
				}
			}
		} else {
			let best: Incarnation | undefined;
			for (const i of list) {
				if (i.end !== undefined && i.end < time) continue;
				if (i.start !== undefined && i.start > time) continue;
				if (!best || (i.start ?? -Infinity) >= (best.start ?? -Infinity)) best = i;
			}
			found = best;
		}
		if (!found) {
			found = {key: `p|${hp}|${this.serial++}`, start: role === 'created' ? time : undefined};
			list.push(found);
		}
		if (found.first === undefined || time < found.first) found.first = time;
		if (role === 'ended') found.end = found.end === undefined ? time : Math.max(found.end, time);
		return found.key;
	}

	private add(ev: EdrEvent): void {
		let keys: {actor?: string; parent?: string; target?: string};
		try {
			keys = this.roles(ev);
		} catch {
			// An odd event names no process; its place in the seq order is still kept.
			this.mentions.push(newMention(ev.seq, [], undefined));
			return;
		}
		const distinct: string[] = [];
		const target = ev.target?.process;
		const targetOwns = isCreation(ev) || isEnd(ev);
		this.mention(ev, keys.actor, ev.actor, true, distinct);
		this.mention(ev, keys.parent, ev.parent, false, distinct);
		this.mention(ev, keys.target, target, targetOwns, distinct);
		const time = ev.time ?? ev.receivedAt;
		if (keys.target && isCreation(ev)) {
			const child = this.nodes.get(keys.target)!;
			child.start ??= child.info.startTime ?? time;
			if (keys.actor) this.link(keys.target, keys.actor, true);
		}
		if (keys.actor) {
			const actor = this.nodes.get(keys.actor)!;
			actor.start ??= actor.info.startTime;
			if (keys.parent) this.link(keys.actor, keys.parent, false);
		}
		if (ev.hits.length > 0) {
			const who = keys.target && isCreation(ev) ? keys.target : keys.actor;
			const node = who === undefined ? undefined : this.nodes.get(who);
			if (node) {
				node.hits++;
				for (const h of ev.hits)
					if (node.level === undefined || levelRank(h.level) > levelRank(node.level)) node.level = h.level;
			}
		}
		const focus = keys.target !== undefined && targetOwns ? keys.target : keys.actor;
		this.mentions.push(newMention(ev.seq, distinct, focus));
	}

	private mention(ev: EdrEvent, key: string | undefined, p: ProcessInfo | undefined, own: boolean, distinct: string[]) {
		if (key === undefined || !p) return;
		let node = this.nodes.get(key);
		if (!node) {
			node = {
				key,
				host: ev.host,
				info: {},
				children: new Set(),
				placeholder: true,
				hits: 0,
				seqs: [],
				head: 0,
				refs: 0,
			};
			this.nodes.set(key, node);
		}
		const storyline = node.info.storyline;
		merge(node.info, p);
		if (storyline === undefined && node.info.storyline !== undefined) {
			let set = this.storylines.get(node.info.storyline);
			if (!set) this.storylines.set(node.info.storyline, (set = new Set()));
			set.add(key);
		}
		if (own) {
			node.placeholder = false;
			if (node.seqs.at(-1) !== ev.seq) node.seqs.push(ev.seq);
		}
		if (!distinct.includes(key)) {
			distinct.push(key);
			node.refs++;
		}
	}

	/** child's parent is parent; a creation says so for sure, an actor's enrichment only when nothing else did. */
	private link(childKey: string, parentKey: string, sure: boolean): void {
		if (childKey === parentKey) return;
		const child = this.nodes.get(childKey);
		const parent = this.nodes.get(parentKey);
		if (!child || !parent || child.parentKey === parentKey) return;
		if (child.parentKey !== undefined && !sure) return;
		// Never a cycle: the new parent must not descend from the child.
		if (this.ancestors(parentKey).some(a => a.key === childKey)) return;
		if (child.parentKey !== undefined) this.unlink(child);
		child.parentKey = parentKey;
		parent.children.add(childKey);
		parent.refs++;
	}

	private unlink(child: ProcessNode): void {
		const old = child.parentKey === undefined ? undefined : this.nodes.get(child.parentKey);
		child.parentKey = undefined;
		if (!old) return;
		old.children.delete(child.key);
		this.release(old);
	}

	private release(node: ProcessNode): void {
		node.refs--;
		if (node.refs > 0) return;
		this.nodes.delete(node.key);
		const story = node.info.storyline === undefined ? undefined : this.storylines.get(node.info.storyline);
		if (story) {
			story.delete(node.key);
			if (story.size === 0) this.storylines.delete(node.info.storyline!);
		}
		const hp = node.key.startsWith('p|') ? node.key.slice(2, node.key.lastIndexOf('|')) : undefined;
		if (hp !== undefined) {
			const list = this.pids.get(hp);
			const rest = list?.filter(i => i.key !== node.key);
			if (rest && rest.length > 0) this.pids.set(hp, rest);
			else this.pids.delete(hp);
		}
		this.unlink(node);
	}

	/** An evicted event's mention of `key` let go. */
	private forget(key: string, seq: number): void {
		const node = this.nodes.get(key);
		if (!node) return;
		while (node.head < node.seqs.length && node.seqs[node.head]! <= seq) node.head++;
		if (node.head > 64 && node.head * 2 > node.seqs.length) {
			node.seqs = node.seqs.slice(node.head);
			node.head = 0;
		}
		this.release(node);
	}

	private evictBefore(seq: number): void {
		while (this.mentionHead < this.mentions.length && this.mentions[this.mentionHead]!.seq < seq) {
			const m = this.mentions[this.mentionHead++]!;
			if (m.k0 !== undefined) this.forget(m.k0, m.seq);
			if (m.k1 !== undefined) this.forget(m.k1, m.seq);
			if (m.k2 !== undefined) this.forget(m.k2, m.seq);
		}
		if (this.mentionHead > 1024 && this.mentionHead * 2 > this.mentions.length) {
			this.mentions = this.mentions.slice(this.mentionHead);
			this.mentionHead = 0;
		}
	}
}

/** First index >= from of a seq >= `seq` in an ascending array. */
function lowerBoundSeq1(seqs: readonly number[], seq: number, from: number): number {
	let lo = from;
	let hi = seqs.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (seqs[mid]! < seq) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
