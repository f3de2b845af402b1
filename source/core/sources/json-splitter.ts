/**
 * Splits a character stream into JSON documents without parsing them: NDJSON, concatenated or
 * pretty-printed documents, and a top-level array (each element becomes one document). Anything
 * that is not an object or array (a stray line, a bare value) is passed on as its own line, so the
 * decoder can show it as undecodable instead of losing it. Iterative: nesting depth costs nothing.
 */
export class JsonDocumentSplitter {
	private pending = '';
	/** Position in `pending` where the current document started; -1 when between documents. */
	private docStart = -1;
	private scanPos = 0;
	private depth = 0;
	private inString = false;
	private escaped = false;
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
		const rest = this.pending.slice(this.docStart >= 0 ? this.docStart : this.scanPos).trim();
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
		this.escaped = false;
	}

	private drain(atEnd: boolean): string[] {
		const out: string[] = [];
		const s = this.pending;
		let i = this.scanPos;
		while (i < s.length) {
			if (this.docStart < 0) {
				const c = s.charCodeAt(i);
				// whitespace between documents
				if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
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
						out.push(s.slice(i).trim());
						i = s.length;
						continue;
					}
					const piece = s.slice(i, stop).trim();
					if (piece) out.push(piece);
					i = stop + (s[stop] === '\n' ? 1 : 0);
					continue;
				}
			}
			// Inside a document: track strings and nesting until the depth returns to zero.
			for (; i < s.length; i++) {
				const c = s.charCodeAt(i);
				if (this.inString) {
					if (this.escaped) this.escaped = false;
					else if (c === 0x5c) this.escaped = true;
					else if (c === 0x22) this.inString = false;
					continue;
				}
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
				} else if (c === 0x0a && this.depth > 0 && i - this.docStart > this.maxDocumentChars) {
					// A runaway document: give it up at a line break so the stream resynchronises.
					out.push(s.slice(this.docStart, i));
					this.docStart = -1;
					this.depth = 0;
					this.inString = false;
					i++;
					break;
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

function findAny(s: string, from: number, chars: string): number {
	for (let i = from; i < s.length; i++) if (chars.includes(s[i]!)) return i;
	return -1;
}
