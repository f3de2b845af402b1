// Demo events -> Kafka message values in one of the wire formats. s1-dv packs one packet per host
// per flush (as the agent ships a batch of its events), MDE one {"records": [...]} message per
// host; CF2, Sysmon, CrowdStrike FDR and OCSF are one JSON object per message. Keeps the per-host
// packet sequence and the Sysmon record numbers across flushes.
// A packet is capped by its compressed size, as an agent's are: a flush that fell far behind its
// rate is split into more packets instead of one that the broker refuses (1 MiB by default).
import {encodeDvPacket, type DvEventInit} from '../formats/index.js';
import type {DemoEvent} from './model.js';
import {cf2Object} from './render-cf2.js';
import {dvEvent, dvMeta} from './render-dv.js';
import {sysmonObject} from './render-sysmon.js';
import {csFdrObject} from './render-cs-fdr.js';
import {mdeMessage} from './render-mde.js';
import {ocsfObject} from './render-ocsf.js';
import {stableHex} from './prng.js';

export type DemoWireFormat = 's1-dv' | 's1-cf2' | 'sysmon' | 'mde' | 'cs-fdr' | 'ocsf';
export const DEMO_WIRE_FORMATS: readonly DemoWireFormat[] = ['s1-dv', 's1-cf2', 'sysmon', 'mde', 'cs-fdr', 'ocsf'];
export const DEFAULT_DEMO_FORMAT: DemoWireFormat = 's1-dv';
/** The largest s1-dv packet the demo writes, compressed: half of Kafka's default message limit. */
export const MAX_DV_PACKET_BYTES = 512 * 1024;

const MDE_RECORDS_PER_MESSAGE = 200;

export interface WireMessage {
	/** The host name: keeps one endpoint's events in one partition, in order. */
	key: string;
	value: Uint8Array | string;
	/** Demo events this message carries. */
	events: number;
}

export interface WireEncoder {
	/**
	 * Encode a batch. `now` is when the batch leaves for Kafka (CF2's cloud ingest time falls
	 * between the event and it). Events a format has no rendering for are dropped.
	 */
	encode(events: readonly DemoEvent[], now: number): WireMessage[];
}

export interface WireEncoderOptions {
	/** s1-dv: the compressed size a packet stays within (a single event may exceed it). */
	maxPacketBytes?: number;
}

export function createWireEncoder(format: DemoWireFormat, options: WireEncoderOptions = {}): WireEncoder {
	const maxPacketBytes = options.maxPacketBytes ?? MAX_DV_PACKET_BYTES;
	const packetSeq = new Map<string, number>();
	let recordId = 1_000_000;
	let eventCount = 0;
	return {
		encode(events, now) {
			const out: WireMessage[] = [];
			// One host's events in order, as one packet or, over the cap, halves of it (each its own seq).
			const packets = (name: string, encoded: DvEventInit[], list: readonly DemoEvent[]): void => {
				const first = list[0]!; // never called with an empty list
				const seq = (packetSeq.get(name) ?? 0) + 1;
				const meta = {...dvMeta(first.host, seq), traceId: stableHex(`${name}:${seq}:${first.time}`, 32)};
				const value = encodeDvPacket({meta, events: encoded, version: 'EXPORT_20' as const});
				if (value.length > maxPacketBytes && list.length > 1) {
					const half = Math.ceil(list.length / 2);
					packets(name, encoded.slice(0, half), list.slice(0, half));
					packets(name, encoded.slice(half), list.slice(half));
					return;
				}
				packetSeq.set(name, seq);
				out.push({key: name, value, events: list.length});
			};
			if (format === 's1-dv') {
				const byHost = new Map<string, DemoEvent[]>();
				for (const ev of events) {
					const list = byHost.get(ev.host.name);
					if (list) list.push(ev);
					else byHost.set(ev.host.name, [ev]);
				}
				for (const [name, list] of byHost) packets(name, list.map(dvEvent), list);
				return out;
			}
			if (format === 'mde') {
				// The Streaming API batches a device's rows into one Event Hubs message.
				const byHost = new Map<string, DemoEvent[]>();
				for (const ev of events) {
					const list = byHost.get(ev.host.name);
					if (list) list.push(ev);
					else byHost.set(ev.host.name, [ev]);
				}
				// At most MDE_RECORDS_PER_MESSAGE rows a message, well under Kafka's 1 MiB default.
				for (const [name, list] of byHost) {
					for (let i = 0; i < list.length; i += MDE_RECORDS_PER_MESSAGE) {
						const m = mdeMessage(list.slice(i, i + MDE_RECORDS_PER_MESSAGE), now);
						if (m) out.push({key: name, ...m});
					}
				}
				return out;
			}
			for (const ev of events) {
				eventCount++;
				if (format === 's1-cf2') {
					const ingest = ev.time + Math.max(0, Math.round((now - ev.time) * 0.6));
					const id = `01${stableHex(`${ev.host.agentUuid}:${eventCount}`, 24).toUpperCase()}`;
					out.push({key: ev.host.name, value: JSON.stringify(cf2Object(ev, id, ingest)), events: 1});
				} else if (format === 'cs-fdr' || format === 'ocsf') {
					// The vendor's cloud stamps the event between the endpoint time and now.
					const cloud = ev.time + Math.max(0, Math.round((now - ev.time) * 0.6));
					const obj = format === 'cs-fdr' ? csFdrObject(ev, cloud) : ocsfObject(ev, cloud);
					if (obj) out.push({key: ev.host.name, value: JSON.stringify(obj), events: 1});
				} else {
					const obj = sysmonObject(ev, ++recordId);
					if (obj) out.push({key: ev.host.name, value: JSON.stringify(obj), events: 1});
				}
			}
			return out;
		},
	};
}
