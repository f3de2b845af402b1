// Any other JSON object: category "other", its fields searchable through raw, and a compact
// summary of the first few top-level fields. Reads only the top level: nesting depth is irrelevant.
import type {Normalized} from './common/normalized.js';
import {msFrom} from './common/time.js';
import {isObject, oneLine, str} from './common/text.js';

const SUMMARY_FIELDS = 6;
const VALUE_CHARS = 80;

function short(v: unknown): string {
	if (Array.isArray(v)) return `[${v.length}]`;
	if (isObject(v)) return '{…}';
	if (v === null) return 'null';
	const s = typeof v === 'string' ? v : String(v);
	return s.length > VALUE_CHARS ? `${s.slice(0, VALUE_CHARS - 1)}…` : s;
}

export function compactRendering(value: unknown): string {
	if (Array.isArray(value)) return `[${value.length} items]`;
	if (!isObject(value)) return short(value);
	const parts: string[] = [];
	let n = 0;
	for (const key in value) {
		if (n++ >= SUMMARY_FIELDS) {
			parts.push('…');
			break;
		}
		parts.push(`${key.length > 40 ? `${key.slice(0, 39)}…` : key}=${short(value[key])}`);
	}
	return oneLine(parts.length > 0 ? parts.join(' ') : '{}');
}

export function normalizeJson(value: unknown): Normalized {
	const o = isObject(value) ? value : undefined;
	return {
		category: 'other',
		subtype: 'json',
		time: o ? (msFrom(o['@timestamp']) ?? msFrom(o.timestamp) ?? msFrom(o.time)) : undefined,
		host: o ? (str(o.host) ?? str(o.hostname) ?? (isObject(o.host) ? str(o.host.name) : undefined)) : undefined,
		target: {},
		raw: value,
		summary: compactRendering(value),
	};
}
