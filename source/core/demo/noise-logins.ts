// Logons and logoffs: desktop unlocks, Kerberos/SMB network logons on the servers, SSH on Linux,
// and the failed password now and then. Logoffs close sessions opened earlier on the same host.
import {makeEvent, pickAlive, type GenContext, type HostState, type Maker} from './context.js';
import {DEMO_HOSTS, SYSTEM_USER} from './hosts.js';
import type {DemoEvent, DemoTarget, DemoUser} from './model.js';

type LoginInfo = NonNullable<DemoTarget['login']>;

/** Logons still open, per host, so that a logoff names a real one. */
const openLogons = new WeakMap<HostState, LoginInfo[]>();

function logonId(ctx: GenContext): string {
	return `0x${ctx.rng.int(0x100000, 0xfffffff).toString(16)}`;
}

const workstationIps = DEMO_HOSTS.filter(h => h.os === 'windows' && h.machineType !== 'server').map(h => h.ip);
const domainUsers: DemoUser[] = DEMO_HOSTS.filter(h => h.os === 'windows').flatMap(h => h.users);

export const login: Maker = (ctx, hs, time) => {
	const {rng, procs} = {rng: ctx.rng, procs: hs.procs};
	let info: LoginInfo;
	let actorRole: string;
	if (hs.host.os === 'windows' && hs.host.machineType === 'server') {
		const user = rng.pick(domainUsers);
		const ok = rng.chance(0.93);
		info = {
			user,
			type: rng.chance(0.9) ? 'NETWORK' : 'SERVICE',
			ok,
			reason: ok ? undefined : 'Unknown user name or bad password.',
			remoteIp: rng.pick(workstationIps),
			logonId: logonId(ctx),
		};
		if (info.type === 'SERVICE') info = {...info, user: SYSTEM_USER, remoteIp: undefined, ok: true, reason: undefined};
		actorRole = 'lsass';
	} else if (hs.host.os === 'windows') {
		const s = hs.sessions.length ? rng.pick(hs.sessions) : undefined;
		if (!s) return undefined;
		info = {
			user: s.user,
			type: rng.pick(['UNLOCK', 'UNLOCK', 'INTERACTIVE', 'CACHED_INTERACTIVE'] as const),
			ok: rng.chance(0.95),
			logonId: logonId(ctx),
		};
		if (!info.ok) info.reason = 'Unknown user name or bad password.';
		actorRole = 'winlogon';
	} else if (hs.host.os === 'linux') {
		// Internet scanners guess root; the team comes in through the bastion.
		const scanner = rng.chance(0.3);
		const user = scanner
			? {name: rng.pick(['root', 'admin', 'ubuntu', 'oracle']), domain: '', sid: ''}
			: hs.host.users[0];
		info = {
			user,
			type: 'REMOTE_INTERACTIVE',
			ok: !scanner,
			reason: scanner ? 'Invalid password' : undefined,
			remoteIp: scanner ? rng.pick(['45.148.10.121', '218.92.0.112', '61.177.172.160']) : '10.0.9.14',
			logonId: String(rng.int(1000, 9999)),
		};
		actorRole = 'sshd';
	} else {
		info = {
			user: hs.host.users[0],
			type: rng.pick(['UNLOCK', 'INTERACTIVE'] as const),
			ok: true,
			logonId: String(rng.int(100000, 999999)),
		};
		actorRole = 'loginwindow';
	}
	const actor = pickAlive(ctx, hs, [procs.role(actorRole)]);
	if (!actor) return undefined;
	if (info.ok) {
		const open = openLogons.get(hs) ?? [];
		open.push(info);
		if (open.length > 50) open.shift();
		openLogons.set(hs, open);
	}
	return makeEvent('Login', time, hs, actor, {login: info});
};

export const logout: Maker = (ctx, hs, time): DemoEvent | undefined => {
	const open = openLogons.get(hs) ?? [];
	const info = open.length ? open.splice(ctx.rng.int(0, open.length - 1), 1)[0] : undefined;
	const role =
		hs.host.os === 'windows'
			? hs.host.machineType === 'server'
				? 'lsass'
				: 'winlogon'
			: hs.host.os === 'linux'
				? 'sshd'
				: 'loginwindow';
	const actor = pickAlive(ctx, hs, [hs.procs.role(role)]);
	if (!actor) return undefined;
	// A logon from before the demo started ending now.
	const closed = info ?? {
		user: hs.host.users[0],
		type: hs.host.machineType === 'server' ? ('NETWORK' as const) : ('INTERACTIVE' as const),
		ok: true,
		logonId: logonId(ctx),
	};
	return makeEvent('Logout', time, hs, actor, {login: {...closed, ok: true, reason: undefined}});
};
