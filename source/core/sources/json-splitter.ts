/**
 * Splits a character stream into JSON documents without parsing them: NDJSON, concatenated or
 * pretty-printed documents, and a top-level array (each element becomes one document). Anything
 * that is not an object or array (a stray line, a bare value) is passed on as its own line, so the
 * decoder can show it as undecodable instead of losing it. Iterative: nesting depth costs nothing.
 *
 * Bad bytes must not swallow the good lines after them. A document that opened with an unbalanced
 * "{" or "[" ends where it is known to be broken: at a line break inside a string (JSON strings
 * hold no raw line break), or at a line break followed by a whole document at column 0, which is
 * an NDJSON line (pretty printers indent what they nest). The broken part goes on as its own
 * piece. The one layout this misreads, nested objects written unindented one per line, still
 * loses nothing: its parts come out as pieces of their own.
 */
export class JsonDocumentSplitter {
	private pending = '';
	/** Position in `pending` where the current document started; -1 when between documents. */
	private docStart = -1;
	private scanPos = 0;
	private depth = 0;
	private inString = false;
	/** Inside a top-level array whose elements are emitted one by one. */
	private inTopArray = false;
	private seenAnything = false;

	constructor(private readonly maxDocumentChars = 64 * 1024 * 1024) {}

	push(chunk: string): string[] {
		this.pending += chunk;
		return this.drain(false);
	}

	/** Flushes what is left at end of input (an unterminated document is emitted as is). */
	end(): string[] {
		const out = this.drain(true);
		const rest = trimBlank(this.pending.slice(this.docStart >= 0 ? this.docStart : this.scanPos));
		if (rest && rest !== ']') out.push(rest);
		this.reset();
		return out;
	}

	private reset(): void {
		this.pending = '';
		this.docStart = -1;
		this.scanPos = 0;
		this.depth = 0;
		this.inString = false;
	}

	private drain(atEnd: boolean): string[] {
		const out: string[] = [];
		const s = this.pending;
		let i = this.scanPos;
		/** The next line break at or after i, once looked up (s.length: none). */
		let nextBreak = -1;
		outer: while (i < s.length) {
			if (this.docStart < 0) {
				const c = s.charCodeAt(i);
				// whitespace between documents
				// (and a byte order mark opening the stream)
				if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || (c === 0xfeff && !this.seenAnything)) {
					i++;
					continue;
				}
				if (this.inTopArray && (c === 0x2c /* , */ || c === 0x5d) /* ] */) {
					if (c === 0x5d) this.inTopArray = false;
					i++;
					continue;
				}
				if (!this.seenAnything && c === 0x5b /* [ */ && this.looksLikeArrayOfDocuments(s, i)) {
					this.seenAnything = true;
					this.inTopArray = true;
					i++;
					continue;
				}
				this.seenAnything = true;
				if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
					this.docStart = i;
					this.depth = 0;
				} else {
					// A bare value or a stray line: up to the end of the line (or the next , ] in an array).
					const stop = this.inTopArray ? findAny(s, i, ',]\n') : s.indexOf('\n', i);
					if (stop < 0) {
						if (!atEnd) break;
						out.push(trimBlank(s.slice(i)));
						i = s.length;
						continue;
					}
					const piece = trimBlank(s.slice(i, stop));
					if (piece) out.push(piece);
					i = stop + (s[stop] === '\n' ? 1 : 0);
					continue;
				}
			}
			// Inside a document: track strings and nesting until the depth returns to zero.
			for (; i < s.length; i++) {
				if (this.inString) {
					// Most of a document is string text: jump to its closing quote natively.
					if (nextBreak < i) nextBreak = indexOrEnd(s, s.indexOf('\n', i));
					const close = closingQuote(s, i, nextBreak);
					if (close !== -1) {
						this.inString = false;
						i = close;
						continue;
					}
					if (nextBreak === s.length) {
						// The string goes on in the next chunk.
						i = s.length;
						break;
					}
					// A raw line break inside a string: the document is broken here.
					this.cutDocument(out, s, nextBreak);
					i = nextBreak + 1;
					break;
				}
				const c = s.charCodeAt(i);
				if (c === 0x22) this.inString = true;
				else if (c === 0x7b || c === 0x5b) this.depth++;
				else if (c === 0x7d || c === 0x5d) {
					this.depth--;
					if (this.depth === 0) {
						out.push(s.slice(this.docStart, i + 1));
						this.docStart = -1;
						i++;
						break;
					}
				} else if (c === 0x0a) {
					const cut = this.brokenAt(s, i, atEnd);
					if (cut === 'wait') break outer;
					if (cut || i - this.docStart > this.maxDocumentChars) {
						// Broken, or a runaway document: give it up at the line break so the stream resynchronises.
						this.cutDocument(out, s, i);
						i++;
						break;
					}
				}
			}
		}
		// Keep only the unconsumed tail so memory stays bounded by one document.
		const keepFrom = this.docStart >= 0 ? this.docStart : i;
		this.pending = s.slice(keepFrom);
		if (this.docStart >= 0) this.docStart = 0;
		this.scanPos = i - keepFrom;
		return out;
	}

	private cutDocument(out: string[], s: string, end: number): void {
		const piece = trimBlank(s.slice(this.docStart, end));
		if (piece) out.push(piece);
		this.docStart = -1;
		this.depth = 0;
		this.inString = false;
	}

	/**
	 * At a line break inside an open document (not in a string): is the next line a whole
	 * document at column 0? 'wait' when that line has not fully arrived yet.
	 */
	private brokenAt(s: string, nl: number, atEnd: boolean): boolean | 'wait' {
		const from = nl + 1;
		if (from >= s.length) return atEnd ? false : 'wait';
		if (s.charCodeAt(from) !== 0x7b) return false;
		let to = s.indexOf('\n', from);
		if (to === -1) {
			if (!atEnd) return 'wait';
			to = s.length;
		}
		return isWholeDocument(s, from, to);
	}

	// "[" opens an array of documents when its first element is an object (or the array is empty);
	// otherwise ([1,2] on a line) it is one document.
	private looksLikeArrayOfDocuments(s: string, i: number): boolean {
		for (let j = i + 1; j < s.length; j++) {
			const c = s[j];
			if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
			return c === '{' || c === ']';
		}
		return false;
	}
}

const isBlank = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Only JSON's own whitespace: String.trim would also drop form feeds, NBSP and BOMs from a stray
 * line, bytes an undecodable row must show.
 */
function trimBlank(s: string): string {
	let a = 0;
	let b = s.length;
	while (a < b && isBlank(s.charCodeAt(a))) a++;
	while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
	return a === 0 && b === s.length ? s : s.slice(a, b);
}

const indexOrEnd = (s: string, at: number) => (at === -1 ? s.length : at);

/**
 * The quote before `limit` that closes a string whose text goes on at `from`, or -1. A quote is
 * escaped when an odd run of backslashes precedes it; the run never reaches past the opening
 * quote, which is in `s` too (pending keeps the whole document).
 */
function closingQuote(s: string, from: number, limit: number): number {
	for (let q = s.indexOf('"', from); q !== -1 && q < limit; q = s.indexOf('"', q + 1)) {
		let backslashes = 0;
		while (s.charCodeAt(q - 1 - backslashes) === 0x5c) backslashes++;
		if (backslashes % 2 === 0) return q;
	}
	return -1;
}

function findAny(s: string, from: number, chars: string): number {
	for (let i = from; i < s.length; i++) if (chars.includes(s[i]!)) return i;
	return -1;
}

/** s[from, to) holds one complete object or array and nothing after it but blanks. */
function isWholeDocument(s: string, from: number, to: number): boolean {
	let depth = 0;
	let inString = false;
	let escaped = false;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		if (inString) {
			if (escaped) escaped = false;
			else if (c === 0x5c) escaped = true;
			else if (c === 0x22) inString = false;
			continue;
		}
		if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) depth++;
		else if (c === 0x7d || c === 0x5d) {
			if (--depth === 0) {
				for (let j = i + 1; j < to; j++) {
					const t = s.charCodeAt(j);
					if (t !== 0x20 && t !== 0x09 && t !== 0x0d) return false;
				}
				return true;
			}
		}
	}
	return false;
}
