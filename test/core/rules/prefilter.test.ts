// The prefilter may name too many candidate rules, never too few: whenever a value, lowercased as
// the matcher lowercases it, contains a key, the scan reports that key's rules, whatever the case,
// the non-ASCII characters or where the key sits.
import {describe, expect, it} from 'vitest';
import {LiteralIndex} from '../../../source/core/rules/literal-index.js';
import {lower} from '../../../source/core/rules/text.js';
import {sysmonEvent} from './rule-helpers.js';
import {loadRuleTexts} from '../../../source/core/rules/index.js';

function found(index: LiteralIndex, text: string): Set<number> {
	const out = new Set<number>();
	index.scan(text, id => out.add(id));
	return out;
}

// Small seeded PRNG: the same cases every run.
function rng(seed: number) {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// ASCII of both cases, the characters whose lowercase is ASCII (Kelvin sign), ones that lowercase
// to two units (dotted I) or by context (capital sigma), homoglyphs SigmaHQ rules carry.
const ALPHABET = [
	'a',
	'B',
	'c',
	'K',
	's',
	'S',
	':',
	'\\',
	'.',
	'-',
	'/',
	' ',
	'\u212a',
	'\u0130',
	'\u03a3',
	'\u03c3',
	'\u03c2',
	'\u02e2',
	'\u02e3',
	'\u00e9',
	'\u00c9',
	'\u017f',
];

describe('prefilter automaton', () => {
	// Seeded fuzz: about 0.3 s idle, several times that on a busy machine.
	it('reports every key that occurs in the lowercased text (fuzz)', {timeout: 30_000}, () => {
		const next = rng(7);
		const pick = () => ALPHABET[Math.floor(next() * ALPHABET.length)];
		const word = (n: number) => Array.from({length: n}, pick).join('');
		for (let round = 0; round < 40; round++) {
			const keys = Array.from({length: 25}, () => lower(word(1 + Math.floor(next() * 6))));
			const index = new LiteralIndex(keys.map((lit, rule) => ({lit, id: rule})));
			for (let t = 0; t < 60; t++) {
				const text = word(Math.floor(next() * 40));
				const got = found(index, text);
				const lowered = lower(text);
				keys.forEach((k, rule) => {
					if (lowered.includes(k))
						expect(got.has(rule), `key ${JSON.stringify(k)} in ${JSON.stringify(text)}`).toBe(true);
				});
			}
		}
	});

	it('finds keys longer than its key cut, by their tail, and across case', () => {
		const key = lower('\\AppData\\Local\\Temp\\bitsadmin1_flag.ps1');
		const index = new LiteralIndex([{lit: key, id: 0}]);
		expect(found(index, 'C:\\Users\\X\\APPDATA\\LOCAL\\TEMP\\BITSADMIN1_FLAG.PS1').has(0)).toBe(true);
		expect(found(index, 'C:\\Users\\X\\Documents\\notes.txt').size).toBe(0);
	});
});

describe('prefilter in the engine', () => {
	const rules = (detection: string) =>
		loadRuleTexts(
			[
				{
					path: 't.yml',
					text: `title: t\nid: 00000000-0000-4000-8000-00000000000a\nlevel: high\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n${detection}`,
				},
			],
			{builtin: false},
		).engine;

	it('keyword rules see every value, in any case, and non-ASCII keys', () => {
		const engine = rules("  keywords:\n    - 'sekurlsa::'\n    - 'ˢam'\n  condition: keywords");
		expect(
			engine.evaluate(sysmonEvent({Image: 'C:\\x\\m.exe', CommandLine: 'm.exe SEKURLSA::LogonPasswords'})),
		).toHaveLength(1);
		expect(engine.evaluate(sysmonEvent({Image: 'C:\\x\\m.exe', Description: 'reg save hklm\\ˢAM'}))).toHaveLength(1);
		expect(engine.evaluate(sysmonEvent({Image: 'C:\\x\\m.exe', CommandLine: 'm.exe coffee'}))).toHaveLength(0);
	});

	it('a value with a character that lowercases to ASCII matches as the matcher says', () => {
		// lower() turns the Kelvin sign into 'k': the rule matches, and the prefilter must agree.
		const engine = rules("  sel:\n    CommandLine|contains: 'kerberos::ptt'\n  condition: sel");
		expect(engine.evaluate(sysmonEvent({CommandLine: 'm.exe \u212aERBEROS::PTT x.kirbi'}))).toHaveLength(1);
		expect(engine.evaluate(sysmonEvent({CommandLine: 'm.exe KERBEROS::PTT x.kirbi'}))).toHaveLength(1);
	});

	const header = (i: number) =>
		`title: r${i}\nid: 00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}\nlevel: high\n` +
		'logsource:\n  product: windows\n  category: process_creation\n';
	const many = (docs: string[]) =>
		loadRuleTexts(
			docs.map((detection, i) => ({path: `r${i}.yml`, text: `${header(i)}detection:\n${detection}`})),
			{builtin: false},
		).engine;
	const ids = (engine: ReturnType<typeof many>, fields: Record<string, string>) =>
		engine.evaluate(sysmonEvent(fields)).map(h => h.title);

	it('keywords are found in a field another rule indexes, in one it does not, and under another spelling', () => {
		const engine = many([
			"  keywords:\n    - 'sekurlsa::'\n  condition: keywords",
			"  sel:\n    CommandLine|contains: 'procdump'\n  condition: sel",
		]);
		expect(ids(engine, {CommandLine: 'm.exe SEKURLSA::LogonPasswords'})).toEqual(['r0']);
		expect(ids(engine, {CommandLine: 'm.exe', Description: 'sekurlsa::pth'})).toEqual(['r0']);
		expect(ids(engine, {commandline: 'procdump -ma lsass SEKURLSA::x'})).toEqual(['r0', 'r1']);
		expect(ids(engine, {CommandLine: 'procdump -ma lsass'})).toEqual(['r1']);
	});

	it('an equality is a key whatever its length, the empty value included', () => {
		const engine = many([
			"  sel:\n    IntegrityLevel: ''\n  condition: sel",
			"  sel:\n    EventID: 1\n    Image|endswith: '\\\\x.exe'\n  condition: sel",
		]);
		expect(ids(engine, {IntegrityLevel: '', Image: 'C:\\x.exe'})).toEqual(['r0', 'r1']);
		expect(ids(engine, {Image: 'C:\\y.exe'})).toEqual([]);
		expect(ids(engine, {IntegrityLevel: 'High', Image: 'C:\\X.EXE'})).toEqual(['r1']);
	});

	it('a regex rule gets its literals as keys and still matches in any case', () => {
		const engine = many(["  sel:\n    CommandLine|re: '(?i)ipconfig\\s+/all'\n  condition: sel"]);
		expect(engine.evaluate(sysmonEvent({CommandLine: 'x'}))).toEqual([]);
		expect(engine.stats()[0]!.always).toBe(0);
		expect(ids(engine, {CommandLine: 'cmd /c IPCONFIG   /ALL'})).toEqual(['r0']);
		expect(ids(engine, {CommandLine: 'cmd /c ipconfig /allcompartments'})).toEqual(['r0']);
		expect(ids(engine, {CommandLine: 'ipconfig /renew'})).toEqual([]);
	});

	it('a long value list narrowed in one pass matches and highlights as the plain tests do', () => {
		const values = [
			'Invoke-Mimikatz',
			'Get-GPPPassword',
			'Invoke-*Shell',
			'Out-Minidump',
			'Add-Persistence',
			'Find-AVSignature',
			'Get-Keystrokes',
			'Invoke-DllInjection',
			'New-HoneyHash',
			'Set-MacAttribute',
			' -EncodedCommand ',
		];
		const list = values.map(v => `      - '${v}'`).join('\n');
		const detection = `  sel:\n    CommandLine|contains|windash:\n${list}\n  condition: sel`;
		const engine = many([detection]);
		const reference = engine.unfiltered();
		const hit = (cmd: string) => {
			const got = engine.evaluate(sysmonEvent({CommandLine: cmd}));
			expect(got).toEqual(reference.evaluate(sysmonEvent({CommandLine: cmd})));
			return got[0]?.fields[0]?.spans;
		};
		expect(hit('powershell IEX; invoke-mimikatz -DumpCreds; out-minidump')).toEqual([
			[16, 31],
			[44, 56],
		]);
		expect(hit('powershell Invoke-PowerShellTcp -Reverse')).toEqual([[11, 28]]);
		expect(hit('powershell /EncodedCommand AAAA')).toEqual([[10, 27]]);
		expect(hit('powershell Get-Process')).toBeUndefined();
	});
});
