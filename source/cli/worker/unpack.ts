// The screen's side of a batch: events rebuilt as EdrEvent objects with one copy of each repeated
// string, hits rebuilt from their templates, and `raw` decoded on demand from the record's bytes.
// The bytes of a batch are compressed in the background (libuv's pool, not this thread) when that
// pays, so a buffer of 100,000 JSON events does not hold 100,000 JSON texts in full. Brotli at
// quality 1, measured on batches of demo CF2 and Sysmon JSON: two to three times as fast as
// deflate at level 1 and 20-50% smaller (10% of the JSON where deflate kept 17%): its window spans
// the whole batch, where deflate's is 32 KiB, and a batch's events repeat each other's keys,
// hosts, paths and command lines. Batches are compressed together, in blocks of about 256 KiB:
// a Kafka fetch at 10,000 events/s carries a dozen events, and starting one compression per batch
// cost the screen's thread 0.2 ms each, a sixth of its busy time (docs/stack.md, section 10).
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

/** One batch's record bytes: its own, or, once its block is compressed, a place in that block. */
interface Chunk {
	reader: BatchReader;
	/** Its bytes until its block is compressed; then empty. */
	data: Uint8Array;
	block: Block | undefined;
	/** Where its bytes start in its block's decompressed bytes. */
	offset: number;
	/** Bytes before compression. */
	size: number;
}

/** The bytes of consecutive batches, compressed as one. Alive while any of its batches' events are. */
interface Block {
	data: Uint8Array;
}

const EMPTY = new Uint8Array(0);

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
/** A block smaller than this is kept as it is: compression would save little. */
const COMPRESS_MIN_BYTES = 4096;
/** Batches are gathered into a block of at least this many bytes before it is compressed. */
const BLOCK_BYTES = 256 * 1024;
/** A block that is not full is compressed this long after its first batch came (a slow stream). */
const BLOCK_WAIT_MS = 1000;
/** Kept compressed only when it saves at least this share. */
const COMPRESS_MAX_RATIO = 0.7;
/** After a block that did not compress (s1-dv packets are zlib already), skip this many batches. */
const COMPRESS_BACKOFF = 32;
/** Brotli's quality 1: qualities 2 and 3 kept 1-9% less for two to three times the time. */
const BROTLI_QUALITY = 1;

export interface BatchReaderOptions {
	/** The decode options the pipeline thread used: `raw` must decode the same way. */
	decode: DecodeOptions;
	/** Compress record bytes in the background (default true). */
	compress?: boolean;
	/** Tests: the bytes a block gathers before it is compressed, and how long a block waits to fill, ms. */
	blockBytes?: number;
	blockWaitMs?: number;
}

export class BatchReader {
	private readonly pool = new InternPool();
	private readonly templates: HitTemplate[] = [];
	private readonly processes = new Map<number, ProcessInfo>();
	private readonly compress: boolean;
	private readonly blockBytes: number;
	private readonly blockWaitMs: number;
	private backoff = 0;
	/**
	 * Batches read; batches kept compressed and the blocks they are in; record bytes received and
	 * kept (after compression), since start.
	 */
	readonly stats = {batches: 0, compressed: 0, blocks: 0, bytesIn: 0, bytesKept: 0};
	// The last record decoded for `raw` and the last chunk decompressed: reading the events of one
	// record or one batch in a row (export, copy) decodes and decompresses each once.
	private lastRecord: RecordRef | undefined;
	private lastDecoded: DecodedEvent[] = [];
	private lastBlock: Block | undefined;
	private lastDecompressed: Uint8Array | undefined;
	// The batches waiting for their block to fill.
	private pending: Chunk[] = [];
	private pendingBytes = 0;
	private pendingTimer: NodeJS.Timeout | undefined;

	constructor(private readonly options: BatchReaderOptions) {
		this.compress = options.compress !== false;
		this.blockBytes = options.blockBytes ?? BLOCK_BYTES;
		this.blockWaitMs = options.blockWaitMs ?? BLOCK_WAIT_MS;
	}

	read(message: BatchMessage): EdrEvent[] {
		for (const [i, t] of message.templates) this.templates[i] = t;
		const size = message.bytes.byteLength;
		const chunk: Chunk = {reader: this, data: new Uint8Array(message.bytes), block: undefined, offset: 0, size};
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
		const block = chunk.block;
		if (block === undefined) return chunk.data.subarray(record.start, record.end);
		if (this.lastBlock !== block) {
			this.lastDecompressed = brotliDecompressSync(block.data);
			this.lastBlock = block;
		}
		return this.lastDecompressed!.subarray(chunk.offset + record.start, chunk.offset + record.end);
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
		if (!this.compress || chunk.size === 0) return;
		if (this.backoff > 0) {
			this.backoff--;
			return;
		}
		this.pending.push(chunk);
		this.pendingBytes += chunk.size;
		if (this.pendingBytes >= this.blockBytes) this.compressPending();
		else this.pendingTimer ??= setTimeout(() => this.compressPending(), this.blockWaitMs).unref();
	}

	/** Compresses the waiting batches as one block, in the background. */
	private compressPending(): void {
		clearTimeout(this.pendingTimer);
		this.pendingTimer = undefined;
		const chunks = this.pending;
		const size = this.pendingBytes;
		this.pending = [];
		this.pendingBytes = 0;
		if (size < COMPRESS_MIN_BYTES) return;
		const input = chunks.length === 1 ? chunks[0]!.data : new Uint8Array(size);
		const offsets: number[] = [];
		let at = 0;
		for (const c of chunks) {
			offsets.push(at);
			if (input !== c.data) input.set(c.data, at);
			at += c.size;
		}
		const params = {
			[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
			[constants.BROTLI_PARAM_SIZE_HINT]: size,
		};
		brotliCompress(input, {params}, (error, out) => {
			if (error || out.byteLength > size * COMPRESS_MAX_RATIO) {
				this.backoff = COMPRESS_BACKOFF;
				return;
			}
			// A small result may be a view of zlib's 16 KiB output buffer: keep only its own bytes.
			const block: Block = {data: out.byteLength * 2 < out.buffer.byteLength ? new Uint8Array(out) : out};
			chunks.forEach((c, i) => {
				c.block = block;
				c.offset = offsets[i]!;
				c.data = EMPTY;
			});
			this.stats.compressed += chunks.length;
			this.stats.blocks++;
			this.stats.bytesKept -= size - out.byteLength;
		});
	}
}
