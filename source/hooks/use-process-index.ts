import {useMemo, useState} from 'react';
import type {EdrEvent} from '../core/event.js';
import {ProcessIndex} from '../core/view/index.js';

/** The process index as of one render: a new object whenever the index changed (memoise on it). */
export interface ProcessesNow {
	index: ProcessIndex;
	version: number;
}

/**
 * The process index of the buffer, brought up to date with every snapshot (only new events are
 * read), so `t` opens a tree at once.
 */
export function useProcessIndex(events: readonly EdrEvent[]): ProcessesNow {
	const [index] = useState(() => new ProcessIndex());
	index.update(events);
	const {version} = index;
	return useMemo(() => ({index, version}), [index, version]);
}
