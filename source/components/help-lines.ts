// `?`: every key as lines for the help pane, from the same table that drives input and the status bar.
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
	out.push([{text: 'search: ', style: {bold: true}}, {text: 'words match fuzzily; "quoted text" exactly; host:WS01 user:alice cat:dns family:registry rule:regsvr32 level>=high technique:t1218 os: format: pid:; -host:x excludes'}]);
	return out;
}
