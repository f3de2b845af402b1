// The screen's heap growth bound, in a process of its own: with it a heap under a steady churn
// stays near what is live; without it V8 let the same heap grow to about five times that.
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const child = fileURLToPath(new URL('../fixtures/heap-growth-child.mjs', import.meta.url));
const register = fileURLToPath(new URL('../../source/cli/worker/ts-register.mjs', import.meta.url));
const heapTs = new URL('../../source/cli/heap.ts', import.meta.url).href;

function run(grow: number): {kept: number; maxMb: number; liveMb: number} {
	const out = execFileSync(process.execPath, ['--expose-gc', '--import', register, child], {
		env: {...process.env, HEAP_TS: heapTs, GROW: String(grow), NODE_OPTIONS: ''},
		encoding: 'utf8',
	});
	return JSON.parse(out.trim().split('\n').at(-1)!) as {kept: number; maxMb: number; liveMb: number};
}

describe('boundHeapGrowth', {timeout: 60_000}, () => {
	it('keeps a churning heap within a small factor of what is live (the young generation aside)', () => {
		const r = run(20);
		expect(r.kept).toBe(200_000);
		expect(r.liveMb).toBeGreaterThan(30);
		// 20% above live, plus the young generation (32 MB) and V8's growing step.
		expect(r.maxMb).toBeLessThan(2 * r.liveMb + 40);
	});

	it('refuses a percent that is not a positive integer', async () => {
		const {boundHeapGrowth} = await import('../../source/cli/heap.js');
		expect(() => boundHeapGrowth(0)).toThrow(/percent/);
		expect(() => boundHeapGrowth(1.5)).toThrow(/percent/);
	});
});
