// An undecodable event's bytes, for the detail pane and the copy: a hex dump with a text column,
// the bytes as text when they are text (escaped, as everywhere on screen), and what `y` copies.
import type {EdrEvent, Undecodable} from '../event.js';
import {osc52Check, rawEventText} from './export.js';
import {formatCount} from './display.js';
import {escapeUnsafe} from './sanitize.js';

/** Bytes per hex-dump row for a pane `width` columns wide: 16, 8 or 4 (a row is 4n + 7 columns). */
export function hexBytesPerRow(width: number): number {
	return width >= 71 ? 16 : width >= 39 ? 8 : 4;
}

/** `0010  7b 22 61 22 3a 20 31 7d  {"a": 1}`: offset, the bytes in hex, printable ASCII or '.'. */
export function hexDumpRows(bytes: Uint8Array, perRow = 16): string[] {
	const rows: string[] = [];
	const n = Math.max(1, Math.trunc(perRow));
	for (let at = 0; at < bytes.length; at += n) {
		const chunk = bytes.subarray(at, at + n);
		let hex = '';
		let text = '';
		for (let i = 0; i < n; i++) {
			const b = chunk[i];
			hex += (i ? ' ' : '') + (b === undefined ? '  ' : b.toString(16).padStart(2, '0'));
			if (b !== undefined) text += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
		}
		rows.push(`${at.toString(16).padStart(4, '0')}  ${hex}  ${text}`);
	}
	return rows;
}

const UTF8 = new TextDecoder('utf-8', {fatal: true});
const LENIENT = new TextDecoder('utf-8');

/** The bytes as text, when they are UTF-8 with few controls (a stray escape sequence is still text). */
export function payloadText(bytes: Uint8Array): string | undefined {
	let text: string;
	try {
		// The kept bytes may end inside a character: decode without the last partial one.
		text = UTF8.decode(trimPartialUtf8(bytes));
	} catch {
		return undefined;
	}
	let controls = 0;
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c === 0) return undefined;
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
	}
	return controls * 10 <= text.length ? text : undefined;
}

function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
	let end = bytes.length;
	// Back over continuation bytes to the lead byte of the last character; drop it if incomplete.
	let i = end - 1;
	while (i >= 0 && end - i <= 4 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
	if (i >= 0) {
		const lead = bytes[i]!;
		const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
		if (end - i < need) end = i;
	}
	return bytes.subarray(0, end);
}

export interface PayloadView {
	/** Bytes the message had, and how many were kept for the screen. */
	size: number;
	kept: number;
	/** The text lines, escaped, when the bytes are text. */
	text?: string[];
	hex: string[];
}

/** What the detail pane shows of an undecodable event's bytes; undefined when none were kept. */
export function payloadView(u: Undecodable, width: number): PayloadView | undefined {
	if (!u.payload) return undefined;
	const text = payloadText(u.payload);
	return {
		size: u.size,
		kept: u.payload.length,
		text: text === undefined ? undefined : text.split('\n').map(escapeUnsafe),
		hex: hexDumpRows(u.payload, hexBytesPerRow(width)),
	};
}

export type CopyText = {ok: true; text: string; what: string} | {ok: false; error: string};

/**
 * What `y` puts on the clipboard: the raw event as JSON, or for an undecodable event its bytes,
 * as escaped text when they are text and as hex otherwise (the notice says which). A payload too
 * large for OSC 52 is cut to what fits, and the notice says that too.
 */
export function eventCopy(ev: EdrEvent, maxBase64?: number): CopyText {
	const u = ev.undecodable;
	if (!u) {
		try {
			return {ok: true, text: rawEventText(ev), what: 'the raw event'};
		} catch (error) {
			return {ok: false, error: `not copied: ${String(error)}`};
		}
	}
	if (!u.payload)
		return {
			ok: false,
			error:
				u.size === 0
					? 'nothing to copy: the message was empty'
					: 'not copied: the payload was not kept (memory budget); the detail shows its preview',
		};
	const fits = (t: string) => osc52Check(t, maxBase64) === undefined;
	const asText = payloadText(u.payload);
	const encode = (head: Uint8Array) =>
		asText === undefined ? Buffer.from(head).toString('hex') : escapeUnsafe(LENIENT.decode(trimPartialUtf8(head)));
	let bytes = u.payload.length;
	let text = encode(u.payload);
	if (!fits(text)) {
		// The longest head that fits: a binary search, a few dozen encodes of at most 64 KiB.
		let lo = 0;
		let hi = u.payload.length;
		while (lo < hi) {
			const mid = Math.ceil((lo + hi) / 2);
			if (fits(encode(u.payload.subarray(0, mid)))) lo = mid;
			else hi = mid - 1;
		}
		bytes = lo;
		text = encode(u.payload.subarray(0, lo));
	}
	const as = asText === undefined ? 'as hex' : 'as escaped text';
	const of =
		bytes < u.size
			? `the first ${formatCount(bytes)} of ${formatCount(u.size)} bytes of the payload`
			: `the payload (${formatCount(u.size)} bytes)`;
	return {ok: true, text, what: `${of} ${as}`};
}

/** Characters of a Kafka key or header value the detail shows; bytes of it shown as hex. */
const META_TEXT_CHARS = 200;
const META_HEX_BYTES = 64;

/**
 * A Kafka key or header value for the detail pane: its text when it is text (escaped, cut), else
 * `hex` and its first bytes; with the length when not all of it is shown. `size` is the length
 * the producer sent when fewer bytes were kept.
 */
export function kafkaBytesText(bytes: Uint8Array, size = bytes.length): string {
	if (size === 0) return '(empty)';
	const text = payloadText(bytes);
	if (text !== undefined) {
		const shown = escapeUnsafe(text.length > META_TEXT_CHARS ? text.slice(0, META_TEXT_CHARS) : text);
		return shown.length < escapeUnsafe(text).length || size > bytes.length
			? `${shown} … (${formatCount(size)} bytes)`
			: shown;
	}
	const hex = Buffer.from(bytes.subarray(0, META_HEX_BYTES)).toString('hex');
	return `hex ${hex}${size > META_HEX_BYTES ? ` … (${formatCount(size)} bytes)` : ''}`;
}
