import {describe, expect, it} from 'vitest';
import {EDR_CATEGORIES, type EdrEvent} from '../../../source/core/event.js';
import {decodeRecord, type DecodedEvent} from '../../../source/core/formats/index.js';
import {ATOMIC_COMMANDS, generateDemoRecords} from '../../../source/core/demo/index.js';
import {itemAt} from '../../helpers/lists.js';

const decodeAll = (records: ReturnType<typeof generateDemoRecords>): DecodedEvent[] =>
	records.flatMap(r => decodeRecord(r));

// Processes that run from boot or logon: they act without a creation event in the stream.
const ROOTS = new Set([
	'System',
	'smss.exe',
	'wininit.exe',
	'services.exe',
	'lsass.exe',
	'winlogon.exe',
	'svchost.exe',
	'MsMpEng.exe',
	'dns.exe',
	'explorer.exe',
	'chrome.exe',
	'OUTLOOK.EXE',
	'ms-teams.exe',
	'OneDrive.exe',
	'Code.exe',
	'EXCEL.EXE',
	'systemd',
	'sshd',
	'cron',
	'crond',
	'systemd-resolved',
	'nginx',
	'node',
	'postgres',
	'bash',
	'launchd',
	'mDNSResponder',
	'loginwindow',
	'Finder',
	'Terminal',
	'zsh',
	'Google Chrome',
	'Figma',
]);

// Thousands of events generated, encoded and decoded per test: up to 0.5 s idle, seconds when busy.
describe('demo generator', {timeout: 30_000}, () => {
	const dv = decodeAll(generateDemoRecords(2000));

	it('is deterministic for a seed, in every format, and differs between seeds', () => {
		// Compared as base64 text: deep equality over Buffers is slow byte by byte.
		const wire = (seed: number, format: 's1-dv' | 's1-cf2' | 'sysmon') =>
			generateDemoRecords(300, {seed, format}).map(r => Buffer.from(r.value as Uint8Array | string).toString('base64'));
		for (const format of ['s1-dv', 's1-cf2', 'sysmon'] as const) {
			const a = wire(42, format);
			expect(a.length).toBeGreaterThan(0);
			expect(wire(42, format)).toEqual(a);
			expect(wire(43, format)).not.toEqual(a);
		}
	});

	it('covers all 28 categories and module loads within the first 2,000 events (s1-dv and s1-cf2, decoded)', () => {
		expect(dv).toHaveLength(2000);
		// "other": the Atomic regsvr32 runs' module loads (scrobj.dll), which edrtail has no category for.
		expect(new Set(dv.map(e => e.category))).toEqual(new Set([...EDR_CATEGORIES, 'other']));
		const dvOther = dv.filter(e => e.category === 'other');
		expect(new Set(dvOther.map(e => `${e.subtype} ${e.target.file?.path}`))).toEqual(
			new Set(['moduleLoad C:\\Windows\\System32\\scrobj.dll']),
		);
		const cf2 = decodeAll(generateDemoRecords(2000, {format: 's1-cf2'}));
		expect(cf2).toHaveLength(2000);
		expect(new Set(cf2.map(e => e.category))).toEqual(new Set([...EDR_CATEGORIES, 'other']));
		expect(new Set(cf2.filter(e => e.category === 'other').map(e => e.subtype))).toEqual(new Set(['Module Load']));
		// Same events either way; s1-dv groups each flush by host, so compare as multisets.
		expect(dv.map(e => e.category).sort()).toEqual(cf2.map(e => e.category).sort());
	});

	it('spreads events over several hosts, mostly Windows, with users', () => {
		const byOs = new Map<string, Set<string>>();
		for (const e of dv) byOs.set(e.os ?? '?', (byOs.get(e.os ?? '?') ?? new Set()).add(e.host ?? '?'));
		expect(byOs.get('windows')?.size).toBeGreaterThanOrEqual(4);
		expect(byOs.get('linux')?.size).toBeGreaterThanOrEqual(1);
		expect([...byOs.keys()].some(os => os.startsWith('mac') || os === 'osx')).toBe(true);
		const windows = dv.filter(e => e.os === 'windows').length;
		expect(windows / dv.length).toBeGreaterThan(0.6);
		expect(new Set(dv.map(e => e.user).filter(Boolean)).size).toBeGreaterThanOrEqual(8);
	});

	it('keeps process trees consistent: actors exist, children come after parents, storylines line up', () => {
		checkProcessTrees(dv);
		checkProcessTrees(decodeAll(generateDemoRecords(3000, {seed: 5, format: 's1-cf2'})));
	});

	it('runs the Atomic Red Team tests with their exact command lines and their aftermath', () => {
		const events = decodeAll(generateDemoRecords(2000, {format: 's1-cf2'}));
		const creations = events.filter(e => e.category === 'Process Creation');
		for (const [id, command] of Object.entries(ATOMIC_COMMANDS)) {
			const i = events.findIndex(e => e.category === 'Process Creation' && e.target.process?.cmdline === command);
			expect(i, `${id} runs`).toBeGreaterThanOrEqual(0);
			const run = itemAt(events, i);
			expect(run.actor?.name).toBe('cmd.exe');
			expect(run.actor?.cmdline).toContain(command);
			expect(run.parent?.name).toBe('powershell.exe');
			const tool = run.target.process!;
			const after = events.slice(i + 1).filter(e => e.host === run.host);
			if (id.startsWith('T1218.010')) {
				const calc = after.find(e => e.category === 'Process Creation' && e.actor?.pid === tool.pid);
				expect(calc?.target.process?.name).toBe('calc.exe');
				// #1 fetches the scriptlet from PowerShell beforehand (prerequisite), #2 from regsvr32.
				const lookups = events.filter(
					e => e.host === run.host && e.category === 'DNS' && e.target.dns?.query === 'raw.githubusercontent.com',
				);
				expect(lookups.length).toBeGreaterThan(0);
				const talker = id.endsWith('-2') ? tool.pid : run.parent?.pid;
				expect(
					events.some(
						e =>
							e.host === run.host &&
							e.category === 'TCPv4 Connection' &&
							e.actor?.pid === talker &&
							e.target.network?.dstPort === 443,
					),
				).toBe(true);
				expect(lookups.some(e => e.actor?.pid === talker)).toBe(true);
			} else {
				const created = after.find(
					e =>
						e.category === 'File Creation' &&
						e.target.file?.path?.endsWith('\\AppData\\Local\\Temp\\bitsadmin1_flag.ps1'),
				);
				const modified = after.find(
					e => e.category === 'File Modification' && e.target.file?.path === created?.target.file?.path,
				);
				expect(created).toBeDefined();
				expect(modified).toBeDefined();
				expect(after.some(e => e.category === 'DNS' && e.target.dns?.query === 'raw.githubusercontent.com')).toBe(true);
			}
		}
		expect(creations.length).toBeGreaterThan(100);
	});

	it('renders S1 conventions: MACHINE\\ hives in CF2, one host per DV packet, epoch-ms times', () => {
		const cf2 = generateDemoRecords(2000, {format: 's1-cf2'}).map(
			r => JSON.parse(r.value as string) as Record<string, unknown>,
		);
		const keys = cf2.map(o => o['registry.keyPath']).filter((k): k is string => typeof k === 'string');
		expect(keys.length).toBeGreaterThan(50);
		for (const k of keys) expect(k.startsWith('MACHINE\\') || k.startsWith('USER\\')).toBe(true);
		for (const o of cf2.slice(0, 50)) {
			expect(o['event.time']).toBeTypeOf('number');
			expect(o['sca:atlantisIngestTime'] as number).toBeGreaterThanOrEqual(o['event.time'] as number);
			expect(o['endpoint.name']).toBeTypeOf('string');
		}
		const records = generateDemoRecords(600, {rate: 2000});
		for (const r of records) {
			const events = decodeRecord(r);
			expect(new Set(events.map(e => e.host)).size).toBe(1);
			expect(events.every(e => e.format === 's1-dv')).toBe(true);
		}
		expect(records.length).toBeLessThan(600);
	});

	it('renders Sysmon and Windows logs for what they cover', () => {
		const sysmon = decodeAll(generateDemoRecords(2000, {format: 'sysmon'}));
		expect(sysmon.length).toBeGreaterThan(1200);
		expect(sysmon.every(e => e.format === 'sysmon' && e.sigmaFields)).toBe(true);
		const cats = new Set(sysmon.map(e => e.category));
		for (const c of [
			'Process Creation',
			'Process Termination',
			'File Creation',
			'File Deletion',
			'DNS',
			'TCPv4 Connection',
			'Registry Value Modified',
			'Registry Key Creation',
			'Login',
			'Logout',
			'Scheduled Task Register',
		] as const)
			expect(cats.has(c), c).toBe(true);
		const regsvr = sysmon.find(e => e.sigmaFields?.CommandLine === ATOMIC_COMMANDS['T1218.010-2']) as
			EdrEvent | undefined;
		expect(regsvr?.sigmaFields).toMatchObject({
			Image: 'C:\\Windows\\System32\\regsvr32.exe',
			ParentImage: 'C:\\Windows\\System32\\cmd.exe',
			OriginalFileName: 'REGSVR32.EXE',
		});
	});
});

function checkProcessTrees(events: DecodedEvent[]): void {
	const live = new Map<string, {image?: string; time: number; storyline?: string}>();
	const key = (e: DecodedEvent, pid: number | undefined) => `${e.host}:${pid}`;
	let checked = 0;
	for (const e of events) {
		const actor = e.actor!;
		expect(actor.pid, `${e.category} on ${e.host} has an actor pid`).toBeTypeOf('number');
		const known = live.get(key(e, actor.pid));
		if (known) {
			checked++;
			expect(actor.image).toBe(known.image);
			expect(actor.storyline).toBe(known.storyline);
			expect(e.time!).toBeGreaterThanOrEqual(known.time);
		} else {
			expect(
				ROOTS.has(actor.name ?? ''),
				`${actor.name} (pid ${actor.pid}) on ${e.host} acts (${e.category}) without having been created`,
			).toBe(true);
		}
		if (e.category === 'Process Creation') {
			const child = e.target.process!;
			expect(live.has(key(e, child.pid)), `pid ${child.pid} reused while alive on ${e.host}`).toBe(false);
			live.set(key(e, child.pid), {image: child.image, time: e.time!, storyline: child.storyline});
			// A child stays in its creator's storyline unless the creator starts new ones.
			if (
				!['explorer.exe', 'services.exe', 'svchost.exe', 'launchd', 'systemd', 'cron', 'crond', 'sshd'].includes(
					actor.name!,
				)
			)
				expect(child.storyline).toBe(actor.storyline);
		}
		if (e.category === 'Process Exit') live.delete(key(e, actor.pid));
		if (e.category === 'Process Termination') live.delete(key(e, e.target.process!.pid));
	}
	expect(checked).toBeGreaterThan(100);
}
