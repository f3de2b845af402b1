import {describe, expect, it} from 'vitest';
import type {Undecodable} from '../../../source/core/event.js';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {serializeJsonLine} from '../../../source/core/view/json-line.js';
import {eventCopy, hexBytesPerRow, hexDumpRows, payloadText, payloadView} from '../../../source/core/view/payload.js';
import {makeEvent} from './make-event.js';

const undecodable = (payload: Uint8Array | undefined, size = payload?.length ?? 0): Undecodable => ({
	reason: 'r',
	size,
	preview: 'p',
	...(payload ? {payload} : {}),
});
const bad = (u: Undecodable) =>
	makeEvent(1, {category: 'undecodable', family: 'undecodable', format: 'undecodable', raw: null, undecodable: u});

describe('payload bytes of undecodable events', () => {
	it('hex dump rows: offset, hex, printable ASCII; as many bytes per row as fit', () => {
		expect(hexDumpRows(Buffer.from('{"a": 1}\n\x00\xff'), 8)).toEqual([
			'0000  7b 22 61 22 3a 20 31 7d  {"a": 1}',
			'0008  0a 00 c3 bf              ....',
		]);
		expect(hexBytesPerRow(80)).toBe(16);
		expect(hexBytesPerRow(40)).toBe(8);
		expect(hexDumpRows(new Uint8Array(40), 16)[0]).toHaveLength(71);
		expect(hexDumpRows(new Uint8Array(40), 8)[0]).toHaveLength(39);
	});

	it('text when it is UTF-8 with few controls (an escape sequence stays text), else none', () => {
		expect(payloadText(Buffer.from('{oops \u001b[31m red'))).toBe('{oops \u001b[31m red');
		expect(payloadText(Buffer.from([0x0a, 0x00, 0x01, 0x02]))).toBeUndefined();
		expect(payloadText(Buffer.from([0xff, 0xfe, 0x41]))).toBeUndefined();
		// Kept bytes cut inside a character are still text.
		expect(payloadText(Buffer.from('abc€').subarray(0, 5))).toBe('abc');
	});

	it('the view escapes the text lines and notes what was not kept', () => {
		const v = payloadView(undecodable(Buffer.from('line 1\nline \u202e2'), 70_000), 80)!;
		expect(v.text).toEqual(['line 1', 'line \\u202e2']);
		expect(v.kept).toBe(16);
		expect(v.size).toBe(70_000);
		expect(payloadView(undecodable(undefined, 10), 80)).toBeUndefined();
	});

	it('y copies text payloads as escaped text and binary ones as hex, and says which', () => {
		const text = eventCopy(bad(undecodable(Buffer.from('{"broken": json\n\u001b]0;title\u0007 more text here'))));
		expect(text).toEqual({
			ok: true,
			text: '{"broken": json\\n\\x1b]0;title\\x07 more text here',
			what: 'the payload (41 bytes) as escaped text',
		});
		const bin = eventCopy(bad(undecodable(Uint8Array.from([0x0a, 0x00, 0xff]))));
		expect(bin).toEqual({ok: true, text: '0a00ff', what: 'the payload (3 bytes) as hex'});
		expect(eventCopy(bad(undecodable(undefined, 0)))).toMatchObject({ok: false});
		expect(eventCopy(bad(undecodable(undefined, 500)))).toMatchObject({
			ok: false,
			error: expect.stringMatching(/not kept/),
		});
		expect(eventCopy(makeEvent(2, {raw: {a: 1}}))).toEqual({ok: true, text: '{"a":1}', what: 'the raw event'});
	});

	it('a payload too large for OSC 52 is copied as far as it fits, and the notice says so', () => {
		const big = new Uint8Array(64 * 1024).fill(0x01);
		const c = eventCopy(bad(undecodable(big, 100_000)), 1000);
		expect(c.ok).toBe(true);
		if (!c.ok) return;
		expect(c.text).toMatch(/^(01)+$/);
		expect(Math.ceil(c.text.length / 3) * 4).toBeLessThanOrEqual(1000);
		expect(c.what).toBe(
			`the first ${(c.text.length / 2).toLocaleString('en-US')} of 100,000 bytes of the payload as hex`,
		);
	});

	it('the --json line carries the kept bytes as base64, and a saved session reopens with them', () => {
		const line = serializeJsonLine(bad(undecodable(Buffer.from('abc'), 3)));
		expect(JSON.parse(line).undecodable).toEqual({reason: 'r', size: 3, preview: 'p', payload: 'YWJj'});
		const back = decodeRecord({value: line, receivedAt: 1})[0]!;
		expect(back.undecodable?.payload).toEqual(Uint8Array.from(Buffer.from('abc')));
		// Not base64, or more than is ever kept: no payload.
		const forged = JSON.parse(line);
		forged.undecodable.payload = 'A'.repeat(200_000);
		expect(decodeRecord({value: JSON.stringify(forged), receivedAt: 1})[0]!.undecodable?.payload).toBeUndefined();
	});
});
