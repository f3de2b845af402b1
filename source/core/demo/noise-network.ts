// Benign network activity: lookups, the connections that follow them, servers answering,
// listeners opening, HTTP requests seen by the agent's browser/WinINet hooks.
import {makeEvent, pickAlive, type GenContext, type HostState, type Maker} from './context.js';
import {
	BROWSER,
	DEVELOPER,
	type Destination,
	INTERNET_CLIENTS,
	LINUX,
	MAC,
	OFFICE,
	OFFICE_APPS,
	UNRESOLVED,
	WINDOWS,
} from './destinations.js';
import {DEMO_HOSTS, DOMAIN_CONTROLLER_IP, FILE_SERVER_IP} from './hosts.js';
import type {DemoEvent, DemoProcess} from './model.js';

interface Talker {
	actor: DemoProcess;
	destinations: readonly Destination[];
}

function talker(ctx: GenContext, hs: HostState): Talker | undefined {
	const {rng, procs} = {rng: ctx.rng, procs: hs.procs};
	if (hs.host.os === 'linux') {
		const actor = pickAlive(ctx, hs, [procs.role('app'), procs.role('postgres'), ...procs.transient()]);
		return (
			actor && {
				actor,
				destinations: LINUX.filter(d =>
					hs.host.osName.startsWith('Red Hat')
						? d.name.includes('redhat') || d.name.includes('amazonaws')
						: !d.name.includes('redhat'),
				),
			}
		);
	}
	const s = hs.sessions.length ? rng.pick(hs.sessions) : undefined;
	if (hs.host.os === 'macos') {
		const actor = s && pickAlive(ctx, hs, [s.browser, ...s.apps.filter(p => p.name !== 'Finder')]);
		return actor && {actor, destinations: MAC};
	}
	if (!s || rng.chance(0.25)) {
		const actor = pickAlive(ctx, hs, [
			procs.role('svchost-netsvcs'),
			procs.role('defender'),
			procs.role('svchost-dcom'),
		]);
		return actor && {actor, destinations: WINDOWS};
	}
	const actor = pickAlive(ctx, hs, [s.browser, s.browser, ...s.apps]);
	if (!actor) return undefined;
	// Teams' own service is for the Teams client; Outlook and Excel talk to Exchange and sign-in.
	const destinations =
		actor.name === 'chrome.exe'
			? BROWSER
			: actor.name === 'Code.exe'
				? DEVELOPER
				: actor.name === 'ms-teams.exe'
					? OFFICE
					: OFFICE_APPS;
	return {actor, destinations};
}

export function dnsAnswers(dest: Destination): string[] {
	return dest.cname ? [`cname:${dest.cname}`, dest.ip] : [dest.ip];
}

const ephemeral = (ctx: GenContext, hs: HostState) =>
	hs.host.os === 'windows' ? ctx.rng.int(49152, 65535) : ctx.rng.int(32768, 60999);

export function outgoing(
	ctx: GenContext,
	hs: HostState,
	time: number,
	actor: DemoProcess,
	dest: Destination,
	scenario?: string,
): DemoEvent {
	return makeEvent(
		'TCPv4 Connection',
		time,
		hs,
		actor,
		{
			network: {
				srcIp: hs.host.ip,
				srcPort: ephemeral(ctx, hs),
				dstIp: dest.ip,
				dstPort: dest.port,
				direction: 'OUTGOING',
				ok: true,
			},
		},
		scenario,
	);
}

export const dnsLookup: Maker = (ctx, hs, time) => {
	const t = talker(ctx, hs);
	if (!t) return undefined;
	if (ctx.rng.chance(0.05)) {
		return makeEvent('DNS', time, hs, t.actor, {dns: {query: ctx.rng.pick(UNRESOLVED), answers: [], ok: false}});
	}
	const dest = ctx.rng.pick(t.destinations);
	if (ctx.rng.chance(0.6))
		ctx.later(hs, [t2 => (hs.procs.isAlive(t.actor) ? outgoing(ctx, hs, t2, t.actor, dest) : undefined)]);
	return makeEvent('DNS', time, hs, t.actor, {dns: {query: dest.name, answers: dnsAnswers(dest), ok: true}});
};

export const tcpConnect: Maker = (ctx, hs, time) => {
	const {rng} = ctx;
	const incoming = incomingConnection(ctx, hs, time);
	if (incoming && rng.chance(hs.host.machineType === 'server' ? 0.7 : 0.05)) return incoming;
	// Workstations talk to the domain controller and the file server a lot.
	if (hs.host.os === 'windows' && hs.host.machineType !== 'server' && rng.chance(0.25)) {
		const actor = pickAlive(ctx, hs, [
			hs.procs.role('lsass'),
			hs.procs.role('system'),
			hs.procs.role('svchost-netsvcs'),
		]);
		if (actor) {
			// Kerberos (88) is lsass's alone: every other process gets its tickets through it.
			const [ip, port] =
				actor.name === 'System'
					? [FILE_SERVER_IP, 445]
					: [DOMAIN_CONTROLLER_IP, rng.pick(actor.name === 'lsass.exe' ? [88, 389, 88] : [389, 135, 135])];
			return makeEvent('TCPv4 Connection', time, hs, actor, {
				network: {
					srcIp: hs.host.ip,
					srcPort: ephemeral(ctx, hs),
					dstIp: ip,
					dstPort: port,
					direction: 'OUTGOING',
					ok: true,
				},
			});
		}
	}
	const t = talker(ctx, hs);
	if (!t) return incoming;
	const ev = outgoing(ctx, hs, time, t.actor, rng.pick(t.destinations));
	if (rng.chance(0.02) && ev.target.network) ev.target.network.ok = false;
	return ev;
};

function incomingConnection(ctx: GenContext, hs: HostState, time: number): DemoEvent | undefined {
	const {rng, procs} = {rng: ctx.rng, procs: hs.procs};
	const workstations = DEMO_HOSTS.filter(h => h.os !== 'linux' && h.machineType !== 'server');
	const from = rng.pick(workstations).ip;
	let actor: DemoProcess | undefined;
	let src = from;
	let port = 0;
	if (hs.host.name.startsWith('SRV-DC'))
		[actor, port] = rng.chance(0.5) ? [procs.role('lsass'), rng.pick([88, 389, 636])] : [procs.role('dns-server'), 53];
	else if (hs.host.name.startsWith('SRV-')) [actor, port] = [procs.role('system'), 445];
	else if (hs.host.name.startsWith('web'))
		[actor, port, src] = [procs.role('nginx-worker'), 443, rng.pick(INTERNET_CLIENTS)];
	else if (hs.host.name.startsWith('db')) [actor, port, src] = [procs.role('postgres'), 5432, '10.0.5.23'];
	if (!actor) return undefined;
	return makeEvent('TCPv4 Connection', time, hs, actor, {
		network: {
			srcIp: src,
			srcPort: rng.int(49152, 65535),
			dstIp: hs.host.ip,
			dstPort: port,
			direction: 'INCOMING',
			ok: true,
		},
	});
}

export const listen: Maker = (ctx, hs, time) => {
	const {rng, procs} = {rng: ctx.rng, procs: hs.procs};
	const options: Array<[DemoProcess | undefined, number, string]> =
		hs.host.os === 'windows'
			? [
					[procs.transient().find(p => p.name === 'node.exe'), rng.pick([5173, 9229, 3000]), '127.0.0.1'],
					[procs.role('svchost-netsvcs'), 5040, '0.0.0.0'],
					[procs.role('teams:' + (hs.sessions[0]?.user.name ?? '')), rng.int(50000, 50059), '0.0.0.0'],
					[procs.role('svchost-dcom'), rng.int(49664, 49690), '0.0.0.0'],
				]
			: hs.host.os === 'linux'
				? [
						[procs.role('app'), 3000, '127.0.0.1'],
						[procs.transient().find(p => p.name === 'node'), 3001, '127.0.0.1'],
						[procs.role('postgres'), 5432, '0.0.0.0'],
					]
				: [
						[hs.sessions[0]?.apps.find(p => p.name === 'Figma'), 44950, '127.0.0.1'],
						[procs.role('mDNSResponder'), 5353, '0.0.0.0'],
					];
	const live = options.filter(([p]) => p && procs.isAlive(p));
	if (!live.length) return undefined;
	const [actor, port, ip] = rng.pick(live);
	return makeEvent('TCPv4 Listen', time, hs, actor as DemoProcess, {listen: {ip, port}});
};

export const httpRequest: Maker = (ctx, hs, time) => {
	const t = talker(ctx, hs);
	if (!t) return undefined;
	const {rng} = ctx;
	const dest = rng.pick(t.destinations);
	const browser = t.actor.name === 'chrome.exe' || t.actor.name === 'Google Chrome';
	const path = rng.pick([
		'/',
		'/search?q=quarterly+report+template',
		'/api/v1/status',
		'/owa/service.svc?action=GetItem',
		'/favicon.ico',
		'/common/oauth2/v2.0/token',
	]);
	const method = path.includes('token') || path.includes('action=') ? 'POST' : 'GET';
	const scheme = dest.port === 80 ? 'http' : 'https';
	return makeEvent('HTTP Request', time, hs, t.actor, {
		http: {
			url: `${scheme}://${dest.name}${path}`,
			method,
			via: browser ? (hs.host.os === 'macos' ? 'UNKNOWN' : 'CHROME') : hs.host.os === 'windows' ? 'WININET' : 'UNKNOWN',
		},
	});
};
