import {useMemo, useState} from 'react';
import type {EdrEvent} from '../core/event.js';
import {FilteredView, isEmptyQuery, NO_FILTER, type HighlightLookup, type ParsedQuery} from '../core/view/index.js';

export interface FindResult {
	/** Seqs of the visible events the find matches, ascending. */
	seqs: readonly number[];
	/** Whether an event matches (seq lookup). */
	has(seq: number): boolean;
	highlights: HighlightLookup;
}

const NONE: FindResult = {seqs: [], has: () => false, highlights: {get: () => undefined}};

/**
 * The find (F): which of the visible events its query matches, in the search's language, kept up
 * to date as the list grows like the feed itself (only new events are tested).
 */
export function useFind(visible: readonly EdrEvent[], query: ParsedQuery): FindResult {
	const [view] = useState(() => new FilteredView({warm: false}));
	const active = !isEmptyQuery(query);
	const filter = useMemo(() => ({...NO_FILTER, query}), [query]);
	const result = active ? view.update(visible, filter) : undefined;
	const matched = result?.visible;
	const highlights = result?.highlights;
	return useMemo(() => {
		if (!matched || !highlights) return NONE;
		const seqs = matched.map(e => e.seq);
		const set = new Set(seqs);
		return {seqs, has: seq => set.has(seq), highlights};
	}, [matched, highlights]);
}
