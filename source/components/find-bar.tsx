// `F`: the find box. The same language as the search, but nothing is hidden: the events it
// matches are marked in the feed and n/N jump between them once it is kept (enter).
import React from 'react';
import {sanitizeText} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {inputLine, PromptLine, type Line} from './line.js';

export function FindBar({input, errors, width}: {input: string; errors: readonly string[]; width: number}) {
	const theme = useTheme();
	const box = inputLine('find: ', input, Math.max(4, width - 30), theme);
	const info: Line = errors.length
		? [{text: sanitizeText(`✖ ${errors.join('; ')}`, width), style: theme.error}]
		: [{text: '  enter marks the matches, n/N jump, esc clears', style: theme.muted}];
	return <PromptLine box={box} info={info} width={width} />;
}
