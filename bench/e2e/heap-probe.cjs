// A probe the memory benches preload into the built CLI (NODE_OPTIONS=--require, which, unlike
// --import, also runs in every worker thread): each thread of the process writes its V8 heap figures
// to DIR/heap-<threadId>.json every second, and a heap snapshot to DIR/<tag>-t<threadId>.heapsnapshot
// when the bench writes <tag> into DIR/snapshot.request. --heapsnapshot-signal reaches the main
// thread only; the pipeline thread holds the source, the decoders and the rules. Read by probe.js.
// Only with EDRTAIL_BENCH_PROBE_DIR set; its timers never keep a thread alive.
// A preload is CommonJS; getBuiltinModule reads the built-ins without a require().
'use strict';
const {existsSync, readFileSync, renameSync, writeFileSync} = process.getBuiltinModule('node:fs');
const {join} = process.getBuiltinModule('node:path');
const v8 = process.getBuiltinModule('node:v8');
const {threadId} = process.getBuiltinModule('node:worker_threads');

const dir = process.env.EDRTAIL_BENCH_PROBE_DIR;
if (dir) {
	const request = join(dir, 'snapshot.request');
	let done = '';
	const tick = () => {
		const heap = v8.getHeapStatistics();
		const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map(s => [s.space_name, s.space_size]));
		const usage = process.memoryUsage();
		const figures = {
			at: Date.now(),
			threadId,
			usedHeap: heap.used_heap_size,
			totalHeap: heap.total_heap_size,
			heapLimit: heap.heap_size_limit,
			external: heap.external_memory,
			malloced: heap.malloced_memory,
			spaces,
			// Process-wide (the same in every thread): RSS, and the array buffers of all isolates.
			rss: usage.rss,
			arrayBuffers: usage.arrayBuffers,
		};
		const file = join(dir, `heap-${threadId}.json`);
		writeFileSync(`${file}.tmp`, JSON.stringify(figures));
		renameSync(`${file}.tmp`, file);
		if (!existsSync(request)) return;
		const tag = readFileSync(request, 'utf8').trim();
		if (!tag || tag === done) return;
		done = tag;
		// Written under another name first: the bench waits for the final name.
		const out = join(dir, `${tag}-t${threadId}.heapsnapshot`);
		v8.writeHeapSnapshot(`${out}.part`);
		renameSync(`${out}.part`, out);
	};
	setInterval(() => {
		try {
			tick();
		} catch {
			// the directory went away with the bench
		}
	}, 1000).unref();
}
