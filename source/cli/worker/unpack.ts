// The screen's side of a batch: events rebuilt as EdrEvent objects with one copy of each repeated
// string, hits rebuilt from their templates, and `raw` decoded on demand from the record's bytes.
// The bytes of a batch are compressed in the background (libuv's pool, not this thread) when that
// pays, so a buffer of 100,000 JSON events does not hold 100,000 JSON texts in full. Brotli at
// quality 1, measured on batches of demo CF2 and Sysmon JSON: two to three times as fast as
// deflate at level 1 and 20-50% smaller (10% of the JSON where deflate kept 17%): its window spans
// the whole batch, where deflate's is 32 KiB, and a batch's events repeat each other's keys,
// hosts, paths and command lines.
import {brotliCompress, brotliDecompressSync, constants} from 'node:zlib';
import type {
	CorrelationHit,
	Category,
	EdrEvent,
	EventTarget,
	Family,
	FormatName,
	KafkaCoords,
	KafkaMeta,
	ProcessInfo,
	RuleHit,
	Undecodable,
} from '../../core/event.js';
import {decodeRecord, type DecodeOptions, type DecodedEvent} from '../../core/formats/index.js';
import {InternPool} from './intern.js';
import type {BatchMessage} from './pack.js';
import type {HitTemplate, PackedEvent, PackedRecord} from './protocol.js';

/** One batch's record bytes, compressed in place once the background compression is done. */
interface Chunk {
	reader: BatchReader;
	data: Uint8Array;
	compressed: boolean;
	/** Bytes before compression. */
	size: number;
}

/**
 * One record of a batch: where its bytes are (start -1: none). One is kept per record as long as
 * its events are, so it holds only that: its events hold its time and coordinates. An event no
 * record gave (a correlation's hit) has one of its own, with the raw that crossed.
 */
interface RecordRef {
	chunk: Chunk;
	start: number;
	end: number;
	raw: unknown;
}

/** An event from the pipeline thread. `raw` is decoded again from the record when read. */
export class ThreadEvent implements EdrEvent {
	seq: number;
	category: Category;
	family: Family;
	format: FormatName;
	subtype?: string;
	time?: number;
	ingestTime?: number;
	receivedAt: number;
	kafka?: KafkaCoords;
	kafkaMeta?: KafkaMeta;
	host?: string;
	os?: string;
	agentId?: string;
	user?: string;
	actor?: ProcessInfo;
	parent?: ProcessInfo;
	target: EventTarget;
	summary: string;
	hits: RuleHit[];
	undecodable?: Undecodable;
	correlation?: CorrelationHit;
	readonly #record: RecordRef;
	readonly #index: number;

	constructor(
		p: PackedEvent,
		seq: number,
		record: RecordRef,
		packed: PackedRecord,
		hits: RuleHit[],
		actor: ProcessInfo | undefined,
		parent: ProcessInfo | undefined,
	) {
		this.seq = seq;
		this.category = p.category;
		this.family = p.family;
		this.format = p.format;
		this.subtype = p.subtype;
		this.time = p.time;
		this.ingestTime = p.ingestTime;
		this.receivedAt = packed.receivedAt;
		this.kafka = packed.kafka;
		if (packed.kafkaMeta !== undefined) this.kafkaMeta = packed.kafkaMeta;
		this.host = p.host;
		this.os = p.os;
		this.agentId = p.agentId;
		this.user = p.user;
		this.actor = actor;
		this.parent = parent;
		this.target = p.target;
		this.summary = p.summary;
		this.hits = hits;
		this.undecodable = p.undecodable;
		if (p.correlation !== undefined) this.correlation = p.correlation;
		this.#record = record;
		this.#index = p.i;
	}

	get raw(): unknown {
		const record = this.#record;
		if (record.raw !== undefined) return record.raw;
		return record.chunk.reader.rawOf(record, this.#index, this);
	}

	/**
	 * Sysmon's flat fields, decoded again like `raw`, for the tuning loop, which reads an event's
	 * Sigma fields on this thread. Only the Sysmon decoder gives them: no other event is decoded.
	 */
	get sigmaFields(): Record<string, string> | undefined {
		const record = this.#record;
		if (this.format !== 'sysmon' || record.raw !== undefined) return undefined;
		return record.chunk.reader.decodedOf(record, this.#index, this)?.sigmaFields;
	}
}

const NO_HITS: RuleHit[] = [];
/** Batches smaller than this are kept as they are: compression would save little. */
const COMPRESS_MIN_BYTES = 4096;
/** Kept compressed only when it saves at least this share. */
const COMPRESS_MAX_RATIO = 0.7;
/** After a batch that did not compress (s1-dv packets are zlib already), skip this many. */
const COMPRESS_BACKOFF = 32;
/** Brotli's quality 1: qualities 2 and 3 kept 1-9% less for two to three times the time. */
const BROTLI_QUALITY = 1;

export interface BatchReaderOptions {
	/** The decode options the pipeline thread used: `raw` must decode the same way. */
	decode: DecodeOptions;
	/** Compress record bytes in the background (default true). */
	compress?: boolean;
}

export class BatchReader {
	private readonly pool = new InternPool();
	private readonly templates: HitTemplate[] = [];
	private readonly processes = new Map<number, ProcessInfo>();
	private readonly compress: boolean;
	private backoff = 0;
	/** Batches read and compressed; record bytes received and kept (after compression), since start. */
	readonly stats = {batches: 0, compressed: 0, bytesIn: 0, bytesKept: 0};
	// The last record decoded for `raw` and the last chunk decompressed: reading the events of one
	// record or one batch in a row (export, copy) decodes and decompresses each once.
	private lastRecord: RecordRef | undefined;
	private lastDecoded: DecodedEvent[] = [];
	private lastChunk: Chunk | undefined;
	private lastDecompressed: Uint8Array | undefined;

	constructor(private readonly options: BatchReaderOptions) {
		this.compress = options.compress !== false;
	}

	read(message: BatchMessage): EdrEvent[] {
		for (const [i, t] of message.templates) this.templates[i] = t;
		const size = message.bytes.byteLength;
		const chunk: Chunk = {reader: this, data: new Uint8Array(message.bytes), compressed: false, size};
		this.stats.batches++;
		this.stats.bytesIn += chunk.size;
		this.stats.bytesKept += chunk.size;
		const packedRecords = message.records;
		const records: RecordRef[] = packedRecords.map(r => {
			if (r.kafka) this.internKafka(r.kafka);
			return {chunk, start: r.start, end: r.end, raw: undefined};
		});
		const pool = this.pool;
		const processes = this.processes;
		for (const [id, p] of message.processes) processes.set(id, pool.internAll(p));
		const out: EdrEvent[] = new Array(message.events.length);
		let seq = message.firstSeq;
		for (let k = 0; k < message.events.length; k++) {
			const p = message.events[k]!;
			// The fields that repeat across events; processes are shared objects already.
			p.category = pool.intern(p.category) as Category;
			p.family = pool.intern(p.family) as Family;
			p.format = pool.intern(p.format) as FormatName;
			if (p.subtype !== undefined) p.subtype = pool.intern(p.subtype);
			if (p.host !== undefined) p.host = pool.intern(p.host);
			if (p.os !== undefined) p.os = pool.intern(p.os);
			if (p.agentId !== undefined) p.agentId = pool.intern(p.agentId);
			if (p.user !== undefined) p.user = pool.intern(p.user);
			pool.internAll(p.target);
			const actor = p.actor ? processes.get(p.actor) : undefined;
			const parent = p.parent ? processes.get(p.parent) : undefined;
			const record = records[p.r]!;
			if (p.raw !== undefined) record.raw = p.raw;
			out[k] = new ThreadEvent(p, seq++, record, packedRecords[p.r]!, p.h ? this.hitsOf(p.h) : NO_HITS, actor, parent);
		}
		// Ids are given in increasing order and the map keeps insertion order: forget from the front.
		for (const id of processes.keys()) {
			if (id >= message.processesFrom) break;
			processes.delete(id);
		}
		this.scheduleCompression(chunk);
		return out;
	}

	/** The raw event of a record, decoded again from its bytes (`ev`: one of its events). */
	rawOf(record: RecordRef, index: number, ev: EdrEvent): unknown {
		return this.decodedOf(record, index, ev)?.raw ?? null;
	}

	/** An event of a record as decode gave it on the pipeline thread, decoded again from its bytes. */
	decodedOf(record: RecordRef, index: number, ev: EdrEvent): DecodedEvent | undefined {
		if (record.start < 0) return undefined;
		if (this.lastRecord !== record) {
			const value = this.bytesOf(record);
			this.lastDecoded = decodeRecord({value, receivedAt: ev.receivedAt, kafka: ev.kafka}, this.options.decode);
			this.lastRecord = record;
		}
		return this.lastDecoded[index];
	}

	private bytesOf(record: RecordRef): Uint8Array {
		const chunk = record.chunk;
		if (!chunk.compressed) return chunk.data.subarray(record.start, record.end);
		if (this.lastChunk !== chunk) {
			this.lastDecompressed = brotliDecompressSync(chunk.data);
			this.lastChunk = chunk;
		}
		return this.lastDecompressed!.subarray(record.start, record.end);
	}

	private hitsOf(packed: NonNullable<PackedEvent['h']>): RuleHit[] {
		const pool = this.pool;
		return packed.map(([t, fields]) => {
			// The same rule matches the same field names, and often the same values, over and over.
			for (const f of fields) {
				f.field = pool.intern(f.field);
				if (f.source !== undefined) f.source = pool.intern(f.source);
				f.value = pool.intern(f.value);
			}
			return {...this.templates[t]!, fields};
		});
	}

	private internKafka(k: KafkaCoords): KafkaCoords {
		k.topic = this.pool.intern(k.topic);
		k.timestampType = this.pool.intern(k.timestampType) as KafkaCoords['timestampType'];
		return k;
	}

	private scheduleCompression(chunk: Chunk): void {
		if (!this.compress || chunk.size < COMPRESS_MIN_BYTES) return;
		if (this.backoff > 0) {
			this.backoff--;
			return;
		}
		const params = {
			[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
			[constants.BROTLI_PARAM_SIZE_HINT]: chunk.size,
		};
		brotliCompress(chunk.data, {params}, (error, out) => {
			if (error || out.byteLength > chunk.size * COMPRESS_MAX_RATIO) {
				this.backoff = COMPRESS_BACKOFF;
				return;
			}
			// A small result may be a view of zlib's 16 KiB output buffer: keep only its own bytes.
			chunk.data = out.byteLength * 2 < out.buffer.byteLength ? new Uint8Array(out) : out;
			chunk.compressed = true;
			this.stats.compressed++;
			this.stats.bytesKept -= chunk.size - out.byteLength;
			if (this.lastChunk === chunk) this.lastChunk = undefined;
		});
	}
}
