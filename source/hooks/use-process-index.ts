import {useMemo, useState} from 'react';
import type {EdrEvent} from '../core/event.js';
import {ProcessIndex} from '../core/view/index.js';
import {useIdleSlices} from './use-idle-slices.js';

/** The process index as of one render: a new object whenever the index changed (memoise on it). */
export interface ProcessesNow {
	index: ProcessIndex;
	version: number;
	/** Reads every buffered event the index has not read yet (a key that asks about processes). */
	catchUp(): void;
}

/** New events the index reads per idle slice: a few ms, so a key never waits long behind one. */
export const INDEX_SLICE = 1000;

/**
 * The process index of the buffer, kept up to date with every snapshot (only new events are
 * read), so `t` opens a tree at once. While `now` is false (no view on screen reads the index) the
 * new events are read after the frame, a slice per turn of the event loop: a snapshot's
 * thousands of events at 10,000/s made the frame of every store flush, and a key waiting behind
 * it, 5-10 ms later. A key that asks about processes (`t`, `s`) reads what is left first
 * (`catchUp`); with `now` the index is whole in the render itself (the tree, the story, a process
 * filter).
 */
export function useProcessIndex(events: readonly EdrEvent[], now: boolean): ProcessesNow {
	const [index] = useState(() => new ProcessIndex());
	if (now) index.update(events);
	const latest = useIdleSlices(events, newest => index.update(newest, INDEX_SLICE), !now);
	const {version} = index;
	return useMemo(() => ({index, version, catchUp: () => void index.update(latest.current)}), [index, version, latest]);
}
