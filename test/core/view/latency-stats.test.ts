import {describe, expect, it} from 'vitest';
import {
	barString,
	formatMs,
	headerLatency,
	histogramBars,
	histogramLabels,
	hostRows,
	percentileRows,
} from '../../../source/core/view/latency-stats.js';
import {LatencyTracker} from '../../../source/core/store/index.js';
import {sparkline} from '../../../source/core/view/sparkline.js';
import {makeEvent} from './make-event.js';

describe('formatMs', () => {
	it('reads at a glance', () => {
		expect(formatMs(850)).toBe('850ms');
		expect(formatMs(1200)).toBe('1.2s');
		expect(formatMs(14_200)).toBe('14s');
		expect(formatMs(190_000)).toBe('3m10s');
		expect(formatMs(59_700)).toBe('1m00s');
		expect(formatMs(2 * 3600_000 + 5 * 60_000)).toBe('2h05m');
		expect(formatMs(76 * 3600_000)).toBe('3d4h');
	});
	it('shows negative values honestly and missing ones as a dash', () => {
		expect(formatMs(-40)).toBe('-40ms');
		expect(formatMs(-1500)).toBe('-1.5s');
		expect(formatMs(undefined)).toBe('–');
		expect(formatMs(Number.NaN)).toBe('–');
	});
});

describe('histogram', () => {
	it('labels the buckets and scales bars to the width', () => {
		const labels = histogramLabels([10, 1000]);
		expect(labels).toEqual(['≤10ms', '≤1s', '>1s']);
		const bars = histogramBars([0, 5, 10], 20, labels);
		expect(bars.map(b => b.length)).toEqual([0, 10, 20]);
		expect(bars[2]!.bar).toBe('█'.repeat(20));
		expect(bars[1]!.fraction).toBeCloseTo(1 / 3);
		expect(bars[0]!.bar).toBe('');
	});
	it('never hides a non-zero bucket', () => {
		expect(barString(1, 1000, 10)).toBe('▏');
	});
});

describe('percentile rows', () => {
	it('formats the store summary, overall and per host', () => {
		const t = new LatencyTracker();
		for (let i = 0; i < 100; i++)
			t.add(
				makeEvent(i, {
					host: i % 2 ? 'slow' : 'fast',
					time: 0,
					receivedAt: i % 2 ? 5000 : 100,
					kafka: {topic: 't', partition: 0, offset: '0', timestamp: 50, timestampType: 'CreateTime'},
				}),
			);
		const s = t.summary();
		const rows = percentileRows(s);
		expect(rows.map(r => r.label)).toEqual(['kafka - event', 'receive - kafka', 'receive - event']);
		expect(rows[2]).toMatchObject({count: 100, p50: '100ms', max: '5s'});
		expect(hostRows(s).map(r => r.host)).toEqual(['slow', 'fast']);
		expect(headerLatency(s)).toBe('p50 100ms p95 5s');
		expect(headerLatency(undefined)).toBe('');
	});
});

describe('sparkline', () => {
	it('scales to the maximum and pads to the width', () => {
		expect(sparkline([0, 1, 2, 4, 8], 5)).toBe('▁▂▃▅█');
		expect(sparkline([8, 8], 4)).toBe('  ██');
		expect(sparkline([1, 2, 3, 4, 5, 6], 3)).toHaveLength(3);
		expect(sparkline([0, 0], 2)).toBe('▁▁');
		expect(sparkline([1000, 1], 2)).toBe('█▂');
		expect(sparkline([5], 0)).toBe('');
	});
});
