// The search box language (also --search): text plus field filters, e.g.
//   host:WS01 -user:system cat:dns level>=high image:cmd.exe ip:10.0.0.0/8 "two words" regsvr32 /reg(svr|add)32/
// Plain words match approximately; anything that looks like a file name, path, address, hash or
// domain matches as text. Parsing never throws: problems come back as short messages, which the
// search bar shows and --search turns into a usage error. An unknown field, a value a field cannot
// hold (cat:nonsense, level>=bogus, port:http) or an operator a field does not take is an error,
// never a silent "no rows" or a fall back to text.
// Over 300 lines by design: one grammar (tokens, field filters, their checks) kept in one place.
import {CATEGORIES, FAMILIES, FORMAT_NAMES, LEVELS} from '../event.js';
import {compileCidr, isLevel} from '../rules/index.js';
import {compileSafeRegex, SafeRegexError} from './safe-regex.js';

/** The fields the search box knows, in the order help lists them. */
export const FILTER_KEYS = [
	'host',
	'user',
	'cat',
	'type',
	'family',
	'rule',
	'level',
	'technique',
	'os',
	'format',
	'pid',
	'image',
	'cmdline',
	'parent',
	'path',
	'hash',
	'ip',
	'port',
	'domain',
	'key',
] as const;
/** `text` is the bare `/regex/`, matched against the event's searchable text. */
export type FilterKey = (typeof FILTER_KEYS)[number] | 'text';

const ALIASES: Record<string, FilterKey> = {
	...Object.fromEntries(FILTER_KEYS.map(k => [k, k])),
	category: 'cat',
	tech: 'technique',
	subtype: 'type',
	proc: 'image',
	process: 'image',
	cmd: 'cmdline',
	commandline: 'cmdline',
	file: 'path',
	sha256: 'hash',
	sha1: 'hash',
	md5: 'hash',
	addr: 'ip',
	dns: 'domain',
	reg: 'key',
	registry: 'key',
};

/** Fields compared as numbers or ranks: they take `>=`, `<=`, `>`, `<` as well as `:`. */
const ORDERED = new Set<FilterKey>(['level', 'pid', 'port']);

export type FilterOp = ':' | '>=' | '<=' | '>' | '<';

export interface FieldFilter {
	key: FilterKey;
	op: FilterOp;
	/** Lower-cased value (for `level`, a valid level name; for `pid` and `port`, digits); with `regex`, the pattern. */
	value: string;
	negate: boolean;
	/** `key:/pattern/` or a bare `/pattern/`: value is a pattern for compileSafeRegex. */
	regex?: boolean;
}

export interface ParsedQuery {
	/** The text as typed. */
	source: string;
	/** Text terms, lower-cased; a quoted phrase is one term and must match exactly. */
	terms: QueryTerm[];
	filters: FieldFilter[];
	errors: string[];
}

export interface QueryTerm {
	text: string;
	/** Quoted phrases, short terms and non-words match as substrings only; plain words may match approximately. */
	exact: boolean;
}

/** Terms shorter than this only match exactly: a fuzzy 3-letter term matches nearly anything. */
export const MIN_FUZZY_LENGTH = 4;

interface Token {
	text: string;
	/** Where the first quoted part starts in `text`, or -1: a quoted `"key:value"` is text, not a filter. */
	quotedAt: number;
	/** For `/pattern/`, `-/pattern/` and `key:/pattern/`: the pattern; `text` is then what came before it. */
	regex?: string;
}

// `/pattern/` at the start of a token (after an optional `-` or `key:`), ending at a slash that
// ends the token; inside, `\/` is a slash. `/usr/bin/` is thus the pattern usr/bin (the same rows
// as the text); `/tmp/x` has no closing slash at a token end and stays text.
const REGEX_PREFIX = /^-?(?:[a-z][a-z0-9]*[:=])?\//i;

function regexAt(input: string, i: number): {prefix: string; pattern: string; end: number} | undefined {
	const m = REGEX_PREFIX.exec(input.slice(i, i + 40));
	if (!m) return undefined;
	const open = i + m[0].length - 1;
	const key = m[0].replace(/^-/, '').slice(0, -2);
	// `http://x/` and `foo:/x/` are text; so is `//x/`.
	if ((key && !ALIASES[key.toLowerCase()]) || input[open + 1] === '/') return undefined;
	for (let j = open + 1; j < input.length; j++) {
		if (input[j] === '\\') {
			j++;
			continue;
		}
		if (input[j] === '/' && (j + 1 === input.length || /\s/.test(input[j + 1]!))) {
			return {prefix: input.slice(i, open), pattern: input.slice(open + 1, j).replace(/\\\//g, '/'), end: j + 1};
		}
	}
	return undefined;
}

// Splits on whitespace, keeping double-quoted runs (also `key:"a b"`) and `/regex with spaces/`
// together. An unterminated quote takes the rest of the line: the user is probably still typing it.
function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		while (i < input.length && /\s/.test(input[i]!)) i++;
		if (i >= input.length) break;
		const re = regexAt(input, i);
		if (re) {
			tokens.push({text: re.prefix, quotedAt: -1, regex: re.pattern});
			i = re.end;
			continue;
		}
		let text = '';
		let quotedAt = -1;
		while (i < input.length && !/\s/.test(input[i]!)) {
			if (input[i] === '"') {
				if (quotedAt < 0) quotedAt = text.length;
				const end = input.indexOf('"', i + 1);
				const stop = end === -1 ? input.length : end;
				text += input.slice(i + 1, stop);
				i = stop + 1;
			} else text += input[i++];
		}
		tokens.push({text, quotedAt});
	}
	return tokens;
}

const FILTER_RE = /^(-?)([a-z][a-z0-9]*)(>=|<=|!=|:|=|>|<)([\s\S]*)$/i;

export function parseQuery(text: string): ParsedQuery {
	const parsed: ParsedQuery = {source: text, terms: [], filters: [], errors: []};
	for (const token of tokenize(typeof text === 'string' ? text : '')) {
		if (token.regex !== undefined) {
			addRegex(parsed, token.text, token.regex);
			continue;
		}
		const m = FILTER_RE.exec(token.text);
		// `"host:x"` (quoted from the start, or the key quoted) is text.
		if (!m || (token.quotedAt >= 0 && token.quotedAt < m[1]!.length + m[2]!.length + m[3]!.length)) {
			if (token.text) addTerm(parsed, token);
			continue;
		}
		const [, minus, name, rawOp, rawValue] = m as unknown as [string, string, string, string, string];
		const key = ALIASES[name.toLowerCase()];
		if (!key) {
			if (looksLikeText(name, rawOp, rawValue)) addTerm(parsed, token);
			else parsed.errors.push(unknownField(name, token.text));
			continue;
		}
		// `key=value` is `key:value`, `key!=value` is `-key:value`.
		const negate = (minus === '-') !== (rawOp === '!=');
		const op: FilterOp = rawOp === '=' || rawOp === '!=' ? ':' : (rawOp as FilterOp);
		if (!rawValue) {
			parsed.errors.push(`${key}${rawOp} needs a value`);
			continue;
		}
		if (op !== ':' && !ORDERED.has(key)) {
			parsed.errors.push(`${key} takes ${key}:value, not ${rawOp}`);
			continue;
		}
		const checked = checkValue(key, rawValue);
		if (typeof checked === 'object') parsed.errors.push(checked.error);
		else parsed.filters.push({key, op, value: checked, negate});
	}
	return parsed;
}

// What is not a filter even though it has a colon: drive letters and paths (C:\, c:/), URLs
// (http://), IPv6 and MAC addresses, times (only the colon-separated ones get here), and
// `name=value` pieces of command lines and URLs.
function looksLikeText(name: string, op: string, value: string): boolean {
	if (op === '=' || op === '!=') return true;
	if (op !== ':') return false;
	return name.length === 1 || /^[\\/]/.test(value) || value.includes(':');
}

function unknownField(name: string, token: string): string {
	const lower = name.toLowerCase();
	const near = Object.keys(ALIASES).find(
		k => editDistanceAtMost1(k, lower) || (lower.length >= 3 && k.startsWith(lower)),
	);
	if (near) return `unknown field "${name}": did you mean ${ALIASES[near]}:?`;
	return `unknown field "${name}" (to search the text, quote it: "${token.replace(/^-/, '')}")`;
}

function editDistanceAtMost1(a: string, b: string): boolean {
	if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	const rest = (x: string, y: string) => a.slice(i + x.length) === b.slice(i + y.length);
	return (
		rest('x', 'x') ||
		rest('x', '') ||
		rest('', 'x') ||
		(a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
	);
}

const CATEGORY_WORDS = [...CATEGORIES.map(c => c.toLowerCase()), ...FAMILIES];

/** The filter's stored value, or why the field cannot hold it. */
function checkValue(key: FilterKey, raw: string): string | {error: string} {
	const value = raw.toLowerCase();
	switch (key) {
		case 'level': {
			if (isLevel(value)) return value;
			const guess = LEVELS.find(l => l.startsWith(value));
			return guess ?? {error: `unknown level "${raw}" (${LEVELS.join(', ')})`};
		}
		case 'pid':
			return /^\d+$/.test(value) ? value : {error: `pid needs a number, got "${raw}"`};
		case 'port':
			return /^\d+$/.test(value) && Number(value) <= 65535
				? value
				: {error: `port needs a number 0-65535, got "${raw}"`};
		case 'cat':
			return CATEGORY_WORDS.some(c => c.includes(value))
				? value
				: {error: `unknown category "${raw}" (${FAMILIES.join(', ')}; type: for vendor types)`};
		case 'family':
			return FAMILIES.some(f => f.includes(value))
				? value
				: {error: `unknown family "${raw}" (${FAMILIES.join(', ')})`};
		case 'format': {
			const formats = [...FORMAT_NAMES, 'undecodable'];
			return formats.some(f => f.startsWith(value))
				? value
				: {error: `unknown format "${raw}" (${formats.join(', ')})`};
		}
		case 'hash':
			return /^[0-9a-f]+$/.test(value) ? value : {error: `hash needs hex digits, got "${raw}"`};
		case 'ip':
			return cidrTest(value) ? value : {error: `ip needs an address or a network (10.0.0.0/8), got "${raw}"`};
		case 'domain':
			return value.replace(/^\*?\./, '').replace(/\.$/, '');
		default:
			return value;
	}
}

/** Fields that hold numbers or ranks: a pattern means nothing for them. */
const NOT_TEXT = new Set<FilterKey>(['level', 'pid', 'port']);

function addRegex(parsed: ParsedQuery, prefix: string, pattern: string): void {
	const negate = prefix.startsWith('-');
	const name = prefix.replace(/^-/, '').replace(/[:=]$/, '');
	const key: FilterKey | undefined = name ? ALIASES[name.toLowerCase()] : 'text';
	if (!key) {
		parsed.errors.push(unknownField(name, `${prefix}/${pattern}/`));
		return;
	}
	if (NOT_TEXT.has(key)) {
		parsed.errors.push(`${key} takes a value, not a /regex/`);
		return;
	}
	const problem = regexProblem(pattern);
	if (problem) parsed.errors.push(`/${pattern}/: ${problem}`);
	else parsed.filters.push({key, op: ':', value: pattern, negate, regex: true});
}

function regexProblem(pattern: string): string | undefined {
	try {
		regexOf(pattern);
		return undefined;
	} catch (error) {
		if (error instanceof SafeRegexError) return error.message;
		throw error;
	}
}

// Compiled patterns and networks by source, so every event of a search (and every later search
// with the same text) shares one matcher and its DFA cache. Small and bounded.
const CACHE_CAP = 64;
const regexCache = new Map<string, ReturnType<typeof compileSafeRegex>>();
const cidrCache = new Map<string, ((ip: string) => boolean) | undefined>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
	if (cache.has(key)) return cache.get(key)!;
	const value = make();
	if (cache.size >= CACHE_CAP) cache.delete(cache.keys().next().value!);
	cache.set(key, value);
	return value;
}

/** The matcher of a regex filter's pattern (throws SafeRegexError for a pattern parseQuery refused). */
export function regexOf(pattern: string): ReturnType<typeof compileSafeRegex> {
	return remember(regexCache, pattern, () => compileSafeRegex(pattern));
}

/** `ip:` value -> address test (one address, or a network in CIDR notation); undefined when invalid. */
export function cidrTest(value: string): ((ip: string) => boolean) | undefined {
	return remember(cidrCache, value, () => {
		try {
			return compileCidr(value);
		} catch {
			return undefined;
		}
	});
}

// A plain word is letters, digits, `_` and `-` and is not a hash or a number. Anything else (a dot,
// a slash, a colon: file names, paths, addresses, domains) must match as typed: fuzzily,
// "cmd.exe" would match "chrome.exe".
function isPlainWord(text: string): boolean {
	if (!/^[\p{L}\p{N}_-]+$/u.test(text)) return false;
	if (/^[\d-]+$/.test(text)) return false;
	return !(text.length >= 8 && /^[0-9a-f-]+$/.test(text) && /\d/.test(text));
}

function addTerm(parsed: ParsedQuery, token: Token): void {
	const text = token.text.toLowerCase();
	parsed.terms.push({text, exact: token.quotedAt >= 0 || text.length < MIN_FUZZY_LENGTH || !isPlainWord(text)});
}

/** True when the query asks for nothing (empty or only whitespace). */
export function isEmptyQuery(q: ParsedQuery | undefined): boolean {
	return !q || (q.terms.length === 0 && q.filters.length === 0);
}
