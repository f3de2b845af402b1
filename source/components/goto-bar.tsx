// `@`: the jump-to-time prompt. What it takes is said beside it; a time that does not parse is
// marked as it is typed, and enter moves the cursor (see timeJump in core/view).
import React from 'react';
import {parseTimeSpec, sanitizeText, TIME_SPEC_EXAMPLES, type TimeZoneMode} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {inputLine, PromptLine, type Line} from './line.js';

export function GotoBar({input, zone, width}: {input: string; zone: TimeZoneMode; width: number}) {
	const theme = useTheme();
	// Wide: room for the examples beside the box; narrow: the box takes the line.
	const box = inputLine('jump to: ', input, Math.max(8, width >= 80 ? width - 62 : width - 12), theme);
	const bad = input.trim() !== '' && 'error' in parseTimeSpec(input);
	const where = zone === 'utc' ? 'UTC' : 'local time';
	const info: Line = bad
		? [{text: sanitizeText(`✖ not a time: try ${TIME_SPEC_EXAMPLES}`, width), style: theme.error}]
		: [{text: `  e.g. ${TIME_SPEC_EXAMPLES} · ${where}`, style: theme.muted}];
	return <PromptLine box={box} info={info} width={width} />;
}
