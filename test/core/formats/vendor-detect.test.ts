// Detection never confuses the vendor formats with each other or with the S1 and Sysmon ones:
// one object of each, classified by its keys, and each decoded in its own format.
import {describe, expect, it} from 'vitest';
import {classifyObject, decodeRecord} from '../../../source/core/formats/index.js';
import {CATEGORY_CASES, cf2Common} from '../../fixtures/formats/categories.js';
import {CS_CASES, csEvent} from '../../fixtures/formats/cs-fdr.js';
import {MDE_CASES, mdeRecord} from '../../fixtures/formats/mde.js';
import {OCSF_CASES} from '../../fixtures/formats/ocsf.js';
import {API_PROCESS_CREATION} from '../../fixtures/formats/s1-api.js';
import {SYSMON_EVTX, SYSMON_FLAT, SYSMON_WINLOGBEAT} from '../../fixtures/formats/sysmon.js';
import {WLB_CASES} from '../../fixtures/formats/winlogbeat.js';
import {itemAt} from '../../helpers/lists.js';

const mdeCase = itemAt(MDE_CASES, 0);
const mdeOne = mdeRecord(mdeCase.table, mdeCase.properties);

const SAMPLES: Array<[string, Record<string, unknown>, string]> = [
	['MDE message', {records: [mdeOne]}, 'mde'],
	['MDE record', mdeOne, 'mde'],
	['MDE bare row', mdeOne.properties as Record<string, unknown>, 'mde'],
	['CrowdStrike FDR', csEvent('ProcessRollup2', itemAt(CS_CASES, 0).fields), 'cs-fdr'],
	['OCSF', itemAt(OCSF_CASES, 0).value, 'ocsf'],
	['Winlogbeat 8', itemAt(WLB_CASES, 0).value, 'sysmon'],
	['Winlogbeat (ECS)', SYSMON_WINLOGBEAT, 'sysmon'],
	['evtx_dump', SYSMON_EVTX, 'sysmon'],
	['flat Sysmon', SYSMON_FLAT, 'sysmon'],
	['CF2', {...cf2Common(), ...itemAt(CATEGORY_CASES, 0).cf2}, 's1-cf2'],
	['DV query API', API_PROCESS_CREATION, 's1-api'],
	['generic JSON with a class_uid', {class_uid: 3, note: 'not OCSF without an activity'}, 'json'],
	['generic JSON with records', {records: [1, 2]}, 'json'],
	['generic JSON with event_simpleName only', {event_simpleName: 'x'}, 'json'],
];

describe('vendor format detection', () => {
	it.each(SAMPLES)('%s is %s', (_name, o, format) => {
		expect(classifyObject(o)).toBe(format);
		const events = decodeRecord({value: JSON.stringify(o), receivedAt: 1});
		for (const ev of events) expect(ev.format).toBe(format);
	});

	// Every fixture shape of every vendor format (module loads, registry key events, each MDE table
	// as a message, a record and a bare row, each Winlogbeat 8 event) is its own format, whole.
	const EVERY: Array<[string, Record<string, unknown>, string]> = [
		...MDE_CASES.flatMap(c => {
			const r = mdeRecord(c.table, c.properties);
			return [
				[`MDE message ${c.name}`, {records: [r]}, 'mde'],
				[`MDE record ${c.name}`, r, 'mde'],
				[`MDE bare row ${c.name}`, r.properties as Record<string, unknown>, 'mde'],
			] as Array<[string, Record<string, unknown>, string]>;
		}),
		...CS_CASES.map(c => [`FDR ${c.name}`, csEvent(c.name.split(' ')[0]!, c.fields), 'cs-fdr'] as const),
		...OCSF_CASES.map(c => [`OCSF ${c.name}`, c.value, 'ocsf'] as const),
		...WLB_CASES.map(c => [`Winlogbeat 8 ${c.name}`, c.value, 'sysmon'] as const),
	].map(([name, o, format]) => [name, o, format]);

	it.each(EVERY)('%s is detected as its own format', (_name, o, format) => {
		expect(classifyObject(o)).toBe(format);
		const events = decodeRecord({value: JSON.stringify(o), receivedAt: 1});
		expect(events.length).toBeGreaterThan(0);
		for (const ev of events) {
			expect(ev.format).toBe(format);
			expect(ev.category).not.toBe('undecodable');
		}
	});

	it('an FDR batch and an OCSF batch of every shape stay in their format, one event each', () => {
		const fdr = CS_CASES.map(c => JSON.stringify(csEvent(c.name.split(' ')[0]!, c.fields))).join('\n');
		expect(decodeRecord({value: fdr, receivedAt: 1}).map(e => e.format)).toEqual(CS_CASES.map(() => 'cs-fdr'));
		const ocsf = JSON.stringify(OCSF_CASES.map(c => c.value));
		expect(decodeRecord({value: ocsf, receivedAt: 1}).map(e => e.format)).toEqual(OCSF_CASES.map(() => 'ocsf'));
	});

	it('--format forces each new decoder', () => {
		for (const format of ['mde', 'cs-fdr', 'ocsf'] as const) {
			const ev = itemAt(decodeRecord({value: JSON.stringify(SYSMON_FLAT), receivedAt: 1}, {format}), 0);
			expect(ev.format).toBe(format);
		}
	});
});
