// The Sysmon normalizer: any of the three shapes (fields.ts) -> category (category.ts) -> actor,
// target and user (parts.ts). The flat fields travel on as sigmaFields for the rule engine.
import type {Normalized} from '../common/normalized.js';
import {msFrom, msFromUtcTime} from '../common/time.js';
import {at, str, uint} from '../common/text.js';
import {sysmonCategory, sysmonOs} from './category.js';
import {sysmonFields, type Obj} from './fields.js';
import {sysmonParts} from './parts.js';

/** The fields without the empty ones: the normalized model (and summary) reads '' as not given. */
function modelView(fields: Record<string, string>): Record<string, string> {
	let out: Record<string, string> | undefined;
	for (const k in fields) {
		if (fields[k] !== '') continue;
		out ??= {...fields};
		delete out[k];
	}
	return out ?? fields;
}

export function normalizeSysmon(o: Obj): Normalized {
	const sigmaFields = sysmonFields(o);
	const f = modelView(sigmaFields);
	const eventId = uint(f.EventID);
	const {category, subtype} = sysmonCategory(eventId, f);
	const p = sysmonParts(category, eventId ?? -1, f);
	return {
		category,
		subtype,
		time: msFromUtcTime(f.UtcTime) ?? msFrom(f.TimeCreated_SystemTime) ?? msFrom(o['@timestamp']),
		host: f.Computer ?? str(at(o, 'host', 'name')),
		os: sysmonOs(f),
		user: p.user,
		actor: p.actor,
		target: p.target,
		raw: o,
		sigmaFields,
	};
}
