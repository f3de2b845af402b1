// Pivots in the view filter: keep and hide by a normalized value, equal ignoring case, combined
// with each other, the toggles and the search, and kept up to date as events arrive.
import {describe, expect, it} from 'vitest';
import {FilteredView} from '../../../source/core/view/feed-view.js';
import {NO_FILTER, type ViewFilter} from '../../../source/core/view/filter.js';
import {pivotsPass, pivotText, type Pivot} from '../../../source/core/view/pivot.js';
import {parseQuery} from '../../../source/core/view/query.js';
import {makeEvent} from './make-event.js';

const events = [
	makeEvent(1, {host: 'WS01', user: 'alice', actor: {image: 'C:\\Windows\\System32\\cmd.exe', storyline: 'S1'}}),
	makeEvent(2, {host: 'ws01', user: 'bob', category: 'DNS', target: {dns: {query: 'evil.example'}}}),
	makeEvent(3, {host: 'WS02', user: 'alice', actor: {image: 'C:\\Windows\\System32\\cmd.exe'}}),
	makeEvent(4, {host: 'WS02', category: 'DNS', actor: {storyline: 's1'}, target: {dns: {query: 'evil.example'}}}),
];
const seqs = (filter: ViewFilter, list = events) => new FilteredView().update(list, filter).visible.map(e => e.seq);
const keep = (key: Pivot['key'], value: string): Pivot => ({key, value, exclude: false});
const hide = (key: Pivot['key'], value: string): Pivot => ({key, value, exclude: true});

describe('pivots', () => {
	it('keep: equal ignoring case, on the field the search reads', () => {
		expect(seqs({...NO_FILTER, pivots: [keep('host', 'WS01')]})).toEqual([1, 2]);
		expect(seqs({...NO_FILTER, pivots: [keep('image', 'c:\\windows\\system32\\cmd.exe')]})).toEqual([1, 3]);
		expect(seqs({...NO_FILTER, pivots: [keep('storyline', 'S1')]})).toEqual([1, 4]);
		// Equal, not contained: a prefix of a value is another value.
		expect(seqs({...NO_FILTER, pivots: [keep('host', 'WS0')]})).toEqual([]);
	});

	it('hide, and several together: every keep must match, no hide may', () => {
		expect(seqs({...NO_FILTER, pivots: [hide('host', 'ws01')]})).toEqual([3, 4]);
		expect(seqs({...NO_FILTER, pivots: [keep('domain', 'evil.example'), hide('host', 'WS02')]})).toEqual([2]);
		expect(seqs({...NO_FILTER, pivots: [keep('user', 'alice'), keep('host', 'WS02')]})).toEqual([3]);
	});

	it('combine with the category toggles and the search, and apply to new events as they arrive', () => {
		const filter: ViewFilter = {
			...NO_FILTER,
			hiddenCategories: new Set(['DNS']),
			query: parseQuery('user:alice'),
			pivots: [hide('host', 'WS01')],
		};
		const view = new FilteredView();
		expect(view.update(events, filter).visible.map(e => e.seq)).toEqual([3]);
		const more = [...events, makeEvent(5, {host: 'WS03', user: 'alice'}), makeEvent(6, {host: 'WS01', user: 'alice'})];
		expect(view.update(more, filter).visible.map(e => e.seq)).toEqual([3, 5]);
	});

	it('a chip says what it does', () => {
		expect(pivotText(keep('host', 'WS01'))).toBe('host = WS01');
		expect(pivotText(hide('user', 'SYSTEM'))).toBe('user ≠ SYSTEM');
		expect(pivotsPass(events[0]!, [])).toBe(true);
	});
});
