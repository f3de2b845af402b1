import type {EdrEvent} from '../../source/core/event.js';
import {familyOf} from '../../source/core/event.js';

let seq = 0;
/** A minimal normalized event for tests that do not care about decoding. */
export function makeEvent(partial: Partial<EdrEvent> = {}): EdrEvent {
	const category = partial.category ?? 'Process Creation';
	return {
		seq: ++seq,
		category,
		family: familyOf(category),
		format: 'json',
		receivedAt: 1_700_000_000_000,
		target: {},
		summary: 'test event',
		hits: [],
		raw: {},
		...partial,
	};
}
