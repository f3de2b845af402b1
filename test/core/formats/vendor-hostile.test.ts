// The vendor decoders (mde, cs-fdr, ocsf, winlogbeat) against attacker-shaped input: truncated,
// wrong-typed, deeply nested and huge messages give visible rows (undecodable or "other"),
// never a throw, and no walk follows the input's depth.
import {describe, expect, it} from 'vitest';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {CS_CASES, csEvent} from '../../fixtures/formats/cs-fdr.js';
import {MDE_CASES, mdeMessage, mdeRecord} from '../../fixtures/formats/mde.js';
import {WLB_CASES, winlogbeat8} from '../../fixtures/formats/winlogbeat.js';
import {OCSF_CASES, ocsfEvent} from '../../fixtures/formats/ocsf.js';
import {itemAt} from '../../helpers/lists.js';

/** A format's good message, and one with a 5 MB command line. */
type Sample = {format: 'mde' | 'cs-fdr' | 'ocsf' | 'sysmon'; value: string; big: string};

const HUGE = 'x'.repeat(5_000_000);

const SAMPLES: Sample[] = [
	{
		format: 'mde',
		value: mdeMessage(...MDE_CASES.map(c => mdeRecord(c.table, c.properties))),
		big: mdeMessage(
			mdeRecord('DeviceProcessEvents', {ActionType: 'ProcessCreated', FileName: 'x.exe', ProcessCommandLine: HUGE}),
		),
	},
	{
		format: 'cs-fdr',
		value: CS_CASES.map(c => JSON.stringify(csEvent(c.name.split(' ')[0]!, c.fields))).join('\n'),
		big: JSON.stringify(csEvent('ProcessRollup2', {ImageFileName: 'x.exe', CommandLine: HUGE})),
	},
	{
		format: 'ocsf',
		value: JSON.stringify(OCSF_CASES.map(c => c.value)),
		big: JSON.stringify(ocsfEvent(1007, 1, {process: {name: 'x.exe', cmd_line: HUGE}})),
	},
	{
		format: 'sysmon',
		value: WLB_CASES.map(c => JSON.stringify(c.value)).join('\n'),
		big: JSON.stringify(
			winlogbeat8('Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon', 1, {
				Image: 'x.exe',
				CommandLine: HUGE,
			}),
		),
	},
];

function deep(levels: number): string {
	return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

describe('vendor decoders on hostile input', () => {
	for (const {format, value, big} of SAMPLES) {
		it(`${format}: every truncation gives rows, never a throw`, () => {
			for (let cut = 1; cut < value.length; cut += Math.max(1, Math.floor(value.length / 300))) {
				const events = decodeRecord({value: value.slice(0, cut), receivedAt: 1});
				expect(events.length).toBeGreaterThan(0);
			}
		});

		it(`${format}: forced on wrong-typed and nested values, still rows`, () => {
			const hostile = [
				'{}',
				'[]',
				'{"records": 5}',
				'{"records": [[], {}, {"properties": []}, {"properties": {"ActionType": {}}}]}',
				`{"records": [{"properties": ${deep(5000)}}]}`,
				deep(100_000),
				`{"records": [${Array.from({length: 2000}, () => '{"category":"AdvancedHunting-DeviceEvents"}').join(',')}]}`,
			];
			for (const v of hostile) {
				const events = decodeRecord({value: v, receivedAt: 1}, {format});
				expect(events.length).toBeGreaterThan(0);
				for (const ev of events) expect(typeof ev.summary).toBe('string');
			}
		});

		it(`${format}: a huge field is clipped in the summary`, () => {
			const ev = itemAt(decodeRecord({value: big, receivedAt: 1}, {format}), 0);
			expect(ev.summary.length).toBeLessThanOrEqual(500);
		});
	}
});
