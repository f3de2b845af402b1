// Random bytes and mutations of valid packets and JSON: decodeRecord must never throw and must
// always return well-formed events. Seeded, so a failure replays.
import {deflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {CATEGORIES, FAMILIES, FORMAT_NAMES, familyOf} from '../../../source/core/event.js';
import {decodeRecord, encodeDvPacket, type DecodedEvent} from '../../../source/core/formats/index.js';
import {CATEGORY_CASES, cf2Common, DV_META, EVENT_TIME} from '../../fixtures/formats/categories.js';
import {SYSMON_EVTX, SYSMON_WINLOGBEAT} from '../../fixtures/formats/sysmon.js';
import {API_PROCESS_CREATION} from '../../fixtures/formats/s1-api.js';
import {MDE_CASES, mdeMessage, mdeRecord} from '../../fixtures/formats/mde.js';
import {CS_CASES, csEvent} from '../../fixtures/formats/cs-fdr.js';
import {OCSF_CASES} from '../../fixtures/formats/ocsf.js';
import {WLB_CASES} from '../../fixtures/formats/winlogbeat.js';
import {createRng} from '../../../source/core/demo/index.js';
import {itemAt} from '../../helpers/lists.js';

// The demo's seeded PRNG (mulberry32), so a failure names its seed and replays.
const prng = (seed: number): (() => number) => createRng(seed).next;

const rand = prng(0x5eed);
const int = (n: number) => Math.floor(rand() * n);

const rawPacket = Buffer.from(
	encodeDvPacket(
		{
			meta: DV_META,
			events: CATEGORY_CASES.map(c => ({timestamp: {millisecondsSinceEpoch: EVENT_TIME}, [c.dvMember]: c.dv})),
		},
		{compress: false},
	),
);
const seeds: Buffer[] = [
	rawPacket,
	deflateSync(rawPacket),
	Buffer.from(JSON.stringify({...cf2Common(), ...itemAt(CATEGORY_CASES, 0).cf2})),
	Buffer.from(
		CATEGORY_CASES.slice(0, 4)
			.map(c => JSON.stringify({...cf2Common(), ...c.cf2}))
			.join('\n'),
	),
	Buffer.from(JSON.stringify(SYSMON_EVTX)),
	Buffer.from(JSON.stringify(SYSMON_WINLOGBEAT)),
	Buffer.from(JSON.stringify(API_PROCESS_CREATION)),
	Buffer.from(mdeMessage(...MDE_CASES.slice(0, 6).map(c => mdeRecord(c.table, c.properties)))),
	Buffer.from(JSON.stringify(csEvent('ProcessRollup2', itemAt(CS_CASES, 0).fields))),
	Buffer.from(JSON.stringify(itemAt(OCSF_CASES, 0).value)),
	// Every shape of the vendor formats: MDE tables, FDR events (module loads, registry keys) as
	// NDJSON, OCSF classes (Module Activity too) as a JSON array, Winlogbeat 8's raw events.
	Buffer.from(mdeMessage(...MDE_CASES.map(c => mdeRecord(c.table, c.properties)))),
	Buffer.from(CS_CASES.map(c => JSON.stringify(csEvent(c.name.split(' ')[0]!, c.fields))).join('\n')),
	Buffer.from(JSON.stringify(OCSF_CASES.map(c => c.value))),
	Buffer.from(WLB_CASES.map(c => JSON.stringify(c.value)).join('\n')),
];
const anySeed = () => itemAt(seeds, int(seeds.length));

function mutate(input: Buffer): Buffer {
	const b = Buffer.from(input);
	switch (int(6)) {
		case 0: {
			// bit flips
			const flips = 1 + int(8);
			for (let i = 0; i < flips; i++) {
				// Past the end (an empty buffer) the write is dropped, as a typed array does.
				const at = int(b.length);
				b[at] = (b[at] ?? 0) ^ (1 << int(8));
			}
			return b;
		}
		case 1:
			return b.subarray(0, int(b.length));
		case 2: {
			// splice two seeds
			const other = anySeed();
			return Buffer.concat([b.subarray(0, int(b.length)), other.subarray(int(other.length))]);
		}
		case 3: {
			// overwrite a run with random bytes
			const start = int(b.length);
			const len = Math.min(1 + int(32), b.length - start);
			for (let i = 0; i < len; i++) b[start + i] = int(256);
			return b;
		}
		case 4: {
			// duplicate a slice in place (repeated fields, lengths off)
			const start = int(b.length);
			const slice = b.subarray(start, start + int(64));
			return Buffer.concat([b.subarray(0, start), slice, slice, b.subarray(start)]);
		}
		default: {
			const bytes = Buffer.alloc(int(256));
			for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
			return bytes;
		}
	}
}

function checkWellFormed(events: DecodedEvent[]): void {
	expect(Array.isArray(events)).toBe(true);
	for (const ev of events) {
		expect(CATEGORIES).toContain(ev.category);
		expect(FAMILIES).toContain(ev.family);
		expect(ev.family).toBe(familyOf(ev.category));
		expect([...FORMAT_NAMES, 'undecodable']).toContain(ev.format);
		expect(typeof ev.summary).toBe('string');
		expect(ev.summary.length).toBeLessThanOrEqual(500);
		expect(ev.summary.includes('\n')).toBe(false);
		expect(ev.hits).toEqual([]);
		expect(typeof ev.target).toBe('object');
		expect(ev.receivedAt).toBe(1);
		if (ev.time !== undefined) expect(Number.isFinite(ev.time)).toBe(true);
		if (ev.category === 'undecodable') {
			expect(typeof ev.undecodable?.reason).toBe('string');
			expect(typeof ev.undecodable?.size).toBe('number');
			expect(ev.undecodable!.preview.length).toBeLessThanOrEqual(64 * 4 + 1);
			// The last-resort catch in decodeRecord must never be what saved us.
			expect(ev.undecodable!.reason.startsWith('decoder error')).toBe(false);
		}
		// The --json line must serialise.
		expect(() => JSON.stringify(ev)).not.toThrow();
	}
}

// About 3 s on an idle 2-core machine (vitest's 5 s default failed it on a busy one): its own timeout.
describe('fuzz', {timeout: 30_000}, () => {
	it('never throws on 3,000 mutated packets, JSON and random bytes', () => {
		let events = 0;
		let undecodable = 0;
		for (let i = 0; i < 3000; i++) {
			const input = mutate(anySeed());
			const asString = int(8) === 0;
			const out = decodeRecord({value: asString ? input.toString('latin1') : input, receivedAt: 1});
			checkWellFormed(out);
			events += out.length;
			undecodable += out.filter(e => e.category === 'undecodable').length;
		}
		// The mix must exercise both outcomes, or the fuzzer is not reaching the decoders.
		expect(undecodable).toBeGreaterThan(100);
		expect(events - undecodable).toBeGreaterThan(100);
	});

	it('never throws on mutations under every forced format', () => {
		for (const format of [...FORMAT_NAMES, 'auto'] as const) {
			for (let i = 0; i < 150; i++) checkWellFormed(decodeRecord({value: mutate(anySeed()), receivedAt: 1}, {format}));
		}
	});
});
