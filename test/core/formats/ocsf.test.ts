import {describe, expect, it} from 'vitest';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {OCSF_CASES, OCSF_HOST, OCSF_LOGGED, OCSF_TIME, ocsfEvent} from '../../fixtures/formats/ocsf.js';
import {only} from '../../helpers/lists.js';

describe('ocsf: OCSF 1.x events', () => {
	describe.each(OCSF_CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
		it('decodes category, host, user, actor, target and summary', () => {
			const ev = only(decodeRecord({value: JSON.stringify(c.value), receivedAt: 1}));
			expect(ev.format).toBe('ocsf');
			expect(ev.category).toBe(c.category);
			if (c.subtype) expect(ev.subtype).toBe(c.subtype);
			expect(ev.host).toBe(OCSF_HOST);
			expect(ev.os).toBe('windows');
			expect(ev.time).toBe(OCSF_TIME);
			expect(ev.ingestTime).toBe(OCSF_LOGGED);
			if (c.user) expect(ev.user).toBe(c.user);
			if (c.actor) expect(ev.actor).toMatchObject(c.actor);
			expect(ev.target).toMatchObject(c.target);
			expect(ev.summary).toBe(c.summary);
		});
	});

	it('reads the class and activity from type_uid alone', () => {
		const o = ocsfEvent(1001, 4, {file: {path: 'C:\\Temp\\x.tmp'}});
		delete o.class_uid;
		delete o.activity_id;
		const ev = only(decodeRecord({value: JSON.stringify(o), receivedAt: 1}, {format: 'ocsf'}));
		expect(ev.category).toBe('File Deletion');
	});

	it('an OCSF batch (a JSON array) gives one event each', () => {
		const events = decodeRecord({value: JSON.stringify(OCSF_CASES.map(c => c.value)), receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(OCSF_CASES.map(c => c.category));
	});
});
