import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {FrameWriter, frameUpdate} from '../../source/cli/frame-writer.js';

class FakeTerminal extends EventEmitter {
	columns = 80;
	rows = 24;
	isTTY = true;
	written: string[] = [];
	write(s: string): boolean {
		this.written.push(s);
		return true;
	}
}

const tick = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('frameUpdate', () => {
	it('writes nothing for an unchanged frame, and only the changed rows otherwise', () => {
		const a = ['header 1', 'row a', 'row b', 'status'];
		expect(frameUpdate(a, [...a])).toBe('');
		const out = frameUpdate(a, ['header 2', 'row a', 'row b', 'status']);
		expect(out).toContain('\x1b[1;1Hheader 2\x1b[0m\x1b[K');
		expect(out).not.toContain('row a');
		expect(out).not.toContain('status');
		expect(out.startsWith('\x1b[?2026h')).toBe(true);
		expect(out.endsWith('\x1b[?2026l')).toBe(true);
	});

	it('paints a whole frame when the screen is unknown, and erases rows a shorter frame lost', () => {
		const full = frameUpdate(undefined, ['a', 'b']);
		expect(full).toContain('\x1b[2J');
		expect(full).toContain('\x1b[1;1Ha');
		expect(full).toContain('\x1b[2;1Hb');
		expect(frameUpdate(['a', 'b', 'c'], ['a', 'b'])).toContain('\x1b[3;1H\x1b[0m\x1b[K');
	});
});

/** A screen that understands what frameUpdate writes: CUP, EL, ED 2, DECSTBM, SU; styles are text here. */
function apply(screen: string[], bytes: string, height: number): string[] {
	const rows = [...screen];
	while (rows.length < height) rows.push('');
	let row = 0;
	let region: [number, number] = [0, height - 1];
	const re =
		/\x1b\[\?2026[hl]|\x1b\[0m\x1b\[K|\x1b\[(\d+);1H|\x1b\[H\x1b\[2J|\x1b\[(\d+);(\d+)r|\x1b\[r|\x1b\[(\d+)S|([^\x1b]+)/g;
	for (const m of bytes.matchAll(re)) {
		// Every row is written whole from its start and ends with EL: the model keeps just the text.
		if (m[1]) rows[(row = Number(m[1]) - 1)] = '';
		else if (m[0] === '\x1b[H\x1b[2J') rows.fill('');
		else if (m[2]) region = [Number(m[2]) - 1, Number(m[3]) - 1];
		else if (m[0] === '\x1b[r') region = [0, height - 1];
		else if (m[4]) {
			const [top, bottom] = region;
			const part = rows.slice(top, bottom + 1);
			const k = Number(m[4]);
			rows.splice(top, bottom - top + 1, ...part.slice(k), ...Array.from({length: Math.min(k, part.length)}, () => ''));
		} else if (m[5]) rows[row] += m[5];
	}
	return rows;
}

describe('frameUpdate against a model screen', () => {
	const frame = (first: number, selected: number) => [
		'header',
		'bar',
		...Array.from({length: 8}, (_, i) => `${first + i === selected ? '›' : ' '} event ${first + i}`),
		'status',
	];

	it('a following feed scrolls: only the rows that came in and the selection are written', () => {
		const prev = frame(1, 8);
		const next = frame(4, 11);
		const out = frameUpdate(prev, next);
		expect(apply(prev, out, 11)).toEqual(next);
		expect(out).toContain('\x1b[3;9r\x1b[3S\x1b[r');
		for (const n of [4, 5, 6, 7]) expect(out).not.toContain(`event ${n}`);
		expect(out).toContain('event 11');
		expect(out.length).toBeLessThan(frameUpdate(undefined, next).length / 2);
	});

	it('gives the same screen as a full repaint for any change', () => {
		const frames = [
			frame(1, 8),
			frame(2, 9),
			frame(2, 5),
			frame(9, 16),
			['header', 'bar', 'x', '', '', 'status'],
			frame(1, 3),
			frame(1, 3),
		];
		let screen = apply([], frameUpdate(undefined, frames[0]!), 11);
		for (let i = 1; i < frames.length; i++) {
			screen = apply(screen, frameUpdate(frames[i - 1], frames[i]!), 11);
			expect(screen.slice(0, frames[i]!.length)).toEqual(frames[i]);
			expect(screen.slice(frames[i]!.length).every(r => r === '')).toBe(true);
		}
	});
});

describe('frameUpdate, random frames', () => {
	it('always leaves the screen showing the new frame', () => {
		let seed = 7;
		const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
		let first = 1;
		let prev = Array.from({length: 12}, (_, i) => `row ${i}`);
		let screen = apply([], frameUpdate(undefined, prev), 12);
		for (let step = 0; step < 300; step++) {
			first += rand(4);
			const height = 6 + rand(7);
			const next = [
				'head ' + rand(3),
				...Array.from({length: height - 2}, (_, i) =>
					rand(10) === 0 ? '' : `${rand(8) === 0 ? '›' : ' '} ev ${first + i}`,
				),
				'status',
			];
			screen = apply(screen, frameUpdate(prev, next), 12);
			expect(screen.slice(0, next.length)).toEqual(next);
			expect(screen.slice(next.length).every(r => r === '')).toBe(true);
			prev = next;
		}
	});
});

describe('FrameWriter', () => {
	it('writes each changed frame once, the newest of a burst, and nothing for a repeat', async () => {
		const term = new FakeTerminal();
		const w = new FrameWriter(term as unknown as NodeJS.WriteStream, {maxFps: 20});
		w.write('h\nx');
		expect(term.written).toHaveLength(1);
		w.write('h\ny');
		w.write('h\nz');
		expect(term.written).toHaveLength(1);
		await tick(80);
		expect(term.written).toHaveLength(2);
		expect(term.written[1]).toContain('z');
		expect(term.written[1]).not.toContain('y');
		expect(term.written[1]).not.toContain('\x1b[1;1H');
		await tick(80);
		w.write('h\nz');
		await tick(80);
		expect(term.written).toHaveLength(2);
		w.dispose();
	});

	it("writes a key's frame at once, however recent the last frame, and throttles again after it", async () => {
		const term = new FakeTerminal();
		const w = new FrameWriter(term as unknown as NodeJS.WriteStream, {maxFps: 10});
		w.write('h\na');
		w.write('h\nb');
		expect(term.written).toHaveLength(1);
		w.keyPressed();
		w.write('h\nc');
		expect(term.written).toHaveLength(2);
		expect(term.written[1]).toContain('c');
		w.write('h\nd');
		expect(term.written).toHaveLength(2);
		await tick(150);
		expect(term.written).toHaveLength(3);
		expect(term.written[2]).toContain('d');
		w.dispose();
	});

	it('reports the terminal size, repaints whole after a resize, and writes nothing once disposed', async () => {
		const term = new FakeTerminal();
		const w = new FrameWriter(term as unknown as NodeJS.WriteStream, {maxFps: 1000});
		let resized = 0;
		w.on('resize', () => resized++);
		w.write('a\nb');
		term.columns = 50;
		term.emit('resize');
		expect(w.columns).toBe(50);
		expect(resized).toBe(1);
		await tick(5);
		w.write('a\nb');
		expect(term.written.at(-1)).toContain('\x1b[2J');
		w.dispose();
		await tick(5);
		w.write('c\nd');
		await tick(5);
		expect(term.written.join('')).not.toContain('c');
	});
});
