// `?`: every key as lines for the help pane, from the same table that drives input and the status bar.
import {FILTER_KEYS} from '../core/view/index.js';
import {helpSections, KEYMAP, type KeyBinding} from '../state/keymap.js';
import type {Theme} from '../theme/theme.js';
import type {Line} from './line.js';

export function helpLines(theme: Theme, keymap: readonly KeyBinding[] = KEYMAP): Line[] {
	const out: Line[] = [[{text: 'edrtail keys', style: theme.title}, {text: '   (esc or ? closes; j/k scroll)', style: theme.muted}]];
	for (const section of helpSections(keymap)) {
		out.push([]);
		out.push([{text: section.title, style: {bold: true, underline: true}}]);
		const w = Math.min(22, Math.max(...section.rows.map(r => r.keys.length)) + 2);
		for (const r of section.rows) out.push([{text: `  ${r.keys.padEnd(w)}`, style: theme.accent}, {text: r.description}]);
	}
	out.push([]);
	out.push([{text: 'Search (/)', style: {bold: true, underline: true}}]);
	for (const [label, text] of SEARCH_HELP) out.push([{text: `  ${label.padEnd(10)}`, style: theme.accent}, {text}]);
	return out;
}

// The search language in a few short lines (README.md, "Search", has the whole of it).
const half = Math.ceil(FILTER_KEYS.length / 2);
const SEARCH_HELP: ReadonlyArray<[string, string]> = [
	['text', 'words allow typos; cmd.exe, C:\\x, 10.0.0.5, "a b" match as typed'],
	['fields', FILTER_KEYS.slice(0, half).join(' ')],
	['', FILTER_KEYS.slice(half).join(' ')],
	['operators', '-host:x or host!=x excludes; level>=high; port<1024; ip:10.0.0.0/8'],
	['regex', '/pattern/ on the text, cmdline:/pattern/ on one field; no \\b'],
];
