// The full screen's thread first: every other thread of the process is lowered to nice 10, the
// main thread is left as it was, and a thread set lower already stays there. In a process of its
// own, since it changes the priority of the process's threads (Linux only: elsewhere it does nothing).
import {execFileSync} from 'node:child_process';
import {getPriority} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {threadEntry} from '../../source/cli/worker/client.js';

const child = fileURLToPath(new URL('../fixtures/priority-child.mjs', import.meta.url));
const register = fileURLToPath(new URL('../../source/cli/worker/ts-register.mjs', import.meta.url));
const priorityTs = new URL('../../source/cli/priority.ts', import.meta.url).href;

interface Report {
	lowered: number;
	main: number;
	pid: number;
	mainNice: number;
	workerTid: number;
	workerNice: number;
	others: number[];
}

// A test run started at nice N (CI under nice, say): the main thread stays at N.
const started = getPriority();
const background = (nice: number) => Math.max(nice, started);

function run(env: Record<string, string> = {}): Report {
	const out = execFileSync(process.execPath, ['--import', register, child], {
		env: {...process.env, PRIORITY_TS: priorityTs, NODE_OPTIONS: '', ...env},
		encoding: 'utf8',
	});
	return JSON.parse(out.trim().split('\n').at(-1)!) as Report;
}

describe('lowerOtherThreads', () => {
	it.runIf(process.platform === 'linux')('lowers every thread but the main one to nice 10', () => {
		const r = run();
		expect(r.main).toBe(r.pid);
		expect(r.mainNice).toBe(started);
		expect(r.workerNice).toBe(background(10));
		// The Worker, V8's own threads and libuv's: all of them.
		expect(r.others.length).toBeGreaterThan(1);
		expect(r.others.every(nice => nice === background(10))).toBe(true);
		if (started < 10) expect(r.lowered).toBe(r.others.length);
	});

	it.runIf(process.platform === 'linux')('leaves a thread that is lower already where it is', () => {
		const r = run({SET_WORKER: '15'});
		expect(r.workerNice).toBe(background(15));
		expect(r.mainNice).toBe(started);
		if (started < 10) {
			expect(r.others.filter(nice => nice === 10).length).toBe(r.others.length - 1);
			expect(r.lowered).toBe(r.others.length - 1);
		}
	});

	it('does nothing on a system other than Linux', async () => {
		const {lowerOtherThreads} = await import('../../source/cli/priority.js');
		expect(lowerOtherThreads(10, 'darwin')).toBe(0);
	});

	it('refuses a nice value out of range', async () => {
		const {lowerOtherThreads} = await import('../../source/cli/priority.js');
		expect(() => lowerOtherThreads(20)).toThrow(/out of range/);
		expect(() => lowerOtherThreads(2.5)).toThrow(/out of range/);
	});

	it('refuses to run on a thread other than the main one', async () => {
		const {url, execArgv} = threadEntry(new URL('../fixtures/threads/lowering-thread.ts', import.meta.url));
		const worker = new Worker(url, {execArgv});
		const said = await new Promise<string>(resolve => worker.once('message', resolve));
		await worker.terminate();
		expect(said).toMatch(/main thread/);
	});
});
