import {describe, it, expect} from 'vitest';
import {parseStartPosition, describeStartPosition} from '../../../source/core/sources/start-position.js';

const now = Date.parse('2026-11-27T12:00:00Z');

describe('parseStartPosition', () => {
	it('reads latest and earliest, and the kcat words for them', () => {
		expect(parseStartPosition('latest', now)).toEqual({kind: 'latest'});
		expect(parseStartPosition('LATEST', now)).toEqual({kind: 'latest'});
		expect(parseStartPosition('end', now)).toEqual({kind: 'latest'});
		expect(parseStartPosition('earliest', now)).toEqual({kind: 'earliest'});
		expect(parseStartPosition('committed', now)).toEqual({kind: 'committed'});
		expect(parseStartPosition(' beginning ', now)).toEqual({kind: 'earliest'});
	});

	it('reads relative times in seconds, minutes, hours and days back from now', () => {
		expect(parseStartPosition('-30s', now)).toEqual({kind: 'time', time: now - 30_000});
		expect(parseStartPosition('-15m', now)).toEqual({kind: 'time', time: now - 15 * 60_000});
		expect(parseStartPosition('-2h', now)).toEqual({kind: 'time', time: now - 2 * 3_600_000});
		expect(parseStartPosition('-1d', now)).toEqual({kind: 'time', time: now - 86_400_000});
		expect(parseStartPosition('-1.5h', now)).toEqual({kind: 'time', time: now - 5_400_000});
	});

	it('reads ISO times with and without a zone', () => {
		expect(parseStartPosition('2026-11-27T10:00:00Z', now)).toEqual({
			kind: 'time',
			time: Date.parse('2026-11-27T10:00:00Z'),
		});
		expect(parseStartPosition('2026-11-27T10:00:00.250+01:00', now)).toEqual({
			kind: 'time',
			time: Date.parse('2026-11-27T09:00:00.250Z'),
		});
		expect(parseStartPosition('2026-11-27', now)).toEqual({kind: 'time', time: Date.parse('2026-11-27T00:00:00Z')});
		expect(parseStartPosition('2026-11-27 10:00:00Z', now)).toEqual({
			kind: 'time',
			time: Date.parse('2026-11-27T10:00:00Z'),
		});
	});

	it('reads offsets as exact int64 text', () => {
		expect(parseStartPosition('0', now)).toEqual({kind: 'offset', offset: '0'});
		expect(parseStartPosition('1234', now)).toEqual({kind: 'offset', offset: '1234'});
		expect(parseStartPosition('9007199254740993', now)).toEqual({kind: 'offset', offset: '9007199254740993'});
		expect(parseStartPosition('007', now)).toEqual({kind: 'offset', offset: '7'});
	});

	it('rejects anything else with a one-line message that says what is accepted', () => {
		for (const bad of [
			'',
			'yesterday',
			'-15',
			'-15x',
			'15m',
			'2026-13-45T99:00:00Z',
			'2026-11-27T10',
			'9223372036854775808',
			'1e5',
			'-',
		]) {
			let message = '';
			try {
				parseStartPosition(bad, now);
			} catch (error) {
				message = (error as Error).message;
			}
			expect(message, bad).not.toBe('');
			expect(message).not.toContain('\n');
		}
		expect(() => parseStartPosition('-15', now)).toThrow(/needs a unit/);
		expect(() => parseStartPosition('soon', now)).toThrow(/latest, earliest, committed, an ISO time/);
	});

	it('describes positions for labels', () => {
		expect(describeStartPosition({kind: 'time', time: Date.parse('2026-11-27T10:00:00Z')})).toBe(
			'2026-11-27T10:00:00.000Z',
		);
		expect(describeStartPosition({kind: 'offset', offset: '42'})).toBe('offset 42');
		expect(describeStartPosition({kind: 'earliest'})).toBe('earliest');
	});
});
