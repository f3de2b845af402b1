// A Sigma string value as parts: literal text and the special characters the spec gives meaning
// to (docs/sigma.md §3). Modifiers (contains, windash, base64, ...) rewrite parts, matchers
// compile them; nothing here matches events.

export const STAR = 0;
export const ONE = 1;
/** A windash flag position: any of - / U+2013 U+2014 U+2015. */
export const DASH = 2;
export type Special = typeof STAR | typeof ONE | typeof DASH;
/** A string part is literal text; a number part is a special. */
export type Part = string | Special;
export type SigmaString = Part[];

export const DASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

export class RuleError extends Error {}

/** `\` escapes only `*`, `?` and `\`; before anything else it is a literal backslash. */
export function parseSigmaString(text: string): SigmaString {
	const parts: SigmaString = [];
	let lit = '';
	const flush = () => {
		if (lit) parts.push(lit);
		lit = '';
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\\') {
			const n = text[i + 1];
			if (n === '*' || n === '?' || n === '\\') {
				lit += n;
				i++;
			} else lit += '\\';
		} else if (c === '*') {
			flush();
			if (parts[parts.length - 1] !== STAR) parts.push(STAR);
		} else if (c === '?') {
			flush();
			parts.push(ONE);
		} else lit += c;
	}
	flush();
	return parts;
}

export function hasSpecials(s: SigmaString): boolean {
	return s.some(p => typeof p !== 'string');
}

export function literalText(s: SigmaString): string {
	return s.map(p => (typeof p === 'string' ? p : '')).join('');
}

export function withWildcards(s: SigmaString, leading: boolean, trailing: boolean): SigmaString {
	const out = s.slice();
	if (leading && out[0] !== STAR) out.unshift(STAR);
	if (trailing && out[out.length - 1] !== STAR) out.push(STAR);
	return out;
}

// pySigma's windash: `\B[-/]\b` inside each literal part, i.e. a dash or slash that follows a
// non-word character (or the start) and precedes a word character.
const FLAG = /\B[-/]\b/g;

export function windash(s: SigmaString): SigmaString {
	const out: SigmaString = [];
	for (const p of s) {
		if (typeof p !== 'string') {
			out.push(p);
			continue;
		}
		let last = 0;
		FLAG.lastIndex = 0;
		for (let m = FLAG.exec(p); m; m = FLAG.exec(p)) {
			if (m.index > last) out.push(p.slice(last, m.index));
			out.push(DASH);
			last = m.index + 1;
		}
		if (last < p.length) out.push(p.slice(last));
	}
	return out;
}

/** Every concrete string a windash value stands for (the cartesian product over flag positions). */
export function expandDashes(s: SigmaString): SigmaString[] {
	let acc: SigmaString[] = [[]];
	for (const p of s) {
		if (p === DASH) {
			const next: SigmaString[] = [];
			for (const a of acc) for (const d of DASH_CHARS) next.push([...a, d]);
			acc = next;
		} else acc = acc.map(a => [...a, p]);
	}
	return acc.map(mergeLiterals);
}

export function mergeLiterals(s: SigmaString): SigmaString {
	const out: SigmaString = [];
	for (const p of s) {
		const last = out[out.length - 1];
		if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
		else if (p !== '') out.push(p);
	}
	return out;
}

export function countDashes(s: SigmaString): number {
	let n = 0;
	for (const p of s) if (p === DASH) n++;
	return n;
}

// ---- encodings: operate on plain text only (a wildcard inside base64 has no meaning) ----

/** Text as a byte string (one char per byte), UTF-8 unless it already is bytes. */
export interface Encoded {
	text: string;
	bytes: boolean;
}

function toBytes(v: Encoded): Buffer {
	return v.bytes ? Buffer.from(v.text, 'latin1') : Buffer.from(v.text, 'utf8');
}

export function utf16le(v: Encoded): Encoded {
	return {text: Buffer.from(v.text, 'utf16le').toString('latin1'), bytes: true};
}

export function utf16be(v: Encoded): Encoded {
	const le = Buffer.from(v.text, 'utf16le');
	return {text: le.swap16().toString('latin1'), bytes: true};
}

/** Python's "utf-16" codec: a little-endian BOM, then UTF-16LE. */
export function utf16bom(v: Encoded): Encoded {
	return {text: '\xff\xfe' + utf16le(v).text, bytes: true};
}

export function base64(v: Encoded): Encoded {
	return {text: toBytes(v).toString('base64'), bytes: false};
}

// pySigma: encode with 0, 1, 2 leading bytes and cut the characters those bytes (and the padding
// at the tail) influence, so the rest is stable wherever the text sits in a longer encoded string.
const START = [0, 2, 3];
const END = [undefined, -3, -2];

export function base64offset(v: Encoded): Encoded[] {
	const bytes = toBytes(v);
	const out: Encoded[] = [];
	for (let i = 0; i < 3; i++) {
		const b64 = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64');
		out.push({text: b64.slice(START[i], END[(bytes.length + i) % 3]), bytes: false});
	}
	return out;
}
