import {type MutableRefObject, useEffect, useLayoutEffect, useRef} from 'react';

/**
 * Work on the buffer done between frames instead of inside a render: `slice(events)` runs once per
 * turn of the event loop after the render, while it returns false (work is left), and again each
 * time `events` changes; a slice already under way reads the newest events. Nothing runs while
 * `active` is false. Returns the newest events as committed (for work a key does at once).
 */
export function useIdleSlices<T>(events: T, slice: (events: T) => boolean, active = true): MutableRefObject<T> {
	const latest = useRef(events);
	const work = useRef(slice);
	const running = useRef<NodeJS.Immediate | undefined>(undefined);
	useLayoutEffect(() => {
		latest.current = events;
		work.current = slice;
	});
	useEffect(() => {
		if (!active || running.current) return;
		const step = () => {
			running.current = work.current(latest.current) ? undefined : setImmediate(step);
		};
		running.current = setImmediate(step);
	}, [events, active]);
	useEffect(
		() => () => {
			clearImmediate(running.current);
			running.current = undefined;
		},
		[],
	);
	return latest;
}
