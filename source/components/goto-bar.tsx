// `@`: the jump-to-time prompt. What it takes is said beside it; a time that does not parse is
// marked as it is typed, and enter moves the cursor (see timeJump in core/view).
import React from 'react';
import {parseTimeSpec, sanitizeText, TIME_SPEC_EXAMPLES, type TimeZoneMode} from '../core/view/index.js';
import {useTheme} from '../theme/theme-context.js';
import {fitByPriority, inputLine, LineText, type Line} from './line.js';

export function GotoBar({input, zone, width}: {input: string; zone: TimeZoneMode; width: number}) {
	const theme = useTheme();
	const box = inputLine('jump to: ', input, Math.max(4, width - 40), theme);
	const bad = input.trim() !== '' && 'error' in parseTimeSpec(input);
	const where = zone === 'utc' ? 'UTC' : 'local time';
	const info: Line = bad
		? [{text: sanitizeText(`✖ not a time: try ${TIME_SPEC_EXAMPLES}`, width), style: theme.error}]
		: [{text: `  ${TIME_SPEC_EXAMPLES} (${where}; -5m: before the newest)`, style: theme.muted}];
	return (
		<LineText
			line={fitByPriority(
				[
					{line: box, priority: 0},
					{line: info, priority: 1},
				],
				width,
			)}
			width={width}
		/>
	);
}
