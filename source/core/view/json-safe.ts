// Event values JSON cannot carry as they are: bigints (JSON.stringify throws), bytes (it would write
// {"0": 1, "1": 2, ...}, or a Buffer's {type, data}) and dates. One conversion for every place that
// writes an event as JSON (the --json line, the export, the copied raw event) and for the detail
// pane, which pretty-prints the same JSON.
import {isoTime} from './time.js';

/** bigint -> decimal string, bytes -> base64, Date -> ISO (null when invalid); the rest unchanged. */
export function jsonSafe(value: unknown): unknown {
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof Uint8Array) {
		return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
	}
	if (value instanceof Date) return isoTime(value.getTime()) ?? null;
	return value;
}

/**
 * jsonSafe as a JSON.stringify replacer. JSON.stringify calls toJSON before the replacer, which
 * turns a Buffer into {type, data}: the holder's own value is checked for bytes first.
 */
export function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
	const own = (this as Record<string, unknown> | undefined)?.[key];
	return jsonSafe(own instanceof Uint8Array ? own : value);
}
