// Search projections are built between frames only once the user reaches for a search, and from
// then on for every event that arrives: a screen nobody searches does not pay for them.
import {afterEach, describe, expect, it} from 'vitest';
import {hasProjection} from '../source/core/view/projection.js';
import {closeApps, renderApp} from './helpers/app.js';
import {KEYS, tick, waitForFrame, waitUntil} from './helpers/ink.js';
import {makeEvent} from './helpers/events.js';
import {storeWith} from './helpers/store.js';

afterEach(closeApps);

const warmed = (events: readonly object[]) => events.filter(ev => hasProjection(ev as never)).length;

describe('search warming on the full screen', () => {
	it('builds no projection before a search is opened, all of them after', async () => {
		const events = Array.from({length: 3000}, (_, i) => makeEvent({summary: `event number ${i}`}));
		const store = storeWith(events);
		const h = await renderApp(store);
		await waitForFrame(h.app, '3,000 events');
		// Time for idle slices to have run had they been wanted (3,000 events is six slices).
		await tick(100);
		expect(warmed(events)).toBe(0);

		await h.press('/');
		await waitUntil(() => warmed(events) === events.length);
		expect(warmed(events)).toBe(events.length);

		// Closed again, the latch holds: events that arrive later are warmed too.
		await h.press(KEYS.escape);
		const later = Array.from({length: 600}, (_, i) => makeEvent({summary: `later ${i}`}));
		store.push(later);
		store.flush();
		await waitUntil(() => warmed(later) === later.length);
		expect(warmed(later)).toBe(later.length);
	});

	it('warms at once when the screen starts with a search', async () => {
		const events = Array.from({length: 1500}, (_, i) => makeEvent({summary: `event ${i}`}));
		await renderApp(storeWith(events), {initial: {search: 'event'}});
		await waitUntil(() => warmed(events) === events.length);
		expect(warmed(events)).toBe(events.length);
	});
});
