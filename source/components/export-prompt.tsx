// `w`: where to write the filtered view, with the count it will write.
import React from 'react';
import {formatCount, sanitizeText} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {LineText} from './line.js';

export function ExportPrompt({path, count, width}: {path: string; count: number; width: number}) {
	const theme = useTheme();
	const label = `write ${formatCount(count)} events to: `;
	const room = Math.max(4, width - label.length - 1);
	const text = sanitizeText(path);
	const shown = text.length > room ? '…' + text.slice(text.length - room + 1) : text;
	return <LineText line={[{text: label, style: theme.accent}, {text: shown, style: {bold: true}}, {text: '▌', style: theme.accent}]} width={width} />;
}
