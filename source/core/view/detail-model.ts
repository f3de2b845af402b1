// The detail pane's content as data: the raw event pretty-printed as JSON tokens (every string
// made safe, the values a rule matched marked), the normalized fields, and the rule hits.
import {latencyOf, type EdrEvent, type ProcessInfo} from '../event.js';
import {mergeSpans, type Span} from '../rules/index.js';
import {occurrences, splitAtSpans} from './highlight.js';
import {JSON_MAX_DEPTH, jsonSafe, toJson} from './json-safe.js';
import {formatMs} from './latency-stats.js';
import {kafkaBytesText} from './payload.js';
import type {PivotKey} from './pivot.js';
import {escapeUnsafe, sanitizeText} from './sanitize.js';
import {zonedIso} from './time.js';

export type TokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'match';
export interface DetailToken {
	text: string;
	kind: TokenKind;
}
export type DetailLine = DetailToken[];

export interface DetailHighlight {
	/** Where the value sits (a raw key path like "EventData.CommandLine"); optional. */
	path?: string;
	value: string;
	/** [start, end) parts of `value` that matched; the whole value when absent. */
	spans?: Array<[number, number]>;
}

export interface RawLinesOptions {
	highlight?: DetailHighlight[];
	/** Lines produced at most; the rest is summarised in one last line. Default 5,000. */
	maxLines?: number;
	/** Characters of one string shown; default 4,000. */
	maxStringLength?: number;
	/** Nesting shown; a deeper value is shown as the string of its JSON, as `y` copies it. Default JSON_MAX_DEPTH. */
	maxDepth?: number;
}

const INDENT = '  ';
const COUNT_CAP = 1_000_000;

/** JSON-escape and then make safe one piece of a string (no quotes added). */
function safeJsonPiece(s: string): string {
	return escapeUnsafe(JSON.stringify(s).slice(1, -1));
}

function stringTokens(value: string, ranges: Span[], maxLength: number): DetailToken[] {
	const shown = value.length > maxLength ? value.slice(0, maxLength) : value;
	const tokens: DetailToken[] = [{text: '"', kind: 'string'}];
	for (const p of splitAtSpans(shown, ranges)) {
		tokens.push({text: safeJsonPiece(p.text), kind: p.match ? 'match' : 'string'});
	}
	tokens.push({text: '"', kind: 'string'});
	if (shown.length < value.length) tokens.push({text: ` … (+${value.length - shown.length} chars)`, kind: 'punct'});
	return tokens;
}

function pathMatches(path: string, want: string | undefined): boolean {
	if (!want) return false;
	const p = path.toLowerCase();
	const w = want.toLowerCase();
	return p === w || p.endsWith('.' + w) || p.split('.').at(-1) === w.split('.').at(-1);
}

/** Ranges of a raw string value to mark, from the rule hits' matched fields. */
function matchRanges(value: string, path: string, highlights: readonly DetailHighlight[]): Span[] {
	const ranges: Span[] = [];
	for (const h of highlights) {
		if (typeof h.value !== 'string' || !h.value) continue;
		const spans = h.spans?.length ? h.spans : undefined;
		if (value === h.value) ranges.push(...(spans ?? [[0, value.length] as Span]));
		else if (spans)
			for (const [s, e] of spans) ranges.push(...occurrences(value, h.value.slice(s, e), 20).filter(() => e - s >= 2));
		else if (h.value.length >= 3) ranges.push(...occurrences(value, h.value, 20));
		if (!spans && pathMatches(path, h.path) && value.toLowerCase().includes(h.value.toLowerCase()))
			ranges.push(...occurrences(value, h.value, 20));
	}
	return mergeSpans(ranges);
}

function scalarTokens(value: unknown, path: string, o: Required<RawLinesOptions>): DetailToken[] {
	if (value === null || value === undefined) return [{text: 'null', kind: 'null'}];
	if (typeof value === 'string')
		return stringTokens(value, o.highlight.length ? matchRanges(value, path, o.highlight) : [], o.maxStringLength);
	// Bigints never get here: jsonSafe made them strings, as the copied JSON has them.
	const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'null') : String(value);
	const matched = o.highlight.some(h => h.value === text);
	return [
		{
			text,
			kind: matched
				? 'match'
				: typeof value === 'boolean'
					? 'boolean'
					: typeof value === 'number'
						? 'number'
						: 'string',
		},
	];
}

function entriesOf(value: object): Array<[string, unknown]> {
	if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
	return Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
}

/**
 * The raw event pretty-printed as JSON (2-space indent), one token array per line. Strings are
 * JSON-escaped and sanitized; matched values are 'match' tokens. Never throws; cycles, depth and
 * size are capped, and a last line says how many lines were left out.
 */
export function rawLines(raw: unknown, options: RawLinesOptions = {}): DetailLine[] {
	const o: Required<RawLinesOptions> = {
		highlight: options.highlight ?? [],
		maxLines: options.maxLines ?? 5000,
		maxStringLength: options.maxStringLength ?? 4000,
		maxDepth: options.maxDepth ?? JSON_MAX_DEPTH,
	};
	const lines: DetailLine[] = [];
	let total = 0;
	let counted = 0; // nodes visited, to bound the work spent counting lines nobody sees
	const ancestors = new Set<object>();
	const emit = (tokens: () => DetailLine) => {
		total++;
		if (lines.length < o.maxLines) lines.push(tokens());
	};

	const walk = (value: unknown, depth: number, key: string | undefined, path: string, comma: boolean): void => {
		if (++counted > COUNT_CAP) return;
		const indent = INDENT.repeat(depth);
		const keyTokens = (): DetailToken[] =>
			key === undefined
				? []
				: [
						{text: `"${safeJsonPiece(key)}"`, kind: 'key'},
						{text: ': ', kind: 'punct'},
					];
		const head = (): DetailToken[] => (depth ? [{text: indent, kind: 'punct'}, ...keyTokens()] : keyTokens());
		const tail: DetailToken[] = comma ? [{text: ',', kind: 'punct'}] : [];
		const v = jsonSafe(value);
		if (v === null || typeof v !== 'object') {
			emit(() => [...head(), ...scalarTokens(v, path, o), ...tail]);
			return;
		}
		const isArray = Array.isArray(v);
		const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
		if (ancestors.has(v)) {
			emit(() => [...head(), {text: '"[circular]"', kind: 'punct'}, ...tail]);
			return;
		}
		const entries = entriesOf(v);
		if (entries.length === 0) {
			emit(() => [...head(), {text: open + close, kind: 'punct'}, ...tail]);
			return;
		}
		if (depth >= o.maxDepth) {
			// The walk recurses only this deep; the rest is written (without recursion) as text.
			const text = toJson(v, {maxDepth: Infinity}) ?? 'null';
			const note: DetailToken = {text: '  (nested too deep: shown as text)', kind: 'punct'};
			emit(() => [...head(), ...stringTokens(text, [], o.maxStringLength), ...tail, note]);
			return;
		}
		emit(() => [...head(), {text: open, kind: 'punct'}]);
		ancestors.add(v);
		entries.forEach(([k, child], i) =>
			walk(child, depth + 1, isArray ? undefined : k, path ? `${path}.${k}` : k, i < entries.length - 1),
		);
		ancestors.delete(v);
		emit(() =>
			([{text: indent, kind: 'punct'}, {text: close, kind: 'punct'}, ...tail] as DetailLine).filter(t => t.text),
		);
	};

	try {
		walk(raw, 0, undefined, '', false);
	} catch (error) {
		lines.push([{text: `(cannot show the raw event: ${sanitizeText(String(error), 200)})`, kind: 'punct'}]);
	}
	if (total > lines.length) {
		const more = counted > COUNT_CAP ? 'more lines' : `${total - lines.length} more lines`;
		lines.push([{text: `… ${more}`, kind: 'punct'}]);
	}
	return lines;
}

/** What to mark in the raw event: the values the event's rule hits matched. */
export function hitHighlights(ev: EdrEvent): DetailHighlight[] {
	return ev.hits.flatMap(h => (h.fields ?? []).map(f => ({path: f.source ?? f.field, value: f.value, spans: f.spans})));
}

export interface DetailField {
	label: string;
	value: string;
	/** The field a pivot on this line keeps or hides, and the value as the event has it. */
	pivot?: {key: PivotKey; value: string};
}

/** Target parts whose values the pivots read (pivot.ts, through the search's field values). */
const TARGET_PIVOTS: Readonly<Record<string, PivotKey>> = {
	'file path': 'path',
	'file oldPath': 'path',
	'file sha256': 'hash',
	'file sha1': 'hash',
	'file md5': 'hash',
	'dns query': 'domain',
	'network srcIp': 'ip',
	'network dstIp': 'ip',
	'registry key': 'key',
	'registry oldKey': 'key',
	'registry path': 'key',
	'task path': 'path',
	'task executable': 'path',
	'login user': 'user',
	'login domain': 'domain',
	'login remoteAddress': 'ip',
	'persistence path': 'path',
};

const MAX_FIELD = 2000;

function processFields(out: DetailField[], label: string, p: ProcessInfo | undefined, zone: Zone): void {
	if (!p) return;
	const add = (l: string, v: unknown, pivot?: PivotKey) => {
		if (v === undefined || v === '') return;
		const field: DetailField = {label: `${label} ${l}`, value: sanitizeText(String(v), MAX_FIELD)};
		if (pivot && typeof v === 'string') field.pivot = {key: pivot, value: v};
		out.push(field);
	};
	const parent = label === 'parent';
	add('image', p.image ?? p.name, parent ? 'parent' : 'image');
	// The search's cmdline: reads the actor's and the created process's, not the parent's.
	add('cmdline', p.cmdline, parent ? undefined : 'cmdline');
	add('pid', p.pid);
	add('user', p.user, parent ? undefined : 'user');
	add('integrity', p.integrity);
	add('storyline', p.storyline, 'storyline');
	add('sha256', p.sha256, 'hash');
	add('sha1', p.sha1, 'hash');
	add('md5', p.md5, 'hash');
	add('signed', p.signed);
	add('start', zonedIso(p.startTime, zone));
	add('uid', p.uid);
}

type Zone = 'utc' | 'local';

/** The normalized event as label/value pairs, values sanitized; only what is known; times in `zone`. */
export function normalizedFields(ev: EdrEvent, zone: Zone = 'utc'): DetailField[] {
	const out: DetailField[] = [];
	const add = (label: string, v: unknown, pivot?: PivotKey) => {
		if (v === undefined || v === null || v === '') return;
		const field: DetailField = {label, value: sanitizeText(String(v), MAX_FIELD)};
		if (pivot && typeof v === 'string') field.pivot = {key: pivot, value: v};
		out.push(field);
	};
	add('category', ev.subtype ? `${ev.category} (${ev.subtype})` : ev.category);
	add('family', ev.family);
	add('format', ev.format);
	add('time', zonedIso(ev.time, zone));
	add('received', zonedIso(ev.receivedAt, zone));
	add('ingest time', zonedIso(ev.ingestTime, zone));
	add('host', ev.host, 'host');
	add('os', ev.os);
	add('agent', ev.agentId, 'host');
	add('user', ev.user, 'user');
	processFields(out, 'actor', ev.actor, zone);
	processFields(out, 'parent', ev.parent, zone);
	const t = ev.target ?? {};
	processFields(out, 'target', t.process, zone);
	for (const [group, obj] of Object.entries(t)) {
		if (group === 'process' || obj === undefined) continue;
		if (obj === null || typeof obj !== 'object') add(group, obj);
		else
			for (const [k, v] of Object.entries(obj))
				if (v === null || typeof v !== 'object') add(`${group} ${k}`, v, TARGET_PIVOTS[`${group} ${k}`]);
	}
	if (ev.kafka) {
		add('kafka topic', ev.kafka.topic);
		add('kafka partition', ev.kafka.partition);
		add('kafka offset', ev.kafka.offset);
		add('kafka timestamp', `${zonedIso(ev.kafka.timestamp, zone) ?? ev.kafka.timestamp} (${ev.kafka.timestampType})`);
	}
	// The key and headers are the producer's bytes: text escaped, else hex, each cut (payload.ts).
	const meta = ev.kafkaMeta;
	if (meta?.key) add('kafka key', kafkaBytesText(meta.key, meta.keySize));
	for (const h of meta?.headers ?? [])
		add(`kafka header ${sanitizeText(h.name, 40)}`, h.value ? kafkaBytesText(h.value, h.size) : '(null)');
	const l = latencyOf(ev);
	add('kafka - event', l.kafkaMinusEvent === undefined ? undefined : formatMs(l.kafkaMinusEvent));
	add('receive - kafka', l.receiveMinusKafka === undefined ? undefined : formatMs(l.receiveMinusKafka));
	add('receive - event', l.receiveMinusEvent === undefined ? undefined : formatMs(l.receiveMinusEvent));
	if (ev.undecodable) {
		add('undecodable', ev.undecodable.reason);
		add('size', ev.undecodable.size);
		add('preview', ev.undecodable.preview);
	}
	return out;
}

export type HitLineKind = 'title' | 'id' | 'tags' | 'description' | 'reference' | 'author' | 'field';

export interface HitLine {
	kind: HitLineKind;
	/** Index into ev.hits. */
	hit: number;
	level: string;
	label: string;
	/** Sanitized text. */
	text: string;
	/** For 'field': the matched parts of `text`, [start, end) (valid when text needed no escaping). */
	ranges?: Span[];
}

/** The rule hits as lines: title with level, id, tags, description, references, matched fields. */
export function hitLines(ev: EdrEvent): HitLine[] {
	const out: HitLine[] = [];
	ev.hits.forEach((h, hit) => {
		const level = String(h.level ?? '');
		const push = (kind: HitLineKind, label: string, text: unknown, ranges?: Span[]) =>
			out.push({
				kind,
				hit,
				level,
				label,
				text: sanitizeText(String(text ?? ''), MAX_FIELD),
				...(ranges ? {ranges} : {}),
			});
		push('title', level, h.saved ? `${h.title} (saved; its rule is not loaded now)` : h.title);
		push('id', 'id', h.id);
		if (h.tags?.length) push('tags', 'tags', h.tags.join(' '));
		if (h.description) push('description', 'description', h.description);
		for (const r of h.references ?? []) push('reference', 'reference', r);
		if (h.author) push('author', 'author', h.author);
		for (const f of h.fields ?? []) {
			const value = String(f.value ?? '');
			// Spans index the original value: keep them only when sanitizing left it unchanged.
			const clean = escapeUnsafe(value) === value && value.length <= MAX_FIELD;
			push('field', f.field, value, clean ? mergeSpans(f.spans ?? []) : []);
		}
	});
	return out;
}
