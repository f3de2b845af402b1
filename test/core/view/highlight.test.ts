import {describe, expect, it} from 'vitest';
import {segmentsOf} from '../../../source/core/view/highlight.js';
import {displayWidth} from '../../../source/core/view/width.js';

describe('segmentsOf', () => {
	it('splits text at the ranges', () => {
		expect(segmentsOf('run regsvr32 now', [[4, 12]])).toEqual([
			{text: 'run ', match: false},
			{text: 'regsvr32', match: true},
			{text: ' now', match: false},
		]);
	});

	it('sanitizes every segment', () => {
		const segs = segmentsOf('\x1b]0;owned\x07 evil\u202e', [[0, 1]]);
		expect(segs[0]).toEqual({text: '\\x1b', match: true});
		expect(segs.map(s => s.text).join('')).toBe('\\x1b]0;owned\\x07 evil\\u202e');
	});

	it('cuts to the width with an ellipsis, across segments', () => {
		const segs = segmentsOf('abcdefghij', [[2, 8]], 6);
		expect(segs).toEqual([
			{text: 'ab', match: false},
			{text: 'cde', match: true},
			{text: '…', match: false},
		]);
		expect(
			displayWidth(
				segmentsOf('日本語日本語', [[0, 3]], 5)
					.map(s => s.text)
					.join(''),
			),
		).toBeLessThanOrEqual(5);
	});
});
