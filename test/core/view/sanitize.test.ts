import {describe, expect, it} from 'vitest';
import {sanitizeText} from '../../../source/core/view/sanitize.js';
import {displayWidth, truncateToWidth} from '../../../source/core/view/width.js';

describe('sanitizeText', () => {
	it('returns the very same string when there is nothing to escape', () => {
		const s = 'powershell.exe -nop C:\\Windows\\System32 日本語 😀';
		expect(sanitizeText(s)).toBe(s);
	});

	it('shows terminal escape sequences as inert text', () => {
		expect(sanitizeText('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
		expect(sanitizeText('\x1b]0;owned\x07')).toBe('\\x1b]0;owned\\x07');
		expect(sanitizeText('\x9b31m')).toBe('\\x9b31m');
		expect(sanitizeText('x\x7fy')).toBe('x\\x7fy');
	});

	it('escapes line breaks and tabs consistently', () => {
		expect(sanitizeText('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
		expect(sanitizeText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
	});

	it('escapes bidi controls and invisible characters', () => {
		expect(sanitizeText('evil\u202eexe.txt')).toBe('evil\\u202eexe.txt');
		for (const c of [
			'\u202a',
			'\u2066',
			'\u2069',
			'\u061c',
			'\u200e',
			'\u200f',
			'\u200b',
			'\u200d',
			'\u2060',
			'\u2064',
			'\ufeff',
		]) {
			const out = sanitizeText(`a${c}b`);
			expect(out).toBe(`a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b`);
		}
	});

	it('escapes lone surrogates but keeps pairs', () => {
		expect(sanitizeText('a\ud800b')).toBe('a\\ud800b');
		expect(sanitizeText('a\udc00')).toBe('a\\udc00');
		expect(sanitizeText('😀')).toBe('😀');
	});

	it('leaves no raw control character in any output', () => {
		let all = '';
		for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
		expect(sanitizeText(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it('truncates at display columns with an ellipsis', () => {
		expect(sanitizeText('abcdefghij', 5)).toBe('abcd…');
		expect(sanitizeText('abc', 5)).toBe('abc');
		expect(sanitizeText('日本語日本語', 7)).toBe('日本語…');
		expect(displayWidth(sanitizeText('日本語日本語', 6))).toBeLessThanOrEqual(6);
		// the escape is counted as the text it became
		expect(sanitizeText('\x1b\x1b\x1b', 6)).toBe('\\x1b\\…');
	});
});

describe('displayWidth / truncateToWidth', () => {
	it('counts wide characters as two columns', () => {
		expect(displayWidth('abc')).toBe(3);
		expect(displayWidth('日本語')).toBe(6);
		expect(displayWidth('😀x')).toBe(3);
		expect(displayWidth('한국어')).toBe(6);
		expect(displayWidth('Ｆｕｌｌ')).toBe(8);
		expect(displayWidth('❤️')).toBe(2);
		expect(displayWidth('🇩🇪')).toBe(2);
		expect(displayWidth('e\u0301')).toBe(1);
		expect(displayWidth('\u00ad')).toBe(0);
	});

	it('never splits a wide character or a surrogate pair', () => {
		expect(truncateToWidth('a😀😀', 3)).toBe('a…');
		expect(truncateToWidth('😀😀😀', 4)).toBe('😀…');
		expect(truncateToWidth('abc', 0)).toBe('');
	});
});
