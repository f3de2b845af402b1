// Time in a real terminal (tmux) on the seeded demo: @ jumps to a clock time read off the screen,
// T switches every time between local time and UTC (the header says which), at 80x24 and at
// 40x12 without colour.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {TmuxServer, waitForExit, type TmuxSession} from '../helpers/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-time-'));
let server: TmuxServer;
let n = 0;

afterEach(() => server?.kill());
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const rowsOf = (screen: string) => screen.replace(/\n+$/, '').split('\n');
const TIME = /^[ ›][ !‼*+·](\d\d:\d\d:\d\d)/;
const feedRows = (screen: string) => rowsOf(screen).filter(r => TIME.test(r));
const timeOf = (row: string) => TIME.exec(row)![1]!;
const selected = (screen: string) => feedRows(screen).find(r => r.startsWith('›'));

async function demo(columns: number, rows: number, env: string): Promise<{s: TmuxSession; exit: string}> {
	server = new TmuxServer();
	const s = await server.session('ui', columns, rows);
	const exit = join(dir, `exit-${++n}`);
	s.start('--demo --seed 1 --rate 200', exit, env);
	await s.waitFor(x => x.includes('›'), 'the feed');
	return {s, exit};
}

/** hh:mm:ss plus `seconds` (within the day). */
function shifted(clock: string, seconds: number): string {
	const [h, m, sec] = clock.split(':').map(Number);
	const total = (((h! * 3600 + m! * 60 + sec! + seconds) % 86_400) + 86_400) % 86_400;
	const two = (x: number) => String(x).padStart(2, '0');
	return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

describe('time in tmux', {timeout: 90_000}, () => {
	for (const [columns, rows, env] of [
		[80, 24, 'NODE_ENV=production TZ=Asia/Kolkata'],
		[40, 12, 'NODE_ENV=production TZ=Asia/Kolkata NO_COLOR=1'],
	] as const) {
		it(`@ jumps to a time read off the screen; T switches to UTC (${columns}x${rows})`, async () => {
			const {s, exit} = await demo(columns, rows, env);
			// Some seconds of events, then the oldest on screen (g): the target is two seconds later.
			await new Promise(resolve => setTimeout(resolve, 4000));
			s.keys('g');
			const oldest = await s.waitFor(x => x.includes('paused') && feedRows(x).length > 2, 'the oldest events');
			const target = shifted(timeOf(feedRows(oldest)[0]!), 2);
			if (columns >= 80) expect(oldest).toContain('local+05:30');
			s.keys('@');
			const prompt = await s.waitFor(x => x.includes('jump to:'), 'the prompt');
			expect(rowsOf(prompt).every(r => [...r].length <= columns)).toBe(true);
			s.type(target);
			s.keys('Enter');
			const landed = await s.waitFor(x => !x.includes('jump to:') && selected(x) !== undefined, 'the jump');
			const row = selected(landed)!;
			// The first event at or after hh:mm:ss.000: in that second, or the next (hosts interleave).
			expect([target, shifted(target, 1)]).toContain(timeOf(row));
			expect(landed).toContain('jumped to');
			// T: the same row in UTC, 5:30 earlier; the header names the zone.
			s.keys('T');
			const utc = await s.waitFor(x => selected(x) !== undefined && timeOf(selected(x)!) !== timeOf(row), 'UTC');
			expect(timeOf(selected(utc)!)).toBe(shifted(timeOf(row), -330 * 60));
			if (columns >= 80) expect(utc).toContain('UTC');
			// A time that is no time keeps the prompt open and says why.
			s.keys('@');
			s.type('25:99');
			s.keys('Enter');
			await s.waitFor(x => x.includes('jump to:') && x.includes('try 10:42'), 'the refusal');
			s.keys('Escape');
			await s.waitFor(x => !x.includes('jump to:'), 'the prompt closed');
			s.keys('q');
			expect(await waitForExit(exit)).toBe('EXIT=0');
		});
	}
});
