// The bottom line: a message when there is one, otherwise the current mode's keys, as many as fit.
import React, {memo} from 'react';
import {sanitizeText} from '../core/view/index.js';
import {hintsFor} from '../state/keymap.js';
import type {Mode} from '../state/modes.js';
import type {Message} from '../state/ui-state.js';
import {useTheme} from '../theme/theme-context.js';
import type {Theme} from '../theme/theme.js';
import {LineText, lineWidth, type Line} from './line.js';

export function hintLine(mode: Mode, width: number, theme: Theme): Line {
	const out: Line = [];
	let used = 0;
	const hints = hintsFor(mode);
	// Help, quit and the way back are always worth their room: keep them, fill the rest in table order.
	const must = hints.filter(h => h.label === 'help' || h.label === 'quit' || h.label === 'back');
	const reserve = must.reduce((n, h) => n + h.keys.length + h.label.length + 3, 0);
	for (const h of hints) {
		const essential = must.includes(h);
		const w = h.keys.length + 1 + h.label.length + (out.length ? 2 : 0);
		if (!essential && used + w > width - reserve) continue;
		if (essential && used + w > width) continue;
		if (out.length) out.push({text: '  '});
		out.push({text: h.keys, style: {...theme.accent, bold: true}}, {text: ` ${h.label}`, style: theme.muted});
		used += w;
	}
	return out;
}

export const StatusBar = memo(function StatusBar({
	mode,
	message,
	width,
}: {
	mode: Mode;
	message?: Message;
	width: number;
}) {
	const theme = useTheme();
	if (message) {
		const line: Line = [
			{
				text: sanitizeText(message.text, width),
				style: message.kind === 'error' ? theme.error : {...theme.ok, bold: true},
			},
		];
		return <LineText line={line} width={width} />;
	}
	const line = hintLine(mode, width, theme);
	return <LineText line={lineWidth(line) ? line : [{text: ' '}]} width={width} />;
});
