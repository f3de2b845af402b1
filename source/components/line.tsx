// Styled lines as data: every pane builds Line[] (already sanitized text) and a window of them is
// drawn, one terminal row per line, cut to the width (never wrapped by Ink).
import {Text} from 'ink';
import React, {memo} from 'react';
import {displayWidth, sanitizeText, takeWidth} from '../core/view/index.js';
import type {Style, Theme} from '../theme/theme.js';

export interface Seg {
	/** Safe text: already through sanitizeText/escapeUnsafe. */
	text: string;
	style?: Style;
}
export type Line = Seg[];

export function lineWidth(line: Line): number {
	let w = 0;
	for (const s of line) w += displayWidth(s.text);
	return w;
}

/** Cuts a line to `width` columns (ellipsis when cut); pads with spaces when `pad`. */
export function fitLine(line: Line, width: number, pad = false): Line {
	const out: Line = [];
	let left = Math.max(0, width);
	const total = lineWidth(line);
	const cut = total > left;
	if (cut) left -= 1;
	for (const s of line) {
		if (left <= 0) break;
		const w = displayWidth(s.text);
		if (w <= left) {
			out.push(s);
			left -= w;
		} else {
			const text = takeWidth(s.text, left);
			if (text) out.push({text, style: s.style});
			left -= displayWidth(text);
			break;
		}
	}
	if (cut && width > 0) out.push({text: '…', style: line.at(-1)?.style});
	if (pad) {
		const used = Math.min(total, width);
		if (used < width) out.push({text: ' '.repeat(width - used), style: out.at(-1)?.style});
	}
	return out;
}

/** Breaks a long line into rows of `width` columns; continuation rows start with `indent` spaces. */
export function wrapLine(line: Line, width: number, indent = 0, maxRows = 50): Line[] {
	if (width <= 0) return [];
	if (lineWidth(line) <= width) return [line];
	const rows: Line[] = [];
	let row: Line = [];
	let left = width;
	const newRow = () => {
		rows.push(row);
		const ind = Math.min(indent, width - 1);
		row = ind > 0 ? [{text: ' '.repeat(ind)}] : [];
		left = width - ind;
	};
	for (const s of line) {
		let text = s.text;
		while (text) {
			if (rows.length >= maxRows) return rows;
			if (left <= 0) newRow();
			const piece = takeWidth(text, left) || (left === width ? Array.from(text)[0]! : '');
			if (!piece) {
				newRow();
				continue;
			}
			row.push({text: piece, style: s.style});
			left -= displayWidth(piece);
			text = text.slice(piece.length);
		}
	}
	if (row.length) rows.push(row);
	return rows;
}

/**
 * Breaks a line of prose into rows of `width` columns at spaces (a word longer than a row is
 * broken inside); continuation rows start with `indent` spaces. For help text, not for data.
 */
export function wrapWords(line: Line, width: number, indent = 0): Line[] {
	if (width <= 0) return [];
	if (lineWidth(line) <= width) return [line];
	const ind = Math.min(indent, width - 1);
	const rows: Line[] = [];
	let row: Line = [];
	let used = 0;
	const newRow = () => {
		while (row.length && /^\s+$/.test(row.at(-1)!.text)) used -= displayWidth(row.pop()!.text);
		rows.push(row);
		row = ind > 0 ? [{text: ' '.repeat(ind)}] : [];
		used = ind;
	};
	for (const s of line) {
		for (const [piece] of s.text.matchAll(/\s+|\S+/g)) {
			const w = displayWidth(piece);
			if (/^\s/.test(piece)) {
				// Spaces: kept inside a row (and at the very start: the key column's indent), dropped at a break.
				if (rows.length > 0 && used <= ind) continue;
				if (used + w > width) newRow();
				else {
					row.push({text: piece, style: s.style});
					used += w;
				}
				continue;
			}
			if (used + w > width && used > ind) newRow();
			let text = piece;
			while (displayWidth(text) > width - used) {
				const head = takeWidth(text, width - used) || Array.from(text)[0]!;
				row.push({text: head, style: s.style});
				text = text.slice(head.length);
				newRow();
			}
			if (text) {
				row.push({text, style: s.style});
				used += displayWidth(text);
			}
		}
	}
	if (row.length && used > (rows.length ? ind : 0)) rows.push(row);
	return rows;
}

export const LineText = memo(function LineText({
	line,
	width,
	pad,
	style,
}: {
	line: Line;
	width: number;
	pad?: boolean;
	style?: Style;
}) {
	const fitted = fitLine(line, width, pad);
	return (
		<Text wrap="truncate" {...style}>
			{fitted.length === 0
				? ' '
				: fitted.map((s, i) => (
						<Text key={i} {...s.style}>
							{s.text}
						</Text>
					))}
		</Text>
	);
});

/** A window of lines, exactly `height` rows tall. */
export function LinesView({
	lines,
	top,
	height,
	width,
}: {
	lines: readonly Line[];
	top: number;
	height: number;
	width: number;
}) {
	const rows: React.ReactNode[] = [];
	for (let i = 0; i < height; i++) {
		const line = lines[top + i];
		rows.push(<LineText key={i} line={line ?? []} width={width} />);
	}
	return <>{rows}</>;
}

/** Keeps segments in priority order while they fit `width` (joined by `gap`), in display order. */
export function fitByPriority(items: ReadonlyArray<{line: Line; priority: number}>, width: number, gap = 2): Line {
	const order = items.map((it, i) => ({...it, i, w: lineWidth(it.line)})).sort((a, b) => a.priority - b.priority);
	const kept = new Set<number>();
	let used = 0;
	for (const it of order) {
		const need = it.w + (kept.size ? gap : 0);
		if (used + need > width) continue;
		kept.add(it.i);
		used += need;
	}
	const out: Line = [];
	items.forEach((it, i) => {
		if (!kept.has(i)) return;
		if (out.length) out.push({text: ' '.repeat(gap)});
		out.push(...it.line);
	});
	return out;
}

/**
 * A text box being typed in: the label, the text (its end kept when it is longer than `room`, so
 * the typing stays in sight) and a block cursor.
 */
export function inputLine(label: string, text: string, room: number, theme: Theme): Line {
	const safe = sanitizeText(text);
	const shown = safe.length > room ? '…' + safe.slice(safe.length - room + 1) : safe;
	return [
		{text: label, style: theme.accent},
		{text: shown, style: {bold: true}},
		{text: '▌', style: theme.accent},
	];
}

/** A prompt's line: its input box, and beside it what it takes (dropped first when the line is short). */
export function PromptLine({box, info, width}: {box: Line; info: Line; width: number}) {
	const line = fitByPriority(
		[
			{line: box, priority: 0},
			{line: info, priority: 1},
		],
		width,
	);
	return <LineText line={line} width={width} />;
}
