import {useEffect, useRef} from 'react';
import type {EdrEvent} from '../core/event.js';
import {countOfEvents, eventCopy, formatCount, lowerBoundSeq, osc52Check, upperBoundSeq} from '../core/view/index.js';
import type {Action} from '../state/actions.js';
import type {FilterRequest, Request} from '../state/ui-state.js';

export interface RequestHandlers {
	onQuit(): void;
	onExport(
		path: string,
		events: readonly EdrEvent[],
	): Promise<{ok: true; count: number; skipped?: number} | {ok: false; error: string}>;
	onCopy(text: string): void;
	/** The tuning loop's filter: applied live, or written to `path`; resolves to the message to show. */
	onFilter?(spec: FilterRequest, path?: string): Promise<{ok: boolean; text: string}>;
}

/**
 * Runs the side effects the reducer asked for (quit, copy, export), once each, with the events on
 * screen now (and the whole buffer, for the marked events), and reports back as messages. The
 * effects themselves are the cli's callbacks.
 */
export function useRequests(
	requests: readonly Request[],
	visible: readonly EdrEvent[],
	handlers: RequestHandlers,
	dispatch: (action: Action) => void,
	buffer: readonly EdrEvent[] = visible,
	/** The view's whole list: a filter just changed may still be testing the older events. */
	whole: () => readonly EdrEvent[] = () => visible,
): void {
	const started = useRef(new Set<number>());
	useEffect(() => {
		if (requests.length === 0) return;
		const done: number[] = [];
		for (const r of requests) {
			done.push(r.id);
			if (started.current.has(r.id)) continue;
			started.current.add(r.id);
			if (r.kind === 'quit') handlers.onQuit();
			else if (r.kind === 'copy-text') {
				const tooBig = osc52Check(r.text);
				if (tooBig) dispatch({type: 'message', text: `not copied: ${tooBig}`, kind: 'error'});
				else {
					handlers.onCopy(r.text);
					const text = `copied ${r.what} (${formatCount(r.text.length)} chars) to the clipboard (OSC 52)`;
					dispatch({type: 'message', text});
				}
			} else if (r.kind === 'copy') {
				const ev = visible[lowerBoundSeq(visible, r.seq)];
				if (!ev || ev.seq !== r.seq) {
					dispatch({type: 'message', text: 'the event left the buffer before it could be copied', kind: 'error'});
					continue;
				}
				const copy = eventCopy(ev);
				if (!copy.ok) {
					dispatch({type: 'message', text: copy.error, kind: 'error'});
					continue;
				}
				const tooBig = osc52Check(copy.text);
				if (tooBig) dispatch({type: 'message', text: `not copied: ${tooBig}`, kind: 'error'});
				else {
					handlers.onCopy(copy.text);
					dispatch({
						type: 'message',
						text: `copied ${copy.what} (${formatCount(copy.text.length)} chars) to the clipboard (OSC 52)`,
					});
				}
			} else if (r.kind === 'filter') {
				const run = handlers.onFilter?.(r.spec, r.apply ? undefined : r.path);
				if (!run) dispatch({type: 'message', text: 'no rules loaded: nothing to filter', kind: 'error'});
				else
					run.then(
						res => dispatch({type: 'message', text: res.text, kind: res.ok ? 'info' : 'error'}),
						(error: unknown) => dispatch({type: 'message', text: String(error), kind: 'error'}),
					);
			} else {
				// The view as the prompt counted it: events that arrived while typing the path stay out.
				// Marked events are looked up in the buffer: a mark on an evicted event is gone.
				let events: readonly EdrEvent[];
				if (r.marked) events = markedEvents(buffer, r.marked);
				else {
					const all = whole();
					events = all.slice(0, upperBoundSeq(all, r.upToSeq));
				}
				const gone = r.marked ? r.marked.length - events.length : 0;
				const kind = r.marked ? 'marked' : '';
				dispatch({type: 'message', text: `writing ${countOfEvents(events.length, kind)} to ${r.path}…`});
				handlers.onExport(r.path, events).then(
					res =>
						dispatch(
							res.ok
								? exportMessage(res.count, res.skipped ?? 0, r.path, kind, gone)
								: {type: 'message', text: `not written: ${res.error}`, kind: 'error'},
						),
					(error: unknown) => dispatch({type: 'message', text: `not written: ${String(error)}`, kind: 'error'}),
				);
			}
		}
		dispatch({type: 'requests/done', ids: done});
	}, [requests, visible, buffer, handlers, dispatch, whole]);
}

/** The buffer's events with these seqs (ascending), in seq order; seqs the buffer let go are skipped. */
function markedEvents(buffer: readonly EdrEvent[], seqs: readonly number[]): EdrEvent[] {
	const out: EdrEvent[] = [];
	for (const seq of seqs) {
		const ev = buffer[lowerBoundSeq(buffer, seq)];
		if (ev?.seq === seq) out.push(ev);
	}
	return out;
}

// An export that left events out says so, and how many: "wrote N events" must mean all of them.
function exportMessage(count: number, skipped: number, path: string, kind = '', gone = 0): Action {
	const left = gone ? ` (${formatCount(gone)} marked left the buffer)` : '';
	if (!skipped) return {type: 'message', text: `wrote ${countOfEvents(count, kind)} to ${path}${left}`};
	// "wrote 2 of 3 events": the noun goes with the total.
	const of = countOfEvents(count + skipped, kind);
	return {
		type: 'message',
		text: `wrote ${formatCount(count)} of ${of} (${formatCount(skipped)} could not be written) to ${path}${left}`,
		kind: 'error',
	};
}
