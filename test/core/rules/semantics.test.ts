// Detection semantics vectors, from docs/sigma.md (spec v2.1 + pySigma behaviour).
import {describe, expect, it} from 'vitest';
import {engineFor, matches, skipReason, sysmonEvent} from './rule-helpers.js';

describe('maps, lists, keywords', () => {
	const det = `
sel:
  Image|endswith: '\\a.exe'
  CommandLine|contains:
    - one
    - two
condition: sel`;
	it('a map ANDs its fields and a value list ORs', () => {
		expect(matches(det, {Image: 'C:\\x\\a.exe', CommandLine: 'run two'})).toBe(true);
		expect(matches(det, {Image: 'C:\\x\\a.exe', CommandLine: 'run three'})).toBe(false);
		expect(matches(det, {Image: 'C:\\x\\b.exe', CommandLine: 'one'})).toBe(false);
	});
	it('|all ANDs the values', () => {
		const all = `
sel:
  CommandLine|contains|all: [one, two]
condition: sel`;
		expect(matches(all, {CommandLine: 'two and one'})).toBe(true);
		expect(matches(all, {CommandLine: 'one only'})).toBe(false);
	});
	it('a list of maps ORs the maps', () => {
		const lm = `
sel:
  - Image|endswith: '\\a.exe'
  - CommandLine|contains: secret
condition: sel`;
		expect(matches(lm, {Image: 'C:\\a.exe', CommandLine: 'x'})).toBe(true);
		expect(matches(lm, {Image: 'C:\\b.exe', CommandLine: 'the SECRET'})).toBe(true);
		expect(matches(lm, {Image: 'C:\\b.exe', CommandLine: 'x'})).toBe(false);
	});
	it('keyword lists search every value (OR), |all ANDs them', () => {
		const kw = `
keywords:
  - mimikatz
  - 'sekurlsa::'
condition: keywords`;
		expect(matches(kw, {CommandLine: 'run Mimikatz.exe'})).toBe(true);
		expect(matches(kw, {ParentCommandLine: 'x sekurlsa::logonpasswords'})).toBe(true);
		expect(matches(kw, {CommandLine: 'notepad'})).toBe(false);
		const kwAll = `
keywords:
  '|all':
    - alpha
    - beta
condition: keywords`;
		expect(matches(kwAll, {CommandLine: 'alpha', Image: 'beta.exe'})).toBe(true);
		expect(matches(kwAll, {CommandLine: 'alpha'})).toBe(false);
	});
});

describe('values', () => {
	it('null means absent, empty string means empty: they differ', () => {
		const isNull = `
sel:
  OriginalFileName: null
condition: sel`;
		const isEmpty = `
sel:
  OriginalFileName: ''
condition: sel`;
		expect(matches(isNull, {})).toBe(true);
		expect(matches(isNull, {OriginalFileName: ''})).toBe(false);
		expect(matches(isEmpty, {OriginalFileName: ''})).toBe(true);
		expect(matches(isEmpty, {})).toBe(false);
	});
	it('numbers and booleans compare by their string form (as written)', () => {
		expect(matches('sel:\n  DestinationPort: 9389\ncondition: sel', {DestinationPort: '9389'})).toBe(true);
		expect(matches('sel:\n  Initiated: true\ncondition: sel', {Initiated: 'true'})).toBe(true);
		expect(matches('sel:\n  Initiated: true\ncondition: sel', {Initiated: 'false'})).toBe(false);
		expect(matches('sel:\n  Flags: 0x10\ncondition: sel', {Flags: '0x10'})).toBe(true);
		expect(matches('sel:\n  Flags: 0x10\ncondition: sel', {Flags: '16'})).toBe(false);
	});
	it('a plain value matches the whole field, case-insensitively', () => {
		const det = "sel:\n  Image: 'C:\\Windows\\System32\\cmd.exe'\ncondition: sel";
		expect(matches(det, {Image: 'c:\\windows\\system32\\CMD.EXE'})).toBe(true);
		expect(matches(det, {Image: 'c:\\windows\\system32\\cmd.exe.bak'})).toBe(false);
	});
	it('a field name matches whatever its case, and only in the event that has it', () => {
		const {engine} = engineFor("sel:\n  ParentImage|endswith: '\\evil.exe'\ncondition: sel");
		const spelled = (name: string, value: string) => sysmonEvent({Image: 'C:\\x\\a.exe', [name]: value});
		// One engine, events in turn: each event's own spellings are read, never the last one's.
		expect(engine.evaluate(spelled('parentimage', 'C:\\t\\evil.exe'))).toHaveLength(1);
		expect(engine.evaluate(spelled('PARENTIMAGE', 'C:\\t\\good.exe'))).toHaveLength(0);
		expect(engine.evaluate(sysmonEvent({Image: 'C:\\t\\evil.exe'}))).toHaveLength(0);
		expect(engine.evaluate(spelled('ParentImage', 'C:\\t\\EVIL.EXE'))).toHaveLength(1);
		expect(engine.evaluate(spelled('pArEnTiMaGe', 'C:\\t\\evil.exe'))).toHaveLength(1);
	});
	it('cased makes a value case-sensitive', () => {
		const det = 'sel:\n  CommandLine|cased|contains: ToBeCased\ncondition: sel';
		expect(matches(det, {CommandLine: 'x ToBeCased y'})).toBe(true);
		expect(matches(det, {CommandLine: 'x tobecased y'})).toBe(false);
	});
});

describe('wildcards and escapes', () => {
	it('* is any run (also empty), ? exactly one character', () => {
		const star = "sel:\n  Image: 'C:\\Windows\\*\\cmd.exe'\ncondition: sel";
		// Per docs/sigma.md §3, `\*` here escapes the star: the value is the literal text C:\Windows*\cmd.exe.
		expect(matches(star, {Image: 'C:\\Windows*\\cmd.exe'})).toBe(true);
		expect(matches(star, {Image: 'C:\\Windows\\*\\cmd.exe'})).toBe(false);
		expect(matches(star, {Image: 'C:\\Windows\\System32\\cmd.exe'})).toBe(false);
		const wild = "sel:\n  Image: 'C:\\Windows*cmd.exe'\ncondition: sel";
		expect(matches(wild, {Image: 'C:\\Windows\\System32\\cmd.exe'})).toBe(true);
		expect(matches(wild, {Image: 'C:\\Windowscmd.exe'})).toBe(true);
		const one = "sel:\n  Image: 'C:/x/?md.exe'\ncondition: sel";
		expect(matches(one, {Image: 'C:/x/cmd.exe'})).toBe(true);
		expect(matches(one, {Image: 'C:/x/md.exe'})).toBe(false);
		expect(matches(one, {Image: 'C:/x/ccmd.exe'})).toBe(false);
		// A backslash before ? escapes it, even where a path separator was meant.
		const escaped = "sel:\n  Image|endswith: '\\?md.exe'\ncondition: sel";
		expect(matches(escaped, {Image: 'C:\\x?md.exe'})).toBe(true);
		expect(matches(escaped, {Image: 'C:\\x\\cmd.exe'})).toBe(false);
	});
	it('\\* is a literal star, \\\\* a backslash then a wildcard, \\ before anything else a backslash', () => {
		const lit = "sel:\n  CommandLine: 'a\\*b'\ncondition: sel";
		expect(matches(lit, {CommandLine: 'a*b'})).toBe(true);
		expect(matches(lit, {CommandLine: 'axxb'})).toBe(false);
		const bs = "sel:\n  CommandLine: 'C:\\\\*'\ncondition: sel";
		expect(matches(bs, {CommandLine: 'C:\\Temp\\x'})).toBe(true);
		expect(matches(bs, {CommandLine: 'C:Temp'})).toBe(false);
		const plain = "sel:\n  CurrentDirectory: 'C:\\Windows\\'\ncondition: sel";
		expect(matches(plain, {CurrentDirectory: 'C:\\Windows\\'})).toBe(true);
		const q = "sel:\n  CommandLine: 'what\\?'\ncondition: sel";
		expect(matches(q, {CommandLine: 'what?'})).toBe(true);
		expect(matches(q, {CommandLine: 'whatx'})).toBe(false);
	});
	it('wildcards work inside contains/startswith/endswith', () => {
		expect(
			matches("sel:\n  CommandLine|contains: 'net * /add'\ncondition: sel", {
				CommandLine: 'cmd /c net user bob P@ss /add',
			}),
		).toBe(true);
		expect(matches("sel:\n  CommandLine|startswith: 'net?exe'\ncondition: sel", {CommandLine: 'net.exe user'})).toBe(
			true,
		);
	});
});

describe('modifiers', () => {
	it('contains, startswith, endswith', () => {
		expect(
			matches('sel:\n  CommandLine|startswith: powershell\ncondition: sel', {CommandLine: 'PowerShell -nop'}),
		).toBe(true);
		expect(matches('sel:\n  CommandLine|startswith: powershell\ncondition: sel', {CommandLine: 'x powershell'})).toBe(
			false,
		);
		expect(matches("sel:\n  Image|endswith: '.exe'\ncondition: sel", {Image: 'a.EXE'})).toBe(true);
		expect(matches("sel:\n  Image|endswith: '.exe'\ncondition: sel", {Image: 'a.exe.txt'})).toBe(false);
	});
	it('exists', () => {
		expect(matches('sel:\n  Hashes|exists: true\ncondition: sel', {Hashes: 'MD5=1'})).toBe(true);
		expect(matches('sel:\n  Hashes|exists: true\ncondition: sel', {})).toBe(false);
		expect(matches('sel:\n  Hashes|exists: false\ncondition: sel', {})).toBe(true);
	});
	it('neq: the field is present and equals none of the values', () => {
		const det = 'sel:\n  User|neq:\n    - SYSTEM\n    - LOCAL SERVICE\ncondition: sel';
		expect(matches(det, {User: 'alice'})).toBe(true);
		expect(matches(det, {User: 'system'})).toBe(false);
		expect(matches(det, {User: 'local service'})).toBe(false);
		expect(matches(det, {})).toBe(false);
	});
	it('windash: -, /, en dash, em dash, horizontal bar at flag positions', () => {
		const det = "sel:\n  CommandLine|windash|contains: ' -enc '\ncondition: sel";
		for (const d of ['-', '/', '\u2013', '\u2014', '\u2015'])
			expect(matches(det, {CommandLine: `powershell ${d}enc AAAA`})).toBe(true);
		expect(matches(det, {CommandLine: 'powershell +enc AAAA'})).toBe(false);
		// Not a flag position: the dash follows a word character.
		const mid = "sel:\n  CommandLine|windash|contains: 'a-b'\ncondition: sel";
		expect(matches(mid, {CommandLine: 'xa/b'})).toBe(false);
		expect(matches(mid, {CommandLine: 'xa-b'})).toBe(true);
	});
	it('re (case-sensitive by default; i, m, s flags)', () => {
		expect(matches("sel:\n  CommandLine|re: 'ab+c'\ncondition: sel", {CommandLine: 'xxabbbcxx'})).toBe(true);
		expect(matches("sel:\n  CommandLine|re: 'ab+c'\ncondition: sel", {CommandLine: 'ABBC'})).toBe(false);
		expect(matches("sel:\n  CommandLine|re|i: 'ab+c'\ncondition: sel", {CommandLine: 'ABBC'})).toBe(true);
		expect(matches("sel:\n  CommandLine|re|ignorecase: 'ab+c'\ncondition: sel", {CommandLine: 'ABBC'})).toBe(true);
		expect(matches("sel:\n  CommandLine|re: '^b$'\ncondition: sel", {CommandLine: 'a\nb\nc'})).toBe(false);
		expect(matches("sel:\n  CommandLine|re|m: '^b$'\ncondition: sel", {CommandLine: 'a\nb\nc'})).toBe(true);
		expect(matches("sel:\n  CommandLine|re: 'a.b'\ncondition: sel", {CommandLine: 'a\nb'})).toBe(false);
		expect(matches("sel:\n  CommandLine|re|s: 'a.b'\ncondition: sel", {CommandLine: 'a\nb'})).toBe(true);
		expect(matches("sel:\n  CommandLine|re: '(?i)ab+c'\ncondition: sel", {CommandLine: 'ABBC'})).toBe(true);
	});
	it('base64 and base64offset (IEX -> SUVY, lFW, JRV)', () => {
		expect(matches('sel:\n  CommandLine|base64: hello\ncondition: sel', {CommandLine: 'aGVsbG8='})).toBe(true);
		const det = 'sel:\n  CommandLine|base64offset|contains: IEX\ncondition: sel';
		for (const s of ['SUVY', 'lFW', 'JRV']) expect(matches(det, {CommandLine: `powershell -e xx${s}yy`})).toBe(true);
		for (const prefix of ['', 'a', 'ab']) {
			const b64 = Buffer.from(`${prefix}IEX (New-Object Net.WebClient)`).toString('base64');
			expect(matches(det, {CommandLine: `powershell -e ${b64}`})).toBe(true);
		}
		expect(matches(det, {CommandLine: 'powershell -e AAAA'})).toBe(false);
	});
	it('utf16le/wide, utf16be, utf16 before base64offset', () => {
		const wide = 'sel:\n  CommandLine|wide|base64offset|contains: ping\ncondition: sel';
		for (const prefix of ['', 'x', 'xy']) {
			const b64 = Buffer.from(`${prefix}ping 127.0.0.1`, 'utf16le').toString('base64');
			expect(matches(wide, {CommandLine: `-enc ${b64}`})).toBe(true);
		}
		expect(
			matches('sel:\n  CommandLine|utf16le|base64offset|contains: ping\ncondition: sel', {
				CommandLine: Buffer.from('ping', 'utf16le').toString('base64'),
			}),
		).toBe(true);
		const be = Buffer.from('ping', 'utf16le').swap16().toString('base64');
		expect(matches('sel:\n  CommandLine|utf16be|base64: ping\ncondition: sel', {CommandLine: be})).toBe(true);
		const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ping', 'utf16le')]).toString('base64');
		expect(matches('sel:\n  CommandLine|utf16|base64: ping\ncondition: sel', {CommandLine: bom})).toBe(true);
	});
	it('cidr (IPv4 and IPv6)', () => {
		const v4 = "sel:\n  DestinationIp|cidr:\n    - '10.0.0.0/8'\n    - '192.168.1.0/24'\ncondition: sel";
		expect(matches(v4, {DestinationIp: '10.20.30.40'})).toBe(true);
		expect(matches(v4, {DestinationIp: '192.168.1.77'})).toBe(true);
		expect(matches(v4, {DestinationIp: '192.168.2.1'})).toBe(false);
		expect(matches(v4, {DestinationIp: 'not an ip'})).toBe(false);
		const v6 = "sel:\n  DestinationIp|cidr: 'fe80::/10'\ncondition: sel";
		expect(matches(v6, {DestinationIp: 'fe80::1c2:3:4'})).toBe(true);
		expect(matches(v6, {DestinationIp: 'fec0::1'})).toBe(false);
		expect(matches("sel:\n  DestinationIp|cidr: '::1/128'\ncondition: sel", {DestinationIp: '0:0:0:0:0:0:0:1'})).toBe(
			true,
		);
	});
	it('lt, lte, gt, gte', () => {
		expect(matches('sel:\n  DestinationPort|lt: 1024\ncondition: sel', {DestinationPort: '443'})).toBe(true);
		expect(matches('sel:\n  DestinationPort|lt: 1024\ncondition: sel', {DestinationPort: '1024'})).toBe(false);
		expect(matches('sel:\n  DestinationPort|lte: 1024\ncondition: sel', {DestinationPort: '1024'})).toBe(true);
		expect(matches('sel:\n  DestinationPort|gt: 1024\ncondition: sel', {DestinationPort: '8080'})).toBe(true);
		expect(matches('sel:\n  DestinationPort|gte: 1024\ncondition: sel', {DestinationPort: '1023'})).toBe(false);
		expect(matches('sel:\n  DestinationPort|gt: 1024\ncondition: sel', {DestinationPort: 'http'})).toBe(false);
	});
	it('date parts (UTC)', () => {
		const f = {UtcTime: '2024-03-07T23:15:00Z'};
		expect(matches('sel:\n  UtcTime|hour: 23\ncondition: sel', f)).toBe(true);
		expect(matches('sel:\n  UtcTime|minute: 15\ncondition: sel', f)).toBe(true);
		expect(matches('sel:\n  UtcTime|day: 7\ncondition: sel', f)).toBe(true);
		expect(matches('sel:\n  UtcTime|week: 10\ncondition: sel', f)).toBe(true);
		expect(matches('sel:\n  UtcTime|month: 3\ncondition: sel', f)).toBe(true);
		expect(matches('sel:\n  UtcTime|year: 2024\ncondition: sel', f)).toBe(true);
		expect(matches('sel:\n  UtcTime|hour: 22\ncondition: sel', f)).toBe(false);
	});
	it('fieldref compares with another field of the same event', () => {
		const det = 'sel:\n  ParentImage|fieldref: Image\ncondition: sel';
		expect(matches(det, {Image: 'C:\\a.exe', ParentImage: 'c:\\A.EXE'})).toBe(true);
		expect(matches(det, {Image: 'C:\\a.exe', ParentImage: 'C:\\b.exe'})).toBe(false);
		expect(matches(det, {ParentImage: 'C:\\b.exe'})).toBe(false);
		expect(
			matches('sel:\n  CommandLine|fieldref|contains: User\ncondition: sel', {
				User: 'bob',
				CommandLine: 'runas /user:BOB x',
			}),
		).toBe(true);
	});
	it('expand resolves placeholders, or the rule is rejected with that reason', () => {
		const det = "sel:\n  Image|expand: '%admin_tools%'\ncondition: sel";
		const placeholders = {admin_tools: ['*\\psexec.exe', '*\\procdump.exe']};
		expect(matches(det, {Image: 'C:\\t\\procdump.exe'}, {placeholders})).toBe(true);
		expect(matches(det, {Image: 'C:\\t\\notepad.exe'}, {placeholders})).toBe(false);
		expect(skipReason(det)).toBe('unresolved placeholder %admin_tools% (expand)');
	});
});

describe('conditions', () => {
	const abc = (cond: string) => `
a:
  A: '1'
b:
  B: '1'
c:
  C: '1'
condition: ${cond}`;
	const on = (a: boolean, b: boolean, c: boolean) => ({A: a ? '1' : '0', B: b ? '1' : '0', C: c ? '1' : '0'});

	it('a or b and not c = a or (b and (not c))', () => {
		const det = abc('a or b and not c');
		for (const a of [false, true])
			for (const b of [false, true])
				for (const c of [false, true]) expect(matches(det, on(a, b, c))).toBe(a || (b && !c));
	});
	it('parentheses override precedence', () => {
		const det = abc('(a or b) and not c');
		for (const a of [false, true])
			for (const b of [false, true])
				for (const c of [false, true]) expect(matches(det, on(a, b, c))).toBe((a || b) && !c);
	});
	it('not binds tighter than and; x of tighter than not', () => {
		const det = abc('not a and b');
		expect(matches(det, on(false, true, false))).toBe(true);
		expect(matches(det, on(true, true, false))).toBe(false);
	});
	it('1 of sel_* and all of sel_*', () => {
		const det = (q: string) => `
sel_a:
  A: '1'
sel_b:
  B: '1'
other:
  C: '1'
condition: ${q} of sel_*`;
		expect(matches(det('1'), on(false, true, false))).toBe(true);
		expect(matches(det('1'), on(false, false, true))).toBe(false);
		expect(matches(det('all'), on(true, true, false))).toBe(true);
		expect(matches(det('all'), on(true, false, true))).toBe(false);
		expect(matches(det('any'), on(true, false, false))).toBe(true);
	});
	it('them excludes identifiers starting with _', () => {
		const det = (q: string) => `
a:
  A: '1'
b:
  B: '1'
_c:
  C: '1'
condition: ${q} of them`;
		expect(matches(det('all'), on(true, true, false))).toBe(true);
		expect(matches(det('1'), on(false, false, true))).toBe(false);
	});
	it('a list of conditions ORs them; conditions may span lines', () => {
		expect(matches(abc('\n  - a and b\n  - c'), on(false, false, true))).toBe(true);
		expect(matches(abc('\n  - a and b\n  - c'), on(true, false, false))).toBe(false);
		expect(matches(abc('>-\n  a\n  and not\n  b'), on(true, false, false))).toBe(true);
	});
	it('not 1 of filter_*', () => {
		const det = `
sel:
  A: '1'
filter_x:
  B: '1'
filter_y:
  C: '1'
condition: sel and not 1 of filter_*`;
		expect(matches(det, on(true, false, false))).toBe(true);
		expect(matches(det, on(true, false, true))).toBe(false);
	});
});

describe('bad rules are skipped with a reason', () => {
	it('each problem has its reason', () => {
		expect(skipReason('sel:\n  A: 1\ncondition: sel and missing')).toBe(
			"condition names a missing identifier 'missing'",
		);
		expect(skipReason('sel:\n  A: 1\ncondition: 1 of nothing_*')).toBe(
			"condition pattern 'nothing_*' matches no identifier",
		);
		expect(skipReason('sel:\n  A|frobnicate: 1\ncondition: sel')).toBe("unknown modifier 'frobnicate'");
		expect(skipReason("sel:\n  A|re: '(unclosed'\ncondition: sel")).toMatch(/^invalid regex/);
		expect(skipReason('sel:\n  A: 1\ncondition: sel | count() by B > 3')).toBe('legacy aggregation');
		expect(skipReason('sel:\n  A: 1\ncondition: sel and (')).toMatch(/^condition/);
		expect(skipReason('sel:\n  A: 1')).toBe('missing condition');
	});
});
