// The screen's thread first. On a machine whose cores are all taken (the pipeline thread decoding
// a firehose, V8's GC threads, a broker, anything else), a key read by the screen's thread waited
// for a core: traced at 10,000 events/s on 2 cores, the slowest keys spent most of their time
// ready to run and queued (322 ms of a 392 ms key, 25 ms of it on a CPU). The full screen lowers
// the priority of every other thread of its process once they are up, as a browser keeps its
// workers below the thread that paints: when all want a core at once, the screen's thread gets
// one, and otherwise nothing changes. docs/stack.md, section 9.
import {readdirSync} from 'node:fs';
import {getPriority, setPriority} from 'node:os';
import {isMainThread} from 'node:worker_threads';

/**
 * The nice value the other threads get. Linux gives a thread at nice 10 about a tenth of the
 * weight of one at 0: enough for the screen to win a contended core, while the pipeline still
 * gets its share against other programs' threads on a busy machine (19 would leave it almost
 * nothing). Measured, the e2e-screen bench at 10,000 events/s: key p95 41 ms at 10, 39 at 19,
 * 93-119 ms without.
 */
export const BACKGROUND_NICE = 10;

/** Where Linux lists a process's threads. */
const TASKS = '/proc/self/task';

/**
 * Gives every thread of this process but the main one (the screen's) the nice value `nice`, unless
 * it is lower already; returns how many threads it lowered. Linux only: its setpriority(2) takes
 * a thread's id where other systems take a process's, and /proc lists the threads. Elsewhere, or
 * where the system refuses, the threads keep their priority and the screen runs as before.
 * Call it from the main thread once the pipeline thread is up: threads started later keep theirs.
 */
export function lowerOtherThreads(nice = BACKGROUND_NICE, platform: string = process.platform): number {
	if (!isMainThread) throw new Error('lowerOtherThreads: call it from the main thread');
	if (!Number.isInteger(nice) || nice < -20 || nice > 19) throw new Error(`nice value out of range: ${nice}`);
	if (platform !== 'linux') return 0;
	let tasks: string[];
	try {
		tasks = readdirSync(TASKS);
	} catch {
		return 0;
	}
	let lowered = 0;
	for (const name of tasks) {
		const tid = Number(name);
		// The main thread's id is the process's.
		if (!Number.isInteger(tid) || tid === process.pid) continue;
		try {
			// Never raise one: a thread someone set lower (nice 15, say) stays there.
			if (getPriority(tid) >= nice) continue;
			setPriority(tid, nice);
			lowered++;
		} catch {
			// The thread ended between the listing and the call, or the system said no.
		}
	}
	return lowered;
}

/** How often the screen looks for threads started since (libuv's pool starts on first use). */
export const RECHECK_MS = 5000;

/**
 * lowerOtherThreads now and every `everyMs` after, for the threads that start later: libuv's pool
 * starts on its first use (the background compression of landed records, a DNS lookup), after the
 * pipeline thread is up. Each pass reads a dozen entries of /proc. Returns the stop function.
 */
export function keepOtherThreadsLow(everyMs = RECHECK_MS, nice = BACKGROUND_NICE): () => void {
	lowerOtherThreads(nice);
	const timer = setInterval(() => lowerOtherThreads(nice), everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
