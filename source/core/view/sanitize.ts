// Event text is attacker-controlled and reaches the terminal in every pane. Anything a terminal
// would act on, or that would hide or reorder what the analyst reads, is shown as a visible escape.
import {truncateToWidth} from './width.js';

// C0 (incl. ESC, BEL, CR, LF, TAB), DEL, C1 (incl. CSI 0x9b), Arabic letter mark, zero-width and
// directional marks, line/paragraph separators, bidi embeddings/overrides/isolates, word joiner and
// invisible operators, BOM, interlinear annotation controls, Unicode tag characters, and lone
// surrogates (the `u` flag makes [\ud800-\udfff] match only unpaired halves).
const UNSAFE_SOURCE =
	'[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}\\ud800-\\udfff]';
const UNSAFE_TEST = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');

const NAMED: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};

/** The visible escape for one unsafe character (or lone surrogate). */
export function escapeChar(c: string): string {
	const named = NAMED[c];
	if (named) return named;
	const cp = c.codePointAt(0)!;
	if (cp <= 0xff) return '\\x' + cp.toString(16).padStart(2, '0');
	if (cp <= 0xffff) return '\\u' + cp.toString(16).padStart(4, '0');
	return '\\u{' + cp.toString(16) + '}';
}

/** True when the string holds something sanitizeText would escape. */
export function hasUnsafe(s: string): boolean {
	return UNSAFE_TEST.test(s);
}

/** Escapes unsafe characters only (no truncation). Returns the same string when there is nothing to do. */
export function escapeUnsafe(s: string): string {
	return UNSAFE_TEST.test(s) ? s.replace(UNSAFE_ALL, escapeChar) : s;
}

/**
 * Makes any string safe for one terminal line: control, bidi and invisible characters become
 * visible escapes (`\x1b`, `\u202e`, `\n`; TAB becomes `\t` like the other controls), and the
 * result is cut with an ellipsis at `maxLength` display columns (wide characters count 2).
 * Returns the input itself when it needs neither.
 */
export function sanitizeText(s: string, maxLength?: number): string {
	if (typeof s !== 'string') s = String(s);
	const escaped = escapeUnsafe(s);
	if (maxLength === undefined || escaped.length * 2 <= maxLength) return escaped;
	return truncateToWidth(escaped, maxLength);
}
