import {afterEach, describe, expect, it} from 'vitest';
import React from 'react';
import {render} from 'ink-testing-library';
import {Header} from '../../source/components/header.js';
import {lineWidth, type Line} from '../../source/components/line.js';
import {partitionLines} from '../../source/components/partition-lines.js';
import type {PartitionProgress, SourceStatus} from '../../source/core/event.js';
import type {EventStore} from '../../source/core/store/index.js';
import {noColorTheme} from '../../source/theme/theme.js';
import {renderApp, type AppHarness} from '../helpers/app.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {storeWith} from '../helpers/store.js';

const partitions: PartitionProgress[] = [
	{topic: 'dv-export', partition: 0, highWatermark: '1200', position: '1200', lag: 0, fetchRate: 0},
	{topic: 'dv-export', partition: 1, highWatermark: '98000', position: '86000', lag: 12_000, fetchRate: 2410},
	{topic: 'a-topic-name-far-longer-than-any-column-and-more', partition: 12, fetchRate: 0},
];
const status: SourceStatus = {state: 'connected', lag: 12_000, fetchRate: 2410, partitions};
const text = (line: Line) => line.map(s => s.text).join('');

describe('partitionLines', () => {
	it('at 80 columns: every figure per partition, the totals on the title line', () => {
		const lines = partitionLines(status, 80, noColorTheme);
		for (const l of lines) expect(lineWidth(l)).toBeLessThanOrEqual(80);
		const rows = lines.map(text);
		expect(rows[0]).toBe('partitions  3 · lag 12,000 · fetch 2,410/s');
		expect(rows[1]).toMatch(/^topic\s+part\s+high\s+position\s+lag\s+fetch\/s$/);
		expect(rows[2]).toMatch(/^dv-export\s+0\s+1200\s+1200\s+0\s+0$/);
		expect(rows[3]).toMatch(/^dv-export\s+1\s+98000\s+86000\s+12k\s+2\.4k$/);
		// Unknown until the broker answers; a long name is cut, never the figures.
		expect(rows[4]).toMatch(/^a-topic-name-far-longer-than-any-colum…\s+12\s+\?\s+\?\s+\?\s+0$/);
	});

	it('at 40 columns: the partition, its lag and fetch rate stay; the offsets go', () => {
		const rows = partitionLines(status, 40, noColorTheme).map(text);
		for (const r of rows.slice(1)) expect(r.length).toBeLessThanOrEqual(40);
		expect(rows[1]).toMatch(/^topic\s+part\s+lag\s+fetch\/s$/);
		expect(rows[3]).toMatch(/^dv-export\s+1\s+12k\s+2\.4k$/);
		expect(rows.join('\n')).not.toContain('86000');
	});

	it('says when the source has no partitions, or none assigned yet', () => {
		expect(partitionLines({state: 'reading'}, 80, noColorTheme).map(text).join('\n')).toContain(
			'this panel is for Kafka sources',
		);
		// At 40 columns no word is cut across lines.
		expect(partitionLines({state: 'reading'}, 40, noColorTheme).map(text)).toContain(
			'this panel is for Kafka sources (-b, -t)',
		);
		expect(partitionLines({state: 'connected', partitions: []}, 80, noColorTheme).map(text).join('\n')).toContain(
			'no partition assigned yet',
		);
	});
});

describe('Header: fetch rate', () => {
	const frame = (s: SourceStatus, lines: number) => {
		const store = storeWith([]);
		store.setStatus(s);
		store.flush();
		const {lastFrame, unmount} = render(
			<Header
				snapshot={store.getSnapshot()}
				sourceLabel="kafka k:9092 dv"
				follow
				newCount={0}
				width={100}
				lines={lines}
			/>,
		);
		const out = lastFrame() ?? '';
		unmount();
		store.dispose();
		return out;
	};

	it('shows the records fetched per second beside the lag, and nothing without a Kafka source', () => {
		expect(frame(status, 2)).toMatch(/lag 12k.*fetch 2\.4k\/s/);
		expect(frame(status, 1)).toMatch(/fetch 2\.4k\/s/);
		expect(frame({state: 'reading'}, 2)).not.toContain('fetch');
	});
});

describe('p in the app', {timeout: 30_000}, () => {
	let harness: AppHarness | undefined;
	let store: EventStore | undefined;
	afterEach(() => {
		harness?.app.unmount();
		store?.dispose();
	});

	for (const size of [
		{columns: 80, rows: 24},
		{columns: 40, rows: 12},
	]) {
		it(`opens the panel at ${size.columns}x${size.rows}, live, and esc goes back to the feed`, async () => {
			store = storeWith([]);
			store.setStatus(status);
			store.flush();
			harness = await renderApp(store, {...size, noColor: true});
			await harness.press('p');
			let frame = await waitForFrame(harness.app, 'partitions  3');
			// Colours are not columns.
			const rows = frame.split('\n').map(r => r.replace(/\u001b\[[0-9;]*m/g, ''));
			expect(rows.length).toBeLessThanOrEqual(size.rows);
			for (const row of rows) expect(row.length, row).toBeLessThanOrEqual(size.columns);
			expect(frame).toMatch(/dv-export\s+1\s+.*12k\s+2\.4k/);
			// Live: the next status is drawn without a key.
			store.setStatus({...status, partitions: [{...partitions[1]!, lag: 0, position: '98000', fetchRate: 7}]});
			store.flush();
			frame = await waitForFrame(harness.app, 'partitions  1');
			expect(frame).toMatch(/dv-export\s+1\s+.*\b0\s+7/);
			await harness.press(KEYS.escape);
			await waitForFrame(harness.app, f => !f.includes('partitions  1'));
		});
	}
});
