// Whatever cannot be read becomes one visible "undecodable" event with a reason, the size, a
// short preview and the first 64 KiB of the bytes (the detail pane shows them, `y` copies them);
// decode never throws and never drops a message silently.
//
// Tombstones (a null Kafka value) are rows too, with reason "tombstone (null value)": the pipeline
// already counts undecodable rows, so no other counter has to exist, and a compacted topic's
// deletes stay visible. (SentinelOne's export topics are not compacted; tombstones should be rare.)
import {PAYLOAD_KEEP_BYTES, type RawRecord} from '../event.js';
import type {DecodedEvent} from './decoded-event.js';
import {oneLine} from './common/text.js';

const PREVIEW_BYTES = 64;

function escapeText(text: string): string {
	let out = '';
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c === 0x0a) out += '\\n';
		else if (c === 0x0d) out += '\\r';
		else if (c === 0x09) out += '\\t';
		else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
		else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
		else out += ch;
	}
	return out;
}

/** Text with a stray escape sequence is still text; NULs or many controls make it binary. */
function looksLikeText(bytes: Uint8Array, end: number): boolean {
	let controls = 0;
	for (const b of bytes.subarray(0, end)) {
		if (b === 0) return false;
		if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) controls++;
	}
	return controls * 10 <= end;
}

/** Text for text, hex for binary, about 64 bytes, control characters escaped. */
export function previewOf(value: Uint8Array | string): string {
	if (typeof value === 'string') {
		const head = value.length > PREVIEW_BYTES ? `${value.slice(0, PREVIEW_BYTES)}…` : value;
		return escapeText(head);
	}
	const end = Math.min(value.length, PREVIEW_BYTES);
	const more = value.length > end ? '…' : '';
	if (looksLikeText(value, end)) {
		const text = Buffer.from(value.buffer, value.byteOffset, end).toString('utf8');
		return escapeText(text) + more;
	}
	return Buffer.from(value.buffer, value.byteOffset, end).toString('hex') + more;
}

export function sizeOf(value: Uint8Array | string | null): number {
	if (value === null) return 0;
	return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** The first PAYLOAD_KEEP_BYTES of the message, copied (a subarray would pin the message's whole buffer). */
export function payloadOf(value: Uint8Array | string): Uint8Array {
	if (typeof value === 'string') {
		// At most 4 bytes per UTF-16 unit: encode only the head that can reach the cap.
		const bytes = Buffer.from(value.length > PAYLOAD_KEEP_BYTES ? value.slice(0, PAYLOAD_KEEP_BYTES) : value, 'utf8');
		return Uint8Array.prototype.slice.call(bytes, 0, PAYLOAD_KEEP_BYTES);
	}
	return Uint8Array.prototype.slice.call(value, 0, PAYLOAD_KEEP_BYTES);
}

export function undecodableEvent(
	record: RawRecord,
	reason: string,
	value: Uint8Array | string | null = record.value,
): DecodedEvent {
	const size = sizeOf(value);
	const preview = value === null ? '' : previewOf(value);
	const payload = value === null ? undefined : payloadOf(value);
	const why = oneLine(reason, 200);
	return {
		category: 'undecodable',
		family: 'undecodable',
		format: 'undecodable',
		receivedAt: record.receivedAt,
		kafka: record.kafka,
		kafkaMeta: record.kafkaMeta,
		target: {},
		summary: oneLine(`${why} (${size} bytes)${preview ? `: ${preview}` : ''}`),
		hits: [],
		raw: null,
		undecodable: payload ? {reason: why, size, preview, payload} : {reason: why, size, preview},
	};
}

export function errorText(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}
