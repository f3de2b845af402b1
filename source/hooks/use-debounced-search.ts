import {useEffect} from 'react';
import type {Action} from '../state/actions.js';

/** Applies the search box's text to the view once typing pauses for `delayMs`. */
export function useDebouncedSearch(
	searchInput: string,
	searchText: string,
	dispatch: (action: Action) => void,
	delayMs = 100,
): void {
	useEffect(() => {
		if (searchInput === searchText) return;
		const timer = setTimeout(() => dispatch({type: 'search/apply', text: searchInput}), delayMs);
		return () => clearTimeout(timer);
	}, [searchInput, searchText, dispatch, delayMs]);
}
