// The searchable text of an event: a compact, lower-cased projection of the fields an analyst
// types (summary, host, user, images, command lines, paths, DNS names, registry keys, URL), plus a
// bigram bitmap that lets a fuzzy term skip events that cannot possibly match it.
// Built once per event object and kept as long as the event is (WeakMap). A buffer of 100,000
// events keeps 100,000 of them, so they are built small: the fields stay separate pieces, each
// lower-cased once and shared by every event with the same value (hosts, users, images and parent
// command lines repeat across thousands of events; the summary, mostly unique, is not pooled),
// instead of one joined text per event; the bitmap is a 128-character string, one heap object,
// not a typed array with its own ArrayBuffer (300 bytes each); both sit in one array.
import type {EdrEvent, ProcessInfo} from '../event.js';

/**
 * `[bitmap, ...pieces]`. The pieces: the lower-cased fields in order, each cut to FIELD_CAP, as
 * many as fit in TOTAL_CAP; their text is their join with newlines (projectionText), and no query
 * term crosses a newline but one typed with a newline in it, which textIncludes handles. The
 * bitmap ('' until bigramsOf computes it): bit i set when some bigram of the text hashes to i
 * (BIGRAM_BITS bits, 8 per character of a one-byte string); see hasBigram.
 */
export type Projection = string[];

/** Where the pieces start in a Projection. */
export const FIRST_PIECE = 1;

export const BIGRAM_BITS = 1024;
const FIELD_CAP = 400;
const TOTAL_CAP = 1500;
const NEWLINE = 10;

const cache = new WeakMap<EdrEvent, Projection>();

/** Hash of the bigram (a, b) of char codes, in [0, BIGRAM_BITS). */
export function bigramHash(a: number, b: number): number {
	return (Math.imul(a, 31) + b) & (BIGRAM_BITS - 1);
}

/** Is bigram hash `h` set in a bitmap from bigramsOf. */
export function hasBigram(bits: string, h: number): boolean {
	return (bits.charCodeAt(h >>> 3) & (1 << (h & 7))) !== 0;
}

/**
 * One lower-cased copy of each field value, in two generations like the screen's intern pool:
 * bounded on an endless stream of unique values, while the values that keep coming back stay
 * shared. Keyed by the value as the event holds it (itself shared by the pipeline's pool).
 */
class LowerPool {
	private young = new Map<string, string>();
	private old = new Map<string, string>();

	constructor(private readonly generation: number) {}

	lower(s: string): string {
		let t = this.young.get(s);
		if (t !== undefined) return t;
		t = this.old.get(s) ?? s.toLowerCase();
		if (this.young.size >= this.generation) {
			this.old = this.young;
			this.young = new Map();
		}
		this.young.set(s, t);
		return t;
	}
}

const lowered = new LowerPool(50_000);

function addProcess(parts: string[], p: ProcessInfo | undefined): void {
	if (!p) return;
	if (p.image) parts.push(p.image);
	else if (p.name) parts.push(p.name);
	if (p.cmdline) parts.push(p.cmdline);
}

/** The raw fields of the projection, original case, in a fixed order (summary first). */
export function projectedFields(ev: EdrEvent): string[] {
	const parts: string[] = [ev.summary ?? ''];
	if (ev.host) parts.push(ev.host);
	if (ev.user) parts.push(ev.user);
	addProcess(parts, ev.actor);
	addProcess(parts, ev.parent);
	const t = ev.target ?? {};
	addProcess(parts, t.process);
	const {file, dns, registry, http, task, login, network, persistence} = t;
	const targets = [
		file?.path,
		file?.oldPath,
		dns?.query,
		registry?.key,
		registry?.value,
		registry?.data,
		http?.url,
		task?.name,
		task?.executable,
		login?.user,
		network?.dstIp,
		persistence?.path,
	];
	for (const v of targets) if (v) parts.push(v);
	return parts;
}

function build(ev: EdrEvent): Projection {
	const pieces: string[] = [''];
	const fields = projectedFields(ev);
	let total = 0;
	for (let i = 0; i < fields.length; i++) {
		const part = fields[i];
		if (typeof part !== 'string' || !part) continue;
		const piece = part.length > FIELD_CAP ? part.slice(0, FIELD_CAP) : part;
		// The summary (first) is mostly unique to its event: a pool would only pay to forget it.
		pieces.push(i === 0 ? piece.toLowerCase() : lowered.lower(piece));
		total += piece.length + 1;
		if (total >= TOTAL_CAP) break;
	}
	// A copy of exactly its length: an array grown by push keeps room for more.
	return pieces.slice();
}

/** The projection's pieces (a copy). */
export function projectionPieces(p: Projection): string[] {
	return p.slice(FIRST_PIECE);
}

/** The projection's text, its pieces joined by newlines (the `text:` search filter reads it). */
export function projectionText(p: Projection): string {
	return projectionPieces(p).join('\n');
}

/** Does the projection's text contain `needle` (lower-cased already). */
export function textIncludes(p: Projection, needle: string): boolean {
	// Only a needle with a newline can span two pieces.
	if (needle.includes('\n')) return projectionText(p).includes(needle);
	for (let i = FIRST_PIECE; i < p.length; i++) if (p[i]!.includes(needle)) return true;
	return false;
}

const scratch = Buffer.alloc(BIGRAM_BITS / 8);

/** The bigram bitmap of a projection's text, computed on first use (only fuzzy terms need it). */
export function bigramsOf(p: Projection): string {
	if (p[0] !== '') return p[0]!;
	scratch.fill(0);
	let prev = -1;
	for (let k = FIRST_PIECE; k < p.length; k++) {
		const piece = p[k]!;
		// The newline between two pieces makes bigrams of the joined text too.
		if (k > FIRST_PIECE) {
			const h = bigramHash(prev, NEWLINE);
			scratch[h >>> 3]! |= 1 << (h & 7);
			prev = NEWLINE;
		}
		for (let i = 0; i < piece.length; i++) {
			const c = piece.charCodeAt(i);
			if (prev >= 0) {
				const h = bigramHash(prev, c);
				scratch[h >>> 3]! |= 1 << (h & 7);
			}
			prev = c;
		}
	}
	return (p[0] = scratch.toString('latin1'));
}

/** True when the event's projection is already built (warming skips those). */
export function hasProjection(ev: EdrEvent): boolean {
	return cache.has(ev);
}

export function projectionOf(ev: EdrEvent): Projection {
	let p = cache.get(ev);
	if (!p) {
		p = build(ev);
		cache.set(ev, p);
	}
	return p;
}
