import {describe, expect, it} from 'vitest';
import {commandFor, keyPresses} from '../../source/state/key-input.js';
import {bindingFor, helpSections, hintsFor, KEYMAP, keyLabel} from '../../source/state/keymap.js';
import {MODES, TEXT_MODES} from '../../source/state/modes.js';
import {initialState, uiReducer} from '../../source/state/ui-state.js';

const noKey = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageUp: false,
	pageDown: false,
	return: false,
	escape: false,
	ctrl: false,
	tab: false,
	backspace: false,
	delete: false,
};

describe('keymap table', () => {
	it('binds each key at most once per mode', () => {
		const seen = new Map<string, string>();
		for (const b of KEYMAP)
			for (const m of b.modes)
				for (const k of b.keys) {
					const id = `${m} ${k}`;
					expect(seen.has(id), `${id}: "${seen.get(id)}" and "${b.description}"`).toBe(false);
					seen.set(id, b.description);
				}
	});

	it('every binding is reachable from its key and the reducer accepts its action', () => {
		for (const b of KEYMAP)
			for (const m of b.modes)
				for (const k of b.keys) {
					expect(bindingFor(k, m)).toBe(b);
					const state = {...initialState(), mode: m};
					expect(() =>
						uiReducer(state, {...b.action, ctx: {visible: [], height: 5, ruleIds: [], now: 0}}),
					).not.toThrow();
				}
	});

	it('the help screen lists every binding, from the same table', () => {
		const rows = helpSections().flatMap(s => s.rows);
		expect(rows).toHaveLength(KEYMAP.length);
		for (const b of KEYMAP)
			expect(rows).toContainEqual({keys: b.keys.map(keyLabel).join(' '), description: b.description});
	});

	it('status-bar hints come from the table, merged ("j/k move", "1-8 family")', () => {
		const feed = hintsFor('feed');
		expect(feed).toContainEqual({keys: 'j/k', label: 'move'});
		expect(feed).toContainEqual({keys: '1-8', label: 'family'});
		expect(feed).toContainEqual({keys: 'n/N', label: 'hit'});
		for (const m of MODES) {
			const labels = new Set(hintsFor(m).map(h => h.label));
			for (const b of KEYMAP) if (b.hint && b.modes.includes(m)) expect(labels.has(b.hint)).toBe(true);
		}
		expect(hintsFor('search').map(h => h.label)).toEqual(['keep', 'clear']);
	});

	it('q quits from the feed, closes a pane or panel like less, and is text inside text boxes', () => {
		for (const m of MODES) {
			const c = commandFor({name: 'q', text: 'q'}, m);
			expect(c, m).toEqual(
				TEXT_MODES.includes(m) ? {type: 'text/insert', text: 'q'} : m === 'feed' ? {type: 'quit'} : {type: 'back'},
			);
		}
	});

	it('ctrl-c quits in every mode', () => {
		for (const m of MODES) expect(commandFor({name: 'ctrl+c'}, m), m).toEqual({type: 'quit'});
	});

	it('the hints say what q does in each mode', () => {
		expect(hintsFor('feed')).toContainEqual({keys: 'q', label: 'quit'});
		for (const m of ['detail', 'help', 'latency', 'picker', 'rules'] as const) {
			const q = hintsFor(m).find(h => h.keys.split('/').includes('q'));
			expect(q?.label, m).toBe('back');
			expect(
				hintsFor(m).some(h => h.label === 'quit'),
				m,
			).toBe(false);
		}
	});
});

describe('keyPresses', () => {
	it('replays a burst character by character', () => {
		expect(keyPresses('jj\rk', noKey).map(p => p.name)).toEqual(['j', 'j', 'enter', 'k']);
		expect(keyPresses('a b', noKey)).toEqual([
			{name: 'a', text: 'a'},
			{name: 'space', text: ' '},
			{name: 'b', text: 'b'},
		]);
	});

	it('names special keys from Ink flags', () => {
		expect(keyPresses('', {...noKey, downArrow: true})).toEqual([{name: 'down'}]);
		expect(keyPresses('', {...noKey, pageUp: true})).toEqual([{name: 'pageup'}]);
		expect(keyPresses('', {...noKey, escape: true})).toEqual([{name: 'escape'}]);
		expect(keyPresses('', {...noKey, delete: true})).toEqual([{name: 'backspace'}]);
		expect(keyPresses('c', {...noKey, ctrl: true})).toEqual([{name: 'ctrl+c'}]);
		expect(keyPresses('\u0003', noKey)).toEqual([{name: 'ctrl+c'}]);
	});

	it('splits esc typed right before a key (an alt chord to Ink) into the two keys', () => {
		expect(keyPresses('n', {...noKey, meta: true}).map(p => p.name)).toEqual(['escape', 'n']);
	});

	it('drops control characters that are not keys', () => {
		expect(keyPresses('\u0000a\u009b', noKey)).toEqual([{name: 'a', text: 'a'}]);
	});
});
