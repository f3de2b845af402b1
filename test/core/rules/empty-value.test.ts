// Sigma tells an empty value from an absent field: `Field: ''` matches a field present with '',
// `Field: null` only an absent one, `Field|exists: true` any present one. Each decoder decides what
// "absent" means, so every format is decoded from its real input shape here, then evaluated.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../../source/core/event.js';
import {decodeRecord, encodeDvPacket, type DecodedEvent} from '../../../source/core/formats/index.js';
import {PacketType} from '../../../source/core/formats/s1-dv/schema.js';
import {loadRuleTexts} from '../../../source/core/rules/index.js';
import {only} from '../../helpers/lists.js';
import {ruleText} from './rule-helpers.js';

const PROCESS = 'category: process_creation\n  product: windows';
const IMAGE = 'C:\\Windows\\System32\\rundll32.exe';
const PARENT = 'C:\\Windows\\explorer.exe';

function decodeOne(value: RawRecord['value']): DecodedEvent {
	const ev = only(decodeRecord({value, receivedAt: 1}));
	expect(ev.category).toBe('Process Creation');
	return ev;
}

const json = (o: object) => JSON.stringify(o);
const sysmonFlat = (cmd?: string) =>
	json({
		EventID: 1,
		Channel: 'Microsoft-Windows-Sysmon/Operational',
		Computer: 'WS',
		Image: IMAGE,
		ParentImage: PARENT,
		...(cmd === undefined ? {} : {CommandLine: cmd}),
	});
const sysmonEvtx = (cmd?: string) =>
	json({
		Event: {
			System: {EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS'},
			EventData: {
				Data: [
					{'#attributes': {Name: 'Image'}, '#text': IMAGE},
					...(cmd === undefined ? [] : [{'#attributes': {Name: 'CommandLine'}, '#text': cmd}]),
				],
			},
		},
	});
const sysmonWinlogbeat = (cmd?: string) =>
	json({
		winlog: {
			event_id: 1,
			channel: 'Microsoft-Windows-Sysmon/Operational',
			computer_name: 'WS',
			event_data: {Image: IMAGE, ...(cmd === undefined ? {} : {CommandLine: cmd})},
		},
	});
const cf2 = (cmd?: string) =>
	json({
		'event.type': 'Process Creation',
		'endpoint.name': 'WS',
		'endpoint.os': 'windows',
		'src.process.image.path': PARENT,
		'tgt.process.image.path': IMAGE,
		...(cmd === undefined ? {} : {'tgt.process.cmdline': cmd}),
	});
const api = (cmd?: string) =>
	json({
		eventType: 'Process Creation',
		agentName: 'WS',
		agentOs: 'windows',
		parentProcessName: 'explorer.exe',
		processImagePath: IMAGE,
		processName: 'rundll32.exe',
		...(cmd === undefined ? {} : {processCmd: cmd}),
	});
// protobufjs writes an explicitly set '' (a field on the wire); encodeDvPacket leaves defaults off,
// as an agent does, so the packet with '' is built with the schema directly.
const dv = (cmd?: string) => {
	const process = {executable: {path: IMAGE}, fullPid: {pid: 42}, ...(cmd === undefined ? {} : {commandLine: cmd})};
	const init = {
		meta: {computerName: 'WS', osFamily: 'windows'},
		events: [
			{
				timestamp: {millisecondsSinceEpoch: 1_714_557_600_000},
				processCreation: {parent: {executable: {path: PARENT}}, process},
			},
		],
	};
	return cmd === '' ? PacketType.encode(PacketType.fromObject(init)).finish() : encodeDvPacket(init);
};

const FORMATS: Record<string, (cmd?: string) => RawRecord['value']> = {
	'sysmon (flat)': sysmonFlat,
	'sysmon (evtx_dump)': sysmonEvtx,
	'sysmon (winlogbeat)': sysmonWinlogbeat,
	's1-cf2': cf2,
	's1-api': api,
	's1-dv': dv,
};

function engine(detection: string) {
	const {engine, report} = loadRuleTexts([{path: 't.yml', text: ruleText(detection, PROCESS)}], {builtin: false});
	expect(report.skipped).toEqual([]);
	return engine;
}
const isEmpty = engine("sel:\n  CommandLine: ''\ncondition: sel");
const isNull = engine('sel:\n  CommandLine: null\ncondition: sel');
const exists = engine('sel:\n  CommandLine|exists: true\ncondition: sel');
const hits = (e: ReturnType<typeof engine>, ev: DecodedEvent) => e.evaluate(ev).length > 0;

describe('the empty string is a value, in every format', () => {
	for (const [name, make] of Object.entries(FORMATS)) {
		it(`${name}: '' matches Field: '', not Field: null, and exists`, () => {
			const ev = decodeOne(make(''));
			expect(hits(isEmpty, ev)).toBe(true);
			expect(hits(isNull, ev)).toBe(false);
			expect(hits(exists, ev)).toBe(true);
		});
		it(`${name}: an absent field matches Field: null only`, () => {
			const ev = decodeOne(make(undefined));
			expect(hits(isEmpty, ev)).toBe(false);
			expect(hits(isNull, ev)).toBe(true);
			expect(hits(exists, ev)).toBe(false);
		});
	}

	it("Sysmon: a JSON null is absent, an element with '' text is present", () => {
		const nullCmd = json({
			EventID: 1,
			Channel: 'Microsoft-Windows-Sysmon/Operational',
			Image: IMAGE,
			CommandLine: null,
		});
		expect(hits(isNull, decodeOne(nullCmd))).toBe(true);
		const emptyText = json({
			Event: {
				System: {EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational'},
				EventData: {Image: IMAGE, CommandLine: {'#text': ''}},
			},
		});
		expect(hits(isEmpty, decodeOne(emptyText))).toBe(true);
	});

	it('a summary never shows an empty command line or path as nothing', () => {
		expect(decodeOne(cf2('')).summary).toBe('explorer.exe -> rundll32.exe');
		const file = only(
			decodeRecord({
				value: json({'event.type': 'File Creation', 'src.process.name': 'a.exe', 'tgt.file.path': ''}),
				receivedAt: 1,
			}),
		);
		expect(file.summary).toBe('a.exe created ?');
	});
});

describe('exists: true / false', () => {
	it("false in any case (YAML's False, FALSE, a quoted 'false') asks for an absent field", () => {
		for (const v of ['false', 'False', 'FALSE', "'false'", "'False'"]) {
			const e = engine(`sel:\n  CommandLine|exists: ${v}\ncondition: sel`);
			expect(hits(e, decodeOne(sysmonFlat(undefined))), v).toBe(true);
			expect(hits(e, decodeOne(sysmonFlat(''))), v).toBe(false);
		}
		for (const v of ['true', 'True', 'TRUE'])
			expect(hits(engine(`sel:\n  CommandLine|exists: ${v}\ncondition: sel`), decodeOne(sysmonFlat(''))), v).toBe(true);
	});
});

describe("SigmaHQ rules that test ''", () => {
	const corpus = join(process.cwd(), '..', 'shared', 'sigma', 'rules', 'windows');
	const load = (path: string) => {
		const {engine, report} = loadRuleTexts([{path, text: readFileSync(join(corpus, path), 'utf8')}], {builtin: false});
		expect(report.skipped).toEqual([]);
		return engine;
	};

	it("filter_main_empty (CommandLine: '') keeps an empty command line out, in every format", () => {
		// selection: rundll32; filters: CommandLine null, '', or a known extension.
		const rule = load('process_creation/proc_creation_win_rundll32_uncommon_dll_extension.yml');
		for (const [name, make] of Object.entries(FORMATS)) {
			expect(rule.evaluate(decodeOne(make(''))), name).toEqual([]);
			expect(rule.evaluate(decodeOne(make(undefined))), name).toEqual([]);
			expect(rule.evaluate(decodeOne(make('rundll32.exe C:\\Users\\Public\\x.dat,Start'))), name).toHaveLength(1);
		}
	});

	it("a selection on '' (StartModule: '') hits when the field is there and empty", () => {
		const rule = load('create_remote_thread/create_remote_thread_win_susp_password_dumper_lsass.yml');
		const event = (startModule?: string) =>
			only(
				decodeRecord({
					value: json({
						EventID: 8,
						Channel: 'Microsoft-Windows-Sysmon/Operational',
						SourceImage: 'C:\\Users\\Public\\evil.exe',
						TargetImage: 'C:\\Windows\\System32\\lsass.exe',
						...(startModule === undefined ? {} : {StartModule: startModule}),
					}),
					receivedAt: 1,
				}),
			);
		expect(rule.evaluate(event(''))).toHaveLength(1);
		expect(rule.evaluate(event(undefined))).toEqual([]);
		expect(rule.evaluate(event('C:\\Windows\\System32\\ntdll.dll'))).toEqual([]);
	});
});
