import {describe, expect, it} from 'vitest';
import {latencyLines} from '../../source/components/latency-lines.js';
import {lineWidth, type Line} from '../../source/components/line.js';
import {LatencyTracker} from '../../source/core/store/index.js';
import {noColorTheme} from '../../source/theme/theme.js';
import {makeEvent} from '../helpers/events.js';

// Two hosts: one usually fast with a slow tail (its p95 is 8 s, its p50 50 ms), one steady at 900 ms.
function summary() {
	const t = new LatencyTracker();
	const at = (host: string, ms: number) =>
		t.add(makeEvent({host, time: 1_700_000_000_000, receivedAt: 1_700_000_000_000 + ms}));
	for (let i = 0; i < 94; i++) at('WS-TAIL', 50);
	for (let i = 0; i < 6; i++) at('WS-TAIL', 8000);
	for (let i = 0; i < 100; i++) at('SRV-STEADY', 900);
	return t.summary();
}

const text = (line: Line) => line.map(s => s.text).join('');

function hostTable(width: number): string[] {
	const lines = latencyLines(summary(), width, noColorTheme).map(text);
	const start = lines.findIndex(l => l.startsWith('per host'));
	expect(start).toBeGreaterThan(0);
	return lines.slice(start + 1);
}

/** The value under a column heading: the cell that ends where the heading ends. */
function cell(header: string, row: string, column: string): string {
	const end = header.search(new RegExp(`\\b${column}\\b`)) + column.length;
	expect(end).toBeGreaterThan(column.length - 1);
	return row.slice(0, end).split(/\s+/).at(-1)!;
}

describe('latencyLines', () => {
	it('the per-host table, sorted by p95, shows the p95 column at 80 columns', () => {
		const [header, first, second] = hostTable(80);
		expect(header).toMatch(/\bp95\b/);
		expect(first).toMatch(/^WS-TAIL/);
		expect(second).toMatch(/^SRV-STEADY/);
		expect(cell(header!, first!, 'p95')).toBe('8s');
		expect(cell(header!, first!, 'p50')).toBe('50ms');
		expect(cell(header!, second!, 'p95')).toBe('900ms');
		for (const l of latencyLines(summary(), 80, noColorTheme)) expect(lineWidth(l)).toBeLessThanOrEqual(80);
	});

	it('degrades at 40 columns: nothing cut, the host and its p95 kept in both tables', () => {
		const lines = latencyLines(summary(), 40, noColorTheme);
		for (const l of lines) expect(lineWidth(l), text(l)).toBeLessThanOrEqual(40);
		const [header, first] = hostTable(40);
		expect(first).toMatch(/^WS-TAIL/);
		expect(cell(header!, first!, 'p95')).toBe('8s');
		const all = lines.map(text);
		const overallHeader = all[1]!;
		expect(overallHeader).toMatch(/\bp95\b/);
		const receive = all.find(l => l.startsWith('receive - event'))!;
		expect(cell(overallHeader, receive, 'p95')).toBe('900ms');
	});
});
