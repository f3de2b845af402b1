// The storyline view (`s`): every buffered event of the selected event's story, in event-time
// order, as one play-by-play list. A story is the SentinelOne storyline id where the format has a
// real one (S1 groups a process with the descendants it did not hand off); for every other format
// it is, in the same spirit, the event's process and its descendants in the process tree, whose
// events the process index already keeps (not the ancestors': explorer.exe's own activity would
// bury the play-by-play; `t` shows them). Sysmon's "storyline" is its ProcessGuid, one process
// only, so Sysmon takes the tree.
//
// Cost: both are read from the process index, which keeps each process's buffered events and
// the processes of each storyline: opening or refreshing a story costs the story's events (a
// binary search each), never a scan of the buffer.
import type {EdrEvent} from '../../event.js';
import {lowerBoundSeq} from '../seq.js';
import type {ProcessIndex, ProcessNode} from './process-index.js';
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

function storyKeyText(key: StoryKey): string {
	return key.kind === 'storyline' ? `s|${key.id}` : `t|${key.process}`;
}

/** Event time, then arrival: the order the play-by-play reads in. */
function byTime(a: EdrEvent, b: EdrEvent): number {
	return (a.time ?? a.receivedAt) - (b.time ?? b.receivedAt) || a.seq - b.seq;
}

/**
 * The buffered events of these processes, each once: the newest `max` by arrival, in time order.
 * An event a process did, or its creation or end, is in that process's seqs (see ProcessIndex).
 */
function eventsOf(events: readonly EdrEvent[], nodes: readonly ProcessNode[], max: number): EdrEvent[] {
	const seqs = new Set<number>();
	for (const {seqs: own, head} of nodes) for (let i = head; i < own.length; i++) seqs.add(own[i]!);
	const sorted = [...seqs].sort((a, b) => a - b);
	const out: EdrEvent[] = [];
	for (const seq of sorted.length > max ? sorted.slice(-max) : sorted) {
		const at = lowerBoundSeq(events, seq);
		if (events[at]?.seq === seq) out.push(events[at]!);
	}
	return out.sort(byTime);
}

/** The story's events in time order: its storyline's processes, or its process and its descendants. */
export function storyEvents(
	events: readonly EdrEvent[],
	index: ProcessIndex,
	key: StoryKey,
	max = MAX_STORY_EVENTS,
): EdrEvent[] {
	const nodes =
		key.kind === 'storyline'
			? index.storylineNodes(key.id)
			: processTree(index, key.process).flatMap(r => (r.role === 'ancestor' ? [] : [r.node]));
	return eventsOf(events, nodes, max);
}

/**
 * One open story, kept up to date with the buffer: `update` with every snapshot's events and the
 * index already updated with them. Returns the same array while neither changed, so callers can
 * memoise on it.
 */
export class StoryTracker {
	private keyText = '';
	private source: readonly EdrEvent[] | undefined;
	private indexVersion = -1;
	private rows: EdrEvent[] = [];

	constructor(private readonly max = MAX_STORY_EVENTS) {}

	update(events: readonly EdrEvent[], index: ProcessIndex, key: StoryKey): readonly EdrEvent[] {
		const text = storyKeyText(key);
		if (text === this.keyText && events === this.source && index.version === this.indexVersion) return this.rows;
		this.keyText = text;
		this.source = events;
		this.indexVersion = index.version;
		this.rows = storyEvents(events, index, key, this.max);
		return this.rows;
	}
}
