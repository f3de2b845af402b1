// What every event maker gets: the PRNG, the host's state, and a way to queue follow-up steps
// (a download's file write after its connection, an atomic's child after its parent).
import {accountOf} from './hosts.js';
import type {DemoCategory, DemoEvent, DemoHost, DemoProcess, DemoTarget, DemoUser} from './model.js';
import type {HostProcesses} from './process-table.js';
import type {Rng} from './prng.js';

/** One event to come; undefined when it no longer applies (its process is gone). */
export type Step = (time: number) => DemoEvent | undefined;

export interface Session {
	user: DemoUser;
	account: string;
	/** explorer.exe, the login shell, or Finder. */
	shell: DemoProcess;
	browser?: DemoProcess;
	/** Long-running applications of this session (Outlook, Teams, Code, ...). */
	apps: DemoProcess[];
}

export interface HostState {
	host: DemoHost;
	procs: HostProcesses;
	sessions: Session[];
}

export interface GenContext {
	rng: Rng;
	/** Run these steps after the current event, in order, interleaved with other activity. */
	later(hs: HostState, steps: Step[]): void;
}

export type Maker = (ctx: GenContext, hs: HostState, time: number) => DemoEvent | undefined;

export function makeEvent(
	category: DemoCategory,
	time: number,
	hs: HostState,
	actor: DemoProcess,
	target: DemoTarget = {},
	scenario?: string,
): DemoEvent {
	const ev: DemoEvent = {category, time, host: hs.host, actor, target};
	if (scenario) ev.scenario = scenario;
	return ev;
}

export function sessionAccount(user: DemoUser): string {
	return accountOf(user);
}

/** Pick a live process among candidates, or undefined. */
export function pickAlive(
	ctx: GenContext,
	hs: HostState,
	candidates: Array<DemoProcess | undefined>,
): DemoProcess | undefined {
	const alive = candidates.filter((p): p is DemoProcess => p !== undefined && hs.procs.isAlive(p));
	return alive.length ? ctx.rng.pick(alive) : undefined;
}
