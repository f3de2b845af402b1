import {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import type {EdrEvent} from '../core/event.js';
import {ProcessIndex} from '../core/view/index.js';

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
 * it, 5-10 ms later. A key reads what is left first (`catchUp`); with `now` the index is whole in
 * the render itself (the tree, the story, a process filter).
 */
export function useProcessIndex(events: readonly EdrEvent[], now: boolean): ProcessesNow {
	const [index] = useState(() => new ProcessIndex());
	const latest = useRef(events);
	const running = useRef<NodeJS.Immediate | undefined>(undefined);
	if (now) index.update(events);
	useLayoutEffect(() => {
		latest.current = events;
	}, [events]);
	useEffect(() => {
		if (now || running.current) return;
		const step = () => {
			running.current = index.update(latest.current, INDEX_SLICE) ? undefined : setImmediate(step);
		};
		running.current = setImmediate(step);
	}, [index, events, now]);
	useEffect(
		() => () => {
			clearImmediate(running.current);
			running.current = undefined;
		},
		[],
	);
	const {version} = index;
	return useMemo(() => ({index, version, catchUp: () => void index.update(latest.current)}), [index, version]);
}
