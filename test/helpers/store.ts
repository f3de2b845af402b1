// Stores for UI tests: filled from events built here, or from the demo generator with a fixed
// seed, decoded and evaluated by the real stages. The flush timer is never left running.
import type {EdrEvent} from '../../source/core/event.js';
import {decodeRecord} from '../../source/core/formats/index.js';
import {createPipeline} from '../../source/core/pipeline.js';
import {loadRules} from '../../source/core/rules/index.js';
import {generateDemoRecords} from '../../source/core/demo/index.js';
import {EventStore, type Clock} from '../../source/core/store/index.js';

/** A clock whose timer never fires: tests publish with store.flush(). */
export const manualClock = (now = () => 1_700_000_000_000): Clock => ({
	now,
	setInterval: () => 0,
	clearInterval: () => undefined,
});

export function storeWith(events: readonly EdrEvent[], capacity = 50_000): EventStore {
	const store = new EventStore({capacity, clock: manualClock()});
	store.push(events);
	store.setStatus({state: 'connected'});
	store.flush();
	return store;
}

/** The demo's first `count` events with the built-in rules' hits, like `edrtail --demo --seed`. */
export function demoEvents(count: number, seed = 1): EdrEvent[] {
	const {engine} = loadRules([], {builtin: true});
	const events: EdrEvent[] = [];
	const sink = createPipeline(
		{decode: r => decodeRecord(r), evaluate: engine?.rules.length ? ev => engine.evaluate(ev) : undefined},
		{events: evs => void events.push(...evs), skipped: () => undefined, status: () => undefined, end: () => undefined},
	);
	sink.records(generateDemoRecords(count, {seed}));
	return events;
}
