// Raw Winlogbeat 8 output (no ECS processing before Kafka) reads as Sysmon / Security events with
// every Sigma field name: the Sysmon decoder's Winlogbeat shape.
import {describe, expect, it} from 'vitest';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {WLB_CASES, WLB_COMPUTER, WLB_TIME} from '../../fixtures/formats/winlogbeat.js';
import {itemAt, only} from '../../helpers/lists.js';

describe('raw Winlogbeat 8', () => {
	describe.each(WLB_CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
		it('decodes category, host, user, actor, target and summary', () => {
			const ev = only(decodeRecord({value: JSON.stringify(c.value), receivedAt: 1}));
			expect(ev.format).toBe('sysmon');
			expect(ev.category).toBe(c.category);
			expect(ev.host).toBe(WLB_COMPUTER);
			expect(ev.os).toBe('windows');
			expect(ev.time).toBe(WLB_TIME);
			if (c.user) expect(ev.user).toBe(c.user);
			if (c.actor) expect(ev.actor).toMatchObject(c.actor);
			expect(ev.target).toMatchObject(c.target);
			expect(ev.summary).toBe(c.summary);
		});
	});

	it('gives rules the System fields Winlogbeat keeps outside event_data, and UserData', () => {
		const sf = only(decodeRecord({value: JSON.stringify(itemAt(WLB_CASES, 0).value), receivedAt: 1})).sigmaFields!;
		expect(sf).toMatchObject({
			EventID: '1',
			Channel: 'Microsoft-Windows-Sysmon/Operational',
			Computer: WLB_COMPUTER,
			Provider_Name: 'Microsoft-Windows-Sysmon',
			EventRecordID: '771234',
			Execution_ProcessID: '3412',
			Security_UserID: 'S-1-5-18',
			OriginalFileName: 'REGSVR32.EXE',
		});
		const cleared = WLB_CASES.find(c => c.name.startsWith('System 104'))!;
		const ud = only(decodeRecord({value: JSON.stringify(cleared.value), receivedAt: 1})).sigmaFields!;
		expect(ud).toMatchObject({EventID: '104', Channel: 'System', SubjectUserName: 'alice'});
	});
});
