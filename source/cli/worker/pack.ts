// The pipeline thread's side of a batch: events stripped of what the screen does not keep (the
// parsed raw object, Sysmon's Sigma-named copy of EventData), the record bytes in one buffer to
// transfer, rule hits as template indexes.
import type {EdrEvent, KafkaMeta, MatchedField, ProcessInfo, RawRecord} from '../../core/event.js';
import type {FromThread, HitTemplate, PackedEvent, PackedRecord} from './protocol.js';

export interface RecordOrigin {
	/** Undefined for events no record gave (a correlation's hit): their raw crosses as it is. */
	record: RawRecord | undefined;
	/** How many of the events it gave (they follow one another in the events list). */
	count: number;
	/** Their places among the record's decoded events, when not 0..count-1 (some were dropped). */
	indexes?: number[];
}

/** Where decode placed an event: its record and its index among that record's events. */
export interface EventPlace {
	record: RawRecord;
	index: number;
}

/**
 * The origins of the pipeline's output, in its order: runs of events of one record, and each
 * event no record gave (a correlation's hit, placed after the event that completed it) alone.
 */
export function originsOf(
	events: readonly EdrEvent[],
	placeOf: (ev: EdrEvent) => EventPlace | undefined,
): RecordOrigin[] {
	const out: RecordOrigin[] = [];
	let run: (RecordOrigin & {indexes: number[]}) | undefined;
	for (const ev of events) {
		const place = placeOf(ev);
		if (place === undefined) {
			run = undefined;
			out.push({record: undefined, count: 1});
			continue;
		}
		if (run?.record !== place.record) {
			run = {record: place.record, count: 0, indexes: []};
			out.push(run);
		}
		run.count++;
		run.indexes.push(place.index);
	}
	return out;
}

export type BatchMessage = Extract<FromThread, {type: 'batch'}>;

/** Bytes of a key or header value kept for the detail pane (it shows a few hundred at most). */
export const META_KEEP_BYTES = 1024;
/** Headers kept per record. */
export const META_KEEP_HEADERS = 64;

const keptLength = (bytes: Uint8Array) => Math.min(bytes.length, META_KEEP_BYTES);

/** The bytes copyMeta keeps of a record's key and headers. */
export function metaLength(meta: KafkaMeta): number {
	let n = meta.key ? keptLength(meta.key) : 0;
	const headers = meta.headers ?? [];
	for (let i = 0; i < headers.length && i < META_KEEP_HEADERS; i++) {
		const value = headers[i]!.value;
		if (value) n += keptLength(value);
	}
	return n;
}

/**
 * The keys and header values of one batch, copied into one buffer of their own: never views of the
 * fetch (structured clone sends a view's whole buffer, and a Buffer's slice() is a view), and not
 * a buffer each either: the screen keeps them as long as their events, and an ArrayBuffer costs
 * some 200 bytes besides its data.
 */
export class MetaArena {
	private readonly bytes: Uint8Array;
	private at = 0;

	constructor(size: number) {
		this.bytes = new Uint8Array(size);
	}

	/** A view of the arena holding the first META_KEEP_BYTES of `value`. */
	copy(value: Uint8Array): Uint8Array {
		const n = keptLength(value);
		if (this.at + n > this.bytes.length) throw new Error('meta arena: sized for less');
		const out = this.bytes.subarray(this.at, this.at + n);
		out.set(value.subarray(0, n));
		this.at += n;
		return out;
	}
}

/** A record's key and headers as they cross: copies in `arena`, each cut to META_KEEP_BYTES (the length kept). */
export function copyMeta(meta: KafkaMeta, arena = new MetaArena(metaLength(meta))): KafkaMeta {
	const out: KafkaMeta = {};
	if (meta.key) {
		out.key = arena.copy(meta.key);
		if (meta.key.length > META_KEEP_BYTES) out.keySize = meta.key.length;
	}
	if (meta.headers)
		out.headers = meta.headers
			.slice(0, META_KEEP_HEADERS)
			.map(h =>
				h.value === undefined
					? {name: h.name}
					: h.value.length > META_KEEP_BYTES
						? {name: h.name, value: arena.copy(h.value), size: h.value.length}
						: {name: h.name, value: arena.copy(h.value)},
			);
	return out;
}

/**
 * A hash of a process's fields, for ProcessTable. Long strings are sampled (their length, 16-32
 * characters spread over them and the last): a command line is hundreds of characters, and
 * building a key string of every field and hashing it cost 2.4 µs a process, twice an event.
 * Equal processes always hash alike; what a sample misses, sameProcess settles.
 */
export function processHash(p: ProcessInfo): number {
	// Each field hashed alone and the fields summed: the order they were set in does not count.
	let sum = 0;
	const fields = p as Record<string, unknown>;
	for (const k in fields) {
		const v = fields[k];
		let h = Math.imul(0x811c9dc5 ^ k.length ^ (k.charCodeAt(0) << 8) ^ (k.charCodeAt(k.length - 1) << 16), 16777619);
		if (typeof v === 'string') {
			const n = v.length;
			h = Math.imul(h ^ n, 16777619);
			const step = n > 32 ? n >> 4 : 1;
			for (let i = 0; i < n; i += step) h = Math.imul(h ^ v.charCodeAt(i), 16777619);
			if (n > 0) h = Math.imul(h ^ v.charCodeAt(n - 1), 16777619);
		} else if (typeof v === 'number') h = Math.imul(h ^ (v | 0) ^ ((v / 4294967296) | 0), 16777619);
		else h = Math.imul(h ^ (v === undefined ? 1 : 2), 16777619);
		sum = (sum + h) | 0;
	}
	return sum;
}

/** The same fields with the same values (in any order). */
export function sameProcess(a: ProcessInfo, b: ProcessInfo): boolean {
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	for (const k in x) if (x[k] !== y[k] || !(k in y)) return false;
	for (const k in y) if (!(k in x)) return false;
	return true;
}

/**
 * Processes a bucket of one hash holds: past it, a process is given a new id each time it comes
 * (it crosses again). Hostile events made to collide cost a bounded scan, not a growing one.
 */
const BUCKET_MAX = 8;

/**
 * Process ids by content. Bounded: when full it starts over, and a process seen again gets a new
 * id (its object crosses once more), so the screen needs to keep only ids from `from` on.
 */
export class ProcessTable {
	private buckets = new Map<number, Array<{process: ProcessInfo; id: number}>>();
	private size = 0;
	private next = 1;
	private firstId = 1;

	constructor(private readonly capacity = 20_000) {}

	get from(): number {
		return this.firstId;
	}

	idOf(p: ProcessInfo | undefined, fresh: Array<[number, ProcessInfo]>): number {
		if (p === undefined) return 0;
		const hash = processHash(p);
		let bucket = this.buckets.get(hash);
		if (bucket !== undefined) for (const known of bucket) if (sameProcess(known.process, p)) return known.id;
		if (this.size >= this.capacity) {
			this.buckets = new Map();
			this.size = 0;
			this.firstId = this.next;
			bucket = undefined;
		}
		const id = this.next++;
		if (bucket === undefined) this.buckets.set(hash, (bucket = []));
		if (bucket.length < BUCKET_MAX) {
			// A copy: what is compared later is what crossed, whatever becomes of the event's object.
			bucket.push({process: {...p}, id});
			this.size++;
		}
		fresh.push([id, p]);
		return id;
	}
}

export class BatchPacker {
	private readonly templates = new Map<string, number>();
	private readonly processes: ProcessTable;

	constructor(options: {processTable?: number} = {}) {
		this.processes = new ProcessTable(options.processTable);
	}

	/** `events` in order, `origins` the records they came from in the same order. */
	pack(events: readonly EdrEvent[], origins: readonly RecordOrigin[], skipped: number): BatchMessage {
		const records: PackedRecord[] = [];
		const packed: PackedEvent[] = new Array(events.length);
		const newTemplates: Array<[number, HitTemplate]> = [];
		const fresh: Array<[number, ProcessInfo]> = [];
		const keep: Array<{value: Uint8Array | string; at: number}> = [];
		let size = 0;
		let k = 0;
		let metaSize = 0;
		for (const {record, count} of origins) if (count > 0 && record?.kafkaMeta) metaSize += metaLength(record.kafkaMeta);
		const arena = metaSize > 0 ? new MetaArena(metaSize) : undefined;
		for (const {record, count, indexes} of origins) {
			if (count === 0) continue;
			const r = records.length;
			if (record === undefined) {
				// Made by the pipeline, not decoded: no bytes to decode raw from again, so raw crosses.
				for (let i = 0; i < count; i++) {
					const ev = events[k + i]!;
					packed[k + i] = {...this.packEvent(ev, records.length, 0, newTemplates, fresh), raw: ev.raw};
					records.push({receivedAt: ev.receivedAt, kafka: ev.kafka, start: -1, end: -1});
				}
				k += count;
				continue;
			}
			let hasRaw = false;
			for (let i = 0; i < count; i++) {
				const ev = events[k + i]!;
				if (ev.raw !== null && ev.raw !== undefined) hasRaw = true;
				packed[k + i] = this.packEvent(ev, r, indexes?.[i] ?? i, newTemplates, fresh);
			}
			k += count;
			const entry: PackedRecord = {receivedAt: record.receivedAt, kafka: record.kafka, start: -1, end: -1};
			if (record.kafkaMeta) entry.kafkaMeta = copyMeta(record.kafkaMeta, arena);
			const value = record.value;
			if (hasRaw && value !== null && value !== undefined) {
				const length = typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength;
				entry.start = size;
				entry.end = size + length;
				keep.push({value, at: size});
				size += length;
			}
			records.push(entry);
		}
		const bytes = new ArrayBuffer(size);
		const view = Buffer.from(bytes);
		for (const {value, at} of keep) {
			if (typeof value === 'string') view.write(value, at, 'utf8');
			else view.set(value, at);
		}
		const from = this.processes.from;
		return {
			type: 'batch',
			firstSeq: events[0]?.seq ?? 0,
			events: packed,
			records,
			bytes,
			templates: newTemplates,
			processes: fresh,
			processesFrom: from,
			skipped,
		};
	}

	private packEvent(
		ev: EdrEvent,
		r: number,
		i: number,
		newTemplates: Array<[number, HitTemplate]>,
		fresh: Array<[number, ProcessInfo]>,
	): PackedEvent {
		let h: Array<[number, MatchedField[]]> | undefined;
		if (ev.hits.length) {
			h = [];
			for (const hit of ev.hits) {
				const {fields, ...template} = hit;
				const key = JSON.stringify(template);
				let t = this.templates.get(key);
				if (t === undefined) {
					t = this.templates.size;
					this.templates.set(key, t);
					newTemplates.push([t, template]);
				}
				h.push([t, fields]);
			}
		}
		return {
			category: ev.category,
			family: ev.family,
			format: ev.format,
			subtype: ev.subtype,
			time: ev.time,
			ingestTime: ev.ingestTime,
			host: ev.host,
			os: ev.os,
			agentId: ev.agentId,
			user: ev.user,
			actor: this.processes.idOf(ev.actor, fresh),
			parent: this.processes.idOf(ev.parent, fresh),
			target: ev.target,
			summary: ev.summary,
			undecodable: ev.undecodable,
			correlation: ev.correlation,
			r,
			i,
			h,
		};
	}
}
