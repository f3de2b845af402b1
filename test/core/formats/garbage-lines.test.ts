// Bad bytes next to good NDJSON lines, through every path text takes: a file (TextRecordReader),
// stdin (the stream source) and one Kafka message holding several lines (decodeRecord). Every
// good event must survive, once, and the bad bytes must show as undecodable rows. Seeded: a
// failure names its seed and replays.
import {PassThrough} from 'node:stream';
import {deflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import type {RawRecord} from '../../../source/core/event.js';
import {decodeRecord, type DecodedEvent} from '../../../source/core/formats/index.js';
import {createStreamSource} from '../../../source/core/sources/stdin-source.js';
import {TextRecordReader} from '../../../source/core/sources/text-stream.js';
import {createRng} from '../../../source/core/demo/index.js';
import {itemAt, only} from '../../helpers/lists.js';

// The demo's seeded PRNG (mulberry32), so a failure names its seed and replays.
const prng = (seed: number): (() => number) => createRng(seed).next;

const SEEDS = 200;
const good = (id: number) =>
	JSON.stringify({
		EventID: 1,
		Channel: 'Microsoft-Windows-Sysmon/Operational',
		Computer: `WS-${id}`,
		Image: 'C:\\Windows\\System32\\cmd.exe',
		CommandLine: `cmd.exe /c echo ${id}`,
	});

function garbage(rand: () => number, size: number): Buffer {
	const b = Buffer.alloc(size);
	for (let i = 0; i < size; i++) b[i] = Math.floor(rand() * 256);
	// The case that used to swallow what followed: an unbalanced "{" opening a line.
	if (rand() < 0.5) b[Math.floor(rand() * (size - 8))] = 0x0a;
	const at = Math.floor(rand() * size);
	b[at] = 0x0a;
	if (at + 1 < size) b[at + 1] = 0x7b;
	return b;
}

interface Case {
	bytes: Buffer;
	ids: number[];
	garbageBytes: number;
}

/** The case (garbage, a newline, a good event) or a mix of good lines and garbage. */
function makeCase(seed: number): Case {
	const rand = prng(seed);
	const nl = Buffer.from('\n');
	if (seed % 2 === 0) {
		const g = garbage(rand, 5000);
		return {bytes: Buffer.concat([g, nl, Buffer.from(good(1)), nl]), ids: [1], garbageBytes: g.length};
	}
	const g1 = garbage(rand, 5000);
	const g2 = garbage(rand, 1 + Math.floor(rand() * 300));
	const parts = [
		Buffer.from(good(0)),
		nl,
		g1,
		nl,
		Buffer.from(good(1)),
		nl,
		Buffer.from(good(2)),
		nl,
		g2,
		nl,
		Buffer.from(good(3)),
	];
	return {bytes: Buffer.concat(parts), ids: [0, 1, 2, 3], garbageBytes: g1.length + g2.length};
}

function chunks(bytes: Buffer, rand: () => number): Buffer[] {
	const out: Buffer[] = [];
	for (let i = 0; i < bytes.length;) {
		const n = 1 + Math.floor(rand() * 700);
		out.push(bytes.subarray(i, i + n));
		i += n;
	}
	return out;
}

function goodIds(events: DecodedEvent[]): number[] {
	return events.filter(e => e.category === 'Process Creation').map(e => Number(e.host!.slice(3)));
}

function checkDecoded(c: Case, events: DecodedEvent[], seed: number): void {
	expect(goodIds(events), `seed ${seed}`).toEqual(c.ids);
	const bad = events.filter(e => e.category === 'undecodable');
	expect(bad.length, `seed ${seed}`).toBeGreaterThan(0);
	// Nothing silently skipped: the undecodable rows hold all the garbage but its line breaks.
	const newlines = c.bytes.filter(b => b === 0x0a).length;
	const size = bad.reduce((n, e) => n + e.undecodable!.size, 0);
	expect(size, `seed ${seed}`).toBeGreaterThanOrEqual(c.garbageBytes - newlines);
	for (const e of events)
		expect(
			e.category === 'Process Creation' || e.category === 'undecodable' || e.category === 'other',
			`seed ${seed}`,
		).toBe(true);
}

const nonSpace = (s: string) => s.replace(/[ \t\r\n]+/g, '');

describe('good lines around bad bytes all survive', () => {
	it(`a file read in random chunks (${SEEDS} seeds): every good event, and no character lost`, () => {
		for (let seed = 1; seed <= SEEDS; seed++) {
			const c = makeCase(seed);
			const reader = new TextRecordReader('f.ndjson');
			const records: RawRecord[] = [];
			for (const chunk of chunks(c.bytes, prng(seed * 7))) records.push(...reader.push(chunk));
			records.push(...reader.end());
			// Text that is not whitespace reaches a record, in order (none dropped between documents).
			if (seed % 2 === 1)
				expect(nonSpace(records.map(r => r.value).join('')), `seed ${seed}`).toBe(nonSpace(c.bytes.toString('utf8')));
			checkDecoded(
				c,
				records.flatMap(r => decodeRecord(r)),
				seed,
			);
		}
	});

	it(`stdin (${SEEDS / 4} seeds)`, async () => {
		for (let seed = 1; seed <= SEEDS / 4; seed++) {
			const c = makeCase(seed);
			const input = new PassThrough();
			const records: RawRecord[] = [];
			let ended = false;
			await createStreamSource(input).start({
				records: b => void records.push(...b),
				status() {},
				end: () => (ended = true),
			});
			for (const chunk of chunks(c.bytes, prng(seed * 13))) input.write(chunk);
			input.end();
			while (!ended) await new Promise(r => setTimeout(r, 1));
			checkDecoded(
				c,
				records.flatMap(r => decodeRecord(r)),
				seed,
			);
		}
	});

	it(`one Kafka message holding the lines (${SEEDS} seeds)`, () => {
		for (let seed = 1; seed <= SEEDS; seed++) {
			const c = makeCase(seed);
			checkDecoded(c, decodeRecord({value: c.bytes, receivedAt: 1}), seed);
		}
	});
});

describe('NDJSON in one message', () => {
	it('a bad first line no longer hides the good lines after it', () => {
		const events = decodeRecord({value: `{oops\n${good(1)}\n${good(2)}`, receivedAt: 1});
		expect(events.map(e => e.category)).toEqual(['undecodable', 'Process Creation', 'Process Creation']);
		expect(itemAt(events, 0).undecodable?.reason).toMatch(/^invalid JSON on line 1/);
	});
	it('consecutive bad lines are one row; each bad part between good lines is its own', () => {
		const text = `${good(1)}\nbad a\nbad b\n\n{bad c\n${good(2)}\n[1,\n${good(3)}`;
		const events = decodeRecord({value: text, receivedAt: 1});
		expect(events.map(e => e.category)).toEqual([
			'Process Creation',
			'undecodable',
			'Process Creation',
			'undecodable',
			'Process Creation',
		]);
		expect(itemAt(events, 1).undecodable).toMatchObject({size: Buffer.byteLength('bad a\nbad b\n\n{bad c')});
		expect(itemAt(events, 1).undecodable?.reason).toMatch(/^not JSON on lines 2-5/);
		expect(itemAt(events, 3).undecodable?.reason).toMatch(/^invalid JSON on line 7/);
	});
	it('binary bytes before a newline and a good line (also compressed)', () => {
		const value = Buffer.concat([Buffer.from([0x00, 0xff, 0x7b, 0x10]), Buffer.from(`\n${good(1)}\n`)]);
		expect(decodeRecord({value, receivedAt: 1}).map(e => e.category)).toEqual(['undecodable', 'Process Creation']);
		expect(decodeRecord({value: deflateSync(value), receivedAt: 1}).map(e => e.category)).toEqual([
			'undecodable',
			'Process Creation',
		]);
		const ndjson = Buffer.from(`not json\n${good(1)}`);
		expect(decodeRecord({value: deflateSync(ndjson), receivedAt: 1}).map(e => e.category)).toEqual([
			'undecodable',
			'Process Creation',
		]);
	});
	it('a pretty-printed document that does not parse stays one row', () => {
		const text = JSON.stringify({a: 1, b: [1, 2, 3], c: {d: 'e'}}, null, 2);
		const events = decodeRecord({value: text.slice(0, -5), receivedAt: 1});
		expect(only(events).undecodable?.reason).toMatch(/^invalid JSON:/);
	});
});
