import {useState, useSyncExternalStore} from 'react';

/**
 * useReducer with the state held outside React, so that a dispatch renders at once. Ink gives an
 * update from a key React's default priority, which Node's React runs as a scheduler task
 * (setImmediate): behind every slice already queued for that turn (search warming, a filter's
 * completion, the pipeline's batches), each a few ms. An update of an external store is always
 * synchronous: the key's frame is rendered in the microtask right after its callback. The reducer
 * stays the one pure function; a dispatch that returns the same state renders nothing.
 */
export function useSyncReducer<S, A, I>(
	reducer: (state: S, action: A) => S,
	initialArg: I,
	init: (arg: I) => S,
): [S, (action: A) => void] {
	const [store] = useState(() => {
		let state = init(initialArg);
		const listeners = new Set<() => void>();
		return {
			get: () => state,
			subscribe: (listener: () => void) => {
				listeners.add(listener);
				return () => void listeners.delete(listener);
			},
			dispatch: (action: A) => {
				const next = reducer(state, action);
				if (Object.is(next, state)) return;
				state = next;
				for (const listener of listeners) listener();
			},
		};
	});
	const state = useSyncExternalStore(store.subscribe, store.get, store.get);
	return [state, store.dispatch];
}
