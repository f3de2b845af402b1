// Each format's process identity, which the process tree joins on: the unique process key and the
// start time, decoded from the demo's wire formats and kept by a saved line.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../../source/core/event.js';
import {createDemoStream, type DemoWireFormat} from '../../../source/core/demo/index.js';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {serializeJsonLine} from '../../../source/core/view/json-line.js';

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);

function decodedDemo(format: DemoWireFormat, n: number): EdrEvent[] {
	const stream = createDemoStream({seed: 1, format, startTime: T0});
	const out: EdrEvent[] = [];
	let seq = 0;
	for (let i = 0; out.length < n && i < 10 * n; i++)
		for (const m of stream.flush(20, T0 + i * 1000))
			for (const d of decodeRecord({value: m.value, receivedAt: T0 + i * 1000})) out.push({...d, seq: ++seq});
	return out;
}

describe('the identity each format carries', {timeout: 30_000}, () => {
	for (const format of ['s1-dv', 's1-cf2', 'sysmon'] as const)
		it(`${format}: processes have their unique key${format === 'sysmon' ? '' : ' and start time'}`, () => {
			const created = decodedDemo(format, 600).filter(e => e.category === 'Process Creation');
			expect(created.length).toBeGreaterThan(5);
			for (const e of created) {
				expect(e.target.process?.uid).toBeTruthy();
				expect(e.actor?.uid).toBeTruthy();
				if (format === 'sysmon') expect(e.target.process?.startTime).toBe(e.time);
				else expect(e.target.process?.startTime).toBeGreaterThan(0);
			}
		});

	it('a saved line keeps them', () => {
		const e = decodedDemo('s1-dv', 200).find(x => x.category === 'Process Creation')!;
		const back = decodeRecord({value: serializeJsonLine(e), receivedAt: T0})[0]!;
		expect(back.format).toBe('s1-dv');
		expect(back.target.process).toMatchObject({uid: e.target.process!.uid, startTime: e.target.process!.startTime});
	});
});
