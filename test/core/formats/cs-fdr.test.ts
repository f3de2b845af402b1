import {describe, expect, it} from 'vitest';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {drivePath} from '../../../source/core/formats/cs-fdr/normalize.js';
import {CS_AID, CS_CASES, CS_CLOUD_TIME, CS_EVENT_TIME, CS_HOST, csEvent} from '../../fixtures/formats/cs-fdr.js';
import {itemAt, only} from '../../helpers/lists.js';

describe('cs-fdr: CrowdStrike Falcon Data Replicator events', () => {
	describe.each(CS_CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
		it('decodes category, host, user, actor, target and summary', () => {
			const name = c.name.split(' ')[0]!;
			const ev = only(decodeRecord({value: JSON.stringify(csEvent(name, c.fields)), receivedAt: CS_CLOUD_TIME + 900}));
			expect(ev.format).toBe('cs-fdr');
			expect(ev.category).toBe(c.category);
			if (c.subtype) expect(ev.subtype).toBe(c.subtype);
			expect(ev.host).toBe(CS_HOST);
			expect(ev.agentId).toBe(CS_AID);
			expect(ev.os).toBe('windows');
			expect(ev.time).toBe(CS_EVENT_TIME);
			expect(ev.ingestTime).toBe(CS_CLOUD_TIME);
			if (c.user) expect(ev.user).toBe(c.user);
			if (c.actor) expect(ev.actor).toMatchObject(c.actor);
			expect(ev.target).toMatchObject(c.target);
			expect(ev.summary).toBe(c.summary);
		});
	});

	it('reads NDJSON lines of a file, one event each', () => {
		const lines = CS_CASES.map(c => JSON.stringify(csEvent(c.name.split(' ')[0]!, c.fields))).join('\n');
		const events = decodeRecord({value: lines, receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(CS_CASES.map(c => c.category));
	});

	it('shows device paths as drive paths', () => {
		expect(drivePath('\\Device\\HarddiskVolume12\\Windows\\x.exe')).toBe('C:\\Windows\\x.exe');
		expect(drivePath('\\??\\D:\\data\\x.exe')).toBe('D:\\data\\x.exe');
		expect(drivePath('/usr/bin/curl')).toBe('/usr/bin/curl');
	});

	it('uses the cloud timestamp when the sensor time is missing, and the aid when no host name', () => {
		const o = csEvent('DnsRequest', {DomainName: 'x.test'});
		delete o.ContextTimeStamp;
		delete o.ComputerName;
		const ev = itemAt(decodeRecord({value: JSON.stringify(o), receivedAt: 1}), 0);
		expect(ev.time).toBe(CS_CLOUD_TIME);
		expect(ev.ingestTime).toBeUndefined();
		expect(ev.host).toBe(CS_AID);
	});
});
