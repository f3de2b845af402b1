// The reducer's correlation keys without a screen: enter on a correlation hit, the jump to one of
// its events (clearing only filters that hide it), v on rules-panel rows, and the filter builder.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../source/core/event.js';
import type {Action, ViewContext} from '../../source/state/actions.js';
import {KEYMAP} from '../../source/state/keymap.js';
import {initialState, uiReducer, type UiState} from '../../source/state/ui-state.js';
import {makeEvent} from '../helpers/events.js';

const hit = {id: 'r1', title: 'Rule one', level: 'high' as const, tags: [], fields: []};
const events: EdrEvent[] = [
	makeEvent({seq: 1}),
	makeEvent({seq: 2, hits: [hit]}),
	makeEvent({seq: 3}),
	makeEvent({
		seq: 4,
		category: 'correlation',
		family: 'correlation',
		hits: [{...hit, id: 'c1', title: 'Corr'}],
		correlation: {
			id: 'c1',
			title: 'Corr',
			type: 'event_count',
			group: {User: 'bob'},
			value: 2,
			condition: '>= 2',
			windowStart: 0,
			windowEnd: 1,
			timespanMs: 60_000,
			seqs: [1, 3],
			rules: ['r1'],
		},
	}),
];
const ctxOf = (visible: readonly EdrEvent[], extra: Partial<ViewContext> = {}): ViewContext => ({
	visible,
	height: 10,
	now: 0,
	...extra,
});
const key = (name: string, ctx: ViewContext, text?: string): Action => ({type: 'key', press: {name, text}, ctx});
const run = (state: UiState, actions: Action[]) => actions.reduce(uiReducer, state);

describe('correlation keys', () => {
	it('enter on a correlation hit lists its events; enter opens one and esc comes back', () => {
		const ctx = ctxOf(events);
		const s = run(initialState(), [key('enter', ctx)]);
		expect(s.mode).toBe('members');
		expect(s.corr?.members).toEqual({title: 'Corr', seqs: [1, 3], index: 0});
		const opened = run(s, [key('j', ctx), key('enter', ctx)]);
		expect(opened).toMatchObject({mode: 'detail', returnMode: 'members', selectedSeq: 3, follow: false});
		expect(opened.message).toBeUndefined();
		expect(run(opened, [key('escape', ctx)]).mode).toBe('members');
	});

	it('clears the filters only when they hide the event it jumps to', () => {
		const hitsOnly = events.filter(e => e.hits.length);
		const s = run(initialState({hitsOnly: true}), [key('enter', ctxOf(hitsOnly)), key('enter', ctxOf(hitsOnly))]);
		expect(s).toMatchObject({mode: 'detail', hitsOnly: false, selectedSeq: 1});
		expect(s.message?.text).toBe('filters cleared to show event #1');
	});

	it('v on a correlation row shows its groups, on a filter row what it suppressed', () => {
		const tuning = {correlationIds: new Set(['c1']), filterRecent: new Map([['f1', [2]]]), groupSeqs: [[1, 3]]};
		const ctx = ctxOf(events, {ruleIds: ['r1', 'c1', 'f1'], tuning});
		const rules = run(initialState(), [key('r', ctx), key('j', ctx)]);
		const groups = run(rules, [key('v', ctx)]);
		expect(groups).toMatchObject({mode: 'groups', corr: {groups: {id: 'c1', index: 0}}});
		expect(run(groups, [key('enter', ctx)]).corr?.members?.seqs).toEqual([1, 3]);
		const filter = run(rules, [key('j', ctx), key('v', ctx)]);
		expect(filter).toMatchObject({mode: 'members', corr: {members: {seqs: [2]}}});
		expect(run(rules, [key('k', ctx), key('v', ctx)]).message?.text).toMatch(/^v shows correlations and filters/);
	});

	it('e builds a filter from the hit: Image and ParentImage kept, space toggles, enter asks to apply', () => {
		const fields = [
			{field: 'Image', value: 'C:\\a.exe'},
			{field: 'ParentImage', value: 'C:\\p.exe'},
			{field: 'CommandLine', value: 'a.exe -x'},
		];
		const onHit = ctxOf(events.slice(0, 2), {tuning: {fields}});
		const s = run(initialState(), [key('e', onHit)]);
		expect(s.mode).toBe('tune');
		expect(s.corr?.tune).toMatchObject({ruleId: 'r1', chosen: [0, 1], path: 'filter-rule-one.yml'});
		const picked = run(s, [
			key('j', onHit),
			key('j', onHit),
			key('space', onHit, ' '),
			key('k', onHit),
			key('space', onHit, ' '),
		]);
		expect(picked.corr?.tune?.chosen).toEqual([0, 2]);
		const applied = run(picked, [key('enter', onHit)]);
		expect(applied.mode).toBe('feed');
		expect(applied.requests.at(-1)).toMatchObject({
			kind: 'filter',
			apply: true,
			spec: {ruleId: 'r1', fields: [fields[0], fields[2]]},
		});
		const written = run(picked, [
			key('w', onHit),
			key('ctrl+u', onHit),
			...[...'f.yml'].map(c => key(c, onHit, c)),
			key('enter', onHit),
		]);
		expect(written.requests.at(-1)).toMatchObject({kind: 'filter', apply: false, path: 'f.yml'});
		expect(written.mode).toBe('tune');
		// A correlation hit is not tuned itself.
		expect(run(initialState(), [key('e', ctxOf(events, {tuning: {fields}}))]).message?.text).toMatch(/correlation hit/);
	});

	it('binds no key twice in one mode', () => {
		const seen = new Map<string, string>();
		for (const b of KEYMAP)
			for (const mode of b.modes)
				for (const k of b.keys) {
					const id = `${mode} ${k}`;
					expect(seen.get(id), id).toBeUndefined();
					seen.set(id, b.description);
				}
	});
});
