import type {Readable} from 'node:stream';
import type {EventSource} from './event-source.js';
import {TextRecordReader} from './text-stream.js';

/** JSON documents from a stream, e.g. `kcat -C -b ... -t ... | edrtail -`. */
export function createStreamSource(input: Readable, label = 'stdin'): EventSource {
	let onData: ((chunk: Buffer) => void) | undefined;
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
			input.once('end', () => {
				const rest = reader.end();
				if (rest.length) sink.records(rest);
				sink.status({state: 'ended'});
				sink.end();
			});
			input.once('error', error => sink.status({state: 'error', reason: `${label}: ${error.message}`}));
		},
		async stop() {
			if (onData) input.off('data', onData);
			input.pause();
		},
	};
}
