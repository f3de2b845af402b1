// Benign registry activity on Windows hosts: Explorer and Office bookkeeping, BAM and Defender
// state, OneDrive's Run value, and the odd admin exporting or importing a key with reg.exe.
import {MS_WINDOWS, WIN} from './boot.js';
import {makeEvent, pickAlive, type GenContext, type HostState, type Maker, type Session} from './context.js';
import type {DemoEvent, DemoProcess, DemoRegistry} from './model.js';
import {markShortLived} from './noise-process.js';

const HKU = (s: Session) => `HKU\\${s.user.sid}`;
const runValueWritten = new WeakSet<DemoProcess>();

function windowsSession(ctx: GenContext, hs: HostState): Session | undefined {
	return hs.host.os === 'windows' && hs.sessions.length ? ctx.rng.pick(hs.sessions) : undefined;
}

interface RegAct {
	actor: DemoProcess;
	reg: DemoRegistry;
}

function valueWrite(ctx: GenContext, hs: HostState): RegAct | undefined {
	if (hs.host.os !== 'windows') return undefined;
	const {rng, procs} = {rng: ctx.rng, procs: hs.procs};
	const s = windowsSession(ctx, hs);
	const choice = rng.int(0, 5);
	if (choice === 0 || !s) {
		const svc = procs.role('svchost-netsvcs');
		const app = s?.browser?.image ?? 'C:\\Windows\\System32\\notepad.exe';
		return (
			svc && {
				actor: svc,
				reg: {
					key: `HKLM\\SYSTEM\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\${s?.user.sid ?? 'S-1-5-18'}`,
					valueName: `\\Device\\HarddiskVolume3${app.slice(2)}`,
					valueType: 'REG_BINARY',
					data: rng.hex(48),
					oldData: rng.hex(48),
				},
			}
		);
	}
	if (choice === 1) {
		const def = procs.role('defender');
		return (
			def && {
				actor: def,
				reg: {
					key: 'HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates',
					valueName: rng.pick(['SignaturesLastUpdated', 'AVSignatureVersion', 'LastFallbackTime']),
					valueType: 'REG_SZ',
					data: `1.411.${rng.int(100, 999)}.0`,
					oldData: `1.411.${rng.int(100, 999)}.0`,
				},
			}
		);
	}
	const actor = pickAlive(ctx, hs, [s.shell, ...s.apps, s.browser]);
	if (!actor) return undefined;
	switch (actor.name) {
		case 'chrome.exe':
			return {
				actor,
				reg: {
					key: `${HKU(s)}\\Software\\Google\\Chrome\\BLBeacon`,
					valueName: 'state',
					valueType: 'REG_DWORD',
					data: '1',
					oldData: '2',
				},
			};
		case 'OUTLOOK.EXE':
		case 'EXCEL.EXE':
			return {
				actor,
				reg: {
					key: `${HKU(s)}\\Software\\Microsoft\\Office\\16.0\\Common\\Roaming\\Identities\\${rng.hex(8)}_ADAL`,
					valueName: 'LastSwitchedTime',
					valueType: 'REG_QWORD',
					data: String(133_600_000_000_000_000 + rng.int(0, 1e9)),
					oldData: String(133_600_000_000_000_000),
				},
			};
		case 'OneDrive.exe':
			return {
				actor,
				reg: {
					key: `${HKU(s)}\\Software\\Microsoft\\OneDrive\\Accounts\\Business1`,
					valueName: 'LastSignInTime',
					valueType: 'REG_DWORD',
					data: String(rng.int(1_715_000_000, 1_720_000_000)),
					oldData: String(1_714_000_000),
				},
			};
		default:
			return {
				actor,
				reg: {
					key: `${HKU(s)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\FeatureUsage\\AppSwitched`,
					valueName: s.apps.length ? rng.pick(s.apps).image : WIN.chrome,
					valueType: 'REG_DWORD',
					data: String(rng.int(2, 900)),
					oldData: String(rng.int(1, 899)),
				},
			};
	}
}

export const modifyValue: Maker = (ctx, hs, time) => {
	const w = valueWrite(ctx, hs);
	return w && makeEvent('Registry Value Modified', time, hs, w.actor, {registry: w.reg});
};

export const createValue: Maker = (ctx, hs, time) => {
	const s = windowsSession(ctx, hs);
	if (!s) return undefined;
	const onedrive = s.apps.find(p => p.name === 'OneDrive.exe' && hs.procs.isAlive(p));
	// OneDrive (re)writes its Run value once when it starts, not again while it runs.
	if (onedrive && ctx.rng.chance(0.3) && !runValueWritten.has(onedrive)) {
		runValueWritten.add(onedrive);
		return makeEvent('Registry Value Creation', time, hs, onedrive, {
			registry: {
				key: `${HKU(s)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`,
				valueName: 'OneDrive',
				valueType: 'REG_SZ',
				data: `"${WIN.onedrive}" /background`,
			},
		});
	}
	const w = valueWrite(ctx, hs);
	return w && makeEvent('Registry Value Creation', time, hs, w.actor, {registry: {...w.reg, oldData: undefined}});
};

export const deleteValue: Maker = (ctx, hs, time) => {
	const s = windowsSession(ctx, hs);
	if (!s || !hs.procs.isAlive(s.shell)) return undefined;
	return makeEvent('Registry Value Delete', time, hs, s.shell, {
		registry: {
			key: `${HKU(s)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\SessionInfo\\1\\ApplicationViewManagement`,
			valueName: `W32:${ctx.rng.hex(16).toUpperCase()}`,
		},
	});
};

/** Office keeps a recovery key per open document and removes it on close. */
function resiliencyKey(ctx: GenContext, hs: HostState): RegAct | undefined {
	const s = windowsSession(ctx, hs);
	const office =
		s &&
		pickAlive(
			ctx,
			hs,
			s.apps.filter(p => p.name === 'EXCEL.EXE' || p.name === 'OUTLOOK.EXE'),
		);
	if (s && office)
		return {
			actor: office,
			reg: {
				key: `${HKU(s)}\\Software\\Microsoft\\Office\\16.0\\${office.name === 'EXCEL.EXE' ? 'Excel' : 'Outlook'}\\Resiliency\\DocumentRecovery\\${ctx.rng.hex(6).toUpperCase()}`,
			},
		};
	const svc = hs.host.os === 'windows' ? hs.procs.role('svchost-netsvcs') : undefined;
	return (
		svc && {
			actor: svc,
			reg: {
				key: `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree\\Microsoft\\Windows\\UpdateOrchestrator\\${ctx.rng.pick(['Schedule Scan', 'Report policies', 'USO_UxBroker'])}`,
			},
		}
	);
}

export const createKey: Maker = (ctx, hs, time) => {
	const k = resiliencyKey(ctx, hs);
	return k && makeEvent('Registry Key Creation', time, hs, k.actor, {registry: k.reg});
};

export const deleteKey: Maker = (ctx, hs, time) => {
	const k = resiliencyKey(ctx, hs);
	return k && makeEvent('Registry Key Delete', time, hs, k.actor, {registry: k.reg});
};

/** Explorer's "New Key #1" renamed by a user in regedit, or a service's own bookkeeping. */
export const renameKey: Maker = (ctx, hs, time) => {
	const s = windowsSession(ctx, hs);
	if (!s) return undefined;
	const name = ctx.rng.pick(['DisableTelemetryPrompt', 'PreferredPrinter', 'Proxy']);
	return withTool(ctx, hs, time, s.shell, s, 'C:\\Windows\\regedit.exe', '"C:\\Windows\\regedit.exe" ', (p, t) =>
		makeEvent('Registry Key Rename', t, hs, p, {
			registry: {key: `${HKU(s)}\\Software\\Corp\\${name}`, oldKey: `${HKU(s)}\\Software\\Corp\\New Key #1`},
		}),
	);
};

export const exportKey: Maker = (ctx, hs, time) => {
	const s = windowsSession(ctx, hs);
	if (!s) return undefined;
	const key = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate';
	const file = `C:\\Users\\${s.user.name}\\Documents\\wu-policy-backup.reg`;
	// reg.exe is a console tool: typed into an open prompt, so its command line is as typed.
	const prompt = consoleOf(hs, s);
	if (!prompt) return undefined;
	return withTool(ctx, hs, time, prompt, s, `${WIN.system32}\\reg.exe`, `reg export ${key} ${file} /y`, (p, t) =>
		makeEvent('Registry Key Export', t, hs, p, {registry: {key, exportPath: file}}),
	);
};

export const importKey: Maker = (ctx, hs, time) => {
	const s = windowsSession(ctx, hs);
	if (!s) return undefined;
	const file = `\\\\fileserver.corp.example\\it$\\registry\\${ctx.rng.pick(['printers.reg', 'proxy-settings.reg', 'outlook-profile.reg'])}`;
	const key = `${HKU(s)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings`;
	const prompt = consoleOf(hs, s);
	if (!prompt) return undefined;
	return withTool(ctx, hs, time, prompt, s, `${WIN.system32}\\reg.exe`, `reg import ${file}`, (p, t) =>
		makeEvent('Registry Key Import', t, hs, p, {registry: {key, importPath: file}}),
	);
};

export const keySecurityChanged: Maker = (ctx, hs, time) => {
	if (hs.host.os !== 'windows') return undefined;
	const actor = pickAlive(ctx, hs, [hs.procs.role('services'), hs.procs.role('svchost-netsvcs')]);
	const svc = ctx.rng.pick(['WaaSMedicSvc', 'wuauserv', 'UsoSvc', 'DoSvc']);
	return (
		actor &&
		makeEvent('Registry Key Security Changed', time, hs, actor, {
			registry: {key: `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${svc}`, securityInformation: 4},
		})
	);
};

/** A command prompt the session's user has open (started from Explorer), if any. */
function consoleOf(hs: HostState, s: Session): DemoProcess | undefined {
	return hs.procs.transient().find(p => p.name === 'cmd.exe' && p.parent === s.shell && hs.procs.isAlive(p));
}

/** A tool started from explorer or a prompt that does one thing and exits: creation now, the act, exit. */
function withTool(
	ctx: GenContext,
	hs: HostState,
	time: number,
	parent: DemoProcess,
	s: Session,
	image: string,
	cmdline: string,
	act: (p: DemoProcess, t: number) => DemoEvent,
): DemoEvent | undefined {
	if (!hs.procs.isAlive(parent)) return undefined;
	const p = hs.procs.spawn(
		parent,
		{image, cmdline, user: s.account, integrity: parent === s.shell ? 'HIGH' : parent.integrity, signer: MS_WINDOWS},
		time,
	);
	// Short-lived only once it has acted, so the exit noise cannot end it first.
	ctx.later(hs, [
		t => {
			markShortLived(p);
			return hs.procs.isAlive(p) ? act(p, t) : undefined;
		},
	]);
	return makeEvent('Process Creation', time, hs, parent, {process: p});
}
