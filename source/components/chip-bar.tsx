// The row above the feed that says what the tree and the pivots narrow it to: one chip each, in
// the order they were added, with the key that removes them.
import React, {memo} from 'react';
import {sanitizeText} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {fitLine, LineText, type Line} from './line.js';

export interface Chip {
	/** What the chip narrows to, e.g. `process regsvr32.exe (4242)`, `host = WS01`. */
	text: string;
	/** A filter-out: drawn in the warning colour. */
	exclude?: boolean;
	/** The find: it marks, it does not narrow. */
	find?: boolean;
}

export const ChipBar = memo(function ChipBar({
	chips,
	hint,
	width,
}: {
	chips: readonly Chip[];
	hint: string;
	width: number;
}) {
	const theme = useTheme();
	const line: Line = [];
	for (const c of chips) {
		if (line.length) line.push({text: ' '});
		line.push({
			text: `[${sanitizeText(c.text, Math.max(8, Math.floor(width / 2)))}]`,
			style: c.exclude ? theme.warning : c.find ? theme.match : theme.accent,
		});
	}
	line.push({text: `  ${hint}`, style: theme.muted});
	return <LineText line={fitLine(line, width)} width={width} />;
});
