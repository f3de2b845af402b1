// A timeline of the screen's thread, for e2e-screen.js's EDRTAIL_BENCH_TRACE: loaded into the CLI
// with `node --import <this file>?out=FILE`, it records on the main thread only (the pipeline
// thread inherits the flag and records nothing): each top-level callback that ran 2 ms or more, by
// async resource type (a Kafka batch arrives as a MESSAGEPORT callback, the store's flush and
// Ink's renders as Timeout/Immediate ones, a key as a TTYWRAP read), every terminal read, every
// write to stdout with its size, and every GC pause. Times are wall-clock ms with a fraction
// (timeOrigin + performance.now()), comparable with the benchmark's own. Written at exit as NDJSON.
import {createHook} from 'node:async_hooks';
import {writeSync, openSync, closeSync, readFileSync} from 'node:fs';
import {PerformanceObserver, constants} from 'node:perf_hooks';
import {getHeapSpaceStatistics} from 'node:v8';
import {isMainThread} from 'node:worker_threads';

const out = new URL(import.meta.url).searchParams.get('out');

if (isMainThread && out) {
	const origin = performance.timeOrigin;
	const now = () => origin + performance.now();
	const records = [];
	const types = new Map();
	let depth = 0;
	let started = 0;
	let startedType = '';
	// The thread's time on a CPU and waiting for one, in ns, from the kernel's schedstat (about 6 µs
	// a read): a long callback is either work or a thread the scheduler left waiting (both cores busy).
	const schedstat = () => {
		try {
			const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
			return [Number(run), Number(wait)];
		} catch {
			return undefined;
		}
	};
	let startedSched;
	createHook({
		init(id, type) {
			if (type !== 'PROMISE') types.set(id, type);
		},
		before(id) {
			if (depth++ === 0) {
				started = now();
				startedType = types.get(id) ?? 'other';
				startedSched = schedstat();
				if (startedType === 'TTYWRAP') records.push({k: 'read', t: started});
			}
		},
		after() {
			if (--depth === 0) {
				const ms = now() - started;
				if (ms < 2) return;
				const sched = startedSched && schedstat();
				const cpu = sched && (sched[0] - startedSched[0]) / 1e6;
				const queued = sched && (sched[1] - startedSched[1]) / 1e6;
				records.push({k: 'task', t: started, ms, type: startedType, cpu, queued});
			}
		},
		destroy(id) {
			types.delete(id);
		},
	}).enable();

	const kinds = {
		[constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
		[constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
		[constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
		[constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
	};
	// --trace-gc would print on the terminal the screen draws on: instead, each GC records the young
	// generation's capacity after it (a scavenge's pause grows with what survives, and V8 grows the
	// semi-space when much survives) and the old generation's use, in MB.
	const mb = n => Math.round(n / 1e5) / 10;
	new PerformanceObserver(list => {
		const spaces = getHeapSpaceStatistics();
		const young = spaces.find(s => s.space_name === 'new_space');
		const old = spaces.find(s => s.space_name === 'old_space');
		for (const e of list.getEntries())
			records.push({
				k: 'gc',
				t: origin + e.startTime,
				ms: e.duration,
				kind: kinds[e.detail?.kind] ?? '?',
				young: young && mb(young.space_size),
				old: old && mb(old.space_used_size),
			});
	}).observe({entryTypes: ['gc']});

	const write = process.stdout.write.bind(process.stdout);
	process.stdout.write = (chunk, ...rest) => {
		records.push({k: 'write', t: now(), bytes: chunk.length});
		return write(chunk, ...rest);
	};

	process.on('exit', () => {
		const fd = openSync(out, 'w');
		for (const r of records) writeSync(fd, JSON.stringify(r) + '\n');
		closeSync(fd);
	});
}
