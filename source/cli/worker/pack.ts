// The pipeline thread's side of a batch: events stripped of what the screen does not keep (the
// parsed raw object, Sysmon's Sigma-named copy of EventData), the record bytes in one buffer to
// transfer, rule hits as template indexes.
import type {EdrEvent, MatchedField, RawRecord} from '../../core/event.js';
import type {FromThread, HitTemplate, PackedEvent, PackedRecord} from './protocol.js';

export interface RecordOrigin {
	record: RawRecord;
	/** How many events decode gave for it (they follow one another in the events list). */
	count: number;
}

export type BatchMessage = Extract<FromThread, {type: 'batch'}>;

export class BatchPacker {
	private readonly templates = new Map<string, number>();

	/** `events` in order, `origins` the records they came from in the same order. */
	pack(events: readonly EdrEvent[], origins: readonly RecordOrigin[], skipped: number): BatchMessage {
		const records: PackedRecord[] = [];
		const packed: PackedEvent[] = new Array(events.length);
		const newTemplates: Array<[number, HitTemplate]> = [];
		const keep: Array<{value: Uint8Array | string; at: number}> = [];
		let size = 0;
		let k = 0;
		for (const {record, count} of origins) {
			if (count === 0) continue;
			const r = records.length;
			let hasRaw = false;
			for (let i = 0; i < count; i++) {
				const ev = events[k + i]!;
				if (ev.raw !== null && ev.raw !== undefined) hasRaw = true;
				packed[k + i] = this.packEvent(ev, r, i, newTemplates);
			}
			k += count;
			const entry: PackedRecord = {receivedAt: record.receivedAt, kafka: record.kafka, start: -1, end: -1};
			const value = record.value;
			if (hasRaw && value !== null && value !== undefined) {
				const length = typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength;
				entry.start = size;
				entry.end = size + length;
				keep.push({value, at: size});
				size += length;
			}
			records.push(entry);
		}
		const bytes = new ArrayBuffer(size);
		const view = Buffer.from(bytes);
		for (const {value, at} of keep) {
			if (typeof value === 'string') view.write(value, at, 'utf8');
			else view.set(value, at);
		}
		return {
			type: 'batch',
			firstSeq: events[0]?.seq ?? 0,
			events: packed,
			records,
			bytes,
			templates: newTemplates,
			skipped,
		};
	}

	private packEvent(ev: EdrEvent, r: number, i: number, newTemplates: Array<[number, HitTemplate]>): PackedEvent {
		let h: Array<[number, MatchedField[]]> | undefined;
		if (ev.hits.length) {
			h = [];
			for (const hit of ev.hits) {
				const {fields, ...template} = hit;
				const key = JSON.stringify(template);
				let t = this.templates.get(key);
				if (t === undefined) {
					t = this.templates.size;
					this.templates.set(key, t);
					newTemplates.push([t, template]);
				}
				h.push([t, fields]);
			}
		}
		return {
			category: ev.category,
			family: ev.family,
			format: ev.format,
			subtype: ev.subtype,
			time: ev.time,
			ingestTime: ev.ingestTime,
			host: ev.host,
			os: ev.os,
			agentId: ev.agentId,
			user: ev.user,
			actor: ev.actor,
			parent: ev.parent,
			target: ev.target,
			summary: ev.summary,
			undecodable: ev.undecodable,
			r,
			i,
			h,
		};
	}
}
