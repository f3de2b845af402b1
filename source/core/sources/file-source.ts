import {createReadStream, promises as fs, type Stats} from 'node:fs';
import {createGunzip} from 'node:zlib';
import type {Readable} from 'node:stream';
import type {EventSource, RecordSink} from './event-source.js';
import {TextRecordReader} from './text-stream.js';

export interface FileSourceOptions {
	path: string;
	/**
	 * Keep reading as the file grows, by name like `tail -F`: after a rotation (`mv f f.1`, a new
	 * `f`) or a delete and re-create, the rest of the old file is read, then the new file from its
	 * start; a file truncated in place is read again from its start.
	 */
	follow?: boolean;
	pollMs?: number;
}

const CHUNK = 256 * 1024;

/** NDJSON, a JSON array, or concatenated/pretty JSON documents; `.gz` is inflated on the fly. */
export function createFileSource(options: FileSourceOptions): EventSource {
	const {path, follow = false, pollMs = 250} = options;
	const gz = path.endsWith('.gz');
	let stopped = false;
	let paused = false;
	let wake: (() => void) | undefined;
	/** Resolves once not paused (or stopped): the follow loop waits here before each read. */
	const whilePaused = async () => {
		while (paused && !stopped) await new Promise<void>(resolve => (wake = resolve));
	};
	let stream: Readable | undefined;
	let timer: NodeJS.Timeout | undefined;
	let followed: Followed | undefined;

	const readAll = (sink: RecordSink, reader: TextRecordReader) =>
		new Promise<void>((resolve, reject) => {
			const raw = createReadStream(path, {highWaterMark: CHUNK});
			stream = gz ? raw.pipe(createGunzip()) : raw;
			stream.on('data', (chunk: Buffer) => {
				const records = reader.push(chunk);
				if (records.length) sink.records(records);
			});
			if (paused) stream.pause();
			stream.on('end', () => resolve());
			stream.on('error', reject);
			raw.on('error', reject);
		});

	const runFollow = async (sink: RecordSink) => {
		followed = await Followed.open(path, sink, whilePaused);
		await followed.drain();
		sink.status({state: 'following'});
		const poll = async () => {
			if (stopped || !followed) return;
			try {
				await followed.poll();
			} catch (error) {
				if (!stopped) followed.report(`cannot read ${path}: ${(error as Error).message}`, 'error');
			}
			if (!stopped) timer = setTimeout(poll, pollMs);
		};
		timer = setTimeout(poll, pollMs);
	};

	return {
		label: `file ${path}${follow ? ' (follow)' : ''}`,
		async start(sink) {
			await fs.access(path).catch(() => {
				throw new Error(`cannot read ${path}: no such file or no permission`);
			});
			if (follow && gz) throw new Error('--follow cannot tail a .gz file');
			sink.status({state: 'reading'});
			const run = async () => {
				try {
					if (follow) return await runFollow(sink);
					const reader = new TextRecordReader(path);
					await readAll(sink, reader);
					const rest = reader.end();
					if (rest.length) sink.records(rest);
					sink.status({state: 'ended'});
					sink.end();
				} catch (error) {
					sink.status({state: 'error', reason: `cannot read ${path}: ${(error as Error).message}`});
					sink.end();
				}
			};
			void run();
		},
		async stop() {
			stopped = true;
			wake?.();
			if (timer) clearTimeout(timer);
			stream?.destroy();
			await followed?.close();
		},
		// Pausing the (gunzip) stream stops the file reads behind it too: pipe() passes it on.
		pause() {
			paused = true;
			stream?.pause();
		},
		resume() {
			paused = false;
			wake?.();
			wake = undefined;
			if (!stopped) stream?.resume();
		},
	};
}

const sameFile = (a: Stats, b: Stats) => a.ino === b.ino && a.dev === b.dev;

/**
 * The file being followed: an open handle, so a renamed or deleted file can still be read to its
 * end, and the name, checked on every poll for a different file behind it (tail -F).
 */
class Followed {
	private offset = 0;
	private reader: TextRecordReader;
	private readonly buffer = Buffer.allocUnsafe(CHUNK);
	private reason: string | undefined;
	private closed = false;

	private constructor(
		private readonly path: string,
		private readonly sink: RecordSink,
		/** Waits while the source is paused. */
		private readonly held: () => Promise<void>,
		private handle: fs.FileHandle,
		private stats: Stats,
	) {
		this.reader = new TextRecordReader(path);
	}

	static async open(path: string, sink: RecordSink, held: () => Promise<void>): Promise<Followed> {
		const handle = await fs.open(path, 'r');
		try {
			return new Followed(path, sink, held, handle, await handle.stat());
		} catch (error) {
			await handle.close();
			throw error;
		}
	}

	/** Reads what the open file holds past the offset. */
	async drain(): Promise<void> {
		for (;;) {
			await this.held();
			if (this.closed) return;
			const {bytesRead} = await this.handle.read(this.buffer, 0, CHUNK, this.offset);
			if (bytesRead === 0) return;
			this.offset += bytesRead;
			const records = this.reader.push(this.buffer.subarray(0, bytesRead));
			if (records.length) this.sink.records(records);
		}
	}

	async poll(): Promise<void> {
		const {size} = await this.handle.stat();
		if (size < this.offset) {
			// Truncated in place (copytruncate): start over; a half document before the cut is its own piece.
			this.flushReader();
			this.offset = 0;
		}
		await this.drain();
		let named: Stats;
		try {
			named = await fs.stat(this.path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			// Renamed or deleted, no new file yet: keep reading the old one until one appears.
			this.report(`${this.path} is gone; waiting for it to appear again`, 'following');
			return;
		}
		if (!sameFile(named, this.stats)) await this.switchTo();
		else this.report(undefined, 'following');
	}

	/** A different file has the name now: the old one to its end, then the new one from its start. */
	private async switchTo(): Promise<void> {
		const next = await fs.open(this.path, 'r');
		let stats: Stats;
		try {
			stats = await next.stat();
			await this.drain();
		} catch (error) {
			await next.close();
			throw error;
		}
		this.flushReader();
		await this.handle.close().catch(() => undefined);
		this.handle = next;
		this.stats = stats;
		this.offset = 0;
		this.report(undefined, 'following');
		await this.drain();
	}

	/**
	 * The unterminated end of what was read goes on as its own piece, never glued to what follows;
	 * the next bytes start a new stream (a new file, or the truncated one from its start).
	 */
	private flushReader(): void {
		const rest = this.reader.end();
		if (rest.length) this.sink.records(rest);
		this.reader = new TextRecordReader(this.path);
	}

	report(reason: string | undefined, state: 'following' | 'error'): void {
		if (reason === this.reason) return;
		this.reason = reason;
		this.sink.status(reason ? {state, reason} : {state: 'following'});
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.handle.close().catch(() => undefined);
	}
}
