// Per-host process state: which processes are alive, their pids, storylines and parents, so that
// every event's actor exists and was created before it acts.
import type {Rng} from './prng.js';
import {stableHex} from './prng.js';
import type {DemoHashes, DemoHost, DemoProcess, Integrity} from './model.js';

export interface ProgramSpec {
	image: string;
	cmdline: string;
	user: string;
	integrity?: Integrity;
	sessionId?: number;
	signer?: string;
}

/** Processes that start a new storyline for what they launch (S1 groups from there down). */
const STORYLINE_ROOTS = new Set([
	'explorer.exe',
	'services.exe',
	'svchost.exe',
	'wininit.exe',
	'winlogon.exe',
	'userinit.exe',
	'launchd',
	'systemd',
	'sshd',
	'cron',
	'crond',
	'Finder',
	'loginwindow',
]);

export function baseName(image: string): string {
	const i = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
	return i < 0 ? image : image.slice(i + 1);
}

/** Hashes depend on the binary only: the same image hashes the same on every host and run. */
export function hashesOf(image: string): DemoHashes {
	const key = image.toLowerCase();
	return {sha1: stableHex(`sha1:${key}`, 40), sha256: stableHex(`sha256:${key}`, 64), md5: stableHex(`md5:${key}`, 32)};
}

const MAX_TRANSIENT = 40;

export class HostProcesses {
	private readonly live = new Map<number, DemoProcess>();
	private readonly usedPids = new Set<number>();
	/** Long-running processes that exist before the stream starts and never exit. */
	private readonly roles = new Map<string, DemoProcess>();
	/** Processes a scenario still needs: noise must not end them or use them. */
	private readonly pinned = new Set<DemoProcess>();
	private nextUnixPid: number;

	constructor(
		readonly host: DemoHost,
		private readonly rng: Rng,
	) {
		this.nextUnixPid = rng.int(20_000, 90_000);
	}

	/** A process that was already running when the demo started (no creation event). */
	boot(role: string, parent: DemoProcess | undefined, spec: ProgramSpec, startTime: number, pid?: number): DemoProcess {
		const p = this.make(parent, spec, startTime, pid);
		this.roles.set(role, p);
		return p;
	}

	role(role: string): DemoProcess | undefined {
		return this.roles.get(role);
	}

	spawn(parent: DemoProcess, spec: ProgramSpec, time: number): DemoProcess {
		return this.make(parent, spec, time);
	}

	exit(p: DemoProcess): void {
		if (this.roles.get(p.name) === p || [...this.roles.values()].includes(p)) return;
		this.live.delete(p.pid);
	}

	pin(p: DemoProcess): void {
		this.pinned.add(p);
	}

	unpin(p: DemoProcess): void {
		this.pinned.delete(p);
	}

	isAlive(p: DemoProcess): boolean {
		return this.live.get(p.pid) === p;
	}

	/** Live processes started during the demo that noise may use, end or kill (oldest first). */
	transient(): DemoProcess[] {
		const roles = new Set(this.roles.values());
		return [...this.live.values()].filter(p => !roles.has(p) && !this.pinned.has(p));
	}

	/** Too many short-lived processes alive: the generator should let some exit. */
	get crowded(): boolean {
		return this.live.size - this.roles.size - this.pinned.size > MAX_TRANSIENT;
	}

	private make(parent: DemoProcess | undefined, spec: ProgramSpec, startTime: number, pid?: number): DemoProcess {
		const name = baseName(spec.image);
		const storyline = !parent || STORYLINE_ROOTS.has(parent.name) ? this.rng.hex(16).toUpperCase() : parent.storyline;
		const p: DemoProcess = {
			pid: pid ?? this.allocatePid(),
			name,
			image: spec.image,
			cmdline: spec.cmdline,
			user: spec.user,
			integrity: spec.integrity ?? 'MEDIUM',
			sessionId: spec.sessionId ?? parent?.sessionId ?? 0,
			storyline,
			uid: this.rng.hex(40).toUpperCase(),
			startTime,
			hashes: hashesOf(spec.image),
			signer: spec.signer,
			parent,
		};
		this.usedPids.add(p.pid);
		this.live.set(p.pid, p);
		return p;
	}

	private allocatePid(): number {
		if (this.host.os !== 'windows') {
			this.nextUnixPid += this.rng.int(1, 40);
			if (this.nextUnixPid > 4_000_000) this.nextUnixPid = 1000;
			while (this.usedPids.has(this.nextUnixPid)) this.nextUnixPid++;
			return this.nextUnixPid;
		}
		// Windows pids are multiples of 4; never hand out a pid twice while it could confuse a reader.
		if (this.usedPids.size > 15_000) {
			this.usedPids.clear();
			for (const p of this.live.values()) this.usedPids.add(p.pid);
		}
		for (;;) {
			const pid = this.rng.int(100, 16_000) * 4;
			if (!this.usedPids.has(pid)) return pid;
		}
	}
}
