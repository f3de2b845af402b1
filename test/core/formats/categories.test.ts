import {describe, expect, it} from 'vitest';
import {EDR_CATEGORIES} from '../../../source/core/event.js';
import {decodeRecord, encodeDvPacket, type DecodedEvent} from '../../../source/core/formats/index.js';
import {
	AGENT,
	CATEGORY_CASES,
	cf2Common,
	DV_META,
	EVENT_TIME,
	HOST,
	INGEST_TIME,
	type CategoryCase,
} from '../../fixtures/formats/categories.js';
import {only} from '../../helpers/lists.js';

const kafka = {
	topic: 'dv',
	partition: 0,
	offset: '7',
	timestamp: EVENT_TIME + 3000,
	timestampType: 'CreateTime' as const,
};

function decodeDv(c: CategoryCase): DecodedEvent {
	const value = encodeDvPacket({
		meta: DV_META,
		events: [{timestamp: {millisecondsSinceEpoch: EVENT_TIME}, [c.dvMember]: c.dv}],
		version: 'EXPORT_20',
	});
	const events = decodeRecord({value, receivedAt: EVENT_TIME + 4000, kafka});
	return only(events);
}

function decodeCf2(c: CategoryCase): DecodedEvent {
	const value = JSON.stringify({...cf2Common(), ...c.cf2});
	const events = decodeRecord({value: Buffer.from(value), receivedAt: EVENT_TIME + 4000, kafka});
	return only(events);
}

function checkCommon(ev: DecodedEvent, c: CategoryCase): void {
	expect(ev.category).toBe(c.category);
	expect(ev.host).toBe(HOST);
	expect(ev.os).toBe('windows');
	expect(ev.agentId).toBe(AGENT);
	expect(ev.time).toBe(EVENT_TIME);
	expect(ev.receivedAt).toBe(EVENT_TIME + 4000);
	expect(ev.kafka).toEqual(kafka);
	expect(ev.hits).toEqual([]);
	expect(ev.actor).toMatchObject(c.expect.actor);
	if (c.expect.parent) expect(ev.parent).toMatchObject(c.expect.parent);
	if (c.expect.user) expect(ev.user).toBe(c.expect.user);
	expect(ev.target).toMatchObject(c.expect.target);
}

describe('the 28 categories', () => {
	it('has one case per category', () => {
		expect(CATEGORY_CASES.map(c => c.category).sort()).toEqual([...EDR_CATEGORIES].sort());
	});

	describe.each(CATEGORY_CASES.map(c => [c.category, c] as const))('%s', (_name, c) => {
		it('s1-dv packet', () => {
			const ev = decodeDv(c);
			checkCommon(ev, c);
			expect(ev.format).toBe('s1-dv');
			if (c.expect.dvTarget) expect(ev.target).toMatchObject(c.expect.dvTarget);
			expect(ev.summary).toBe(c.expect.dvSummary ?? c.expect.summary);
			// raw = the event's JSON rendering plus the packet meta.
			expect(ev.raw).toHaveProperty('meta.computerName', HOST);
			expect(ev.raw).toHaveProperty('timestamp.millisecondsSinceEpoch', String(EVENT_TIME));
			expect(ev.raw).toHaveProperty([c.dvMember], expect.anything());
		});

		it('s1-cf2 object', () => {
			const ev = decodeCf2(c);
			checkCommon(ev, c);
			expect(ev.format).toBe('s1-cf2');
			expect(ev.ingestTime).toBe(INGEST_TIME);
			if (c.expect.cf2Target) expect(ev.target).toMatchObject(c.expect.cf2Target);
			expect(ev.summary).toBe(c.expect.cf2Summary ?? c.expect.summary);
			expect((ev.raw as Record<string, unknown>)['endpoint.name']).toBe(HOST);
		});
	});

	it('unfolds a packet of all 28 into 28 events in order, each with the packet meta', () => {
		const value = encodeDvPacket({
			meta: DV_META,
			events: CATEGORY_CASES.map((c, i) => ({timestamp: {millisecondsSinceEpoch: EVENT_TIME + i}, [c.dvMember]: c.dv})),
		});
		const events = decodeRecord({value, receivedAt: EVENT_TIME + 5000});
		expect(events.map(e => e.category)).toEqual(CATEGORY_CASES.map(c => c.category));
		expect(events.map(e => e.time)).toEqual(CATEGORY_CASES.map((_c, i) => EVENT_TIME + i));
		expect(new Set(events.map(e => e.host))).toEqual(new Set([HOST]));
		expect(new Set(events.map(e => e.family))).toEqual(
			new Set(['process', 'file', 'network', 'registry', 'scheduled task', 'login', 'persistence']),
		);
	});

	it('reads several CF2 NDJSON lines in one message', () => {
		const lines = CATEGORY_CASES.slice(0, 5).map(c => JSON.stringify({...cf2Common(), ...c.cf2}));
		const events = decodeRecord({value: `${lines.join('\n')}\n`, receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(CATEGORY_CASES.slice(0, 5).map(c => c.category));
	});
});
