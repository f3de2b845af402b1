// Benign process activity: what launches what on a normal working day, and processes ending.
// Over 300 lines by design: mostly data (who launches what, with command lines), not logic.
import {APPLE, GOOGLE, MS_CORP, MS_WINDOWS, WIN} from './boot.js';
import {makeEvent, type GenContext, type HostState, type Maker, type Session} from './context.js';
import {homeOf} from './hosts.js';
import type {DemoProcess} from './model.js';
import type {ProgramSpec} from './process-table.js';

/** Tools that run for a moment and exit (the Process Exit noise prefers them). */
const shortLived = new WeakSet<DemoProcess>();

interface Launch {
	parent: DemoProcess;
	spec: ProgramSpec;
	short: boolean;
}

type Recipe = (ctx: GenContext, hs: HostState, s: Session | undefined) => Launch | undefined;

const s32 = WIN.system32;

const windowsRecipes: Array<[Recipe, number]> = [
	// Chrome's multi-process model makes renderers the most common creation on a desktop.
	[
		({rng}, _hs, s) =>
			s?.browser && {
				parent: s.browser,
				short: false,
				spec: {
					image: WIN.chrome,
					user: s.account,
					integrity: 'LOW',
					signer: GOOGLE,
					cmdline: `"${WIN.chrome}" --type=renderer --display-capture-permissions-policy-allowed --lang=en-US --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id=${rng.int(8, 400)} --time-ticks-at-unix-epoch=-${rng.int(1_700_000_000, 1_720_000_000)}${rng.int(100000, 999999)} --launch-time-ticks=${rng.int(10_000_000, 99_999_999)} --mojo-platform-channel-handle=${rng.int(3000, 9000)} --field-trial-handle=1948,i,${rng.int(1e15, 9e15)},${rng.int(1e15, 9e15)},262144 /prefetch:1`,
				},
			},
		6,
	],
	[
		({rng}, _hs, s) =>
			s?.browser && {
				parent: s.browser,
				short: false,
				spec: {
					image: WIN.chrome,
					user: s.account,
					signer: GOOGLE,
					cmdline: `"${WIN.chrome}" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --mojo-platform-channel-handle=${rng.int(2000, 3000)} --field-trial-handle=1948,i,${rng.int(1e15, 9e15)},262144 /prefetch:8`,
				},
			},
		1,
	],
	[
		({rng}, hs) =>
			svc(
				hs,
				'svchost-dcom',
				`${s32}\\wbem\\WmiPrvSE.exe`,
				'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding',
				rng.chance(0.5),
			),
		2,
	],
	[
		(_ctx, hs, s) =>
			s &&
			svc(
				hs,
				'svchost-dcom',
				`${s32}\\RuntimeBroker.exe`,
				'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding',
				false,
				s.account,
				'MEDIUM',
			),
		2,
	],
	[
		(_ctx, hs, s) =>
			s && svc(hs, 'svchost-schedule', `${s32}\\taskhostw.exe`, 'taskhostw.exe', true, s.account, 'MEDIUM'),
		2,
	],
	[
		(_ctx, hs) =>
			svc(
				hs,
				'svchost-schedule',
				'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MpCmdRun.exe',
				'"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MpCmdRun.exe" -IdleTask -TaskName WdCacheMaintenance',
				true,
			),
		1,
	],
	[
		(_ctx, hs) =>
			svc(
				hs,
				'services',
				`${s32}\\svchost.exe`,
				'C:\\Windows\\System32\\svchost.exe -k wusvcs -p -s WaaSMedicSvc',
				false,
			),
		1,
	],
	[
		(_ctx, hs) =>
			svc(
				hs,
				'services',
				`${s32}\\sppsvc.exe`,
				'C:\\Windows\\system32\\sppsvc.exe',
				true,
				'NT AUTHORITY\\NETWORK SERVICE',
				'SYSTEM',
			),
		0.5,
	],
	[
		(_ctx, hs, s) =>
			s &&
			svc(
				hs,
				'svchost-dcom',
				`${s32}\\SearchProtocolHost.exe`,
				`"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe_S-1-5-21-3623811015-3361044348-30300820-${s.user.sid.split('-').pop()}1 Global\\UsGthrCtrlFltPipeMssGthrPipe_S-1-5-21-3623811015-3361044348-30300820-${s.user.sid.split('-').pop()}1 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon"  "1"`,
				true,
				s.account,
				'LOW',
			),
		1,
	],
	[
		({rng}, hs, s) =>
			s &&
			userApp(
				s,
				`${s32}\\notepad.exe`,
				`"C:\\Windows\\system32\\NOTEPAD.EXE" ${homeOf(hs.host, s.user)}\\Documents\\${rng.pick(['notes.txt', 'todo.txt', 'meeting-2024-06-12.txt'])}`,
				MS_WINDOWS,
			),
		1,
	],
	[(_ctx, _hs, s) => s && userApp(s, `${s32}\\cmd.exe`, '"C:\\Windows\\system32\\cmd.exe" ', MS_WINDOWS), 1],
	[
		(_ctx, _hs, s) =>
			s &&
			userApp(
				s,
				`${s32}\\WindowsPowerShell\\v1.0\\powershell.exe`,
				'"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ',
				MS_WINDOWS,
			),
		0.7,
	],
	// Interactive shells run short commands, each with its console host.
	[
		({rng}, hs) =>
			shellCommand(
				hs,
				'cmd.exe',
				rng.pick([
					'ipconfig /all',
					'whoami',
					'ping -n 4 fileserver.corp.example',
					'net use',
					'nslookup intranet.corp.example',
					'tasklist',
				]),
			),
		2,
	],
	// Cmdlets run inside PowerShell; only native tools typed at its prompt become processes.
	[
		({rng}, hs) =>
			shellCommand(
				hs,
				'powershell.exe',
				rng.pick(['PING.EXE -n 2 fileserver.corp.example', 'notepad.exe .\\notes.txt', 'tzutil.exe /g']),
			),
		1,
	],
	[
		({rng}, hs, s) => {
			const code = s?.apps.find(p => p.name === 'Code.exe' && hs.procs.isAlive(p));
			if (!code || !s) return undefined;
			return rng.chance(0.6)
				? {
						parent: code,
						short: true,
						spec: {
							image: 'C:\\Program Files\\Git\\cmd\\git.exe',
							user: s.account,
							cmdline: `"C:\\Program Files\\Git\\cmd\\git.exe" ${rng.pick(['fetch --all --prune', 'status -z -uall', 'rev-parse --show-toplevel', 'log -n 20 --oneline'])}`,
							signer: 'Johannes Schindelin',
						},
					}
				: {
						parent: code,
						short: false,
						spec: {
							image: 'C:\\Program Files\\nodejs\\node.exe',
							user: s.account,
							cmdline: '"C:\\Program Files\\nodejs\\node.exe" node_modules\\vitest\\vitest.mjs --watch',
							signer: 'OpenJS Foundation',
						},
					};
		},
		2,
	],
	[
		({rng}, _hs, s) => {
			const excel = s?.apps.find(p => p.name === 'OUTLOOK.EXE');
			return excel && s
				? {
						parent: s.shell,
						short: false,
						spec: {
							image: WIN.excel,
							user: s.account,
							cmdline: `"${WIN.excel}" "${homeOf(_hs.host, s.user)}\\Downloads\\${rng.pick(['Invoice-2024-0611.xlsx', 'headcount.xlsx', 'forecast-v3.xlsx'])}"`,
							signer: MS_CORP,
						},
					}
				: undefined;
		},
		0.7,
	],
];

const linuxRecipes: Array<[Recipe, number]> = [
	[
		(_ctx, hs) =>
			child(
				hs,
				'cron',
				{image: '/usr/bin/dash', cmdline: '/bin/sh -c "   cd / && run-parts --report /etc/cron.hourly"', user: 'root'},
				true,
			),
		1,
	],
	[
		(_ctx, hs) =>
			child(
				hs,
				'cron',
				{image: '/usr/sbin/logrotate', cmdline: '/usr/sbin/logrotate /etc/logrotate.conf', user: 'root'},
				true,
			),
		0.5,
	],
	[
		({rng}, hs, s) =>
			s && {
				parent: s.shell,
				short: true,
				spec: {
					image: rng.pick(['/usr/bin/ls', '/usr/bin/tail', '/usr/bin/systemctl', '/usr/bin/git', '/usr/bin/ps']),
					cmdline: '',
					user: s.account,
				},
			},
		3,
	],
	[
		(_ctx, hs) =>
			child(
				hs,
				'app',
				{image: '/usr/bin/node', cmdline: '/usr/bin/node /srv/app/current/worker.js --queue=mail', user: 'deploy'},
				false,
			),
		0.5,
	],
	[
		({rng}, hs) =>
			child(
				hs,
				'postgres',
				{
					image: '/usr/pgsql-16/bin/postgres',
					cmdline: `postgres: ${rng.pick(['autovacuum worker', 'parallel worker for PID 4121', 'app app 10.0.5.23(51544) idle'])}`,
					user: 'postgres',
				},
				true,
			),
		2,
	],
	[
		(_ctx, hs) =>
			child(hs, 'systemd', {image: '/usr/bin/apt-get', cmdline: '/usr/bin/apt-get -qq -y update', user: 'root'}, true),
		0.3,
	],
];

const macRecipes: Array<[Recipe, number]> = [
	[
		(_ctx, hs) => {
			const owner = hs.sessions[0];
			return (
				owner &&
				child(
					hs,
					'launchd',
					{
						image:
							'/System/Library/Frameworks/CoreServices.framework/Frameworks/Metadata.framework/Versions/A/Support/mdworker_shared',
						cmdline:
							'/System/Library/Frameworks/CoreServices.framework/Frameworks/Metadata.framework/Versions/A/Support/mdworker_shared -s mdworker -c MDSImporterWorker -m com.apple.mdworker.shared',
						user: owner.account,
						signer: APPLE,
					},
					true,
				)
			);
		},
		3,
	],
	[
		({rng}, _hs, s) =>
			s?.browser && {
				parent: s.browser,
				short: false,
				spec: {
					image:
						'/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/124.0.6367.119/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)',
					cmdline: `/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/124.0.6367.119/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer) --type=renderer --lang=en-US --num-raster-threads=4 --renderer-client-id=${rng.int(8, 300)} --seatbelt-client=${rng.int(40, 200)}`,
					user: s.account,
					signer: 'Developer ID Application: Google LLC (EQHXZ8M8AV)',
				},
			},
		3,
	],
	[
		({rng}, _hs, s) =>
			s && {
				parent: s.shell,
				short: true,
				spec: {image: rng.pick(['/usr/bin/git', '/opt/homebrew/bin/brew', '/bin/ls']), cmdline: '', user: s.account},
			},
		2,
	],
];

function child(hs: HostState, role: string, spec: ProgramSpec, short: boolean): Launch | undefined {
	const parent = hs.procs.role(role);
	return parent && {parent, spec, short};
}

function svc(
	hs: HostState,
	role: string,
	image: string,
	cmdline: string,
	short: boolean,
	user = 'NT AUTHORITY\\SYSTEM',
	integrity: ProgramSpec['integrity'] = 'SYSTEM',
): Launch | undefined {
	return child(hs, role, {image, cmdline, user, integrity, signer: MS_WINDOWS}, short);
}

function userApp(s: Session, image: string, cmdline: string, signer: string): Launch {
	return {parent: s.shell, short: false, spec: {image, cmdline, user: s.account, signer}};
}

/** A command typed into an open cmd/powershell window of this host. */
function shellCommand(hs: HostState, shellName: string, command: string): Launch | undefined {
	const shell = hs.procs.transient().find(p => p.name === shellName && p.parent?.name === 'explorer.exe');
	if (!shell) return undefined;
	const [exe = ''] = command.split(' '); // split gives at least one part
	// cmd passes the line as typed; PowerShell starts the resolved path, quoted, then the arguments.
	const image = shellName === 'cmd.exe' ? `${s32}\\${exe.toLowerCase()}.exe` : `${s32}\\${exe}`;
	const cmdline = shellName === 'cmd.exe' ? command : `"${image}"${command.slice(exe.length)}`;
	return {
		parent: shell,
		short: true,
		spec: {image, cmdline, user: shell.user, integrity: shell.integrity, signer: MS_WINDOWS},
	};
}

/** Unix tools get their command line from the image when the recipe left it empty. */
function unixCmdline(image: string): string {
	const name = image.slice(image.lastIndexOf('/') + 1);
	const args: Record<string, string> = {
		ls: 'ls -la /srv/app/current',
		tail: 'tail -n 200 /var/log/nginx/error.log',
		systemctl: 'systemctl status nginx --no-pager',
		git: 'git pull --ff-only',
		ps: 'ps aux',
		brew: '/opt/homebrew/bin/brew update',
	};
	return args[name] ?? name;
}

export const spawnProcess: Maker = (ctx, hs, time) => {
	const recipes = hs.host.os === 'windows' ? windowsRecipes : hs.host.os === 'linux' ? linuxRecipes : macRecipes;
	for (let attempt = 0; attempt < 6; attempt++) {
		const session = hs.sessions.length ? ctx.rng.pick(hs.sessions) : undefined;
		const launch = ctx.rng.weighted(recipes)(ctx, hs, session);
		if (!launch || !hs.procs.isAlive(launch.parent)) continue;
		const spec = launch.spec.cmdline ? launch.spec : {...launch.spec, cmdline: unixCmdline(launch.spec.image)};
		const p = hs.procs.spawn(launch.parent, spec, time);
		if (launch.short) shortLived.add(p);
		const events = [makeEvent('Process Creation', time, hs, launch.parent, {process: p})];
		// A console program gets its conhost right away.
		if (
			hs.host.os === 'windows' &&
			(p.name === 'cmd.exe' ||
				p.name === 'powershell.exe' ||
				(launch.short && (launch.parent.name === 'cmd.exe' || launch.parent.name === 'powershell.exe')))
		) {
			ctx.later(hs, [
				t => {
					if (!hs.procs.isAlive(p)) return undefined;
					const conhost = hs.procs.spawn(
						p,
						{
							image: `${s32}\\conhost.exe`,
							cmdline: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1',
							user: p.user,
							integrity: p.integrity,
							signer: MS_WINDOWS,
						},
						t,
					);
					shortLived.add(conhost);
					return makeEvent('Process Creation', t, hs, p, {process: conhost});
				},
			]);
		}
		return events[0];
	}
	return undefined;
};

/** Mark a process the scenarios started as one that should go away soon. */
export function markShortLived(p: DemoProcess): void {
	shortLived.add(p);
}

export const exitProcess: Maker = (ctx, hs, time) => {
	const transient = hs.procs.transient();
	const short = transient.filter(p => shortLived.has(p));
	const pool = short.length ? short : hs.procs.crowded ? transient : [];
	const [oldest] = pool;
	if (!oldest) return undefined;
	// Oldest first, mostly: short tools exit in roughly the order they started.
	const p = ctx.rng.chance(0.7) ? oldest : ctx.rng.pick(pool);
	hs.procs.exit(p);
	return makeEvent('Process Exit', time, hs, p, {
		exitCode: ctx.rng.chance(0.92) ? 0 : ctx.rng.pick([1, 2, 259, 3221225786]),
	});
};

/** A browser closing a renderer tab, a service manager stopping a worker. */
export const terminateProcess: Maker = (ctx, hs, time) => {
	const candidates = hs.procs.transient().filter(p => p.parent && hs.procs.isAlive(p.parent) && !shortLived.has(p));
	if (!candidates.length) return undefined;
	const target = ctx.rng.pick(candidates);
	hs.procs.exit(target);
	return makeEvent('Process Termination', time, hs, target.parent as DemoProcess, {
		process: target,
		exitCode: hs.host.os === 'windows' ? 1 : 143,
		signal: hs.host.os === 'windows' ? undefined : 'SIGTERM',
	});
};
