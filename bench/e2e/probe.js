// The benches' side of heap-probe.cjs: the shell line that preloads it into the CLI, each thread's
// last heap figures, and heap snapshots of every thread on request.
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {shellQuote} from './tmux.js';

const probe = join(dirname(fileURLToPath(import.meta.url)), 'heap-probe.cjs');
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const MB = 1024 * 1024;

/** The line to type in the shell before starting the CLI there: every thread reports into `dir`. */
export function probeExports(dir) {
	return `export NODE_OPTIONS=--require=${shellQuote(probe)} EDRTAIL_BENCH_PROBE_DIR=${shellQuote(dir)}`;
}

/** The last figures of each thread, by threadId (0: the screen's thread), in MB. */
export function threadHeaps(dir) {
	const out = new Map();
	for (const f of readdirSync(dir)) {
		const m = /^heap-(\d+)\.json$/.exec(f);
		if (!m) continue;
		try {
			const h = JSON.parse(readFileSync(join(dir, f), 'utf8'));
			const young = (h.spaces.new_space ?? 0) / MB;
			out.set(Number(m[1]), {
				used: h.usedHeap / MB,
				total: h.totalHeap / MB,
				young,
				external: h.external / MB,
				malloced: h.malloced / MB,
				arrayBuffers: h.arrayBuffers / MB,
				at: h.at,
			});
		} catch {
			// being replaced
		}
	}
	return out;
}

/** "main used/total, pipeline used/total" of the threads' last figures. */
export function heapLine(dir) {
	const heaps = threadHeaps(dir);
	const f = n => Math.round(n);
	return [...heaps]
		.sort(([a], [b]) => a - b)
		.map(([id, h]) => `t${id} heap ${f(h.used)}/${f(h.total)} ext ${f(h.external)}`)
		.concat(heaps.size ? [`arrayBuffers ${f([...heaps.values()][0].arrayBuffers)}`] : [])
		.join(', ');
}

/** Asks every thread for a heap snapshot named `tag`; resolves with the files once `threads` are written. */
export async function snapshotThreads(dir, tag, threads = 2, timeoutMs = 600_000) {
	writeFileSync(join(dir, 'snapshot.request'), tag);
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		await sleep(1000);
		const files = readdirSync(dir).filter(f => f.startsWith(`${tag}-t`) && f.endsWith('.heapsnapshot'));
		if (files.length >= threads) return files.map(f => join(dir, f));
	}
	if (!existsSync(dir)) return [];
	throw new Error(`heap snapshots ${tag}: fewer than ${threads} threads wrote one in ${timeoutMs / 1000} s`);
}
