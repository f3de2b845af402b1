// The plain subset of YAML that Sigma rules are written in, read in one pass over the lines: block
// maps and sequences, one-line plain and quoted scalars, `|` and `|-` block scalars, comments.
// The yaml library takes about a second for the SigmaHQ windows corpus, most of a start-up with
// rules; this takes a tenth of that. Anything outside the subset (flow collections, anchors, tags,
// folded or multi-line scalars, several documents, tabs, odd indentation) gives undefined, and the
// caller parses the text with the library: this never guesses. The values are those
// parseYamlDocuments makes (a plain scalar keeps its text, numbers and booleans included; the core
// schema's null spellings are null), and a test holds the two equal over the whole corpus.

/** Thrown (and caught in parseSigmaYaml) where the text leaves the subset. */
class OutOfSubset extends Error {}

const out = (): never => {
	throw new OutOfSubset();
};

// The core schema's null: `~`, `null`, `Null`, `NULL` and nothing at all.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
// Characters that start something other than a plain scalar (flow, anchor, tag, alias, block,
// directive, reserved) when they come first.
const INDICATORS = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`', "'", '"']);
const ESCAPES: Record<string, string> = {
	'0': '\0',
	a: '\x07',
	b: '\b',
	t: '\t',
	n: '\n',
	v: '\v',
	f: '\f',
	r: '\r',
	e: '\x1b',
	' ': ' ',
	'"': '"',
	'/': '/',
	'\\': '\\',
	N: '\u0085',
	_: '\u00a0',
	L: '\u2028',
	P: '\u2029',
};

// Anything but newlines, printable ASCII and the rest of Unicode without the byte order mark.
const OUTSIDE = /[^\n -~\u0080-\ufefe\uff00-\uffff]/;

interface Line {
	indent: number;
	/** The line past its indentation. */
	text: string;
}

/** The text's one document as parseYamlDocuments gives it, or undefined outside the subset. */
export function parseSigmaYaml(text: string): unknown {
	// Tabs, carriage returns, control characters and a byte order mark: left to the library.
	if (OUTSIDE.test(text)) return undefined;
	try {
		return new Reader(text.split('\n')).document();
	} catch (error) {
		if (error instanceof OutOfSubset) return undefined;
		throw error;
	}
}

class Reader {
	private at = 0;

	constructor(private readonly lines: string[]) {}

	document(): Record<string, unknown> {
		const first = this.peek();
		// An empty document, a top-level list or scalar: left to the library.
		if (!first || first.indent !== 0 || isItem(first.text)) out();
		const map = this.map(0, false);
		if (this.peek()) out();
		return map;
	}

	/** The next line with content (comments and blank lines skipped), not consumed. */
	private peek(): Line | undefined {
		for (; this.at < this.lines.length; this.at++) {
			const raw = this.lines[this.at]!;
			let indent = 0;
			while (raw.charCodeAt(indent) === 0x20) indent++;
			if (indent === raw.length || raw.charCodeAt(indent) === 0x23) continue;
			const text = raw.slice(indent);
			if (text.startsWith('---') || text.startsWith('...')) {
				if (indent === 0) out();
			}
			return {indent, text};
		}
		return undefined;
	}

	/** A block map whose keys sit at `indent`; `compact` when it opened on a list item's line. */
	private map(indent: number, compact: boolean, firstText?: string): Record<string, unknown> {
		const map: Record<string, unknown> = {};
		let text = firstText;
		for (;;) {
			if (text === undefined) {
				const line = this.peek();
				if (!line || line.indent < indent) return map;
				if (line.indent > indent || isItem(line.text)) out();
				text = line.text;
			}
			this.at++;
			const colon = keyEnd(text);
			if (colon < 0) out();
			const key = text.slice(0, colon).trimEnd();
			if (key === '' || INDICATORS.has(key[0]!) || NULL.test(key) || key === '__proto__' || key === '<<') out();
			if (key.includes(' #') || ((key[0] === '-' || key[0] === '?' || key[0] === ':') && key[1] === ' ')) out();
			const rest = text.slice(colon + 1).trimStart();
			let value: unknown;
			if (rest === '' || rest[0] === '#') value = this.nested(indent, compact);
			else if (rest === '|' || rest === '|-') value = this.block(indent, rest === '|-');
			else value = scalar(rest, false);
			map[key] = value;
			text = undefined;
		}
	}

	/** The value under `key:` with nothing after it: a deeper node, a list at the key's indent, or null. */
	private nested(indent: number, compact: boolean): unknown {
		const line = this.peek();
		if (!line || line.indent < indent) return null;
		if (line.indent === indent) {
			if (!isItem(line.text)) return null;
			// A list at the key's own indent inside a list item's map: left to the library.
			if (compact) out();
			return this.list(indent);
		}
		return isItem(line.text) ? this.list(line.indent) : this.map(line.indent, false);
	}

	private list(indent: number): unknown[] {
		const list: unknown[] = [];
		for (;;) {
			const line = this.peek();
			if (!line || line.indent < indent) return list;
			if (line.indent > indent || !isItem(line.text)) {
				// The key after a list at its parent's indent (`key:\n- a\nnext: b`).
				if (line.indent === indent && !isItem(line.text)) return list;
				out();
			}
			let skip = 1;
			while (line.text.charCodeAt(skip) === 0x20) skip++;
			const rest = line.text.slice(skip);
			if (rest === '' || rest[0] === '#' || isItem(rest) || rest[0] === '|' || rest[0] === '>') out();
			if (rest[0] !== "'" && rest[0] !== '"' && keyEnd(rest) >= 0) {
				list.push(this.map(line.indent + skip, true, rest));
			} else {
				this.at++;
				list.push(scalar(rest, true));
			}
		}
	}

	/** A literal block scalar after `key: |` (clip: one final newline) or `key: |-` (strip: none). */
	private block(indent: number, strip: boolean): string {
		const body: string[] = [];
		let content = -1;
		for (; this.at < this.lines.length; this.at++) {
			const raw = this.lines[this.at]!;
			let n = 0;
			while (raw.charCodeAt(n) === 0x20) n++;
			if (n === raw.length) {
				// A blank line: empty content, unless it holds more spaces than the indentation.
				if (content < 0 || n > content) out();
				body.push('');
				continue;
			}
			if (content < 0) {
				if (n <= indent) break;
				content = n;
			}
			if (n < content) {
				if (n > indent) out();
				break;
			}
			body.push(raw.slice(content));
		}
		// At the end of a text without a final newline, clip keeps none: left to the library.
		if (this.at === this.lines.length && this.lines[this.lines.length - 1] !== '') out();
		while (body.length > 0 && body[body.length - 1] === '') body.pop();
		if (body.length === 0) out();
		return strip ? body.join('\n') : `${body.join('\n')}\n`;
	}
}

/** `-` then a space or the end: a list item. */
function isItem(text: string): boolean {
	return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

/** Where a plain key ends: its `:` followed by a space or the end of the line; -1 when none. */
function keyEnd(text: string): number {
	for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
		if (i + 1 === text.length || text[i + 1] === ' ') return i;
	}
	return -1;
}

/** What may follow a scalar on its line: spaces, then a comment or nothing. */
function endOfLine(rest: string): void {
	const t = rest.trimStart();
	if (t !== '' && (t[0] !== '#' || t.length === rest.length)) out();
}

/** A one-line scalar: quoted, or plain (its text, or null for the null spellings). */
function scalar(text: string, item: boolean): unknown {
	const q = text[0];
	if (q === "'") {
		let value = '';
		for (let i = 1; ;) {
			const end = text.indexOf("'", i);
			if (end < 0) out();
			value += text.slice(i, end);
			if (text[end + 1] === "'") {
				value += "'";
				i = end + 2;
				continue;
			}
			endOfLine(text.slice(end + 1));
			return value;
		}
	}
	if (q === '"') {
		let value = '';
		for (let i = 1; i < text.length; i++) {
			const c = text[i]!;
			if (c === '"') {
				endOfLine(text.slice(i + 1));
				return value;
			}
			if (c !== '\\') {
				value += c;
				continue;
			}
			const e = text[++i];
			if (e === undefined) out();
			const simple = ESCAPES[e!];
			if (simple !== undefined) value += simple;
			else {
				const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : out();
				const hex = text.slice(i + 1, i + 1 + digits);
				if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) out();
				const code = Number.parseInt(hex, 16);
				if (code > 0x10ffff) out();
				value += String.fromCodePoint(code);
				i += digits;
			}
		}
		return out();
	}
	if (INDICATORS.has(q!) || ((q === '-' || q === '?' || q === ':') && (text.length === 1 || text[1] === ' '))) out();
	const hash = text.indexOf(' #');
	const value = (hash < 0 ? text : text.slice(0, hash)).trimEnd();
	// `a: b` in a value is a nested map (an error there); in an item it was taken as a map already.
	if (keyEnd(value) >= 0 || (item && value.endsWith(':'))) out();
	return NULL.test(value) ? null : value;
}
