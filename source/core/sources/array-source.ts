import type {RawRecord} from '../event.js';
import type {EventSource, RecordSink} from './event-source.js';

/**
 * The in-memory source (the test double of every other source): delivers the given records in
 * batches, then ends. Values may be objects, which are sent as their JSON text. Paused, it stops
 * between batches; resumed, it goes on from there (on a later tick, never inside the caller).
 */
export function createArraySource(
	items: ReadonlyArray<RawRecord | object | string>,
	options: {batchSize?: number; label?: string} = {},
): EventSource {
	const batchSize = options.batchSize ?? 500;
	let sink: RecordSink | undefined;
	let next = 0;
	let stopped = false;
	let paused = false;
	let delivering = false;
	let ended = false;

	const deliver = () => {
		if (!sink || delivering || ended) return;
		delivering = true;
		try {
			while (next < items.length && !stopped && !paused) {
				const batch = items.slice(next, next + batchSize);
				next += batch.length;
				sink.records(batch.map(toRecord));
			}
			if (next >= items.length && !stopped) {
				ended = true;
				sink.status({state: 'ended'});
				sink.end();
			}
		} finally {
			delivering = false;
		}
	};

	return {
		label: options.label ?? `array (${items.length})`,
		async start(to) {
			sink = to;
			to.status({state: 'reading'});
			deliver();
		},
		async stop() {
			stopped = true;
		},
		pause() {
			paused = true;
		},
		resume() {
			if (!paused) return;
			paused = false;
			setImmediate(deliver);
		},
	};
}

function toRecord(item: RawRecord | object | string): RawRecord {
	if (typeof item === 'string') return {value: item, receivedAt: Date.now()};
	if ('value' in item && 'receivedAt' in item) return item as RawRecord;
	return {value: JSON.stringify(item), receivedAt: Date.now()};
}
