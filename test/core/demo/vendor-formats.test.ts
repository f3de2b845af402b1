// The demo in the vendor formats (--demo-format mde | cs-fdr | ocsf, `edrtail produce --format`):
// every message decodes, auto-detected, in its own format; the categories each vendor records
// are there; the Atomic runs hit the same SigmaHQ rules as in S1 and Sysmon form, and their module
// loads are each format's image loads.
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {
	type DecodedEvent,
	decodeRecord,
	VENDOR_IMAGE_LOADS,
	vendorSigmaTable,
} from '../../../source/core/formats/index.js';
import {loadRules, type RuleEngine} from '../../../source/core/rules/index.js';
import {ATOMIC_COMMANDS, ATOMIC_IDS, DEMO_WIRE_FORMATS, generateDemoRecords} from '../../../source/core/demo/index.js';
import {sigmaCorpus} from '../../helpers/sigma-corpus.js';

const corpus = sigmaCorpus();
// Scenarios start every 300-600 events: 3,000 events hold each Atomic at least once.
const COUNT = 3000;
const FORMATS = ['mde', 'cs-fdr', 'ocsf'] as const;

const EXPECTED: Record<(typeof ATOMIC_IDS)[number], string[]> = {
	'T1218.010-1': ['b236190c-1c61-41e9-84b3-3fe03f6d76b0', 'ab37a6ec-6068-432b-a64e-2c7bf95b1d22'],
	'T1218.010-2': [
		'b236190c-1c61-41e9-84b3-3fe03f6d76b0',
		'ab37a6ec-6068-432b-a64e-2c7bf95b1d22',
		'867356ee-9352-41c9-a8f2-1be690d78216',
	],
	'T1197-1': [
		'd059842b-6b9d-4ed1-b5c3-5b89143c6ede',
		'8518ed3d-f7c9-4601-a26c-f361a4256a0c',
		'5b80a791-ad9b-4b75-bcc1-ad4e1e89c200',
		'2ddef153-167b-4e89-86b6-757a9e65dcac',
	],
};

const decoded = new Map<string, {records: number; events: DecodedEvent[]}>();
function demo(format: (typeof FORMATS)[number]) {
	let d = decoded.get(format);
	if (!d) {
		const records = generateDemoRecords(COUNT, {format});
		d = {records: records.length, events: records.flatMap(r => decodeRecord(r))};
		decoded.set(format, d);
	}
	return d;
}

describe('the demo in the vendor formats', () => {
	it('offers them as demo and produce formats', () => {
		for (const f of FORMATS) expect(DEMO_WIRE_FORMATS).toContain(f);
	});

	for (const format of FORMATS) {
		it(`${format}: every message decodes in its own format, with the vendor's categories`, () => {
			const {events} = demo(format);
			expect(events.length).toBeGreaterThan(COUNT * 0.5);
			expect(events.filter(e => e.format !== format).map(e => e.summary)).toEqual([]);
			const categories = new Set(events.map(e => e.category));
			for (const c of ['Process Creation', 'DNS', 'TCPv4 Connection', 'File Creation', 'Login'] as const)
				expect(categories, c).toContain(c);
			for (const e of events) {
				expect(e.host).toBeTruthy();
				if (e.time !== undefined && e.ingestTime !== undefined) expect(e.ingestTime).toBeGreaterThanOrEqual(e.time);
			}
			const creations = events.filter(e => e.category === 'Process Creation');
			for (const e of creations) {
				expect(e.target.process?.image).toMatch(/^(?:[A-Za-z]:\\|\/)/);
				expect(e.target.process?.storyline ?? e.target.process?.pid).toBeDefined();
			}
		});
	}

	// The Atomic regsvr32 runs load scrobj.dll: each format's module load, the one its Sigma table
	// reads for image_load (ImageLoaded the module, Image regsvr32).
	for (const format of FORMATS) {
		it(`${format}: regsvr32's module load of scrobj.dll is the format's image load`, () => {
			const loads = demo(format).events.filter(
				e => e.category === 'other' && e.target.file?.path?.endsWith('scrobj.dll'),
			);
			expect(loads.length).toBeGreaterThanOrEqual(1);
			for (const ev of loads) {
				expect(VENDOR_IMAGE_LOADS[format]).toContain(ev.subtype);
				expect(ev.actor?.name?.toLowerCase()).toBe('regsvr32.exe');
				const table = vendorSigmaTable(format, ev.category)!;
				expect(table.imageloaded![1](ev)).toBe('C:\\Windows\\System32\\scrobj.dll');
				expect(String(table.image![1](ev)).toLowerCase()).toBe('c:\\windows\\system32\\regsvr32.exe');
			}
		});
	}

	it('sysmon: regsvr32 loading scrobj.dll is a Sysmon 7 event with Sigma field names', () => {
		const events = generateDemoRecords(COUNT, {format: 'sysmon'}).flatMap(r => decodeRecord(r));
		const loads = events.filter(e => e.sigmaFields?.EventID === '7');
		expect(loads.length).toBeGreaterThanOrEqual(1);
		for (const ev of loads) {
			expect(ev.sigmaFields?.ImageLoaded).toBe('C:\\Windows\\System32\\scrobj.dll');
			expect(ev.sigmaFields?.Image).toBe('C:\\Windows\\System32\\regsvr32.exe');
			expect(ev.sigmaFields?.Signed).toBe('true');
		}
	});

	it('mde: a message carries the rows of one device in a flush, so some carry many', () => {
		const {records, events} = demo('mde');
		expect(events.length).toBeGreaterThan(records);
	});
});

describe.skipIf(!corpus.root)('the demo Atomics in the vendor formats under the SigmaHQ rules', () => {
	let engine: RuleEngine;
	beforeAll(() => {
		const dir = join(corpus.root!, 'windows', 'process_creation');
		const files = readdirSync(dir)
			.filter(f => /^proc_creation_win_(regsvr32|bitsadmin)_.*\.yml$/.test(f))
			.map(f => join(dir, f));
		engine = loadRules(files, {builtin: false}).engine;
	}, 60_000);

	for (const format of FORMATS) {
		for (const id of ATOMIC_IDS) {
			it(`${format}: ${id} hits ${EXPECTED[id].length} SigmaHQ rules`, () => {
				const launches = demo(format).events.filter(
					e => e.category === 'Process Creation' && e.target.process?.cmdline === ATOMIC_COMMANDS[id],
				);
				expect(launches.length).toBeGreaterThanOrEqual(1);
				for (const ev of launches)
					expect(engine.evaluate(ev).map(h => h.id)).toEqual(expect.arrayContaining(EXPECTED[id]));
			});
		}
	}
});
