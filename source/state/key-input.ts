// Ink hands useInput one string per chunk of input: keys typed fast, key repeat, a paste or
// `tmux send-keys jjj` arrive together. Each character is replayed as its own key press.
import type {Key} from 'ink';
import type {Command, KeyPress} from './actions.js';
import {bindingFor, type KeyBinding, KEYMAP} from './keymap.js';
import {TEXT_MODES, type Mode} from './modes.js';

function charPress(ch: string): KeyPress | undefined {
	if (ch === '\r' || ch === '\n') return {name: 'enter'};
	if (ch === '\t') return {name: 'tab'};
	if (ch === '\x7f' || ch === '\b') return {name: 'backspace'};
	if (ch === '\x1b') return {name: 'escape'};
	const code = ch.codePointAt(0)!;
	if (code >= 1 && code <= 26) return {name: `ctrl+${String.fromCharCode(code + 96)}`};
	if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return undefined;
	if (ch === ' ') return {name: 'space', text: ' '};
	return {name: ch, text: ch};
}

type InkKey = Pick<
	Key,
	| 'upArrow'
	| 'downArrow'
	| 'leftArrow'
	| 'rightArrow'
	| 'pageUp'
	| 'pageDown'
	| 'return'
	| 'escape'
	| 'ctrl'
	| 'tab'
	| 'backspace'
	| 'delete'
> &
	Partial<Pick<Key, 'home' | 'end' | 'meta'>>;

/** The key presses in one useInput call, in order. */
export function keyPresses(input: string, key: InkKey): KeyPress[] {
	if (key.upArrow) return [{name: 'up'}];
	if (key.downArrow) return [{name: 'down'}];
	if (key.leftArrow) return [{name: 'left'}];
	if (key.rightArrow) return [{name: 'right'}];
	if (key.pageUp) return [{name: 'pageup'}];
	if (key.pageDown) return [{name: 'pagedown'}];
	if (key.home) return [{name: 'home'}];
	if (key.end) return [{name: 'end'}];
	if (key.return) return [{name: 'enter'}];
	if (key.escape) return [{name: 'escape'}];
	if (key.tab) return [{name: 'tab'}];
	// Ink reports the DEL byte most terminals send for backspace as `delete`.
	if (key.backspace || key.delete) return [{name: 'backspace'}];
	if (key.ctrl && input.length === 1) return [{name: `ctrl+${input.toLowerCase()}`}];
	const presses: KeyPress[] = [];
	// Esc followed quickly by a key reaches Ink as one meta ("alt") chord: it was two keys.
	if (key.meta && input.length > 0) presses.push({name: 'escape'});
	for (const ch of input) {
		const p = charPress(ch);
		if (p) presses.push(p);
	}
	return presses;
}

/** What one key press does in a mode: a binding's action, typed text in a text box, or nothing. */
export function commandFor(press: KeyPress, mode: Mode, keymap: readonly KeyBinding[] = KEYMAP): Command | undefined {
	const binding = bindingFor(press.name, mode, keymap);
	if (binding) return binding.action;
	if (press.text !== undefined && TEXT_MODES.includes(mode)) return {type: 'text/insert', text: press.text};
	return undefined;
}
