import type {Readable} from 'node:stream';
import type {EventSource} from './event-source.js';
import {TextRecordReader} from './text-stream.js';

/** JSON documents from a stream, e.g. `kcat -C -b ... -t ... | edrtail -`. */
export function createStreamSource(input: Readable, label = 'stdin'): EventSource {
	let onData: ((chunk: Buffer) => void) | undefined;
	let stopped = false;
	let paused = false;
	return {
		label,
		async start(sink) {
			const reader = new TextRecordReader(label);
			sink.status({state: 'reading'});
			onData = chunk => {
				const records = reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
				if (records.length) sink.records(records);
			};
			input.on('data', onData);
			// Attaching 'data' set the stream flowing: a pause asked for before start holds it.
			if (paused) input.pause();
			input.once('end', () => {
				const rest = reader.end();
				if (rest.length) sink.records(rest);
				sink.status({state: 'ended'});
				sink.end();
			});
			input.once('error', error => sink.status({state: 'error', reason: `${label}: ${error.message}`}));
		},
		async stop() {
			stopped = true;
			if (onData) input.off('data', onData);
			input.pause();
		},
		// The stream's own flow control: a paused pipe fills and the writer upstream waits.
		pause() {
			paused = true;
			input.pause();
		},
		resume() {
			paused = false;
			if (!stopped && onData) input.resume();
		},
	};
}
