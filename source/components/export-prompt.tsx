// `w`: where to write the filtered view, with the count it will write (`W`: the marked events).
import React from 'react';
import {countOfEvents} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {inputLine, LineText} from './line.js';

export function ExportPrompt({
	path,
	count,
	width,
	marked = false,
}: {
	path: string;
	count: number;
	width: number;
	marked?: boolean;
}) {
	const theme = useTheme();
	const label = `write ${countOfEvents(count, marked ? 'marked' : '')} to: `;
	return <LineText line={inputLine(label, path, Math.max(4, width - label.length - 1), theme)} width={width} />;
}
