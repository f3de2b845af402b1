// Placeholder decode entry: JSON -> "other", anything else -> "undecodable".
// The formats work (issue 3) replaces this with detection + one decoder per format.
import type {EdrEvent, FormatName, RawRecord} from '../event.js';

export interface DecodeOptions {
	/** Force one format instead of detecting per message. */
	format?: FormatName | 'auto';
	/** Cap on inflated size of a zlib payload, bytes. */
	maxInflateBytes?: number;
}

export type DecodedEvent = Omit<EdrEvent, 'seq'>;

/** Never throws: whatever cannot be read becomes one "undecodable" event. */
export function decodeRecord(record: RawRecord, _options: DecodeOptions = {}): DecodedEvent[] {
	const text = typeof record.value === 'string' ? record.value : record.value ? Buffer.from(record.value).toString('utf8') : '';
	try {
		const raw: unknown = JSON.parse(text);
		return [{category: 'other', family: 'other', format: 'json', receivedAt: record.receivedAt, kafka: record.kafka, target: {}, summary: text.slice(0, 200), hits: [], raw}];
	} catch (error) {
		return [{category: 'undecodable', family: 'undecodable', format: 'undecodable', receivedAt: record.receivedAt, kafka: record.kafka, target: {}, summary: 'undecodable', hits: [], raw: null, undecodable: {reason: String(error), size: text.length, preview: text.slice(0, 80)}}];
	}
}

export {encodeDvPacket, registryDataHex, registryDwordHex} from './s1-dv/packet.js';
export type {DvPacketInit, DvEventInit, DvMetaInit, DvProcess, DvFile, DvEventMember} from './s1-dv/packet.js';
