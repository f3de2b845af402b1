// The process tree and pivots in a real terminal (tmux) on the demo with a fixed seed: the
// regsvr32 Atomic event's tree shows its ancestors and its calc.exe child, enter keeps only that
// process's events, and a host pivot hides the other hosts until its chip is removed.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {TmuxServer, waitForExit, type TmuxSession} from '../helpers/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-tree-'));
let server: TmuxServer;
let n = 0;

afterEach(() => server?.kill());
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const rowsOf = (screen: string) => screen.replace(/\n+$/, '').split('\n');
const feedRows = (screen: string) => rowsOf(screen).filter(r => /^[ ›][ !‼*+·]\d\d:\d\d:\d\d/.test(r));

async function demo(columns: number, rows: number, env?: string): Promise<{s: TmuxSession; exit: string}> {
	server = new TmuxServer();
	const s = await server.session('ui', columns, rows);
	const exit = join(dir, `exit-${++n}`);
	s.start('--demo --seed 1', exit, env);
	await s.waitFor(x => x.includes('? help') && x.includes('›'), 'the feed');
	return {s, exit};
}

/** Narrows the feed to regsvr32's creation (not the calc.exe it starts) and opens its tree. */
async function regsvr32Tree(s: TmuxSession): Promise<string> {
	s.type('/cat:creation image:regsvr32 -image:calc');
	s.keys('Enter');
	await s.waitFor(x => feedRows(x).some(r => r.includes('regsvr32.exe /s')), 'the regsvr32 creation', 30_000);
	s.keys('t');
	return s.waitFor(x => x.includes('process tree of regsvr32.exe') && /calc\.exe \d/.test(x), 'its tree');
}

describe('process tree and pivots in tmux', {timeout: 60_000}, () => {
	it("t shows regsvr32's ancestors and calc.exe; enter keeps its events; esc restores", async () => {
		const {s, exit} = await demo(80, 24);
		const tree = rowsOf(await regsvr32Tree(s));
		const at = (name: string) => tree.findIndex(r => new RegExp(`└ ${name.replace('.', '\\.')} \\d`).test(r));
		expect(at('powershell.exe')).toBeGreaterThan(0);
		expect(at('cmd.exe')).toBeGreaterThan(at('powershell.exe'));
		expect(at('regsvr32.exe')).toBeGreaterThan(at('cmd.exe'));
		expect(at('calc.exe')).toBeGreaterThan(at('regsvr32.exe'));
		expect(tree[at('regsvr32.exe')]).toMatch(/^›/);
		expect(tree.every(r => [...r].length <= 80)).toBe(true);
		s.keys('Enter');
		await s.waitFor(x => x.includes('[process regsvr32.exe'), 'the process chip');
		// Without the search, the process filter alone: regsvr32's own events and nothing else.
		s.keys('/', 'C-u', 'Enter');
		const only = await s.waitFor(
			x => x.includes('[process regsvr32.exe') && !x.includes('/cat:') && feedRows(x).length >= 2,
			'only its events',
		);
		for (const r of feedRows(only)) expect(r).toMatch(/regsvr32\.exe/);
		s.keys('Escape');
		const all = await s.waitFor(x => !x.includes('[process') && feedRows(x).length > 10, 'every event again');
		expect(feedRows(all).some(r => !r.includes('regsvr32'))).toBe(true);
		s.keys('q');
		expect(await waitForExit(exit)).toBe('EXIT=0');
	});

	it('a host pivot hides the other hosts; x removes it and they are back (NO_COLOR, 40x12 too)', async () => {
		for (const [columns, rows, env] of [
			[80, 24, undefined],
			[40, 12, 'NODE_ENV=production NO_COLOR=1'],
		] as const) {
			const {s, exit} = await demo(columns, rows, env);
			s.keys('space');
			s.keys('Enter');
			s.keys(']');
			const detail = await s.waitFor(x => /›host +\S/.test(x), 'the cursor on the host field');
			const host = /›host +(\S+)/.exec(detail)![1]!;
			s.keys('+');
			s.keys('Escape');
			s.keys('G');
			const kept = await s.waitFor(
				x => x.includes(`[host = ${host.slice(0, 6)}`) && feedRows(x).length > 2 && !x.includes('── fields'),
				'the feed of one host',
			);
			expect(rowsOf(kept).every(r => [...r].length <= columns)).toBe(true);
			// 40 columns have no host column: there the chip and the width are what can be read.
			const short = host.slice(0, 8);
			if (columns >= 80) for (const r of feedRows(kept)) expect(r).toContain(short);
			s.keys('x');
			const back = await s.waitFor(
				x => !x.includes('[host') && (columns < 80 || feedRows(x).some(r => !r.includes(short))),
				'all hosts',
			);
			expect(rowsOf(back).every(r => [...r].length <= columns)).toBe(true);
			s.keys('q');
			expect(await waitForExit(exit)).toBe('EXIT=0');
			server.kill();
		}
	});
});
