// Event values JSON cannot carry as they are: bigints (JSON.stringify throws), bytes (it would write
// {"0": 1, "1": 2, ...}, or a Buffer's {type, data}) and dates. One conversion for every place that
// writes an event as JSON (the --json line, the export, the copied raw event) and for the detail
// pane, which pretty-prints the same JSON.
//
// Event data is attacker-shaped: `[[[[...]]]]` 100,000 deep parses fine (JSON.parse does not
// recurse) but overflows the stack of JSON.stringify. toJson writes JSON without recursion, and
// no more than JSON_MAX_DEPTH levels deep: a deeper value becomes a string holding its own
// compact JSON, so nothing is lost and every reader (jq, Python's json) can still parse the line.
import {isoTime} from './time.js';

/** Containers nested deeper than this are written as a JSON string of themselves. */
export const JSON_MAX_DEPTH = 64;

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

// JSON.stringify escapes C0 controls and lone surrogates but passes DEL, C1 controls (CSI is
// 0x9b), bidi overrides, line/paragraph separators, invisible characters and Unicode tags through
// raw: a terminal showing the line, or an editor the copied text is pasted into, would act on them
// or hide text. They can only sit inside JSON strings, where \u escapes keep the same value.
const UNSAFE_IN_JSON =
	/[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
const hex4 = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/** A JSON text with the characters above written as \u escapes (still the same JSON value). */
export function escapeJsonText(json: string): string {
	return json.replace(UNSAFE_IN_JSON, c => (c.length === 2 ? hex4(c[0]!) + hex4(c[1]!) : hex4(c)));
}

export interface ToJsonOptions {
	/** Containers deeper than this become a string of their JSON; default JSON_MAX_DEPTH. */
	maxDepth?: number;
}

// What JSON.stringify would write for a value before looking inside it: toJSON, then jsonSafe
// (bytes checked before toJSON, which would make a Buffer {type, data}), boxed primitives unboxed.
function prepare(value: unknown, key: string): unknown {
	if (value instanceof Uint8Array) return jsonSafe(value);
	if (value !== null && typeof value === 'object') {
		const toJSON = (value as {toJSON?: unknown}).toJSON;
		if (typeof toJSON === 'function') value = toJSON.call(value, key);
		if (value instanceof Number) return Number(value);
		if (value instanceof String) return String(value);
		if (value instanceof Boolean) return value.valueOf();
	}
	return jsonSafe(value);
}

/** JSON text of a primitive, or undefined for what JSON leaves out (undefined, functions, symbols). */
function scalarJson(v: unknown): string | undefined {
	switch (typeof v) {
		case 'string':
			return JSON.stringify(v);
		case 'number':
			return Number.isFinite(v) ? String(v) : 'null';
		case 'boolean':
			return v ? 'true' : 'false';
		default:
			return v === null ? 'null' : undefined;
	}
}

interface Frame {
	value: object;
	keys: string[] | undefined; // undefined for arrays
	length: number;
	next: number;
	wrote: boolean;
	/** Where the container's text starts in `out` (a container past the depth limit is cut there). */
	start: number;
	/** Set on the outermost container past the depth limit: its text becomes a JSON string. */
	stringify: boolean;
}

// JSON.stringify recurses: it is given values at most this deep (it overflows at a few thousand).
const NATIVE_MAX_DEPTH = 256;

function plainChild(c: unknown, depth: number, stack: object[], depths: number[]): boolean {
	if (c !== null && typeof c === 'object') {
		stack.push(c);
		depths.push(depth + 1);
		return true;
	}
	return typeof c !== 'bigint';
}

/**
 * True when JSON.stringify(value) needs no help: only plain objects and arrays, no bigint, no
 * toJSON, containers at most `maxDepth` levels deep. Checked without recursion; a cycle fails the
 * depth test. Nearly every event passes, and native JSON.stringify is twice as fast as toJson's walk.
 */
function isPlain(root: unknown, maxDepth: number): boolean {
	if (root === null || typeof root !== 'object') return typeof root !== 'bigint';
	const stack: object[] = [root];
	const depths: number[] = [1];
	while (stack.length) {
		const v = stack.pop()!;
		const depth = depths.pop()!;
		if (depth > maxDepth) return false;
		if (Array.isArray(v)) {
			for (let i = 0; i < v.length; i++) if (!plainChild(v[i], depth, stack, depths)) return false;
			continue;
		}
		const proto = Object.getPrototypeOf(v);
		if ((proto !== Object.prototype && proto !== null) || typeof (v as {toJSON?: unknown}).toJSON === 'function')
			return false;
		for (const k in v) if (!plainChild((v as Record<string, unknown>)[k], depth, stack, depths)) return false;
	}
	return true;
}

/**
 * `JSON.stringify(value, jsonReplacer)` without recursion and without a stack overflow on deep
 * input: the same text for ordinary values, containers past `maxDepth` written as a string of their
 * own (unlimited) JSON. Throws TypeError on a cycle, as JSON.stringify does; undefined at the top
 * level when JSON.stringify would return undefined.
 */
export function toJson(value: unknown, options: ToJsonOptions = {}): string | undefined {
	const maxDepth = options.maxDepth ?? JSON_MAX_DEPTH;
	if (isPlain(value, Math.min(maxDepth, NATIVE_MAX_DEPTH))) return JSON.stringify(value);
	const out: string[] = [];
	const stack: Frame[] = [];
	const open = new Set<object>();
	// Inside a subtree past the depth limit: its text is collected as usual, then made a string.
	let cutting = false;

	// Writes a scalar, or opens a container frame; returns false when the value is left out.
	const write = (raw: unknown, key: string): boolean => {
		const v = prepare(raw, key);
		if (v === null || typeof v !== 'object') {
			const text = scalarJson(v);
			if (text === undefined) return false;
			out.push(text);
			return true;
		}
		if (typeof v === 'function') return false;
		if (open.has(v)) throw new TypeError('Converting circular structure to JSON');
		open.add(v);
		const isArray = Array.isArray(v);
		const keys = isArray ? undefined : Object.keys(v);
		const stringify = !cutting && stack.length >= maxDepth;
		if (stringify) cutting = true;
		stack.push({
			value: v,
			keys,
			length: isArray ? v.length : keys!.length,
			next: 0,
			wrote: false,
			start: out.length,
			stringify,
		});
		out.push(isArray ? '[' : '{');
		return true;
	};

	if (!write(value, '')) return undefined;
	while (stack.length) {
		const f = stack[stack.length - 1]!;
		if (f.next < f.length) {
			const i = f.next++;
			if (f.keys === undefined) {
				if (f.wrote) out.push(',');
				if (!write((f.value as unknown[])[i], String(i))) out.push('null');
				f.wrote = true;
			} else {
				const key = f.keys[i]!;
				const at = out.length;
				if (f.wrote) out.push(',');
				out.push(JSON.stringify(key), ':');
				if (write((f.value as Record<string, unknown>)[key], key)) f.wrote = true;
				else out.length = at;
			}
			continue;
		}
		stack.pop();
		open.delete(f.value);
		out.push(f.keys === undefined ? ']' : '}');
		if (f.stringify) {
			const text = out.splice(f.start).join('');
			out.push(JSON.stringify(text));
			cutting = false;
		}
	}
	return out.join('');
}
