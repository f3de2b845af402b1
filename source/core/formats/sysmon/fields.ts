// Sysmon / Windows event JSON in the three shapes met in practice (docs/formats.md §6):
//   evtx_dump:  {"Event": {"System": {...}, "EventData": {...}}}, XML attributes under "#attributes",
//               element text under "#text" (EventData may also be {"Data": [{"#attributes":{"Name"}, "#text"}]})
//   Winlogbeat: {"winlog": {"event_id", "channel", "computer_name", "provider_name", "event_data": {...}}, "@timestamp"}
//   flat:       {"EventID": 1, "Computer": "...", "Image": "...", ...}
// Each is flattened to one map of EventData fields under their Sigma names (spaces removed) plus the
// System ones (attributes joined with "_": Provider_Name, TimeCreated_SystemTime), so rules need no
// mapping. Walks are one or two fixed levels deep and capped in width: hostile nesting costs nothing.
import {at, isObject, str, text} from '../common/text.js';

export type Obj = Record<string, unknown>;

const MAX_FIELDS = 512;
const MAX_FIELD_CHARS = 1 << 20;

export function isSysmonShape(o: Obj): boolean {
	const ev = o.Event;
	if (isObject(ev) && (ev.System !== undefined || ev.EventData !== undefined)) return true;
	const w = o.winlog;
	if (isObject(w) && (w.event_data !== undefined || w.event_id !== undefined)) return true;
	return o.EventID !== undefined;
}

function sigmaName(key: string): string {
	return key.includes(' ') ? key.split(' ').join('') : key;
}

/**
 * A field's text: primitives, or an XML element rendered as {"#text": ...}. '' is a value (rules
 * test `CommandLine: ''`); a JSON null or a missing #text is an absent field.
 */
function textOf(v: unknown): string | undefined {
	if (isObject(v)) return text(v['#text']);
	const s = text(v);
	return s !== undefined && s.length > MAX_FIELD_CHARS ? s.slice(0, MAX_FIELD_CHARS) : s;
}

function put(fields: Record<string, string>, key: string, value: unknown, count: {n: number}): void {
	if (count.n >= MAX_FIELDS || key === '#attributes') return;
	const t = textOf(value);
	if (t === undefined) return;
	fields[sigmaName(key)] = t;
	count.n++;
}

function flattenSystem(system: Obj, fields: Record<string, string>, count: {n: number}): void {
	for (const key of Object.keys(system)) {
		const v = system[key];
		if (isObject(v)) {
			if (v['#text'] !== undefined) put(fields, key, v['#text'], count);
			const attrs = v['#attributes'];
			if (isObject(attrs)) for (const a of Object.keys(attrs)) put(fields, `${key}_${a}`, attrs[a], count);
		} else put(fields, key, v, count);
	}
}

function flattenEventData(data: Obj, fields: Record<string, string>, count: {n: number}): void {
	const list = data.Data;
	if (Array.isArray(list)) {
		for (let i = 0; i < list.length && count.n < MAX_FIELDS; i++) {
			const d = list[i];
			if (!isObject(d)) continue;
			const name = str(at(d, '#attributes', 'Name')) ?? str(d['@Name']) ?? str(d.Name);
			if (name) put(fields, name, d['#text'] ?? d.Value ?? d.value, count);
		}
		return;
	}
	for (const key of Object.keys(data)) {
		if (count.n >= MAX_FIELDS) break;
		put(fields, key, data[key], count);
	}
}

/** Every shape -> one flat map of Sigma-named string fields. */
export function sysmonFields(o: Obj): Record<string, string> {
	const fields: Record<string, string> = {};
	const count = {n: 0};
	const ev = o.Event;
	if (isObject(ev) && (ev.System !== undefined || ev.EventData !== undefined)) {
		if (isObject(ev.System)) flattenSystem(ev.System, fields, count);
		if (isObject(ev.EventData)) flattenEventData(ev.EventData, fields, count);
		if (isObject(ev.UserData))
			for (const v of Object.values(ev.UserData)) if (isObject(v)) flattenEventData(v, fields, count);
		return fields;
	}
	const w = o.winlog;
	if (isObject(w) && (w.event_data !== undefined || w.event_id !== undefined)) {
		if (isObject(w.event_data)) flattenEventData(w.event_data, fields, count);
		// Winlogbeat 8 puts an event's UserData (no EventData) under user_data, the System
		// element's Execution and Security attributes under process and user.
		if (isObject(w.user_data)) flattenEventData(w.user_data, fields, count);
		put(fields, 'EventID', w.event_id ?? at(o, 'event', 'code'), count);
		put(fields, 'Channel', w.channel, count);
		put(fields, 'Computer', w.computer_name ?? at(o, 'host', 'name'), count);
		put(fields, 'Provider_Name', w.provider_name, count);
		put(fields, 'EventRecordID', w.record_id, count);
		put(fields, 'TimeCreated_SystemTime', o['@timestamp'], count);
		put(fields, 'Execution_ProcessID', at(w, 'process', 'pid'), count);
		put(fields, 'Execution_ThreadID', at(w, 'process', 'thread', 'id'), count);
		put(fields, 'Security_UserID', at(w, 'user', 'identifier'), count);
		put(fields, 'Version', w.version, count);
		put(fields, 'Task', w.task, count);
		put(fields, 'Opcode', w.opcode, count);
		return fields;
	}
	const flat = flatFields(o);
	if (flat) return flat;
	for (const key of Object.keys(o)) {
		if (count.n >= MAX_FIELDS) break;
		put(fields, key, o[key], count);
	}
	return fields;
}

/**
 * The flat shape as the same map, made by copying the parsed object whole and turning its values
 * to text in place: a map built key by key is a slow dictionary past a dozen keys, and every rule
 * and the normalizer read it. Undefined when a key or value needs the general path (renamed,
 * dropped, too many).
 */
function flatFields(o: Obj): Record<string, string> | undefined {
	const out: Record<string, unknown> = {...o};
	let n = 0;
	for (const key in out) {
		if (++n > MAX_FIELDS || key === '#attributes' || key === '__proto__' || key.includes(' ')) return undefined;
		const v = out[key];
		if (typeof v === 'string' && v.length <= MAX_FIELD_CHARS) continue;
		const t = textOf(v);
		if (t === undefined) return undefined;
		out[key] = t;
	}
	return out as Record<string, string>;
}
