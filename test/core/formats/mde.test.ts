import {describe, expect, it} from 'vitest';
import {classifyObject, decodeRecord} from '../../../source/core/formats/index.js';
import {
	MDE_CASES,
	MDE_DEVICE_ID,
	MDE_EVENT_TIME,
	MDE_HOST,
	MDE_INGEST_TIME,
	mdeMessage,
	mdeRecord,
} from '../../fixtures/formats/mde.js';
import {itemAt, only} from '../../helpers/lists.js';

const kafka = {
	topic: 'mde',
	partition: 0,
	offset: '3',
	timestamp: MDE_INGEST_TIME + 2000,
	timestampType: 'LogAppendTime' as const,
};

describe('mde: the Streaming API to Event Hubs', () => {
	describe.each(MDE_CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
		it('decodes category, host, user, actor, target and summary', () => {
			const ev = only(
				decodeRecord({value: mdeMessage(mdeRecord(c.table, c.properties)), receivedAt: MDE_INGEST_TIME + 3000, kafka}),
			);
			expect(ev.format).toBe('mde');
			expect(ev.category).toBe(c.category);
			if (c.subtype) expect(ev.subtype).toBe(c.subtype);
			expect(ev.host).toBe(MDE_HOST);
			expect(ev.agentId).toBe(MDE_DEVICE_ID);
			expect(ev.os).toBe(c.noOs ? undefined : 'windows');
			expect(ev.time).toBe(MDE_EVENT_TIME);
			expect(ev.ingestTime).toBe(MDE_INGEST_TIME);
			expect(ev.kafka).toEqual(kafka);
			if (c.user) expect(ev.user).toBe(c.user);
			if (c.actor) expect(ev.actor).toMatchObject(c.actor);
			if (c.parent) expect(ev.parent).toMatchObject(c.parent);
			expect(ev.target).toMatchObject(c.target);
			expect(ev.summary).toBe(c.summary);
			expect(ev.raw).toHaveProperty('category', `AdvancedHunting-${c.table}`);
		});
	});

	it('gives one event per record, in order, whatever the tables', () => {
		const records = MDE_CASES.map(c => mdeRecord(c.table, c.properties));
		const events = decodeRecord({value: mdeMessage(...records), receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(MDE_CASES.map(c => c.category));
		expect(new Set(events.map(e => e.format))).toEqual(new Set(['mde']));
	});

	it('reads a record alone and a bare Advanced Hunting row', () => {
		const c = itemAt(MDE_CASES, 0);
		const record = mdeRecord(c.table, c.properties);
		expect(classifyObject(record)).toBe('mde');
		expect(only(decodeRecord({value: JSON.stringify(record), receivedAt: 1})).category).toBe('Process Creation');
		const row = only(decodeRecord({value: JSON.stringify(record.properties), receivedAt: 1}));
		expect(row.format).toBe('mde');
		expect(row.category).toBe('Process Creation');
		expect(row.ingestTime).toBeUndefined();
	});

	it('shows a bad record as an undecodable row and keeps the good ones', () => {
		const c = itemAt(MDE_CASES, 0);
		const value = JSON.stringify({records: [mdeRecord(c.table, c.properties), 42, null, 'x']});
		const events = decodeRecord({value, receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(['Process Creation', 'undecodable', 'undecodable', 'undecodable']);
		expect(itemAt(events, 1).undecodable?.reason).toBe('mde record 2 is number, not an object');
		const empty = only(decodeRecord({value: '{"records":[]}', receivedAt: 1}, {format: 'mde'}));
		expect(empty.undecodable?.reason).toBe('mde message without records');
	});

	it('survives wrong-typed columns and an AdditionalFields that is not JSON', () => {
		const value = mdeMessage(
			mdeRecord('DeviceProcessEvents', {
				ActionType: 'ProcessCreated',
				FileName: 'x.exe',
				FolderPath: {nested: {deep: 1}},
				ProcessId: 'not a number',
				ProcessCommandLine: ['x'],
				InitiatingProcessId: -5,
				AccountName: 7,
			}),
			mdeRecord('DeviceEvents', {ActionType: 'ScheduledTaskCreated', AdditionalFields: '{"TaskName": '}),
			mdeRecord('DeviceEvents', {ActionType: 'DnsQueryResponse', AdditionalFields: 'x'.repeat(200_000)}),
		);
		const events = decodeRecord({value, receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(['Process Creation', 'Scheduled Task Register', 'DNS']);
		expect(itemAt(events, 0).target.process?.pid).toBeUndefined();
		expect(itemAt(events, 0).user).toBe('7');
		expect(itemAt(events, 1).summary).toBe('Task Register ?');
	});
});
