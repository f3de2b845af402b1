// One fetched batch -> the records the pipeline gets, with their Kafka coordinates.
import type {Batch, KafkaMessage} from '../../kafka/index.js';
import type {KafkaHeader, KafkaMeta, RawRecord, TimestampType} from '../../event.js';

/** Messages of one fetched batch -> records; drops what was already delivered or lies past the end. */
export function toRecords(batch: Batch, position: bigint | undefined, end: bigint | undefined): RawRecord[] {
	const out: RawRecord[] = [];
	const receivedAt = Date.now();
	const first = batch.firstOffset();
	const check = end !== undefined || (position !== undefined && first !== null && BigInt(first) < position);
	for (const m of batch.messages) {
		if (check) {
			const offset = BigInt(m.offset);
			if (position !== undefined && offset < position) continue;
			if (end !== undefined && offset >= end) continue;
		}
		out.push({
			value: m.value,
			receivedAt,
			kafka: {
				topic: batch.topic,
				partition: batch.partition,
				offset: m.offset,
				timestamp: Number(m.timestamp),
				timestampType: timestampTypeOf(m),
			},
			kafkaMeta: metaOf(m),
		});
	}
	return out;
}

/**
 * The message's key and headers, or undefined when it has neither (most EDR exports). The bytes
 * are kafkajs's (views into the fetch): whoever keeps them beyond the batch copies them.
 */
export function metaOf(m: KafkaMessage): KafkaMeta | undefined {
	const key = m.key ?? undefined;
	let headers: KafkaHeader[] | undefined;
	const h = m.headers;
	if (h)
		for (const name in h) {
			const v = h[name];
			for (const one of Array.isArray(v) ? v : [v])
				(headers ??= []).push(
					one === undefined || one === null ? {name} : {name, value: typeof one === 'string' ? Buffer.from(one) : one},
				);
		}
	if (key === undefined && headers === undefined) return undefined;
	return headers === undefined ? {key} : key === undefined ? {headers} : {key, headers};
}

/**
 * The offset after the batch, counting control records (transaction markers) as read too, or
 * --exit-at-end would wait forever behind them; undefined for a batch with nothing at all.
 */
export function nextOffsetAfter(batch: Batch): bigint | undefined {
	if ((batch as Batch & {isEmptyIncludingFiltered(): boolean}).isEmptyIncludingFiltered()) return undefined;
	return BigInt(batch.lastOffset()) + 1n;
}

/**
 * v2 record batches carry the type in their attributes (bit 3), which kafkajs exposes as
 * batchContext.timestampType; v1 messages carry the same bit in their own attributes.
 */
export function timestampTypeOf(m: KafkaMessage): TimestampType {
	const context = (m as {batchContext?: {timestampType?: number}}).batchContext;
	const v1 = (m as {magicByte?: number}).magicByte === 1;
	const bit = context?.timestampType ?? (v1 ? (m.attributes & 0x08) >> 3 : undefined);
	return bit === 0 ? 'CreateTime' : bit === 1 ? 'LogAppendTime' : 'unknown';
}

/**
 * Records in slices of about `maxBytes` of values (at least one record each), in order. Handed on
 * one slice at a time, what decoding a slice makes dies young: a whole 1 MiB batch of s1-dv
 * packets inflates to thousands of events, which would outlive the young generation and cost
 * full collections.
 */
export function sliceRecords(records: RawRecord[], maxBytes: number): RawRecord[][] {
	const slices: RawRecord[][] = [];
	let slice: RawRecord[] = [];
	let bytes = 0;
	for (const record of records) {
		const size = record.value?.length ?? 0;
		if (slice.length > 0 && bytes + size > maxBytes) {
			slices.push(slice);
			slice = [];
			bytes = 0;
		}
		slice.push(record);
		bytes += size;
	}
	if (slice.length > 0 || slices.length === 0) slices.push(slice);
	return slices;
}
