import {useMemo, useState} from 'react';
import type {Category, EdrEvent} from '../core/event.js';
import {
	FilteredView,
	isEmptyQuery,
	parseQuery,
	type ParsedQuery,
	type Pivot,
	type ProcessFilter,
	type ProcessIndex,
	type ViewFilter,
	type ViewResult,
} from '../core/view/index.js';

export interface FeedViewInput {
	hidden: ReadonlySet<Category>;
	hitsOnly: boolean;
	ruleId?: string;
	searchText: string;
	/** The process tree's filter: one process's own events. */
	process?: {key: string};
	pivots?: readonly Pivot[];
}

/** The parsed search (errors included) for the search bar and the filter. */
export function useParsedQuery(text: string): ParsedQuery {
	return useMemo(() => parseQuery(text), [text]);
}

/**
 * The visible events through the view engineer's incremental FilteredView: the same result object
 * while neither the buffer nor the filter changed, and only new events tested when the buffer grew.
 */
export function useFeedView(
	events: readonly EdrEvent[],
	input: FeedViewInput,
	query: ParsedQuery,
	processes?: ProcessIndex,
): ViewResult {
	const [view] = useState(() => new FilteredView());
	const processKey = input.process?.key;
	const process = useMemo<ProcessFilter | undefined>(
		() =>
			processKey === undefined || !processes
				? undefined
				: {key: processKey, owns: ev => processes.owns(processKey, ev)},
		[processKey, processes],
	);
	const filter = useMemo<ViewFilter>(
		() => ({
			hiddenCategories: input.hidden,
			hitsOnly: input.hitsOnly,
			ruleId: input.ruleId,
			query: isEmptyQuery(query) ? undefined : query,
			process,
			pivots: input.pivots?.length ? input.pivots : undefined,
		}),
		[input.hidden, input.hitsOnly, input.ruleId, query, process, input.pivots],
	);
	return view.update(events, filter);
}
