import {describe, expect, it} from 'vitest';
import type {RuleHit} from '../../../source/core/event.js';
import {badgeOf, compactCount, countOfEvents, formatCount, topHit} from '../../../source/core/view/display.js';

const hit = (id: string, level: RuleHit['level']): RuleHit => ({id, title: id, level, tags: [], fields: []});

describe('display helpers', () => {
	it('the row is marked by its most severe hit, the first of equals', () => {
		expect(topHit([hit('a', 'low'), hit('b', 'high'), hit('c', 'medium'), hit('d', 'high')])?.id).toBe('b');
		expect(topHit([])).toBeUndefined();
	});

	it('badges fit their column: the long form from 10 columns, six at most below', () => {
		expect(badgeOf('Process Creation')).toBe('proc start');
		expect(badgeOf('Process Creation', 6)).toBe('proc+');
		expect(badgeOf('Registry Key Security Changed', 6)).toHaveLength(6);
	});

	it('counts read at a glance', () => {
		expect(formatCount(1234567)).toBe('1,234,567');
		expect([999, 1234, 45_678, 1_250_000].map(compactCount)).toEqual(['999', '1.2k', '45k', '1.2M']);
	});

	it('says event for one and events for any other count', () => {
		expect([0, 1, 2, 1000].map(n => countOfEvents(n))).toEqual(['0 events', '1 event', '2 events', '1,000 events']);
		expect(countOfEvents(1, 'marked')).toBe('1 marked event');
		expect(countOfEvents(3, 'marked')).toBe('3 marked events');
	});
});
