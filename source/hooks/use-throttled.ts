import {useLayoutEffect, useRef, useState} from 'react';

/**
 * `value` at most once every `ms`: a new `version` of it shows when `ms` have passed since the last
 * one shown (then at once, else when they are up). A new `resetKey` shows it at once: what the user
 * just did (pause, a filter) is never a second late. For figures that change with every store
 * flush but are read at a glance: counts, "+N new", the rate. Without it the header alone makes
 * the screen redraw twenty times a second while nothing else moves.
 */
export function useThrottled<T>(value: T, version: unknown, resetKey: unknown, ms = 1000): T {
	const [shown, setShown] = useState({value, version, resetKey, at: -Infinity});
	const reset = shown.resetKey !== resetKey;
	// What the user just did shows in this very render (React's "adjust state while rendering");
	// the next change after it is not held back either.
	if (reset) setShown({value, version, resetKey, at: -Infinity});
	const behind = !reset && shown.version !== version;
	const latest = useRef({value, version, resetKey});
	useLayoutEffect(() => {
		latest.current = {value, version, resetKey};
	});
	// One timer while behind, kept across renders (a store flush re-renders twenty times a second),
	// showing the newest value when it fires. Layout effects run at the commit: a passive effect may
	// run only just before the next commit, which would clear its timer before it ever fired.
	useLayoutEffect(() => {
		if (!behind) return;
		const timer = setTimeout(
			() => setShown({...latest.current, at: Date.now()}),
			Math.max(0, shown.at + ms - Date.now()),
		);
		return () => clearTimeout(timer);
	}, [behind, shown.at, ms]);
	return reset ? value : shown.value;
}
