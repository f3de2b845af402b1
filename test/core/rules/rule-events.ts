// Events made from the rules themselves, for the prefilter's reference test: each rule's detection
// values turned into field values (a contains value inside other text, an endswith value at the
// end, a regex's sample string, an encoded value encoded), so the corpus hits many rules, and
// near-misses (filters included, cases flipped) make the prefilter's keys meet values that fail.
// Over 300 lines by design: one generator (the regex sampler is most of it), used by one test.
import type {Category} from '../../../source/core/event.js';
import type {DecodedEvent} from '../../../source/core/formats/index.js';

type Rng = () => number;

export function rng(seed: number): Rng {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const pick = <T>(next: Rng, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

// Sigma category -> a Sysmon event id routed to it.
const SYSMON_IDS: Record<string, number> = {
	process_creation: 1,
	file_change: 2,
	network_connection: 3,
	process_termination: 5,
	driver_load: 6,
	image_load: 7,
	create_remote_thread: 8,
	raw_access_thread: 9,
	process_access: 10,
	file_event: 11,
	registry_add: 12,
	registry_delete: 12,
	registry_event: 13,
	registry_set: 13,
	registry_rename: 14,
	create_stream_hash: 15,
	pipe_created: 17,
	wmi_event: 19,
	dns_query: 22,
	file_delete: 23,
	file_access: 11,
};

const SERVICE_CHANNELS: Record<string, string> = {
	security: 'Security',
	system: 'System',
	application: 'Application',
	sysmon: 'Microsoft-Windows-Sysmon/Operational',
	powershell: 'Microsoft-Windows-PowerShell/Operational',
	'powershell-classic': 'Windows PowerShell',
	taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
	wmi: 'Microsoft-Windows-WMI-Activity/Operational',
	windefend: 'Microsoft-Windows-Windows Defender/Operational',
	'bits-client': 'Microsoft-Windows-Bits-Client/Operational',
	'dns-client': 'Microsoft-Windows-DNS-Client/Operational',
	'codeintegrity-operational': 'Microsoft-Windows-CodeIntegrity/Operational',
	ntlm: 'Microsoft-Windows-NTLM/Operational',
};

const CATEGORY_CHANNEL: Record<string, [string, number]> = {
	ps_script: ['Microsoft-Windows-PowerShell/Operational', 4104],
	ps_module: ['Microsoft-Windows-PowerShell/Operational', 4103],
	ps_classic_start: ['Windows PowerShell', 400],
	ps_classic_provider_start: ['Windows PowerShell', 600],
	ps_classic_script: ['Windows PowerShell', 800],
};

/** A string the regex matches, or undefined when the sampler cannot make one (checked with the regex). */
export function sampleRegex(source: string, next: Rng): string | undefined {
	const src = source.replace(/^\(\?[imsx]+\)/, '');
	let i = 0;
	// The character at i, and i moved past it ('' past the end: the regex compiled, so rarely).
	const take = () => src[i++] ?? '';
	const alt = (): string => {
		const branches: string[] = [seq()];
		while (src[i] === '|') {
			i++;
			branches.push(seq());
		}
		return pick(next, branches);
	};
	const seq = (): string => {
		let out = '';
		while (i < src.length && src[i] !== '|' && src[i] !== ')') {
			const [text, repeatable] = atom();
			const q = quantifier();
			let n = 1;
			if (q) n = q[0] + Math.floor(next() * (Math.min(q[1], q[0] + 2) - q[0] + 1));
			out += repeatable ? text.repeat(n) : text;
		}
		return out;
	};
	const quantifier = (): [number, number] | undefined => {
		const c = src[i];
		let q: [number, number] | undefined;
		if (c === '*') q = [0, 3];
		else if (c === '+') q = [1, 3];
		else if (c === '?') q = [0, 1];
		else if (c === '{') {
			const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
			if (!m) return undefined;
			i += m[0].length - 1;
			q = [Number(m[1]), m[2] ? (m[3] ? Number(m[3]) : Number(m[1]) + 3) : Number(m[1])];
		}
		if (!q) return undefined;
		i++;
		if (src[i] === '?' || src[i] === '+') i++;
		return q;
	};
	const atom = (): [string, boolean] => {
		const c = take();
		if (c === '(') {
			let look = false;
			if (src[i] === '?') {
				if (src[i + 1] === ':') i += 2;
				else if (src[i + 1] === '=' || src[i + 1] === '!') {
					look = true;
					i += 2;
				} else if (src[i + 1] === '<' && (src[i + 2] === '=' || src[i + 2] === '!')) {
					look = true;
					i += 3;
				} else if (src[i + 1] === 'P' && src[i + 2] === '<') i = src.indexOf('>', i) + 1;
				else if (src[i + 1] === '<') i = src.indexOf('>', i) + 1;
			}
			const inner = alt();
			i++;
			return [look ? '' : inner, true];
		}
		if (c === '[') {
			const neg = src[i] === '^';
			if (neg) i++;
			const members: string[] = [];
			for (let first = true; i < src.length && (src[i] !== ']' || first); first = false) {
				let m = take();
				if (m === '\\') m = escaped(take());
				if (src[i] === '-' && src[i + 1] !== ']') {
					i++;
					let to = take();
					if (to === '\\') to = escaped(take());
					const width = to.charCodeAt(0) - m.charCodeAt(0) + 1;
					m = String.fromCharCode(m.charCodeAt(0) + Math.floor(next() * width));
				}
				members.push(m);
			}
			i++;
			return [neg ? (members.includes('~') ? '#' : '~') : pick(next, members), true];
		}
		if (c === '\\') return [escaped(take()), true];
		if (c === '.') return ['x', true];
		if (c === '^' || c === '$') return ['', false];
		return [c, true];
	};
	const escaped = (e: string): string => {
		if (e === 'd') return String(Math.floor(next() * 10));
		if (e === 'w') return 'k';
		if (e === 's') return ' ';
		if (e === 'S' || e === 'W' || e === 'D') return '%';
		if (e === 'b' || e === 'B' || e === 'A' || e === 'Z' || e === 'z') return '';
		if (e === 'x') {
			const h = src.slice(i, i + 2);
			i += 2;
			return String.fromCharCode(parseInt(h, 16));
		}
		if (e === 't') return '\t';
		if (e === 'n') return '\n';
		if (e === 'r') return '\r';
		return e;
	};
	try {
		const out = alt();
		return out;
	} catch {
		return undefined;
	}
}

function flipCase(s: string, next: Rng): string {
	const r = next();
	if (r < 0.3) return s.toUpperCase();
	if (r < 0.5) return [...s].map(c => (next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
	return s;
}

/** A Sigma string value as some text it matches (wildcards filled in, escapes resolved). */
function fill(value: string, next: Rng): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const c = value[i];
		if (c === '\\' && (value[i + 1] === '*' || value[i + 1] === '?' || value[i + 1] === '\\')) out += value[++i];
		else if (c === '*') out += pick(next, ['', 'zz', ' x ', '\\q\\']);
		else if (c === '?') out += 'q';
		else out += c;
	}
	return out;
}

function encode(text: string, mods: string[], next: Rng): string {
	let bytes = Buffer.from(text, 'utf8');
	for (const m of mods) {
		if (m === 'utf16le' || m === 'wide') bytes = Buffer.from(bytes.toString('utf8'), 'utf16le');
		else if (m === 'utf16be') bytes = Buffer.from(bytes.toString('utf8'), 'utf16le').swap16();
		else if (m === 'utf16') {
			bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]);
		}
	}
	if (mods.includes('base64offset')) {
		const pad = Math.floor(next() * 3);
		return Buffer.concat([Buffer.alloc(pad, 0x20), bytes]).toString('base64');
	}
	if (mods.includes('base64')) return bytes.toString('base64');
	return mods.some(m => m.startsWith('utf16') || m === 'wide') ? bytes.toString('latin1') : text;
}

/** One field item (`Field|mods: values`) as a value that should satisfy it, or undefined to leave it out. */
function valueFor(mods: string[], raw: unknown[], next: Rng): string | undefined {
	const values = raw.filter(v => v !== null && v !== undefined).map(String);
	if (mods.includes('exists')) return values[0] === 'false' ? undefined : 'present';
	if (values.length === 0) return undefined;
	const chosen = mods.includes('all') ? values : [pick(next, values)];
	const parts = chosen.map(v => {
		if (mods.includes('re')) return sampleRegex(v, next) ?? v;
		if (mods.includes('cidr'))
			return v
				.replace(/\/\d+$/, '')
				.replace(/\.0$/, '.7')
				.replace(/::$/, '::7');
		if (mods.some(m => ['gt', 'gte', 'lt', 'lte'].includes(m))) {
			const n = Number(v);
			return String(mods.includes('gt') ? n + 1 : mods.includes('lt') ? n - 1 : n);
		}
		let t = fill(v, next);
		if (mods.includes('windash') && next() < 0.5) {
			t = t.replace(/(^|[^\w])[-/](?=\w)/g, `$1${pick(next, ['/', '\u2013', '-'])}`);
		}
		t = encode(t, mods, next);
		if (!mods.includes('cased') && !mods.some(m => m.startsWith('base64'))) t = flipCase(t, next);
		return t;
	});
	const joined = parts.join(' ');
	if (mods.includes('contains') || mods.some(m => m.startsWith('base64'))) return `pre ${joined} post`;
	if (mods.includes('startswith')) return `${joined} tail`;
	if (mods.includes('endswith')) return `C:\\Some Dir\\${joined}`;
	return joined;
}

function isMap(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Field values that should satisfy one detection identifier (its first map, for a list of maps). */
function identifierFields(value: unknown, next: Rng, out: Record<string, string>): void {
	const maps = Array.isArray(value) ? value.filter(isMap) : isMap(value) ? [value] : [];
	const keywords = Array.isArray(value) ? value.filter(v => !isMap(v)) : isMap(value) ? [] : [value];
	if (keywords.length) out.Data = `${out.Data ?? ''} ${valueFor(['contains'], keywords, next) ?? ''}`;
	if (maps.length === 0) return;
	const map = pick(next, maps);
	for (const [key, v] of Object.entries(map)) {
		const [field = '', ...mods] = key.split('|');
		const values = Array.isArray(v) ? v : [v];
		if (mods.includes('fieldref')) {
			const other = out[String(values[0])];
			if (other !== undefined) out[field] = other;
			continue;
		}
		const text = valueFor(mods, values, next);
		if (field && text !== undefined) out[field] = text;
	}
}

export interface RuleDoc {
	logsource?: {category?: string; product?: string; service?: string};
	detection?: Record<string, unknown>;
}

/**
 * Sysmon-shaped events for one rule: its selections' values (filters left out, then filters
 * in), on top of a base event's fields. Undefined when the rule's logsource has no Sysmon-like route.
 */
export function eventsForRule(doc: RuleDoc, base: Record<string, string>, next: Rng): DecodedEvent[] {
	const ls = doc.logsource ?? {};
	const det = doc.detection;
	if (!isMap(det)) return [];
	let channel = 'Microsoft-Windows-Sysmon/Operational';
	let eventId: number | undefined;
	const known = ls.category ? CATEGORY_CHANNEL[ls.category] : undefined;
	if (known) [channel, eventId] = known;
	else if (ls.category) eventId = SYSMON_IDS[ls.category];
	else if (ls.service) channel = SERVICE_CHANNELS[ls.service] ?? channel;
	const out: DecodedEvent[] = [];
	const ids = Object.keys(det).filter(k => k !== 'condition' && k !== 'timeframe');
	for (const withFilters of [false, true]) {
		const fields: Record<string, string> = {...base};
		for (const id of ids) {
			if (!withFilters && /^filter|^_/i.test(id)) continue;
			if (withFilters && next() < 0.4) continue;
			identifierFields(det[id], next, fields);
		}
		if (eventId !== undefined) fields.EventID = String(eventId);
		fields.EventID ??= '1';
		fields.Channel = channel;
		out.push(sigmaEvent(fields));
	}
	return out;
}

export function sigmaEvent(fields: Record<string, string>, category: Category = 'other'): DecodedEvent {
	return {
		family: 'process',
		receivedAt: 0,
		target: {},
		summary: '',
		hits: [],
		raw: null,
		category,
		format: 'sysmon',
		os: 'windows',
		sigmaFields: fields,
	};
}
