import {deflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {decodeRecord, encodeDvPacket, registryDwordHex} from '../../../source/core/formats/index.js';
import {DV_META, EVENT_TIME, dvProc} from '../../fixtures/formats/categories.js';
import {itemAt, only} from '../../helpers/lists.js';

const ps = {name: 'powershell.exe', path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', pid: 5100};

function decodeOne(event: Record<string, unknown>, compress = true) {
	const value = encodeDvPacket(
		{meta: DV_META, events: [{timestamp: {millisecondsSinceEpoch: EVENT_TIME}, ...event}]},
		{compress},
	);
	const events = decodeRecord({value, receivedAt: 1});
	return only(events);
}

describe('s1-dv proto3 quirks', () => {
	it('an INCOMING tcpv4 has no direction on the wire and is read as INCOMING', () => {
		const ev = decodeOne({
			tcpv4: {
				source: dvProc(ps),
				sourceAddress: {address: '10.0.0.9', port: 50000},
				destinationAddress: {address: '10.0.0.5', port: 445},
			},
		});
		expect(ev.raw).toHaveProperty('tcpv4.sourceAddress');
		expect(ev.raw).not.toHaveProperty('tcpv4.direction');
		expect(ev.target.network?.direction).toBe('INCOMING');
		expect(ev.summary).toBe('powershell.exe 10.0.0.9:50000 -> 10.0.0.5:445 incoming');
	});

	it('renders uint64 as strings and enums by name in raw; omits defaults', () => {
		const ev = decodeOne({
			fileCreation: {
				source: dvProc(ps),
				targetFile: {
					path: 'C:\\x.bin',
					sizeBytes: '9007199254740993',
					isDir: 'E_FALSE',
					isKernelModule: 'E_UNSUPPORTED',
				},
			},
		});
		expect(ev.raw).toHaveProperty('fileCreation.targetFile.sizeBytes', '9007199254740993');
		expect(ev.raw).toHaveProperty('fileCreation.targetFile.isDir', 'E_FALSE');
		expect(ev.raw).not.toHaveProperty('fileCreation.targetFile.isKernelModule');
		// Past 2^53 a size is not a safe number: left out of the normalized target, kept in raw.
		expect(ev.target.file?.size).toBeUndefined();
	});

	it('ignores garbage times (negative int64 read as uint64)', () => {
		const value = encodeDvPacket({
			meta: DV_META,
			events: [
				{
					timestamp: {millisecondsSinceEpoch: '18446744073709551000'},
					processExit: {
						source: {...dvProc(ps), fullPid: {pid: 5100, startTime: {millisecondsSinceEpoch: '18446744073709551615'}}},
					},
				},
			],
		});
		const ev = itemAt(decodeRecord({value, receivedAt: 1}), 0);
		expect(ev.category).toBe('Process Exit');
		expect(ev.time).toBeUndefined();
		expect(ev.raw).toHaveProperty('timestamp.millisecondsSinceEpoch', '18446744073709551000');
	});

	it('decodes uncompressed packets too', () => {
		const ev = decodeOne({http: {source: dvProc(ps), url: 'https://evil.example/', method: 'POST'}}, false);
		expect(ev.category).toBe('HTTP Request');
		expect(ev.summary).toBe('powershell.exe POST https://evil.example/');
	});

	it('decodes a bare packet whose first bytes look like "\\n{"', () => {
		// meta of 123 bytes: the packet starts 0x0a 0x7b, i.e. "\n{".
		const meta = {computerName: 'H'.repeat(121)};
		const value = encodeDvPacket(
			{meta, events: [{timestamp: {millisecondsSinceEpoch: EVENT_TIME}, processExit: {source: dvProc(ps)}}]},
			{compress: false},
		);
		expect([value[0], value[1]]).toEqual([0x0a, 0x7b]);
		const ev = itemAt(decodeRecord({value, receivedAt: 1}), 0);
		expect(ev.format).toBe('s1-dv');
		expect(ev.host).toBe('H'.repeat(121));
	});

	it('files the other members under "other" with the member name', () => {
		const cases: Array<[string, Record<string, unknown>, string]> = [
			[
				'moduleLoad',
				{source: dvProc(ps), path: 'C:\\Windows\\System32\\amsi.dll', sha1: 'AAEC'},
				'moduleLoad powershell.exe C:\\Windows\\System32\\amsi.dll',
			],
			[
				'openProcess',
				{
					source: dvProc(ps),
					target: dvProc({name: 'lsass.exe', path: 'C:\\Windows\\System32\\lsass.exe', pid: 700}),
					desiredAccess: 0x1010,
				},
				'openProcess powershell.exe lsass.exe',
			],
			[
				'scripts',
				{source: dvProc(ps), appName: 'PowerShell', decodedContent: 'IEX (New-Object Net.WebClient)'},
				'scripts powershell.exe PowerShell',
			],
			[
				'behavioralIndicators',
				{source: dvProc(ps), indicator: 'PowershellDownload', category: 'BI_POST_EXPLOITATION'},
				'behavioralIndicators powershell.exe PowershellDownload',
			],
			[
				'remoteThread',
				{source: dvProc(ps), target: dvProc({name: 'explorer.exe', path: 'C:\\Windows\\explorer.exe', pid: 4000})},
				'remoteThread powershell.exe explorer.exe',
			],
			[
				'eventLog',
				{providerName: 'Microsoft-Windows-Security-Auditing', eventID: 4625, channel: 'Security'},
				'eventLog ? Security EventID 4625',
			],
			['processModification', {source: dvProc(ps)}, 'processModification powershell.exe'],
			['duplicateThread', {source: dvProc(ps)}, 'duplicateThread powershell.exe'],
			['duplicateProcess', {source: dvProc(ps)}, 'duplicateProcess powershell.exe'],
		];
		for (const [member, body, summary] of cases) {
			const ev = decodeOne({[member]: body});
			expect(ev.category, member).toBe('other');
			expect(ev.family).toBe('other');
			expect(ev.subtype).toBe(member);
			expect(ev.summary).toBe(summary);
			expect(ev.raw).toHaveProperty([member], expect.anything());
		}
	});

	it('an event with no member is "other", not an error', () => {
		const ev = decodeOne({});
		expect(ev.category).toBe('other');
		expect(ev.subtype).toBe('empty event');
	});

	it('decodes registry data: UTF-16LE strings and DWORDs as Sysmon shows them', () => {
		const ev = decodeOne({
			regValueModified: {
				source: dvProc(ps),
				regValue: {path: 'MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\DisableAntiSpyware'},
				oldValueType: 4,
				newValueType: 4,
				oldValueData: registryDwordHex(0),
				newValueData: registryDwordHex(1),
			},
		});
		expect(ev.target.registry).toMatchObject({
			data: 'DWORD (0x00000001)',
			oldData: 'DWORD (0x00000000)',
			valueType: 'REG_DWORD',
			value: 'DisableAntiSpyware',
		});
		expect(ev.summary).toBe(
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\DisableAntiSpyware = DWORD (0x00000001) (was DWORD (0x00000000))',
		);
	});

	it('maps osFamily and carries agent and storyline ids', () => {
		const value = encodeDvPacket({
			meta: {computerName: 'mac-1', osFamily: 'osx', uuid: 'agent-mac'},
			events: [
				{
					timestamp: {millisecondsSinceEpoch: EVENT_TIME},
					processExit: {source: {name: 'zsh', trueContext: {key: {value: 'STORY1'}}, integrityLevel: 'HIGH'}},
				},
			],
		});
		const ev = itemAt(decodeRecord({value, receivedAt: 1}), 0);
		expect(ev.os).toBe('macos');
		expect(ev.agentId).toBe('agent-mac');
		expect(ev.actor).toMatchObject({name: 'zsh', storyline: 'STORY1', integrity: 'HIGH'});
	});

	it('reads a zlib-compressed JSON payload as JSON', () => {
		const value = deflateSync(
			Buffer.from(JSON.stringify({'event.type': 'Login', 'endpoint.name': 'WS09', 'event.login.userName': 'bob'})),
		);
		const ev = itemAt(decodeRecord({value, receivedAt: 1}), 0);
		expect(ev.format).toBe('s1-cf2');
		expect(ev.summary).toBe('Login bob');
	});
});
