// Benign file activity: downloads, documents saved, caches and logs written, temp files removed.
import {makeEvent, pickAlive, type GenContext, type HostState, type Maker} from './context.js';
import {homeOf} from './hosts.js';
import type {DemoEvent, DemoProcess} from './model.js';
import {hashesOf} from './process-table.js';

interface FileAct {
	actor: DemoProcess;
	path: string;
}

function activeUserProcess(ctx: GenContext, hs: HostState): {actor: DemoProcess; home: string} | undefined {
	if (!hs.sessions.length) return undefined;
	const s = ctx.rng.pick(hs.sessions);
	const actor = pickAlive(ctx, hs, [s.browser, ...s.apps, s.shell]);
	return actor && {actor, home: homeOf(hs.host, s.user)};
}

/** A path this host's processes would plausibly write. */
function writtenFile(ctx: GenContext, hs: HostState): FileAct | undefined {
	const {rng} = ctx;
	if (hs.host.os === 'linux') {
		const nginx = hs.procs.role('nginx-worker');
		if (nginx && rng.chance(0.6))
			return {actor: nginx, path: rng.pick(['/var/log/nginx/access.log', '/var/log/nginx/error.log'])};
		const pg = hs.procs.role('postgres');
		if (pg) return {actor: pg, path: `/var/lib/pgsql/16/data/base/16384/${rng.int(16385, 17999)}`};
		const app = hs.procs.role('app');
		return app && {actor: app, path: `/srv/app/shared/tmp/cache/${rng.hex(8)}.json`};
	}
	const u = activeUserProcess(ctx, hs);
	if (hs.host.os === 'macos') {
		return (
			u && {
				actor: u.actor,
				path: `${u.home}/Library/Caches/${u.actor.name === 'Google Chrome' ? 'Google/Chrome/Default/Cache/Cache_Data' : 'com.figma.Desktop'}/${rng.hex(16)}_0`,
			}
		);
	}
	if (!u || rng.chance(0.25)) {
		const svc = pickAlive(ctx, hs, [
			hs.procs.role('svchost-eventlog'),
			hs.procs.role('defender'),
			hs.procs.role('svchost-netsvcs'),
		]);
		if (!svc) return undefined;
		if (svc.name === 'MsMpEng.exe')
			return {
				actor: svc,
				path: `C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\History\\Service\\DetectionHistory\\${rng.int(1, 9)}\\${rng.hex(8).toUpperCase()}`,
			};
		if (svc.cmdline.includes('EventLog'))
			return {
				actor: svc,
				path: rng.pick([
					'C:\\Windows\\System32\\winevt\\Logs\\Security.evtx',
					'C:\\Windows\\System32\\winevt\\Logs\\Microsoft-Windows-Sysmon%4Operational.evtx',
					'C:\\Windows\\System32\\winevt\\Logs\\System.evtx',
				]),
			};
		return {
			actor: svc,
			path: `C:\\Windows\\System32\\wbem\\Repository\\${rng.pick(['OBJECTS.DATA', 'INDEX.BTR', 'MAPPING2.MAP'])}`,
		};
	}
	const {actor, home} = u;
	const local = `${home}\\AppData\\Local`;
	switch (actor.name) {
		case 'chrome.exe':
			return {
				actor,
				path: rng.pick([
					`${local}\\Google\\Chrome\\User Data\\Default\\History`,
					`${local}\\Google\\Chrome\\User Data\\Default\\Network\\Cookies`,
					`${local}\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_${rng.hex(6)}`,
				]),
			};
		case 'OUTLOOK.EXE':
			return {
				actor,
				path: rng.chance(0.6)
					? `${local}\\Microsoft\\Outlook\\${home.split('\\').pop()}@corp.example.ost`
					: `${local}\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${rng.hex(8).toUpperCase()}\\${rng.pick(['image001.png', 'Invoice-2024-0611.pdf', 'agenda.docx'])}`,
			};
		case 'EXCEL.EXE':
			return {actor, path: `${home}\\Documents\\~$Budget-2024-Q3.xlsx`};
		case 'ms-teams.exe':
			return {
				actor,
				path: `${local}\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView\\Default\\IndexedDB\\https_teams.microsoft.com_0.indexeddb.leveldb\\${rng.int(100000, 999999)}.log`,
			};
		case 'OneDrive.exe':
			return {
				actor,
				path: `${home}\\OneDrive - Corp\\Documents\\${rng.pick(['Q3 plan.docx', 'Team offsite.pptx', 'Expenses.xlsx'])}`,
			};
		case 'Code.exe':
			return {
				actor,
				path: `${home}\\source\\billing-service\\src\\${rng.pick(['invoice.ts', 'routes.ts', 'db\\migrations.ts'])}`,
			};
		case 'explorer.exe':
			// Recent items and thumbnail caches: what Explorer writes while a user works.
			return rng.chance(0.5)
				? {
						actor,
						path: `${home}\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\${rng.pick(['Budget-2024-Q3.xlsx', 'Invoice-2024-0611.pdf', 'notes.txt', 'Downloads'])}.lnk`,
					}
				: {actor, path: `${local}\\Microsoft\\Windows\\Explorer\\thumbcache_${rng.pick(['256', '96', 'idx'])}.db`};
		default:
			return {actor, path: `${local}\\Temp\\${rng.pick(['~DF', 'tmp'])}${rng.hex(4).toUpperCase()}.tmp`};
	}
}

export const createFile: Maker = (ctx, hs, time) => {
	const w = writtenFile(ctx, hs);
	return (
		w &&
		makeEvent('File Creation', time, hs, w.actor, {
			file: {path: w.path, size: ctx.rng.int(0, 2_000_000), hashes: hashesOf(`${w.path}:${time}`)},
		})
	);
};

export const modifyFile: Maker = (ctx, hs, time) => {
	const w = writtenFile(ctx, hs);
	return (
		w &&
		makeEvent('File Modification', time, hs, w.actor, {
			file: {
				path: w.path,
				size: ctx.rng.int(4096, 50_000_000),
				hashes: hashesOf(`${w.path}:${time}`),
				oldHashes: hashesOf(`${w.path}:${time - 1}`),
			},
		})
	);
};

export const deleteFile: Maker = (ctx, hs, time) => {
	const w = writtenFile(ctx, hs);
	if (!w) return undefined;
	const dir = w.path.slice(0, Math.max(w.path.lastIndexOf('\\'), w.path.lastIndexOf('/')) + 1);
	const path =
		hs.host.os === 'linux' && w.path.endsWith('.log')
			? `${w.path}.7.gz`
			: `${dir}${ctx.rng.pick(['~WRL', 'tmp', '~DF'])}${ctx.rng.hex(4).toUpperCase()}.tmp`;
	return makeEvent('File Deletion', time, hs, w.actor, {file: {path}});
};

/** Chrome's finished download, Office's save-as-temp-then-rename, logrotate. */
export const renameFile: Maker = (ctx, hs, time): DemoEvent | undefined => {
	const {rng} = ctx;
	if (hs.host.os === 'linux') {
		const actor = hs.procs.role('cron') ?? hs.procs.role('systemd');
		return (
			actor &&
			makeEvent('File Rename', time, hs, actor, {
				file: {path: '/var/log/nginx/access.log.1', oldPath: '/var/log/nginx/access.log'},
			})
		);
	}
	const s = hs.sessions.length ? rng.pick(hs.sessions) : undefined;
	if (!s) return undefined;
	const home = homeOf(hs.host, s.user);
	const name = rng.pick([
		'Invoice-2024-0611.pdf',
		'team-photo.jpg',
		'vendor-contract.docx',
		'python-3.12.3-amd64.exe',
		'report.csv',
	]);
	if (s.browser && hs.procs.isAlive(s.browser)) {
		const sep = hs.host.os === 'windows' ? '\\' : '/';
		const tmp = hs.host.os === 'windows' ? `Unconfirmed ${rng.int(100000, 999999)}.crdownload` : `${name}.crdownload`;
		return makeEvent('File Rename', time, hs, s.browser, {
			file: {path: `${home}${sep}Downloads${sep}${name}`, oldPath: `${home}${sep}Downloads${sep}${tmp}`},
		});
	}
	const actor = pickAlive(ctx, hs, s.apps);
	return (
		actor &&
		makeEvent('File Rename', time, hs, actor, {
			file: {path: `${home}\\Documents\\${name}`, oldPath: `${home}\\Documents\\~WRL${rng.int(1000, 9999)}.tmp`},
		})
	);
};
