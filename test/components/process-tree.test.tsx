// The process tree pane: one row per process, indented by depth, placeholders say what is known,
// hostile command lines stay on their row, and nothing runs past the width.
import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ProcessTree} from '../../source/components/process-tree.js';
import type {EdrEvent} from '../../source/core/event.js';
import {familyOf} from '../../source/core/event.js';
import {ProcessIndex, processTree} from '../../source/core/view/index.js';
import {ThemeProvider} from '../../source/theme/theme-context.js';
import {noColorTheme} from '../../source/theme/theme.js';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
let seq = 0;
const ev = (over: Partial<EdrEvent>): EdrEvent => ({
	seq: ++seq,
	category: 'Process Creation',
	family: familyOf(over.category ?? 'Process Creation'),
	format: 's1-dv',
	receivedAt: T0,
	time: T0,
	host: 'WS01',
	target: {},
	summary: '',
	hits: [],
	raw: {},
	...over,
});

function tree() {
	const word = {name: 'winword.exe', pid: 10, uid: 'W'};
	const cmd = {
		name: 'cmd.exe',
		pid: 20,
		uid: 'C',
		user: 'CORP\\alice',
		cmdline: `cmd /c ${'x'.repeat(300)}\u001b]0;pwn\u0007`,
	};
	const reg = {name: 'regsvr32.exe', pid: 30, uid: 'R', user: 'CORP\\alice', cmdline: 'regsvr32 /s /u /i:x scrobj.dll'};
	const hit = {id: 'r', title: 'Squiblydoo', level: 'high' as const, tags: [], fields: []};
	const index = new ProcessIndex();
	index.update([
		ev({actor: cmd, parent: word, target: {process: reg}, hits: [hit]}),
		ev({actor: reg, target: {process: {name: 'calc.exe', pid: 40, uid: 'K'}}}),
	]);
	return processTree(index, 'u|ws01|r');
}

const draw = (width: number, height = 10) =>
	render(
		<ThemeProvider theme={noColorTheme}>
			<ProcessTree rows={tree()} cursor={2} focusLabel="regsvr32.exe (30)" height={height} width={width} />
		</ThemeProvider>,
	).lastFrame()!;

describe('process tree pane', () => {
	it('lists ancestors, the process and its child, indented, with the hit and the placeholder', () => {
		const lines = draw(80).split('\n');
		expect(lines[0]).toContain('process tree of regsvr32.exe (30) · 4 processes');
		expect(lines[1]).toMatch(/^ {2}winword\.exe 10 {2}\(not seen itself: known as a parent\)/);
		expect(lines[2]).toMatch(/^ {2} {2}└ cmd\.exe 20 CORP\\alice 09:00:00|^ {4}└ cmd\.exe 20/);
		expect(lines[3]).toMatch(/^›!.*└ regsvr32\.exe 30 CORP\\alice \S+ 1 hit {2}regsvr32 \/s/);
		expect(lines[4]).toMatch(/└ calc\.exe 40/);
		expect(lines[4]!.indexOf('calc')).toBeGreaterThan(lines[3]!.indexOf('regsvr32'));
	});

	it('cuts rows to 40 columns and shows escapes, never control bytes', () => {
		const frame = draw(40, 6);
		for (const l of frame.split('\n')) expect([...l].length).toBeLessThanOrEqual(40);
		expect(frame).not.toContain('\u001b');
	});
});
