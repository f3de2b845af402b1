// Attacks no single event gives away, for the built-in correlations to find: a password spray
// (one address, many accounts failing on a server within minutes) and a port scan (one host
// trying many ports of one server within a minute). The regsvr32 chain comes from the atomic
// T1218.010-2, whose scriptlet fetch is a lookup and a connection by regsvr32 itself.
import {makeEvent, type GenContext, type HostState, type Step} from './context.js';
import {DEMO_HOSTS} from './hosts.js';
import type {DemoProcess, DemoUser} from './model.js';
import {outgoing} from './noise-network.js';

export const CORRELATION_SCENARIOS = ['password-spray', 'port-scan'] as const;
export type CorrelationScenario = (typeof CORRELATION_SCENARIOS)[number];

/** Accounts a spray guesses: the domain's users and the usual suspects. */
const SPRAY_USERS: DemoUser[] = [
	...DEMO_HOSTS.filter(h => h.os === 'windows').flatMap(h => h.users),
	...['administrator', 'backup', 'svc_sql', 'helpdesk', 'scanner', 'test'].map(name => ({
		name,
		domain: 'CORP',
		sid: '',
	})),
];
const SPRAY_ATTEMPTS = 12;
const SCAN_PORTS = [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 389, 443, 445, 636, 1433, 3306, 3389, 5985, 8080, 8443];

/**
 * The steps of one scenario: `server` is attacked, `from` attacks (a workstation of the estate).
 * Empty when what it needs is missing (no lsass on the server, no session on the workstation).
 */
export function correlationSteps(
	ctx: GenContext,
	server: HostState,
	from: HostState,
	which: CorrelationScenario,
): Step[] {
	if (which === 'password-spray') {
		const lsass = server.procs.role('lsass');
		if (!lsass) return [];
		const seen = new Set<string>();
		const users: DemoUser[] = [];
		for (let tries = 0; users.length < SPRAY_ATTEMPTS && tries < 200; tries++) {
			const u = ctx.rng.pick(SPRAY_USERS);
			if (seen.has(u.name)) continue;
			seen.add(u.name);
			users.push(u);
		}
		// Each guess: `net use` on the attacking host (what S1 sees there, as DV carries no logon
		// outcome), then the server's failed logon (what CF2 and the Security log carry).
		const s = from.sessions[0];
		const NET = 'C:\\Windows\\System32\\net.exe';
		return users.flatMap(user => [
			(t: number) => {
				if (!s || !from.procs.isAlive(s.shell)) return undefined;
				const cmdline = `net use \\\\${server.host.name}\\IPC$ /user:CORP\\${user.name} Spring2024!`;
				const net = from.procs.spawn(s.shell, {image: NET, cmdline, user: s.account}, t);
				return makeEvent('Process Creation', t, from, s.shell, {process: net}, which);
			},
			(t: number) =>
				makeEvent(
					'Login',
					t,
					server,
					lsass,
					{
						login: {
							user,
							type: 'NETWORK',
							ok: false,
							reason: 'Unknown user name or bad password.',
							remoteIp: from.host.ip,
							logonId: `0x${ctx.rng.int(0x100000, 0xfffffff).toString(16)}`,
						},
					},
					which,
				),
		]);
	}
	const s = from.sessions[0];
	if (!s) return [];
	let scanner: DemoProcess | undefined;
	const image = `C:\\Users\\${s.user.name}\\Downloads\\nmap\\nmap.exe`;
	const steps: Step[] = [
		t => {
			scanner = from.procs.spawn(
				s.shell,
				{image, cmdline: `"${image}" -sT -Pn -p 1-9000 ${server.host.ip}`, user: s.account},
				t,
			);
			from.procs.pin(scanner);
			return makeEvent('Process Creation', t, from, s.shell, {process: scanner}, which);
		},
	];
	for (const port of SCAN_PORTS)
		steps.push(t =>
			scanner && from.procs.isAlive(scanner)
				? outgoing(ctx, from, t, scanner, {name: server.host.name, ip: server.host.ip, port}, which)
				: undefined,
		);
	steps.push(t => {
		if (!scanner || !from.procs.isAlive(scanner)) return undefined;
		from.procs.unpin(scanner);
		from.procs.exit(scanner);
		return makeEvent('Process Exit', t, from, scanner, {exitCode: 0}, which);
	});
	return steps;
}
