// The storyline view, marks and the field copy in a real terminal (tmux) on the demo with a fixed
// seed: `s` on the regsvr32 Atomic event lists its story with its calc.exe child, enter opens an
// event and esc comes back; m marks rows and W writes only those; Y puts the field under the
// pivot cursor on tmux's clipboard through OSC 52.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {TmuxServer, waitForExit, type TmuxSession} from '../helpers/tmux.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-story-'));
let server: TmuxServer;
let n = 0;

afterEach(() => server?.kill());
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const rowsOf = (screen: string) => screen.replace(/\n+$/, '').split('\n');
const feedRows = (screen: string) => rowsOf(screen).filter(r => /^[ ›»•][ !‼*+·]\d\d:\d\d:\d\d/.test(r));
const storyRows = (screen: string) => rowsOf(screen).filter(r => /^[ ›][ •][ !‼*+·]\d\d:\d\d:\d\d/.test(r));

async function demo(columns: number, rows: number, env?: string): Promise<{s: TmuxSession; exit: string}> {
	server = new TmuxServer();
	const s = await server.session('ui', columns, rows);
	server.run('set-option', '-g', 'set-clipboard', 'on');
	const exit = join(dir, `exit-${++n}`);
	s.start('--demo --seed 1', exit, env);
	await s.waitFor(x => x.includes('? help') && x.includes('›'), 'the feed');
	return {s, exit};
}

describe('storyline view and marks in tmux', {timeout: 60_000}, () => {
	it("s lists regsvr32's story with calc.exe; enter opens an event; esc returns", async () => {
		const {s, exit} = await demo(80, 24);
		s.type('/cat:creation image:regsvr32 -image:calc');
		s.keys('Enter');
		await s.waitFor(x => feedRows(x).some(r => r.includes('regsvr32.exe /s')), 'the regsvr32 creation', 30_000);
		s.keys('s');
		const story = await s.waitFor(
			x => x.includes('story of regsvr32.exe') && storyRows(x).some(r => r.includes('calc.exe')),
			'its story with calc.exe',
		);
		expect(story).toMatch(/storyline [0-9A-F]+ · \d+ events/);
		expect(rowsOf(story).find(r => r.startsWith('›'))).toMatch(/regsvr32/);
		expect(rowsOf(story).every(r => [...r].length <= 80)).toBe(true);
		s.keys('Enter');
		await s.waitFor(x => x.includes('── raw event'), 'the detail');
		s.keys('Escape');
		await s.waitFor(x => x.includes('story of regsvr32.exe'), 'back in the story');
		s.keys('Escape');
		await s.waitFor(x => !x.includes('story of') && feedRows(x).length > 0, 'the feed');
		s.keys('q');
		expect(await waitForExit(exit)).toBe('EXIT=0');
	});

	it('m marks two rows, W writes only those (NO_COLOR, 40x12 too)', async () => {
		for (const [columns, rows, env] of [
			[80, 24, undefined],
			[40, 12, 'NODE_ENV=production NO_COLOR=1'],
		] as const) {
			const {s, exit} = await demo(columns, rows, env);
			// Paused once five rows are on screen: paused earlier, with the cursor on the first or second
			// row, the three k's stop at the top and the second m takes the first one's mark off again.
			await s.waitFor(x => feedRows(x).length >= 5, 'five rows', 30_000);
			s.keys('Space');
			const paused = await s.waitFor(x => x.includes('paused'), 'a paused feed');
			const cursorAt = feedRows(paused).findIndex(r => r.startsWith('›'));
			expect(cursorAt).toBeGreaterThanOrEqual(3);
			s.keys('k', 'm', 'k', 'k', 'm');
			const marked = await s.waitFor(x => x.includes('[2 marked'), 'the marks chip');
			expect(feedRows(marked).filter(r => r.startsWith('•')).length).toBe(1);
			expect(feedRows(marked).filter(r => r.startsWith('»')).length).toBe(1);
			expect(rowsOf(marked).every(r => [...r].length <= columns)).toBe(true);
			const file = join(dir, `marked-${++n}.ndjson`);
			s.keys('W');
			await s.waitFor(x => x.includes('marked events to'), 'the export prompt');
			s.keys('C-u');
			s.type(file);
			s.keys('Enter');
			await s.waitFor(x => x.includes('wrote 2 marked'), 'the written message');
			expect(existsSync(file)).toBe(true);
			expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(2);
			s.keys('q');
			expect(await waitForExit(exit)).toBe('EXIT=0');
			server.kill();
		}
	});

	it('Y copies the field under the cursor to the clipboard (OSC 52, tmux show-buffer)', async () => {
		const {s, exit} = await demo(80, 24);
		s.keys('Space', 'Enter', ']');
		const detail = await s.waitFor(x => /›host +\S/.test(x), 'the cursor on the host field');
		const host = /›host +(\S+)/.exec(detail)![1]!;
		expect(() => server.run('show-buffer')).toThrow();
		s.keys('Y');
		await s.waitFor(x => x.includes('copied the host'), 'the copy message');
		expect(server.run('show-buffer')).toBe(host);
		s.keys('q', 'q');
		expect(await waitForExit(exit)).toBe('EXIT=0');
	});
});
