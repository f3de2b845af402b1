import {useInput} from 'ink';
import {keyPresses} from '../state/key-input.js';
import type {Action, ViewContext} from '../state/actions.js';

/**
 * Turns keys into dispatches and nothing else: matching happens in the reducer against the mode
 * as it is after the previous key. `context` gives what the screen showed at the last render and
 * the time of the key (the reducer never reads the clock).
 */
export function useAppInput(dispatch: (action: Action) => void, context: () => ViewContext, isActive = true): void {
	useInput(
		(input, key) => {
			const ctx = context();
			for (const press of keyPresses(input, key)) dispatch({type: 'key', press, ctx});
		},
		{isActive},
	);
}
