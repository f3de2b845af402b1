// Demo events -> Kafka message values in one of the wire formats. s1-dv packs one packet per host
// per flush (as the agent ships a batch of its events); CF2 and Sysmon are one JSON object per
// message. Keeps the per-host packet sequence and the Sysmon record numbers across flushes.
import {encodeDvPacket} from '../formats/index.js';
import type {DemoEvent} from './model.js';
import {cf2Object} from './render-cf2.js';
import {dvEvent, dvMeta} from './render-dv.js';
import {sysmonObject} from './render-sysmon.js';
import {stableHex} from './prng.js';

export type DemoWireFormat = 's1-dv' | 's1-cf2' | 'sysmon';
export const DEMO_WIRE_FORMATS: readonly DemoWireFormat[] = ['s1-dv', 's1-cf2', 'sysmon'];
export const DEFAULT_DEMO_FORMAT: DemoWireFormat = 's1-dv';

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

export function createWireEncoder(format: DemoWireFormat): WireEncoder {
	const packetSeq = new Map<string, number>();
	let recordId = 1_000_000;
	let eventCount = 0;
	return {
		encode(events, now) {
			const out: WireMessage[] = [];
			if (format === 's1-dv') {
				const byHost = new Map<string, DemoEvent[]>();
				for (const ev of events) {
					const list = byHost.get(ev.host.name);
					if (list) list.push(ev);
					else byHost.set(ev.host.name, [ev]);
				}
				for (const [name, list] of byHost) {
					const seq = (packetSeq.get(name) ?? 0) + 1;
					packetSeq.set(name, seq);
					const first = list[0]!; // a host's list is made with its first event
					const packet = {meta: {...dvMeta(first.host, seq), traceId: stableHex(`${name}:${seq}:${first.time}`, 32)}, events: list.map(dvEvent), version: 'EXPORT_20' as const};
					out.push({key: name, value: encodeDvPacket(packet), events: list.length});
				}
				return out;
			}
			for (const ev of events) {
				eventCount++;
				if (format === 's1-cf2') {
					const ingest = ev.time + Math.max(0, Math.round((now - ev.time) * 0.6));
					const id = `01${stableHex(`${ev.host.agentUuid}:${eventCount}`, 24).toUpperCase()}`;
					out.push({key: ev.host.name, value: JSON.stringify(cf2Object(ev, id, ingest)), events: 1});
				} else {
					const obj = sysmonObject(ev, ++recordId);
					if (obj) out.push({key: ev.host.name, value: JSON.stringify(obj), events: 1});
				}
			}
			return out;
		},
	};
}
