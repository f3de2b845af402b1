// `?`: every key as lines for the help pane, from the same table that drives input and the status bar.
// Descriptions wrap under themselves at any width (the pane scrolls), so nothing is cut at 40 columns.
import {FILTER_KEYS} from '../core/view/index.js';
import {helpSections, KEYMAP, type KeyBinding} from '../state/keymap.js';
import type {Theme} from '../theme/theme.js';
import {wrapWords, type Line} from './line.js';

/** A description narrower than this goes on its own lines under the keys. */
const MIN_DESCRIPTION = 24;

export function helpLines(theme: Theme, width: number, keymap: readonly KeyBinding[] = KEYMAP): Line[] {
	const out: Line[] = [];
	const push = (line: Line, indent: number) => out.push(...wrapWords(line, width, indent));
	push(
		[
			{text: 'edrtail keys', style: theme.title},
			{text: '   (esc, q or ? closes; j/k scroll)', style: theme.muted},
		],
		2,
	);
	for (const section of helpSections(keymap)) {
		out.push([]);
		push([{text: section.title, style: {bold: true, underline: true}}], 2);
		const w = Math.min(22, Math.max(...section.rows.map(r => r.keys.length)) + 2);
		const beside = width - 2 - w >= MIN_DESCRIPTION;
		for (const r of section.rows) {
			if (beside) push([{text: `  ${r.keys.padEnd(w)}`, style: theme.accent}, {text: r.description}], 2 + w);
			else {
				push([{text: `  ${r.keys}`, style: theme.accent}], 4);
				push([{text: `      ${r.description}`}], 6);
			}
		}
	}
	out.push([]);
	push([{text: 'Search (/)', style: {bold: true, underline: true}}], 2);
	for (const [label, text] of SEARCH_HELP) push([{text: `  ${label.padEnd(10)}`, style: theme.accent}, {text}], 12);
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
