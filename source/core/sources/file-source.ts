import {createReadStream, promises as fs} from 'node:fs';
import {createGunzip} from 'node:zlib';
import type {Readable} from 'node:stream';
import type {EventSource, RecordSink} from './event-source.js';
import {TextRecordReader} from './text-stream.js';

export interface FileSourceOptions {
	path: string;
	/** Keep reading as the file grows (tail -f); survives truncation by starting over. */
	follow?: boolean;
	pollMs?: number;
}

/** NDJSON, a JSON array, or concatenated/pretty JSON documents; `.gz` is inflated on the fly. */
export function createFileSource(options: FileSourceOptions): EventSource {
	const {path, follow = false, pollMs = 250} = options;
	const gz = path.endsWith('.gz');
	let stopped = false;
	let stream: Readable | undefined;
	let timer: NodeJS.Timeout | undefined;

	const readRange = (sink: RecordSink, reader: TextRecordReader, start: number) =>
		new Promise<number>((resolve, reject) => {
			let read = 0;
			const raw = createReadStream(path, {start, highWaterMark: 256 * 1024});
			stream = gz ? raw.pipe(createGunzip()) : raw;
			raw.on('data', (c: Buffer | string) => (read += c.length));
			stream.on('data', (chunk: Buffer) => {
				const records = reader.push(chunk);
				if (records.length) sink.records(records);
			});
			stream.on('end', () => resolve(start + read));
			stream.on('error', reject);
			raw.on('error', reject);
		});

	return {
		label: `file ${path}${follow ? ' (follow)' : ''}`,
		async start(sink) {
			await fs.access(path).catch(() => {
				throw new Error(`cannot read ${path}: no such file or no permission`);
			});
			if (follow && gz) throw new Error('--follow cannot tail a .gz file');
			sink.status({state: 'reading'});
			const reader = new TextRecordReader(path);
			const run = async () => {
				try {
					let offset = await readRange(sink, reader, 0);
					if (!follow) {
						const rest = reader.end();
						if (rest.length) sink.records(rest);
						sink.status({state: 'ended'});
						sink.end();
						return;
					}
					sink.status({state: 'following'});
					const poll = async () => {
						if (stopped) return;
						try {
							const {size} = await fs.stat(path);
							if (size < offset) offset = 0; // truncated or replaced: read it again from the start
							if (size > offset) offset = await readRange(sink, reader, offset);
						} catch (error) {
							sink.status({state: 'error', reason: `cannot read ${path}: ${(error as Error).message}`});
						}
						if (!stopped) timer = setTimeout(poll, pollMs);
					};
					timer = setTimeout(poll, pollMs);
				} catch (error) {
					sink.status({state: 'error', reason: `cannot read ${path}: ${(error as Error).message}`});
					sink.end();
				}
			};
			void run();
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			stream?.destroy();
		},
	};
}
