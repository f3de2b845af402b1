import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../../source/core/event.js';
import type {ViewFilter} from '../../../source/core/view/filter.js';
import {parseQuery} from '../../../source/core/view/query.js';
import {
	ADVANCE_SLICE,
	FilteredView,
	filterEvents,
	nextHitIndex,
	PROGRESSIVE_MIN,
} from '../../../source/core/view/feed-view.js';
import {CATEGORIES} from '../../../source/core/event.js';
import {hasProjection} from '../../../source/core/view/projection.js';
import {filterByTerm, compileTerm} from '../../../source/core/view/text-match.js';
import {makeEvent, regsvr32Hit} from './make-event.js';

const names = [
	'powershell.exe -enc AAA',
	'regsvr32.exe /s scrobj.dll',
	'chrome.exe --type=renderer',
	'svchost.exe -k netsvcs',
];
const events = (from: number, to: number): EdrEvent[] => {
	const out: EdrEvent[] = [];
	for (let s = from; s <= to; s++) out.push(makeEvent(s, {summary: names[s % names.length]!, host: `WS${s % 3}`}));
	return out;
};
const search = (text: string): ViewFilter => ({hiddenCategories: new Set(), hitsOnly: false, query: parseQuery(text)});

describe('FilteredView', () => {
	it('warms in slices, newest first, until every event of a growing buffer has its projection', () => {
		const view = new FilteredView({warm: false});
		let buf = events(1, 95);
		expect(view.warm(buf, 40)).toBe(false);
		// The newest 40 first.
		expect(buf.map(hasProjection).lastIndexOf(false)).toBe(54);
		expect(view.warm(buf, 40)).toBe(false);
		expect(view.warm(buf, 40)).toBe(true);
		expect(buf.every(hasProjection)).toBe(true);
		// New events (and evicted old ones) are taken first, then nothing is left.
		buf = [...buf.slice(30), ...events(96, 150)];
		expect(view.warm(buf, 40)).toBe(false);
		expect(view.warm(buf, 40)).toBe(true);
		expect(buf.every(hasProjection)).toBe(true);
		// A burst larger than a slice: the gap it leaves is filled too.
		buf = [...buf, ...events(151, 260)];
		while (!view.warm(buf, 25));
		expect(buf.every(hasProjection)).toBe(true);
	});

	it('fills the gap a burst left and stops there, without looking over the events warmed before it', () => {
		const view = new FilteredView({warm: false});
		let buf = events(1, 5000);
		while (!view.warm(buf, 5000));
		// 110 new events, 25 a slice: the newest 25, then the 85 of the gap (4 slices); the 5,000
		// warmed before the burst cost no lookup each (at 500 lookups a slice, 10 more slices).
		buf = [...buf, ...events(5001, 5110)];
		let slices = 1;
		while (!view.warm(buf, 25)) slices++;
		expect(slices).toBe(5);
		expect(buf.every(hasProjection)).toBe(true);
		// Again with older events evicted meanwhile: still only the gap.
		buf = [...buf.slice(2000), ...events(5111, 5200)];
		slices = 1;
		while (!view.warm(buf, 25)) slices++;
		expect(slices).toBe(4);
		expect(buf.every(hasProjection)).toBe(true);
	});

	it('applies a new filter on a big buffer to the newest events first, then equals a whole recompute', () => {
		const n = PROGRESSIVE_MIN + 3 * ADVANCE_SLICE + 123;
		const big = (from: number, to: number) => {
			const out: EdrEvent[] = [];
			for (let s = from; s <= to; s++) {
				const category = CATEGORIES[s % 7]!;
				out.push(makeEvent(s, {category, hits: s % 5 === 0 ? [regsvr32Hit('x')] : [], host: `WS${s % 3}`}));
			}
			return out;
		};
		const filters: ViewFilter[] = [
			{hiddenCategories: new Set([CATEGORIES[1]!, CATEGORIES[4]!]), hitsOnly: false},
			{hiddenCategories: new Set(), hitsOnly: true},
			{hiddenCategories: new Set([CATEGORIES[0]!]), hitsOnly: false, query: parseQuery('host:ws2')},
		];
		for (const filter of filters) {
			const view = new FilteredView({warm: false, progressive: true});
			let buf = big(1, n);
			view.update(buf, {hiddenCategories: new Set(), hitsOnly: false});
			const first = view.update(buf, filter);
			expect(first.complete).toBe(false);
			// The rows on screen are there at once: the newest matches.
			expect(first.visible.length).toBeGreaterThan(100);
			expect(first.visible).toEqual(filterEvents(buf, filter).slice(-first.visible.length));
			// Events arrive and the buffer evicts between the slices.
			view.advance();
			buf = [...buf.slice(500), ...big(n + 1, n + 700)];
			const mid = view.update(buf, filter);
			expect(mid.complete).toBe(false);
			expect(mid.visible.at(-1)).toBe(filterEvents(buf, filter).at(-1));
			let r = mid;
			for (let i = 0; i < 10 && !r.complete; i++) r = view.advance()!;
			expect(r.complete).toBe(true);
			expect(r.visible.map(e => e.seq)).toEqual(filterEvents(buf, filter).map(e => e.seq));
			expect(view.update(buf, filter)).toBe(r);
		}
	});

	it('finish tests every event left at once: what an export must see', () => {
		const view = new FilteredView({warm: false, progressive: true});
		const filter: ViewFilter = {hiddenCategories: new Set(), hitsOnly: true};
		const buf = events(1, PROGRESSIVE_MIN + 10);
		buf.forEach((ev, i) => i % 4 === 0 && (ev.hits = [regsvr32Hit('x')]));
		const partial = view.update(buf, filter);
		expect(partial.complete).toBe(false);
		expect(partial.finish).toBeTypeOf('function');
		const whole = partial.finish!();
		expect(whole.complete).toBe(true);
		expect(whole.visible.map(e => e.seq)).toEqual(filterEvents(buf, filter).map(e => e.seq));
		expect(view.update(buf, filter)).toBe(whole);
		expect(view.advance()).toBe(whole);
	});

	it('finish still completes a result that events arrived on since the filter changed', () => {
		const view = new FilteredView({warm: false, progressive: true});
		const filter: ViewFilter = {hiddenCategories: new Set(), hitsOnly: true};
		const withHits = (list: EdrEvent[]) => (
			list.forEach((ev, i) => i % 4 === 0 && (ev.hits = [regsvr32Hit('x')])),
			list
		);
		let buf = withHits(events(1, PROGRESSIVE_MIN + 10));
		expect(view.update(buf, filter).complete).toBe(false);
		// A store flush between the key and the export: the result is extended, still not complete.
		buf = [...buf, ...withHits(events(PROGRESSIVE_MIN + 11, PROGRESSIVE_MIN + 50))];
		const extended = view.update(buf, filter);
		expect(extended.complete).toBe(false);
		const whole = extended.finish!();
		expect(whole.visible.map(e => e.seq)).toEqual(filterEvents(buf, filter).map(e => e.seq));
	});

	it('completes when the buffer evicts every event still to test, and stays whole for fuzzy terms', () => {
		const view = new FilteredView({warm: false, progressive: true});
		const filter: ViewFilter = {hiddenCategories: new Set(), hitsOnly: true};
		let buf = events(1, PROGRESSIVE_MIN + 10);
		expect(view.update(buf, filter).complete).toBe(false);
		buf = [...buf.slice(PROGRESSIVE_MIN), ...events(PROGRESSIVE_MIN + 11, PROGRESSIVE_MIN + 20)];
		expect(view.update(buf, filter).complete).toBe(true);
		expect(view.update(buf, search('powershell')).complete).toBe(true);
		// Without the option (the find), a result is always whole.
		const whole = new FilteredView({warm: false}).update(events(1, PROGRESSIVE_MIN + 10), filter);
		expect(whole.complete).toBe(true);
	});

	it('does not warm inside update when made with warm: false', () => {
		const buf = events(1000, 1010);
		new FilteredView({warm: false}).update(buf, {hiddenCategories: new Set(), hitsOnly: true});
		expect(buf.some(hasProjection)).toBe(false);
		new FilteredView().update(buf, {hiddenCategories: new Set(), hitsOnly: false});
		expect(buf.every(hasProjection)).toBe(true);
	});

	it('returns the same result object for the same buffer and filter', () => {
		const view = new FilteredView();
		const buf = events(1, 100);
		const filter = search('powershell');
		const a = view.update(buf, filter);
		expect(view.update(buf, filter)).toBe(a);
		expect(view.update(buf, search('powershell'))).toBe(a);
		expect(a.visible.map(e => e.seq)).toEqual(buf.filter(e => e.summary.startsWith('powershell')).map(e => e.seq));
	});

	it('passes the buffer through when nothing is filtered', () => {
		const buf = events(1, 10);
		expect(new FilteredView().update(buf, {hiddenCategories: new Set(), hitsOnly: false}).visible).toBe(buf);
	});

	it('tests only appended events and drops evicted ones, matching a full recompute', () => {
		const view = new FilteredView();
		const filter = search('regsvr32 host:ws1');
		const first = events(1, 200);
		const r1 = view.update(first, filter);
		// ring buffer full: 50 evicted at the front, 50 new at the end
		const second = [...first.slice(50), ...events(201, 250)];
		const r2 = view.update(second, filter);
		expect(r2.visible.map(e => e.seq)).toEqual(filterEvents(second, filter).map(e => e.seq));
		expect(r2.visible[0]!.seq).toBeGreaterThan(50);
		expect(r2.visible.at(-1)!.seq).toBeGreaterThan(200);
		// The kept part is reused, not re-tested: the same event objects.
		expect(r2.visible).toContain(r1.visible.at(-1));
	});

	it('keeps the visible array when new events do not match', () => {
		const view = new FilteredView();
		const filter = search('regsvr32');
		const buf = events(1, 8);
		const r1 = view.update(buf, filter);
		const more = [...buf, makeEvent(9, {summary: 'unrelated'})];
		expect(view.update(more, filter).visible).toBe(r1.visible);
	});

	it('recomputes when the filter changes or the buffer restarts', () => {
		const view = new FilteredView();
		const buf = events(1, 40);
		expect(view.update(buf, search('chrome')).visible.every(e => e.summary.startsWith('chrome'))).toBe(true);
		expect(view.update(buf, search('svchost')).visible.every(e => e.summary.startsWith('svchost'))).toBe(true);
		const restarted = events(1, 4);
		expect(view.update(restarted, search('svchost')).visible.map(e => e.seq)).toEqual([3]);
	});

	it('gives highlight ranges for the summary, exact and approximate', () => {
		const view = new FilteredView();
		const buf = events(1, 8);
		const r = view.update(buf, search('scrobj'));
		const ev = r.visible[0]!;
		const h = r.highlights.get(ev.seq)!;
		const start = ev.summary.indexOf('scrobj');
		expect(h).toContainEqual({field: 'summary', source: 'search', ranges: [[start, start + 6]]});
		const fuzzy = view.update(buf, search('regsrv32'));
		expect(fuzzy.visible.length).toBeGreaterThan(0);
		const ranges = fuzzy.highlights.get(fuzzy.visible[0]!.seq)!.find(x => x.field === 'summary')!.ranges;
		expect(ranges.length).toBeGreaterThan(0);
		expect(r.highlights.get(123456)).toBeUndefined();
	});

	it('marks the text a rule matched', () => {
		const cmd = 'regsvr32 /s scrobj.dll';
		const ev = makeEvent(1, {summary: `cmd -> ${cmd}`, hits: [regsvr32Hit(cmd)]});
		const r = new FilteredView().update([ev], {hiddenCategories: new Set(), hitsOnly: true});
		const start = ev.summary.indexOf('scrobj');
		expect(r.highlights.get(1)).toContainEqual({field: 'summary', source: 'hit', ranges: [[start, start + 6]]});
	});
});

describe('filterByTerm', () => {
	it('checks approximately only the newest candidates within the budget, exact matches everywhere', () => {
		const buf = [
			makeEvent(1, {summary: 'regsvr32 old typo target'}),
			makeEvent(2, {summary: 'regsrv32 exact'}),
			makeEvent(3, {summary: 'regsvr32 new'}),
		];
		const r = filterByTerm(compileTerm({text: 'regsrv32', exact: false}), buf, 1);
		expect(r.events.map(e => e.seq)).toEqual([2, 3]);
		expect(r.fuzzyLimited).toBe(true);
		const all = filterByTerm(compileTerm({text: 'regsrv32', exact: false}), buf);
		expect(all.events.map(e => e.seq)).toEqual([1, 2, 3]);
		expect(all.fuzzyLimited).toBe(false);
	});
});

describe('nextHitIndex', () => {
	const list = [
		makeEvent(1),
		makeEvent(2, {hits: [regsvr32Hit('x scrobj')]}),
		makeEvent(3),
		makeEvent(4, {hits: [regsvr32Hit('y scrobj')]}),
	];
	it('finds the next and previous hit, wrapping around', () => {
		expect(nextHitIndex(list, 0, 1)).toBe(1);
		expect(nextHitIndex(list, 1, 1)).toBe(3);
		expect(nextHitIndex(list, 3, 1)).toBe(1);
		expect(nextHitIndex(list, 3, -1)).toBe(1);
		expect(nextHitIndex(list, 1, -1)).toBe(3);
		expect(nextHitIndex(list, -1, 1)).toBe(1);
	});
	it('is undefined without hits', () => {
		expect(nextHitIndex([makeEvent(1)], 0, 1)).toBeUndefined();
		expect(nextHitIndex([], 0, -1)).toBeUndefined();
	});
});
