// What runs on each host before the demo starts: OS processes, services, and the users' desktop
// sessions with their long-running applications. None of these get a creation event.
import type {HostState, Session} from './context.js';
import {accountOf, homeOf, LOCAL_SERVICE, NETWORK_SERVICE, SYSTEM_USER} from './hosts.js';
import type {DemoHost} from './model.js';
import {HostProcesses} from './process-table.js';
import type {Rng} from './prng.js';

export const WIN = {
	system32: 'C:\\Windows\\System32',
	chrome: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
	outlook: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
	excel: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE',
	teams: 'C:\\Program Files\\WindowsApps\\MSTeams_24091.214.2846.1452_x64__8wekyb3d8bbwe\\ms-teams.exe',
	code: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe',
	onedrive: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe',
	defender: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MsMpEng.exe',
} as const;

export const MS_WINDOWS = 'Microsoft Windows';
export const MS_CORP = 'Microsoft Corporation';
export const GOOGLE = 'Google LLC';
export const APPLE = 'Software Signing';

const SYSTEM = accountOf(SYSTEM_USER);

export function bootHost(host: DemoHost, rng: Rng, startTime: number): HostState {
	const procs = new HostProcesses(host, rng);
	const bootTime = startTime - rng.int(3 * 3600_000, 6 * 86_400_000);
	const hs: HostState = {host, procs, sessions: []};
	if (host.os === 'windows') bootWindows(hs, rng, bootTime);
	else if (host.os === 'linux') bootLinux(hs, rng, bootTime);
	else bootMac(hs, rng, bootTime);
	return hs;
}

function bootWindows(hs: HostState, rng: Rng, t: number): void {
	const {procs, host} = hs;
	const s32 = WIN.system32;
	const sys = {user: SYSTEM, integrity: 'SYSTEM' as const, signer: MS_WINDOWS, sessionId: 0};
	const system = procs.boot('system', undefined, {...sys, image: 'System', cmdline: ''}, t, 4);
	const smss = procs.boot(
		'smss',
		system,
		{...sys, image: `${s32}\\smss.exe`, cmdline: '\\SystemRoot\\System32\\smss.exe'},
		t + 400,
	);
	const wininit = procs.boot('wininit', smss, {...sys, image: `${s32}\\wininit.exe`, cmdline: 'wininit.exe'}, t + 900);
	const services = procs.boot(
		'services',
		wininit,
		{...sys, image: `${s32}\\services.exe`, cmdline: 'C:\\Windows\\system32\\services.exe'},
		t + 1000,
	);
	procs.boot(
		'lsass',
		wininit,
		{...sys, image: `${s32}\\lsass.exe`, cmdline: 'C:\\Windows\\system32\\lsass.exe'},
		t + 1010,
	);
	const winlogon = procs.boot(
		'winlogon',
		smss,
		{...sys, image: `${s32}\\winlogon.exe`, cmdline: 'winlogon.exe', sessionId: 1},
		t + 950,
	);
	const svc = (role: string, cmd: string, user = SYSTEM, offset = 2000) =>
		procs.boot(
			role,
			services,
			{
				image: `${s32}\\svchost.exe`,
				cmdline: `C:\\Windows\\system32\\svchost.exe ${cmd}`,
				user,
				integrity: 'SYSTEM',
				signer: MS_WINDOWS,
				sessionId: 0,
			},
			t + offset,
		);
	svc('svchost-dcom', '-k DcomLaunch -p', SYSTEM, 1500);
	svc('svchost-netsvcs', '-k netsvcs -p -s Winmgmt');
	svc('svchost-schedule', '-k netsvcs -p -s Schedule');
	svc('svchost-dns', '-k NetworkService -p -s Dnscache', accountOf(NETWORK_SERVICE));
	svc('svchost-eventlog', '-k LocalServiceNetworkRestricted -p -s EventLog', accountOf(LOCAL_SERVICE));
	svc('svchost-bits', '-k netsvcs -p -s BITS', SYSTEM, rng.int(60_000, 3600_000));
	procs.boot('defender', services, {...sys, image: WIN.defender, cmdline: `"${WIN.defender}"`}, t + 3000);
	if (host.name.startsWith('SRV-DC'))
		procs.boot(
			'dns-server',
			services,
			{...sys, image: `${s32}\\dns.exe`, cmdline: 'C:\\Windows\\system32\\dns.exe'},
			t + 3500,
		);

	for (const [i, user] of host.users.entries()) {
		// Service accounts and second admin identities do not keep a desktop open.
		if (user.name.startsWith('svc-') || user.name.startsWith('adm.')) continue;
		const account = accountOf(user);
		const home = homeOf(host, user);
		const logon = t + rng.int(60_000, 600_000);
		const u = {user: account, integrity: 'MEDIUM' as const, sessionId: i + 1};
		const explorer = procs.boot(
			`explorer:${user.name}`,
			winlogon,
			{...u, image: 'C:\\Windows\\explorer.exe', cmdline: 'C:\\Windows\\Explorer.EXE', signer: MS_WINDOWS},
			logon,
		);
		const session: Session = {user, account, shell: explorer, apps: []};
		const app = (role: string, image: string, cmdline: string, signer: string) => {
			const p = procs.boot(
				`${role}:${user.name}`,
				explorer,
				{...u, image, cmdline, signer},
				logon + rng.int(5_000, 900_000),
			);
			session.apps.push(p);
			return p;
		};
		if (host.machineType !== 'server') {
			session.browser = app('chrome', WIN.chrome, `"${WIN.chrome}" `, GOOGLE);
			app('outlook', WIN.outlook, `"${WIN.outlook}" `, MS_CORP);
			app('teams', WIN.teams, `"${WIN.teams}" msteams:system-initiated`, MS_CORP);
			app('onedrive', WIN.onedrive, `"${WIN.onedrive}" /background`, MS_CORP);
			if (host.name.includes('ENG')) {
				const code = WIN.code.replace('{user}', user.name);
				app('code', code, `"${code}" `, MS_CORP);
			}
			if (host.name.includes('FIN'))
				app('excel', WIN.excel, `"${WIN.excel}" "${home}\\Documents\\Budget-2024-Q3.xlsx"`, MS_CORP);
		}
		hs.sessions.push(session);
	}
}

function bootLinux(hs: HostState, rng: Rng, t: number): void {
	const {procs, host} = hs;
	const root = {user: 'root', integrity: 'SYSTEM' as const};
	const systemd = procs.boot(
		'systemd',
		undefined,
		{...root, image: '/usr/lib/systemd/systemd', cmdline: '/sbin/init splash'},
		t,
		1,
	);
	const sshd = procs.boot(
		'sshd',
		systemd,
		{...root, image: '/usr/sbin/sshd', cmdline: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'},
		t + 4000,
	);
	procs.boot(
		'cron',
		systemd,
		{
			...root,
			image: host.osName.startsWith('Red Hat') ? '/usr/sbin/crond' : '/usr/sbin/cron',
			cmdline: host.osName.startsWith('Red Hat') ? '/usr/sbin/crond -n' : '/usr/sbin/cron -f -P',
		},
		t + 4100,
	);
	procs.boot(
		'resolved',
		systemd,
		{image: '/usr/lib/systemd/systemd-resolved', cmdline: '/lib/systemd/systemd-resolved', user: 'systemd-resolve'},
		t + 3000,
	);
	if (host.name.startsWith('web')) {
		const nginx = procs.boot(
			'nginx',
			systemd,
			{
				...root,
				image: '/usr/sbin/nginx',
				cmdline: 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
			},
			t + 5000,
		);
		procs.boot(
			'nginx-worker',
			nginx,
			{image: '/usr/sbin/nginx', cmdline: 'nginx: worker process', user: 'www-data'},
			t + 5010,
		);
		procs.boot(
			'app',
			systemd,
			{image: '/usr/bin/node', cmdline: '/usr/bin/node /srv/app/current/server.js', user: 'deploy'},
			t + 6000,
		);
	} else {
		procs.boot(
			'postgres',
			systemd,
			{
				image: '/usr/pgsql-16/bin/postgres',
				cmdline: '/usr/pgsql-16/bin/postgres -D /var/lib/pgsql/16/data/',
				user: 'postgres',
			},
			t + 5000,
		);
	}
	const user = host.users[0];
	const login = t + rng.int(3600_000, 20 * 3600_000);
	const sessionSshd = procs.boot(
		`sshd-session:${user.name}`,
		sshd,
		{...root, image: '/usr/sbin/sshd', cmdline: `sshd: ${user.name} [priv]`},
		login,
	);
	const bash = procs.boot(
		`shell:${user.name}`,
		sessionSshd,
		{image: '/usr/bin/bash', cmdline: '-bash', user: user.name},
		login + 300,
	);
	hs.sessions.push({user, account: user.name, shell: bash, apps: []});
}

function bootMac(hs: HostState, rng: Rng, t: number): void {
	const {procs, host} = hs;
	const launchd = procs.boot(
		'launchd',
		undefined,
		{image: '/sbin/launchd', cmdline: '/sbin/launchd', user: 'root', integrity: 'SYSTEM', signer: APPLE},
		t,
		1,
	);
	procs.boot(
		'mDNSResponder',
		launchd,
		{image: '/usr/sbin/mDNSResponder', cmdline: '/usr/sbin/mDNSResponder', user: '_mdnsresponder', signer: APPLE},
		t + 2000,
	);
	procs.boot(
		'loginwindow',
		launchd,
		{
			image: '/System/Library/CoreServices/loginwindow.app/Contents/MacOS/loginwindow',
			cmdline: '/System/Library/CoreServices/loginwindow.app/Contents/MacOS/loginwindow console',
			user: 'root',
			signer: APPLE,
		},
		t + 2500,
	);
	const user = host.users[0];
	const logon = t + rng.int(60_000, 600_000);
	const u = {user: user.name, signer: APPLE};
	const finder = procs.boot(
		`finder:${user.name}`,
		launchd,
		{
			...u,
			image: '/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder',
			cmdline: '/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder',
		},
		logon,
	);
	const terminal = procs.boot(
		`terminal:${user.name}`,
		launchd,
		{
			...u,
			image: '/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal',
			cmdline: '/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal',
		},
		logon + 60_000,
	);
	const zsh = procs.boot(`shell:${user.name}`, terminal, {...u, image: '/bin/zsh', cmdline: '-zsh'}, logon + 61_000);
	const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
	const browser = procs.boot(
		`chrome:${user.name}`,
		launchd,
		{user: user.name, image: chrome, cmdline: chrome, signer: 'Developer ID Application: Google LLC (EQHXZ8M8AV)'},
		logon + 30_000,
	);
	const figma = '/Applications/Figma.app/Contents/MacOS/Figma';
	const app = procs.boot(
		`figma:${user.name}`,
		launchd,
		{user: user.name, image: figma, cmdline: figma, signer: 'Developer ID Application: Figma, Inc. (T8RA8NE3B7)'},
		logon + 90_000,
	);
	hs.sessions.push({user, account: user.name, shell: zsh, browser, apps: [finder, app]});
}
