import {describe, it, expect} from 'vitest';
import {sendSlices} from '../../../source/core/demo/producer.js';

describe('sendSlices', () => {
	it('keeps order and sends in slices under 512 KiB; a bigger message goes alone', () => {
		const kb = (n: number, key: string) => ({key, value: Buffer.alloc(n * 1024)});
		const slices = sendSlices([kb(200, 'a'), kb(200, 'b'), kb(200, 'c'), kb(600, 'd'), kb(1, 'e')]);
		expect(slices.map(s => s.map(m => m.key))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
		expect(sendSlices([])).toEqual([]);
	});
});
