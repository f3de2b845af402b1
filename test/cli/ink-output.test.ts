// The frame assembly that replaces Ink's Output.get on the full screen must give Ink's frames byte
// for byte: random writes (styles, wide characters, clips, transformers, rows outside the frame)
// and the whole app's frames through a session of keys, each frame built by both.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fastOutputGet, loadInkParts, type InkParts, type OutputLike} from '../../source/cli/ink-output.js';
import {createRng} from '../../source/core/demo/index.js';
import {demoEvents, storeWith} from '../helpers/store.js';
import {closeApps, renderApp} from '../helpers/app.js';
import {KEYS, tick} from '../helpers/ink.js';

let parts: InkParts;
let inkGet: (this: OutputLike) => {output: string; height: number};

beforeAll(async () => {
	const loaded = await loadInkParts();
	expect(loaded, 'Ink is the version ink-output.ts reproduces (package.json pins it)').toBeDefined();
	parts = loaded!;
	inkGet = parts.Output.prototype.get;
});

/** The demo's seeded PRNG, so a failure replays. */
const random = (seed: number): (() => number) => createRng(seed).next;

const PIECES = ['abc', 'host-01', ' ', '·', '…', '●', '○', '│', '漢字', '😀', 'e\u0301', '\t', 'x'.repeat(30), ''];
const STYLES = ['\x1b[1m', '\x1b[22m', '\x1b[31m', '\x1b[39m', '\x1b[7m', '\x1b[27m', '\x1b[38;5;208m', '\x1b[0m'];

function randomText(rnd: () => number): string {
	const lines: string[] = [];
	const n = 1 + Math.floor(rnd() * 3);
	for (let l = 0; l < n; l++) {
		let line = '';
		for (let i = Math.floor(rnd() * 8); i > 0; i--) {
			if (rnd() < 0.4) line += STYLES[Math.floor(rnd() * STYLES.length)];
			line += PIECES[Math.floor(rnd() * PIECES.length)];
		}
		lines.push(line);
	}
	return lines.join('\n');
}

/** The same random frame (a list of writes, clips and unclips) for two Output objects. */
function randomFrame(rnd: () => number, width: number, height: number): Array<(o: OutputLike) => void> {
	const steps: Array<(o: OutputLike) => void> = [];
	let open = 0;
	for (let i = Math.floor(rnd() * 20); i > 0; i--) {
		const r = rnd();
		if (r < 0.1) {
			const x1 = Math.floor(rnd() * width);
			const y1 = Math.floor(rnd() * height);
			const clip = rnd() < 0.3 ? {x1, x2: x1 + Math.floor(rnd() * width)} : {x1, x2: x1 + 10, y1, y2: y1 + 3};
			steps.push(o => o.operations.push({type: 'clip', clip}));
			open++;
		} else if (r < 0.15 && open > 0) {
			steps.push(o => o.operations.push({type: 'unclip'}));
			open--;
		} else {
			const x = Math.floor(rnd() * (width + 4)) - 2 + (rnd() < 0.05 ? 0.5 : 0);
			const y = Math.floor(rnd() * (height + 4)) - 2;
			const text = randomText(rnd);
			const upper = rnd() < 0.2;
			const transformers = upper ? [(line: string, index: number) => `${index}${line.toUpperCase()}`] : [];
			steps.push(o => o.operations.push({type: 'write', x, y, text, transformers}));
		}
	}
	return steps;
}

describe('ink-output: the frame assembly that replaces Ink 6.8 Output.get', () => {
	it('gives the frames Ink gives, over 3,000 random frames built one after another', () => {
		const fast = fastOutputGet(parts);
		const rnd = random(7);
		for (let f = 0; f < 3000; f++) {
			const width = 1 + Math.floor(rnd() * 40);
			const height = 1 + Math.floor(rnd() * 8);
			const steps = randomFrame(rnd, width, height);
			// Frames repeat now and then, so the remembered rows are read as well as built.
			const times = rnd() < 0.3 ? 2 : 1;
			for (let t = 0; t < times; t++) {
				const ink = new parts.Output({width, height});
				const ours = new parts.Output({width, height});
				for (const step of steps) {
					step(ink);
					step(ours);
				}
				expect(fast.call(ours), `frame ${f}`).toEqual(inkGet.call(ink));
			}
		}
	});

	describe('the whole app', () => {
		let mismatches: string[] = [];
		let frames = 0;
		beforeAll(() => {
			const fast = fastOutputGet(parts);
			// Each frame the app renders is assembled both ways from the same operations.
			parts.Output.prototype.get = function (this: OutputLike) {
				const copy = new parts.Output({width: this.width, height: this.height});
				copy.operations = this.operations;
				const ours = fast.call(copy);
				const ink = inkGet.call(this);
				frames++;
				if (ours.output !== ink.output || ours.height !== ink.height) mismatches.push(ink.output);
				return ink;
			};
		});
		afterAll(() => {
			parts.Output.prototype.get = inkGet;
			closeApps();
		});

		it('gives the frames Ink gives through feed, detail, help, search and tree keys, at 80x24 and 40x12', async () => {
			for (const size of [
				{columns: 80, rows: 24},
				{columns: 40, rows: 12},
			]) {
				mismatches = [];
				frames = 0;
				const store = storeWith(demoEvents(400, 3));
				const h = await renderApp(store, size);
				for (const keys of [
					'k',
					'kkk',
					KEYS.enter,
					'J',
					KEYS.escape,
					'?',
					KEYS.pageDown,
					'?',
					'1',
					'1',
					'/',
					'ws',
					KEYS.enter,
					't',
					KEYS.escape,
					'G',
				]) {
					await h.press(keys);
					await tick(30);
				}
				store.push(demoEvents(50, 4));
				store.flush();
				await tick(50);
				expect(frames).toBeGreaterThan(10);
				expect(mismatches).toEqual([]);
			}
		});
	});
});
