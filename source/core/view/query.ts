// The search box language: fuzzy text plus field filters, e.g.
//   host:WS01 -user:system cat:dns level>=high technique:t1218 "two words" regsvr32
// Parsing never throws: problems come back as messages for the search bar.
import {LEVELS} from '../event.js';
import {isLevel} from '../rules/index.js';

export const FILTER_KEYS = ['host', 'user', 'cat', 'family', 'rule', 'level', 'technique', 'os', 'format', 'pid'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const ALIASES: Record<string, FilterKey> = {
	host: 'host',
	user: 'user',
	cat: 'cat',
	category: 'cat',
	family: 'family',
	rule: 'rule',
	level: 'level',
	technique: 'technique',
	tech: 'technique',
	os: 'os',
	format: 'format',
	pid: 'pid',
};

export type FilterOp = ':' | '>=' | '<=' | '>' | '<';

export interface FieldFilter {
	key: FilterKey;
	op: FilterOp;
	/** Lower-cased value (for `level`, a valid level name; for `pid`, digits). */
	value: string;
	negate: boolean;
}

export interface ParsedQuery {
	/** The text as typed. */
	source: string;
	/** Fuzzy terms, lower-cased; a quoted phrase is one term and must match exactly. */
	terms: QueryTerm[];
	filters: FieldFilter[];
	errors: string[];
}

export interface QueryTerm {
	text: string;
	/** Quoted phrases and short terms match as substrings only; the rest may match approximately. */
	exact: boolean;
}

/** Terms shorter than this only match exactly: a fuzzy 3-letter term matches nearly anything. */
export const MIN_FUZZY_LENGTH = 4;

interface Token {
	text: string;
	quoted: boolean;
}

// Splits on whitespace, keeping double-quoted runs (also `key:"a b"`) together. An unterminated
// quote takes the rest of the line: the user is probably still typing it.
function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		while (i < input.length && /\s/.test(input[i]!)) i++;
		if (i >= input.length) break;
		let text = '';
		let quoted = false;
		while (i < input.length && !/\s/.test(input[i]!)) {
			if (input[i] === '"') {
				quoted = true;
				const end = input.indexOf('"', i + 1);
				const stop = end === -1 ? input.length : end;
				text += input.slice(i + 1, stop);
				i = stop + 1;
			} else text += input[i++];
		}
		tokens.push({text, quoted});
	}
	return tokens;
}

const FILTER_RE = /^(-?)([a-z]+)(>=|<=|:|>|<)([\s\S]*)$/i;

export function parseQuery(text: string): ParsedQuery {
	const parsed: ParsedQuery = {source: text, terms: [], filters: [], errors: []};
	for (const token of tokenize(typeof text === 'string' ? text : '')) {
		const m = FILTER_RE.exec(token.text);
		const key = m ? ALIASES[m[2]!.toLowerCase()] : undefined;
		if (!m || !key) {
			if (token.text) addTerm(parsed, token);
			continue;
		}
		const negate = m[1] === '-';
		const op = m[3] as FilterOp;
		const value = m[4]!.toLowerCase();
		if (!value) {
			parsed.errors.push(`${key}${op} needs a value`);
			continue;
		}
		if (op !== ':' && key !== 'level' && key !== 'pid') {
			parsed.errors.push(`${key} takes ${key}:value, not ${op}`);
			continue;
		}
		if (key === 'level' && !isLevel(value)) {
			const guess = LEVELS.find(l => l.startsWith(value));
			if (!guess) {
				parsed.errors.push(`unknown level "${m[4]}" (${LEVELS.join(', ')})`);
				continue;
			}
			parsed.filters.push({key, op, value: guess, negate});
			continue;
		}
		if (key === 'pid' && !/^\d+$/.test(value)) {
			parsed.errors.push(`pid needs a number, got "${m[4]}"`);
			continue;
		}
		parsed.filters.push({key, op, value, negate});
	}
	return parsed;
}

function addTerm(parsed: ParsedQuery, token: Token): void {
	const text = token.text.toLowerCase();
	parsed.terms.push({text, exact: token.quoted || text.length < MIN_FUZZY_LENGTH});
}

/** True when the query asks for nothing (empty or only whitespace). */
export function isEmptyQuery(q: ParsedQuery | undefined): boolean {
	return !q || (q.terms.length === 0 && q.filters.length === 0);
}
