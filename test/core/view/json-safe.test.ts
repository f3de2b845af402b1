import {describe, expect, it} from 'vitest';
import {rawLines} from '../../../source/core/view/detail-model.js';
import {rawEventText} from '../../../source/core/view/export.js';
import {serializeJsonLine} from '../../../source/core/view/json-line.js';
import {jsonReplacer, jsonSafe} from '../../../source/core/view/json-safe.js';
import {makeEvent} from './make-event.js';

const raw = {
	n: 10n,
	bytes: new Uint8Array([1, 2, 3]),
	buf: Buffer.from([4, 5, 6]),
	at: new Date(Date.UTC(2026, 0, 1)),
	bad: new Date(Number.NaN),
	s: 'x',
};
const expected = {n: '10', bytes: 'AQID', buf: 'BAUG', at: '2026-01-01T00:00:00.000Z', bad: null, s: 'x'};

describe('jsonSafe', () => {
	it('turns bigints, bytes and dates into what JSON can carry, and leaves the rest', () => {
		expect(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, jsonSafe(v)]))).toEqual(expected);
		const obj = {a: 1};
		expect(jsonSafe(obj)).toBe(obj);
	});

	it('as a replacer it sees a Buffer before its toJSON does', () => {
		expect(JSON.parse(JSON.stringify(raw, jsonReplacer))).toEqual(expected);
		expect(JSON.parse(JSON.stringify([Buffer.from('hi')], jsonReplacer))).toEqual(['aGk=']);
	});

	it('the copied raw event, the --json line and the detail pane write the same values', () => {
		const ev = makeEvent(1, {raw});
		expect(JSON.parse(rawEventText(ev))).toEqual(expected);
		expect(JSON.parse(serializeJsonLine(ev)).raw).toEqual(expected);
		const shown = rawLines(raw)
			.map(l => l.map(t => t.text).join(''))
			.join('\n');
		expect(JSON.parse(shown)).toEqual(expected);
	});
});
