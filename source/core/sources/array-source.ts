import type {RawRecord} from '../event.js';
import type {EventSource} from './event-source.js';

/**
 * The in-memory source (the test double of every other source): delivers the given records in
 * batches, then ends. Values may be objects, which are sent as their JSON text.
 */
export function createArraySource(
	items: ReadonlyArray<RawRecord | object | string>,
	options: {batchSize?: number; label?: string} = {},
): EventSource {
	let stopped = false;
	return {
		label: options.label ?? `array (${items.length})`,
		async start(sink) {
			sink.status({state: 'reading'});
			const batchSize = options.batchSize ?? 500;
			for (let i = 0; i < items.length && !stopped; i += batchSize) {
				sink.records(items.slice(i, i + batchSize).map(toRecord));
			}
			if (!stopped) {
				sink.status({state: 'ended'});
				sink.end();
			}
		},
		async stop() {
			stopped = true;
		},
	};
}

function toRecord(item: RawRecord | object | string): RawRecord {
	if (typeof item === 'string') return {value: item, receivedAt: Date.now()};
	if ('value' in item && 'receivedAt' in item) return item as RawRecord;
	return {value: JSON.stringify(item), receivedAt: Date.now()};
}
