import {useEffect, useMemo, useState} from 'react';
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
import {useIdleSlices} from './use-idle-slices.js';

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

/** Events whose search projections one idle slice builds: a few ms, so a key never waits long. */
export const WARM_SLICE = 500;

/**
 * Builds the search projections of the buffer in slices of WARM_SLICE events, each its own turn of
 * the event loop after the render, until every buffered event has one (then again when events
 * arrive). Done inside the render, this work would delay every frame, a key's among them.
 *
 * Only once the user has reached for a search (`wanted`: the search or find bar opened, or a
 * search or find applied), and from then on for the rest of the run. At 10,000 events/s the
 * projections of events nobody searches were a fifth of the screen thread's busy time, and much
 * of what its garbage collector copied (docs/stack.md section 7). Opened on a cold buffer of 100,000 events, the bar warms
 * it while the user types (about a second of slices); a search applied sooner builds what is
 * still missing as it tests those events.
 */
function useIdleWarm(view: FilteredView, events: readonly EdrEvent[], wanted: boolean): void {
	const [armed, setArmed] = useState(wanted);
	// A latch: set during the render that first wants it (React renders again at once).
	if (wanted && !armed) setArmed(true);
	useIdleSlices(events, latest => view.warm(latest, WARM_SLICE), armed || wanted);
}

/**
 * The visible events through the view engineer's incremental FilteredView: the same result object
 * while neither the buffer nor the filter changed, and only new events tested when the buffer grew.
 * Search projections are built between renders (useIdleWarm), never inside one.
 */
export function useFeedView(
	events: readonly EdrEvent[],
	input: FeedViewInput,
	query: ParsedQuery,
	processes?: ProcessIndex,
	/** The user has reached for a search: projections are built between frames from now on. */
	searching = true,
): ViewResult {
	const [view] = useState(() => new FilteredView({warm: false, progressive: true}));
	useIdleWarm(view, events, searching);
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
	const result = view.update(events, filter);
	useCompletion(view, result);
	return result;
}

/**
 * A filter just changed on a big buffer shows the newest matches first (FilteredView's progressive
 * path); the older events are tested here, a slice per turn of the event loop so that keys are read
 * in between, and the screen renders once more when the list is whole (counts, scrollback).
 */
function useCompletion(view: FilteredView, result: ViewResult): void {
	const [, setCompleted] = useState<ViewResult | undefined>(undefined);
	const complete = result.complete;
	useEffect(() => {
		if (complete) return;
		let timer: NodeJS.Immediate | undefined;
		const step = () => {
			const now = view.advance();
			if (now?.complete) setCompleted(now);
			else timer = setImmediate(step);
		};
		timer = setImmediate(step);
		return () => clearImmediate(timer);
	}, [view, complete, result.filter]);
}
