// The searchable text of an event: a compact, lower-cased projection of the fields an analyst
// types (summary, host, user, images, command lines, paths, DNS names, registry keys, URL), plus a
// bigram bitmap that lets a fuzzy term skip events that cannot possibly match it.
// Built once per event object and kept as long as the event is (WeakMap).
import type {EdrEvent, ProcessInfo} from '../event.js';

export interface Projection {
	/** Lower-cased fields joined by newlines. */
	text: string;
	/** Bit i set when some bigram of `text` hashes to i (BIGRAM_BITS bits); see bigramsOf. */
	bigrams: Uint32Array | undefined;
}

export const BIGRAM_BITS = 1024;
const FIELD_CAP = 400;
const TOTAL_CAP = 1500;

const cache = new WeakMap<EdrEvent, Projection>();

/** Hash of the bigram (a, b) of char codes, in [0, BIGRAM_BITS). */
export function bigramHash(a: number, b: number): number {
	return (Math.imul(a, 31) + b) & (BIGRAM_BITS - 1);
}

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
	const pieces: string[] = [];
	let total = 0;
	for (const part of projectedFields(ev)) {
		if (typeof part !== 'string' || !part) continue;
		const piece = part.length > FIELD_CAP ? part.slice(0, FIELD_CAP) : part;
		pieces.push(piece);
		total += piece.length + 1;
		if (total >= TOTAL_CAP) break;
	}
	return {text: pieces.join('\n').toLowerCase(), bigrams: undefined};
}

/** The bigram bitmap of a projection, computed on first use (only fuzzy terms need it). */
export function bigramsOf(p: Projection): Uint32Array {
	if (p.bigrams) return p.bigrams;
	const text = p.text;
	const bigrams = new Uint32Array(BIGRAM_BITS / 32);
	let prev = text.charCodeAt(0);
	for (let i = 1; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const h = bigramHash(prev, c);
		bigrams[h >>> 5]! |= 1 << (h & 31);
		prev = c;
	}
	return (p.bigrams = bigrams);
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
