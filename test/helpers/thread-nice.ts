// Each thread's nice value as Linux reports it in /proc, read independently of the os module the
// code under test sets it with: for test/cli/priority.test.ts (through its child) and the screen's
// tmux test.
import {readdirSync, readFileSync} from 'node:fs';

/** The nice value is the 19th field of a stat file; the name before it, in parentheses, may hold spaces. */
export function niceOf(procPath: string): number {
	const stat = readFileSync(`${procPath}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** Every thread of process `pid` ('self' for this one) with its nice value. */
export function threadNices(pid: number | 'self'): {tid: number; nice: number}[] {
	return readdirSync(`/proc/${pid}/task`).map(tid => ({tid: Number(tid), nice: niceOf(`/proc/${pid}/task/${tid}`)}));
}
