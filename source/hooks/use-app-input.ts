import {useInput} from 'ink';
import type {MutableRefObject} from 'react';
import {keyPresses} from '../state/key-input.js';
import type {Action, ViewContext} from '../state/ui-state.js';

/**
 * Turns keys into dispatches and nothing else: matching happens in the reducer against the mode
 * as it is after the previous key. `context` is what the screen showed at the last render.
 */
export function useAppInput(dispatch: (action: Action) => void, context: MutableRefObject<ViewContext>, isActive = true): void {
	useInput(
		(input, key) => {
			const ctx = {...context.current, now: Date.now()};
			for (const press of keyPresses(input, key)) dispatch({type: 'key', press, ctx});
		},
		{isActive},
	);
}
