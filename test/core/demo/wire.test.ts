import {describe, expect, it} from 'vitest';
import {createDemoStream} from '../../../source/core/demo/index.js';
import {decodeRecord} from '../../../source/core/formats/index.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('s1-dv packets are capped by their compressed size', {timeout: 30_000}, () => {
	it('splits a flush that is over the cap into more packets, every event kept in order', () => {
		const cap = 8 * 1024;
		const uncapped = createDemoStream({format: 's1-dv', maxPacketBytes: Number.MAX_SAFE_INTEGER}).flush(2000, NOW);
		// The flush is big enough that one packet per host exceeds the cap.
		expect(Math.max(...uncapped.map(m => m.value.length))).toBeGreaterThan(cap);

		const capped = createDemoStream({format: 's1-dv', maxPacketBytes: cap}).flush(2000, NOW);
		expect(capped.length).toBeGreaterThan(uncapped.length);
		for (const m of capped) expect(m.value.length).toBeLessThanOrEqual(cap);
		expect(capped.reduce((sum, m) => sum + m.events, 0)).toBe(2000);

		const decoded = (messages: typeof capped) =>
			messages.flatMap(m =>
				decodeRecord({value: m.value, receivedAt: NOW}).map(e => `${m.key} ${e.category} ${e.summary}`),
			);
		const a = decoded(capped);
		expect(a).toHaveLength(2000);
		// The same events in the same per-host order: the split packets follow each other.
		expect(a).toEqual(decoded(uncapped));
	});

	it('numbers the split packets of a host one after another', () => {
		const messages = createDemoStream({format: 's1-dv', maxPacketBytes: 4 * 1024}).flush(2000, NOW);
		const seqs = new Map<string, number[]>();
		for (const m of messages) {
			const [ev] = decodeRecord({value: m.value, receivedAt: NOW});
			const seq = (ev?.raw as {meta?: {seqId?: number}} | undefined)?.meta?.seqId;
			seqs.set(m.key, [...(seqs.get(m.key) ?? []), Number(seq)]);
		}
		for (const list of seqs.values()) expect(list).toEqual(list.map((_, i) => i + 1));
	});
});
