// Small normalized events for the view tests.
import type {EdrEvent} from '../../../source/core/event.js';
import {familyOf, type Category} from '../../../source/core/event.js';

export function makeEvent(seq: number, over: Partial<EdrEvent> = {}): EdrEvent {
	const category: Category = over.category ?? 'Process Creation';
	return {
		seq,
		category,
		family: familyOf(category),
		format: 's1-dv',
		receivedAt: 1_700_000_000_000 + seq,
		target: {},
		summary: `event ${seq}`,
		hits: [],
		raw: {seq},
		...over,
	};
}

export const regsvr32Hit = (value: string) => ({
	id: 'rule-regsvr32',
	title: 'Regsvr32 Squiblydoo',
	level: 'high' as const,
	tags: ['attack.defense-evasion', 'attack.t1218.010'],
	description: 'scrobj via regsvr32',
	references: ['https://example.org/squiblydoo'],
	fields: [
		{
			field: 'CommandLine|contains',
			source: 'actor.cmdline',
			value,
			spans: [[value.indexOf('scrobj'), value.indexOf('scrobj') + 6]] as Array<[number, number]>,
		},
	],
});
