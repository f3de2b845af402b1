// The storyline view (`s`): every buffered event of the selected event's story, in event-time
// order, as one play-by-play list. A story is the SentinelOne storyline id where the format has a
// real one (S1 groups a process with the descendants it did not hand off); for every other format
// it is the event's process tree as `t` shows it (ancestors, the process, its descendants), whose
// events the process index already keeps. Sysmon's "storyline" is its ProcessGuid, one process
// only, so Sysmon takes the tree.
//
// Cost: a storyline is followed incrementally (each update reads only the events that arrived and
// lets go of the evicted ones); a tree is read from the index, costing the tree's events, never
// the buffer's.
import type {EdrEvent} from '../../event.js';
import {lowerBoundSeq} from '../seq.js';
import type {ProcessIndex} from './process-index.js';
import {processTree} from './tree.js';

export type StoryKey = {kind: 'storyline'; id: string} | {kind: 'tree'; process: string};

/** Rows past this many are let go, oldest arrivals first (a story that long is read by filtering). */
export const MAX_STORY_EVENTS = 10_000;

/** Formats whose storyline id groups a process's lineage (and not one process only). */
const STORYLINE_FORMATS: ReadonlySet<string> = new Set(['s1-dv', 's1-cf2', 's1-api']);

function isLifecycle(ev: EdrEvent): boolean {
	return ev.category === 'Process Creation' || ev.category === 'Process Termination' || ev.category === 'Process Exit';
}

/** The story an event belongs to: its process's storyline id, else its process in the tree index. */
export function storyKeyOf(ev: EdrEvent, index: ProcessIndex): StoryKey | undefined {
	if (STORYLINE_FORMATS.has(ev.format)) {
		// A created process is what its creation is about (as in the tree); it may start a new storyline.
		const created = isLifecycle(ev) ? ev.target?.process?.storyline : undefined;
		const id = created ?? ev.actor?.storyline ?? ev.target?.process?.storyline;
		if (id) return {kind: 'storyline', id};
	}
	const process = index.focusOf(ev);
	return process === undefined ? undefined : {kind: 'tree', process};
}

/** Whether the event is part of the storyline: its actor runs in it, or it created or touched a process of it. */
export function inStoryline(ev: EdrEvent, id: string): boolean {
	return ev.actor?.storyline === id || ev.target?.process?.storyline === id;
}

function storyKeyText(key: StoryKey): string {
	return key.kind === 'storyline' ? `s|${key.id}` : `t|${key.process}`;
}

/** Event time, then arrival: the order the play-by-play reads in. */
function byTime(a: EdrEvent, b: EdrEvent): number {
	return (a.time ?? a.receivedAt) - (b.time ?? b.receivedAt) || a.seq - b.seq;
}

/** The events of a process tree, from the index's per-process seqs; each event once. */
function treeEvents(events: readonly EdrEvent[], index: ProcessIndex, process: string, max: number): EdrEvent[] {
	const seen = new Set<number>();
	const out: EdrEvent[] = [];
	for (const row of processTree(index, process)) {
		const {seqs, head} = row.node;
		for (let i = head; i < seqs.length && out.length < max; i++) {
			const seq = seqs[i]!;
			if (seen.has(seq)) continue;
			seen.add(seq);
			const at = lowerBoundSeq(events, seq);
			if (events[at]?.seq === seq) out.push(events[at]!);
		}
	}
	return out;
}

/**
 * One open story, kept up to date with the buffer: `update` with every snapshot's events (sorted
 * by seq) and the index already updated with them; returns the story's events in time order (the
 * same array while nothing changed, so callers can memoise on it).
 */
export class StoryTracker {
	private keyText = '';
	private source: readonly EdrEvent[] | undefined;
	private indexVersion = -1;
	/** Storyline matches, ascending seq (what arrived is appended, what was evicted is dropped). */
	private matches: EdrEvent[] = [];
	private lastSeq = -Infinity;
	private sorted: EdrEvent[] = [];

	constructor(private readonly max = MAX_STORY_EVENTS) {}

	update(events: readonly EdrEvent[], index: ProcessIndex, key: StoryKey): readonly EdrEvent[] {
		const text = storyKeyText(key);
		if (text === this.keyText && events === this.source && index.version === this.indexVersion) return this.sorted;
		const first = events[0];
		const last = events.at(-1);
		// Another story, or a buffer that did not only grow at the end (a new store): read it afresh.
		const reset = text !== this.keyText || (last !== undefined && last.seq < this.lastSeq) || !first;
		if (reset) {
			this.matches = [];
			this.lastSeq = -Infinity;
		}
		this.keyText = text;
		this.source = events;
		this.indexVersion = index.version;
		if (key.kind === 'tree') {
			this.sorted = treeEvents(events, index, key.process, this.max).sort(byTime);
			return this.sorted;
		}
		let drop = 0;
		while (drop < this.matches.length && first && this.matches[drop]!.seq < first.seq) drop++;
		const kept = drop > 0 ? this.matches.slice(drop) : this.matches;
		const start = lowerBoundSeq(events, this.lastSeq + 1);
		let changed = reset || drop > 0;
		for (let i = start; i < events.length; i++) {
			const ev = events[i]!;
			if (inStoryline(ev, key.id)) {
				kept.push(ev);
				changed = true;
			}
		}
		if (kept.length > this.max) kept.splice(0, kept.length - this.max);
		if (last) this.lastSeq = Math.max(this.lastSeq, last.seq);
		if (changed) {
			this.matches = kept;
			this.sorted = [...kept].sort(byTime);
		}
		return this.sorted;
	}
}
