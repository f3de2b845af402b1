// Keys as data: this one table drives input matching, the status-bar hints and the help screen.
// A key name is what keyPresses() produces: a printable character ('j', 'G', '?'), or 'up', 'down',
// 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'space', 'backspace', 'tab', 'ctrl+c'.
import type {Command} from './actions.js';
import {MODES, TEXT_MODES, TOGGLE_FAMILIES, type Mode} from './modes.js';

export interface KeyBinding {
	keys: readonly string[];
	action: Command;
	/** One line for the help screen. */
	description: string;
	modes: readonly Mode[];
	/** Short label for the status bar; bindings without one appear only in help. Consecutive bindings with the same hint share it ("j/k move"). */
	hint?: string;
}

const COMMAND_MODES: readonly Mode[] = MODES.filter(m => !TEXT_MODES.includes(m));
const NAV: readonly Mode[] = ['feed', 'detail'];
const PANES: readonly Mode[] = ['detail', 'help', 'latency', 'partitions'];
const LISTS: readonly Mode[] = ['picker', 'rules', 'tree', 'story', 'members', 'groups', 'tune'];
/** What esc and q close: every pane and panel (the feed is what they go back to). */
const CLOSABLE: readonly Mode[] = [
	'detail',
	'help',
	'latency',
	'partitions',
	'picker',
	'rules',
	'tree',
	'story',
	'members',
	'groups',
	'tune',
];

const familyKeys: KeyBinding[] = TOGGLE_FAMILIES.map((family, i) => ({
	keys: [String(i + 1)],
	action: {type: 'toggleFamily', family},
	description: `show/hide the ${family} family`,
	modes: ['feed', 'picker'],
	hint: 'family',
}));

export const KEYMAP: readonly KeyBinding[] = [
	// Everywhere
	{keys: ['ctrl+c'], action: {type: 'quit'}, description: 'quit', modes: MODES},
	// Text boxes (search, export path)
	{
		keys: ['enter'],
		action: {type: 'search/commit'},
		description: 'keep the search and go back',
		modes: ['search'],
		hint: 'keep',
	},
	{
		keys: ['escape'],
		action: {type: 'search/cancel'},
		description: 'clear the search and go back',
		modes: ['search'],
		hint: 'clear',
	},
	{
		keys: ['enter'],
		action: {type: 'find/commit'},
		description: 'keep the find: matches stay marked, n/N jump',
		modes: ['find'],
		hint: 'keep',
	},
	{keys: ['escape'], action: {type: 'find/cancel'}, description: 'clear the find', modes: ['find'], hint: 'clear'},
	{
		keys: ['enter'],
		action: {type: 'goto/commit'},
		description: 'jump to the first event in view at or after that time',
		modes: ['goto'],
		hint: 'jump',
	},
	{keys: ['escape'], action: {type: 'back'}, description: 'cancel', modes: ['goto'], hint: 'cancel'},
	{keys: ['enter'], action: {type: 'export/confirm'}, description: 'write the file', modes: ['export'], hint: 'write'},
	{keys: ['escape'], action: {type: 'back'}, description: 'cancel', modes: ['export'], hint: 'cancel'},
	{
		keys: ['enter'],
		action: {type: 'tune/write'},
		description: 'write the filter as a Sigma filter file',
		modes: ['tune-path'],
		hint: 'write',
	},
	{keys: ['escape'], action: {type: 'back'}, description: 'cancel', modes: ['tune-path'], hint: 'cancel'},
	{keys: ['backspace'], action: {type: 'text/backspace'}, description: 'delete a character', modes: TEXT_MODES},
	{keys: ['ctrl+u'], action: {type: 'text/clear'}, description: 'clear the line', modes: TEXT_MODES},
	// Feed and detail: moving the selection
	{
		keys: ['j', 'down'],
		action: {type: 'move', move: 'down'},
		description: 'next (newer) event',
		modes: NAV,
		hint: 'move',
	},
	{
		keys: ['k', 'up'],
		action: {type: 'move', move: 'up'},
		description: 'previous (older) event; stops following',
		modes: NAV,
		hint: 'move',
	},
	{keys: ['pagedown'], action: {type: 'move', move: 'pageDown'}, description: 'page down', modes: ['feed']},
	{keys: ['pageup'], action: {type: 'move', move: 'pageUp'}, description: 'page up; stops following', modes: ['feed']},
	{keys: ['ctrl+d'], action: {type: 'move', move: 'halfPageDown'}, description: 'half a page down', modes: ['feed']},
	{
		keys: ['ctrl+u'],
		action: {type: 'move', move: 'halfPageUp'},
		description: 'half a page up; stops following',
		modes: ['feed'],
	},
	{
		keys: ['g', 'home'],
		action: {type: 'move', move: 'top'},
		description: 'oldest event; stops following',
		modes: ['feed'],
	},
	{
		keys: ['G', 'end'],
		action: {type: 'move', move: 'bottom'},
		description: 'newest event, follow again',
		modes: ['feed'],
	},
	{
		keys: ['space'],
		action: {type: 'togglePause'},
		description: 'pause (the view holds, "+N new") / follow',
		modes: NAV,
		hint: 'pause',
	},
	{keys: ['f'], action: {type: 'follow'}, description: 'follow the newest events', modes: NAV},
	{
		keys: ['enter'],
		action: {type: 'openDetail'},
		description: 'open the selected event',
		modes: ['feed'],
		hint: 'detail',
	},
	{
		keys: ['escape'],
		action: {type: 'back'},
		description: 'clear the find, remove the last chip (pivot, process), then the rule filter, then the search',
		modes: ['feed'],
	},
	// Narrowing
	{
		keys: ['/'],
		action: {type: 'search/open'},
		description: 'search: words, field:value, -field:x, level>=high, /regex/ (below)',
		modes: NAV,
		hint: 'search',
	},
	{
		keys: ['n'],
		action: {type: 'nextHit', direction: 1},
		description: 'next find match (F), else next event with a rule hit',
		modes: NAV,
		hint: 'hit',
	},
	{
		keys: ['N'],
		action: {type: 'nextHit', direction: -1},
		description: 'previous find match (F), else previous event with a rule hit',
		modes: NAV,
		hint: 'hit',
	},
	{
		keys: ['h'],
		action: {type: 'toggleHitsOnly'},
		description: 'only events with rule hits',
		modes: ['feed'],
		hint: 'hits',
	},
	{
		keys: ['h'],
		action: {type: 'jump', section: 'hits'},
		description: 'to the rule hits in full (again: back to the raw event)',
		modes: ['detail'],
		hint: 'hits',
	},
	...familyKeys,
	{
		keys: ['0', 'a'],
		action: {type: 'showAll'},
		description: 'show everything (categories, hits-only, rule filter)',
		modes: ['feed', 'picker'],
		hint: 'all',
	},
	{
		keys: ['c'],
		action: {type: 'toggleMode', mode: 'picker'},
		description: 'pick categories one by one',
		modes: ['feed', 'picker'],
		hint: 'categories',
	},
	{
		keys: ['r'],
		action: {type: 'toggleMode', mode: 'rules'},
		description: 'rules and their hit counts',
		modes: ['feed', 'rules'],
		hint: 'rules',
	},
	{
		keys: ['l'],
		action: {type: 'toggleMode', mode: 'latency'},
		description: 'latency view',
		modes: ['feed', 'detail', 'latency'],
		hint: 'latency',
	},
	{
		keys: ['p'],
		action: {type: 'toggleMode', mode: 'partitions'},
		description: 'Kafka partitions: high watermark, position, lag, fetch rate',
		modes: ['feed', 'detail', 'partitions'],
		hint: 'partitions',
	},
	// The process tree, storyline, pivots, find, marks (issue 13)
	{
		keys: ['t'],
		action: {type: 'tree/open'},
		description: "the selected event's process tree: ancestors and descendants (again: close)",
		modes: ['feed', 'detail', 'tree'],
		hint: 'tree',
	},
	{
		keys: ['enter'],
		action: {type: 'tree/filter'},
		description: "only this process's own events (esc in the feed: all again)",
		modes: ['tree'],
		hint: 'its events',
	},
	{
		keys: ['s'],
		action: {type: 'story/open'},
		description: "the selected event's storyline (S1), else its process and descendants: events in time order",
		modes: ['feed', 'detail', 'story'],
		hint: 'story',
	},
	{
		keys: ['enter'],
		action: {type: 'story/jump'},
		description: 'open this event in the detail (esc: back to the story)',
		modes: ['story'],
		hint: 'detail',
	},
	{
		keys: ['m'],
		action: {type: 'mark/toggle'},
		description: 'mark the selected event, or unmark it (a • in its row)',
		modes: ['feed', 'detail', 'story'],
		hint: 'mark',
	},
	{
		keys: ['u'],
		action: {type: 'mark/next', direction: 1},
		description: 'next marked event',
		modes: NAV,
		hint: 'mark',
	},
	{
		keys: ['U'],
		action: {type: 'mark/next', direction: -1},
		description: 'previous marked event',
		modes: NAV,
		hint: 'mark',
	},
	{
		keys: [']'],
		action: {type: 'field/move', by: 1},
		description: 'next field to pivot on (host, user, image, hash, IP, domain, key, path...)',
		modes: ['detail'],
		hint: 'field',
	},
	{
		keys: ['['],
		action: {type: 'field/move', by: -1},
		description: 'previous field to pivot on',
		modes: ['detail'],
		hint: 'field',
	},
	{
		keys: ['+'],
		action: {type: 'pivot/add', exclude: false},
		description: 'keep only events with this value (a chip above the feed)',
		modes: ['detail'],
		hint: 'only',
	},
	{
		keys: ['-'],
		action: {type: 'pivot/add', exclude: true},
		description: 'hide events with this value',
		modes: ['detail'],
		hint: 'hide',
	},
	{
		keys: ['F'],
		action: {type: 'find/open'},
		description: 'find: mark the events a search would keep, leave the rest in view; n/N jump',
		modes: NAV,
		hint: 'find',
	},
	// Time
	{
		keys: ['@'],
		action: {type: 'goto/open'},
		description: 'jump to a time: 10:42, 10:42:07.123, 2026-11-27T10:42Z, -5m (before the newest event)',
		modes: NAV,
		hint: 'time',
	},
	{
		keys: ['T'],
		action: {type: 'toggleZone'},
		description: 'times in UTC or local time (the header says which)',
		modes: ['feed', 'detail', 'tree', 'members', 'groups'],
	},
	{
		keys: ['right'],
		action: {type: 'hscroll', by: 20},
		description: 'scroll the feed sideways: the summaries move, the columns stay',
		modes: ['feed'],
		hint: 'sideways',
	},
	{keys: ['left'], action: {type: 'hscroll', by: -20}, description: 'scroll back', modes: ['feed'], hint: 'sideways'},
	{
		keys: ['v'],
		action: {type: 'toggleWrap'},
		description: 'wrap the selected row: its whole summary and command line (again: one row)',
		modes: NAV,
	},
	{
		keys: ['x'],
		action: {type: 'pivot/remove'},
		description: 'remove the last chip (pivot, then the process filter)',
		modes: NAV,
	},
	// Getting events out
	{
		keys: ['y'],
		action: {type: 'copy'},
		description: 'copy the selected raw event (OSC 52: works over SSH and tmux)',
		modes: NAV,
		hint: 'copy',
	},
	{
		keys: ['Y'],
		action: {type: 'copy/field'},
		description: 'copy the field under the cursor (] and [ move it), escaped, OSC 52',
		modes: ['detail'],
		hint: 'copy',
	},
	{
		keys: ['w'],
		action: {type: 'export/open'},
		description: 'write the filtered view to a file (NDJSON)',
		modes: ['feed'],
		hint: 'write',
	},
	{
		keys: ['W'],
		action: {type: 'export/open', marked: true},
		description: 'write the marked events to a file (NDJSON), whatever the filters show',
		modes: ['feed'],
		hint: 'write',
	},
	// Scrolling panes
	{keys: ['J'], action: {type: 'scroll', by: 1}, description: 'scroll the pane down', modes: ['detail']},
	{keys: ['K'], action: {type: 'scroll', by: -1}, description: 'scroll the pane up', modes: ['detail']},
	{
		keys: ['j', 'down'],
		action: {type: 'scroll', by: 1},
		description: 'scroll down',
		modes: ['help', 'latency', 'partitions'],
		hint: 'scroll',
	},
	{
		keys: ['k', 'up'],
		action: {type: 'scroll', by: -1},
		description: 'scroll up',
		modes: ['help', 'latency', 'partitions'],
		hint: 'scroll',
	},
	{
		keys: ['pagedown', 'ctrl+d'],
		action: {type: 'scroll', by: 'page'},
		description: 'scroll a page down',
		modes: PANES,
		hint: 'page',
	},
	{
		keys: ['pageup', 'ctrl+u'],
		action: {type: 'scroll', by: '-page'},
		description: 'scroll a page up',
		modes: PANES,
		hint: 'page',
	},
	{keys: ['g', 'home'], action: {type: 'scroll', by: 'top'}, description: 'top of the pane', modes: PANES},
	{keys: ['G', 'end'], action: {type: 'scroll', by: 'bottom'}, description: 'end of the pane', modes: PANES},
	// Lists (category picker, rules panel)
	{keys: ['j', 'down'], action: {type: 'cursor', by: 1}, description: 'next line', modes: LISTS, hint: 'move'},
	{keys: ['k', 'up'], action: {type: 'cursor', by: -1}, description: 'previous line', modes: LISTS, hint: 'move'},
	{keys: ['pagedown'], action: {type: 'cursor', by: 10}, description: 'ten lines down', modes: LISTS},
	{keys: ['pageup'], action: {type: 'cursor', by: -10}, description: 'ten lines up', modes: LISTS},
	{keys: ['g', 'home'], action: {type: 'cursor', by: 'top'}, description: 'first line', modes: LISTS},
	{keys: ['G', 'end'], action: {type: 'cursor', by: 'bottom'}, description: 'last line', modes: LISTS},
	{
		keys: ['space', 'enter'],
		action: {type: 'picker/toggle'},
		description: 'show/hide this category',
		modes: ['picker'],
		hint: 'toggle',
	},
	{
		keys: ['enter'],
		action: {type: 'rules/apply'},
		description: "show only this rule's hits (again: all)",
		modes: ['rules'],
		hint: 'filter',
	},
	// Correlations and the tuning loop
	{
		keys: ['v'],
		action: {type: 'rules/inspect'},
		description: "a correlation's live groups, or the events a filter suppressed",
		modes: ['rules'],
		hint: 'view',
	},
	{keys: ['enter'], action: {type: 'members/jump'}, description: 'open this event', modes: ['members'], hint: 'open'},
	{
		keys: ['enter'],
		action: {type: 'openDetail'},
		description: 'on a correlation hit: the events that made it',
		modes: ['detail'],
	},
	{
		keys: ['enter'],
		action: {type: 'groups/members'},
		description: "the group's events in the window",
		modes: ['groups'],
		hint: 'events',
	},
	{
		keys: ['e'],
		action: {type: 'tune/open'},
		description: "tune: an exception (a Sigma filter) from the selected hit's fields",
		modes: NAV,
		hint: 'tune',
	},
	{
		keys: ['space'],
		action: {type: 'tune/toggle'},
		description: 'keep this field or not',
		modes: ['tune'],
		hint: 'pick',
	},
	{keys: ['enter'], action: {type: 'tune/apply'}, description: 'apply the filter live', modes: ['tune'], hint: 'apply'},
	{keys: ['w'], action: {type: 'tune/path'}, description: 'write the filter to a file', modes: ['tune'], hint: 'write'},
	// Leaving
	{keys: ['escape'], action: {type: 'back'}, description: 'back', modes: CLOSABLE, hint: 'back'},
	// As in less and lnav: q closes what is open; only the feed's q (and ctrl-c anywhere) quits.
	{keys: ['q'], action: {type: 'back'}, description: 'close this pane or panel', modes: CLOSABLE, hint: 'back'},
	{
		keys: ['?'],
		action: {type: 'toggleMode', mode: 'help'},
		description: 'this help',
		modes: COMMAND_MODES,
		hint: 'help',
	},
	{keys: ['q'], action: {type: 'quit'}, description: 'quit', modes: ['feed'], hint: 'quit'},
];

/** The binding a key triggers in a mode: the first in table order. */
export function bindingFor(key: string, mode: Mode, keymap: readonly KeyBinding[] = KEYMAP): KeyBinding | undefined {
	return keymap.find(b => b.modes.includes(mode) && b.keys.includes(key));
}

const LABELS: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'enter',
	escape: 'esc',
	space: 'space',
	backspace: 'bksp',
	tab: 'tab',
};

/** How a key is written in hints and help: `↓`, `PgDn`, `esc`, `C-c`. */
export function keyLabel(key: string): string {
	if (key.startsWith('ctrl+')) return `C-${key.slice(5)}`;
	return LABELS[key] ?? key;
}

export interface Hint {
	keys: string;
	label: string;
}

// Joins the first keys of bindings that share a hint: "j/k", and runs of digits as "1-8".
function joinKeys(keys: string[]): string {
	if (keys.length > 2 && keys.every((k, i) => /^\d$/.test(k) && (i === 0 || Number(k) === Number(keys[i - 1]) + 1)))
		return `${keys[0]}-${keys.at(-1)}`;
	return keys.join('/');
}

/** The status-bar hints of a mode, in table order, bindings with the same hint merged. */
export function hintsFor(mode: Mode, keymap: readonly KeyBinding[] = KEYMAP): Hint[] {
	const groups: Array<{label: string; keys: string[]}> = [];
	for (const b of keymap) {
		if (!b.hint || !b.modes.includes(mode)) continue;
		const last = groups.at(-1);
		const key = keyLabel(b.keys[0]!);
		if (last && last.label === b.hint) last.keys.push(key);
		else groups.push({label: b.hint, keys: [key]});
	}
	return groups.map(g => ({keys: joinKeys(g.keys), label: g.label}));
}

export interface HelpSection {
	title: string;
	rows: Array<{keys: string; description: string}>;
}

/** The help screen: bindings grouped by the modes they work in, every key listed. */
export function helpSections(keymap: readonly KeyBinding[] = KEYMAP): HelpSection[] {
	const sections = new Map<string, HelpSection>();
	for (const b of keymap) {
		const title =
			b.modes.length === MODES.length
				? 'everywhere'
				: b.modes.length === COMMAND_MODES.length && COMMAND_MODES.every(m => b.modes.includes(m))
					? 'everywhere but text boxes'
					: b.modes.join(', ');
		let section = sections.get(title);
		if (!section) sections.set(title, (section = {title, rows: []}));
		section.rows.push({keys: b.keys.map(keyLabel).join(' '), description: b.description});
	}
	return [...sections.values()];
}
