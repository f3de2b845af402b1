import {useInput} from 'ink';
import type {MutableRefObject} from 'react';
import {keyPresses} from '../state/key-input.js';
import type {Action, ScreenContext} from '../state/actions.js';

/**
 * Turns keys into dispatches and nothing else: matching happens in the reducer against the mode
 * as it is after the previous key. `context` is what the screen showed at the last render; the
 * time of the key goes with it (the reducer never reads the clock).
 */
export function useAppInput(
	dispatch: (action: Action) => void,
	context: MutableRefObject<ScreenContext>,
	isActive = true,
): void {
	useInput(
		(input, key) => {
			const ctx = {...context.current, now: Date.now()};
			for (const press of keyPresses(input, key)) dispatch({type: 'key', press, ctx});
		},
		{isActive},
	);
}
