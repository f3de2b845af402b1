// What Linux says about a process: CPU per thread (/proc/PID/task/*/stat) and memory (/proc/PID/status).
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';

let ticks;
function clockTicks() {
	if (ticks === undefined) {
		try {
			ticks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
		} catch {
			ticks = 100;
		}
	}
	return ticks;
}

/** utime + stime in seconds, from a stat line (the name in parentheses may hold spaces). */
function cpuSeconds(stat) {
	const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(rest[11]) + Number(rest[12])) / clockTicks();
}

/** {tid: {name, cpu}} for every thread of the process now. */
export function threadTimes(pid) {
	const out = new Map();
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		try {
			const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
			out.set(Number(tid), {name, cpu: cpuSeconds(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'))});
		} catch {
			// the thread ended meanwhile
		}
	}
	return out;
}

/**
 * Cores used per thread between two threadTimes() readings `seconds` apart, busiest first; the
 * main thread (tid = pid) is the one that renders.
 */
export function coresPerThread(pid, before, after, seconds) {
	const rows = [];
	for (const [tid, {name, cpu}] of after) {
		const used = cpu - (before.get(tid)?.cpu ?? 0);
		rows.push({tid, name: tid === pid ? `${name} (main)` : name, cores: used / seconds});
	}
	return rows.sort((a, b) => b.cores - a.cores);
}

/** VmRSS and VmHWM (peak) in MB. */
export function memory(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = key => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
	return {rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024};
}

export function alive(pid) {
	try {
		return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
	} catch {
		return false;
	}
}
