// Terminal column widths, close to what Ink's string-width computes for text that has already
// been through sanitizeText (no controls, no zero-width joiners). Own code, because string-width
// is only a transitive dependency of ink here.

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// East Asian Wide/Fullwidth blocks plus emoji that render as emoji by default.
const WIDE =
	/[\p{Emoji_Presentation}\u1100-\u115f\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{18aff}\u{1b000}-\u{1b2ff}\u{1f200}-\u{1f2ff}\u{20000}-\u{3fffd}]/u;
// Combining marks, format characters and other default-ignorable code points take no column.
const ZERO = /[\p{Mn}\p{Me}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const VS16 = 0xfe0f;

function isRegionalIndicator(cp: number): boolean {
	return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/** Columns of one code point; `next` is the following code point (emoji presentation selector). */
function codePointWidth(cp: number, ch: string, next: number | undefined): number {
	if (cp < 0x7f) return cp >= 0x20 ? 1 : 0;
	if (cp < 0xa0) return 0;
	if (cp < 0x300) return cp === 0xad ? 0 : 1;
	if (ZERO.test(ch)) return 0;
	// Skin-tone modifiers join the emoji before them.
	if (cp >= 0x1f3fb && cp <= 0x1f3ff) return 0;
	if (WIDE.test(ch)) return 2;
	// A text-style pictograph followed by VS16 is drawn as a double-width emoji.
	if (next === VS16 && PICTOGRAPHIC.test(ch)) return 2;
	return 1;
}

/** Display columns a string takes in a terminal. */
export function displayWidth(s: string): number {
	if (PRINTABLE_ASCII.test(s)) return s.length;
	let width = 0;
	let pendingRegional = false;
	for (let i = 0; i < s.length;) {
		const cp = s.codePointAt(i)!;
		const size = cp > 0xffff ? 2 : 1;
		const ch = s.slice(i, i + size);
		i += size;
		if (isRegionalIndicator(cp)) {
			// A pair of regional indicators is one flag, two columns.
			if (pendingRegional) {
				pendingRegional = false;
				continue;
			}
			pendingRegional = true;
			width += 2;
			continue;
		}
		pendingRegional = false;
		width += codePointWidth(cp, ch, s.codePointAt(i));
	}
	return width;
}

const ELLIPSIS = '…';

/** The longest prefix of `s` that fits in `cols` columns (never splits a surrogate pair). */
export function takeWidth(s: string, cols: number): string {
	if (cols <= 0) return '';
	if (PRINTABLE_ASCII.test(s)) return s.slice(0, cols);
	let used = 0;
	let end = 0;
	for (let i = 0; i < s.length;) {
		const cp = s.codePointAt(i)!;
		const size = cp > 0xffff ? 2 : 1;
		const w = isRegionalIndicator(cp) ? 2 : codePointWidth(cp, s.slice(i, i + size), s.codePointAt(i + size));
		if (used + w > cols) break;
		used += w;
		i += size;
		end = i;
	}
	return s.slice(0, end);
}

/**
 * Cuts a string to at most `width` columns, ending in an ellipsis when something was cut. Never
 * splits a surrogate pair, and never overshoots when a wide character straddles the edge.
 */
export function truncateToWidth(s: string, width: number): string {
	if (width <= 0) return '';
	if (PRINTABLE_ASCII.test(s)) return s.length <= width ? s : s.slice(0, width - 1) + ELLIPSIS;
	if (displayWidth(s) <= width) return s;
	return takeWidth(s, width - 1) + ELLIPSIS;
}
