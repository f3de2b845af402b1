// One event as the compiled rules see it: each Sigma field read and lowercased at most once per
// event, whatever the number of rules asking. Reused across events (evaluate is synchronous).
import type {DecodedEvent} from '../formats/index.js';
import {
	forEachKeywordValue,
	type Getter,
	KEYWORDS_FIELD,
	keywordValues,
	makeGetter,
	resetFieldLookups,
} from './field-map.js';
import type {Route} from './logsource.js';
import type {FieldCtx, KeywordValue} from './match-node.js';
import {asText, lower} from './text.js';

export class FieldRegistry {
	readonly names: string[] = [];
	private readonly ids = new Map<string, number>();

	/** The id of a field rules named, without registering it. */
	find(name: string): number | undefined {
		return this.ids.get(name.toLowerCase());
	}

	id(name: string): number {
		const key = name.toLowerCase();
		let id = this.ids.get(key);
		if (id === undefined) {
			id = this.names.length;
			this.ids.set(key, id);
			this.names.push(name);
		}
		return id;
	}
}

/** The getters of one route (mapping kind + category), built on first use. */
export class FieldReaders {
	private readonly getters: Array<Getter | undefined> = [];

	constructor(
		readonly route: Route,
		readonly fields: FieldRegistry,
	) {}

	getter(fid: number): Getter {
		// fid is an id this registry handed out: an index into its names.
		const {kind, category, format} = this.route;
		return (this.getters[fid] ??= makeGetter(kind, category, this.fields.names[fid]!, format));
	}
}

/**
 * The field ids of the names events spell (a name rules do not use: -1), for events that carry
 * their fields under Sigma's names: one lookup per key and event, the name lowercased once.
 */
class Spellings {
	private readonly fids = new Map<string, number>();
	private known = 0;

	constructor(readonly fields: FieldRegistry) {}

	fid(name: string): number {
		// Filters compiled later add fields: a name unknown then may be known now.
		if (this.known !== this.fields.names.length || this.fids.size >= MAX_SPELLINGS) {
			this.fids.clear();
			this.known = this.fields.names.length;
		}
		let fid = this.fids.get(name);
		if (fid === undefined) {
			fid = this.fields.find(name) ?? -1;
			this.fids.set(name, fid);
		}
		return fid;
	}
}

// Bounded: a stream of ever new names (a malformed producer) must not grow it for ever.
const MAX_SPELLINGS = 4096;

export class EventContext implements FieldCtx {
	private ev!: DecodedEvent;
	private readers!: FieldReaders;
	private epoch = 0;
	private stamps: Uint32Array;
	private vals: Array<string | undefined> = [];
	private lows: Array<string | undefined> = [];
	private kw: KeywordValue[] | undefined;
	/**
	 * Events with sigmaFields are read in one pass over their keys, on the first read: every field
	 * rules name is then known, present or not (no lookup by lowercase name per missing field).
	 */
	private sigma: Record<string, unknown> | undefined;
	/** The registry's size when the pass ran (-1: not yet this event); a read may register a field. */
	private passed = -1;
	private spellings: Spellings | undefined;
	private computer = -1;
	/** The keywords pseudo-field: every value joined, read by its getter, never a key of the event. */
	private kwFid = -1;
	/** Set by the pass: the field was spelled exactly as rules name it (that spelling wins). */
	private exact: Uint32Array;
	/** The pass's keys and their text values, in the event's order (the keyword scan reads them). */
	private readonly keys: string[] = [];
	private readonly texts: string[] = [];
	private nKeys = 0;
	/** The registry's size when readers were last set up (filters compiled later add fields). */
	private size = -1;

	constructor(size: number) {
		this.stamps = new Uint32Array(size);
		this.exact = new Uint32Array(size);
	}

	reset(ev: DecodedEvent, readers: FieldReaders): void {
		this.ev = ev;
		this.kw = undefined;
		resetFieldLookups();
		const {fields} = readers;
		const size = fields.names.length;
		if (readers !== this.readers || size !== this.size) {
			this.readers = readers;
			this.size = size;
			if (readers.route.kind === 'sigma') {
				if (this.spellings === undefined || this.spellings.fields !== fields) this.spellings = new Spellings(fields);
				this.computer = fields.find('computer') ?? -1;
				this.kwFid = fields.find(KEYWORDS_FIELD) ?? -1;
			}
			if (this.stamps.length < size) this.grow(size);
		}
		this.sigma = readers.route.kind === 'sigma' ? ev.sigmaFields : undefined;
		this.passed = -1;
		if (++this.epoch === 0xffffffff) {
			this.stamps.fill(0);
			this.exact.fill(0);
			this.epoch = 1;
		}
	}

	private grow(size: number): void {
		const stamps = new Uint32Array(size);
		stamps.set(this.stamps);
		this.stamps = stamps;
		const exact = new Uint32Array(size);
		exact.set(this.exact);
		this.exact = exact;
	}

	/**
	 * Reads the sigmaFields once: a field's value is the key spelled as rules name it, else the
	 * first key (in the event's order) that is the same name in other case.
	 */
	private pass(): void {
		const sf = this.sigma!;
		const names = this.readers.fields.names;
		this.passed = names.length;
		if (this.stamps.length < names.length) this.grow(names.length);
		const spellings = this.spellings!;
		const {stamps, exact, epoch, vals, lows, keys, texts} = this;
		let n = 0;
		for (const k in sf) {
			const t = asText(sf[k]);
			if (t !== undefined) {
				keys[n] = k;
				texts[n++] = t;
			}
			const fid = spellings.fid(k);
			if (fid < 0 || fid === this.kwFid) continue;
			if (k === names[fid]) {
				if (sf[k] === undefined || exact[fid] === epoch) continue;
				exact[fid] = epoch;
			} else if (stamps[fid] === epoch) continue;
			stamps[fid] = epoch;
			vals[fid] = t;
			lows[fid] = undefined;
		}
		this.nKeys = n;
	}

	private fill(fid: number): void {
		let v: string | undefined;
		if (this.sigma !== undefined && fid !== this.kwFid) {
			if (this.passed !== this.readers.fields.names.length) {
				this.pass();
				if (this.stamps[fid] === this.epoch) return;
			}
			// Not in the event: the host stands for a missing Computer.
			v = fid === this.computer ? asText(this.ev.host) : undefined;
		} else {
			try {
				v = this.readers.getter(fid).get(this.ev);
			} catch {
				// A malformed event (a decoder left out an object) reads as a missing field.
				v = undefined;
			}
		}
		this.vals[fid] = v;
		// Lowercased on first use: the prefilter scans values as they are, and most fields it
		// scans name no candidate rule.
		this.lows[fid] = undefined;
		this.stamps[fid] = this.epoch;
	}

	value(fid: number): string | undefined {
		if (this.stamps[fid] !== this.epoch) this.fill(fid);
		return this.vals[fid];
	}

	lower(fid: number): string | undefined {
		if (this.stamps[fid] !== this.epoch) this.fill(fid);
		const v = this.vals[fid];
		if (v === undefined) return undefined;
		return (this.lows[fid] ??= lower(v));
	}

	/** Every string value of the event, for the keyword prefilter (no list is built). */
	eachKeywordValue(visit: (value: string) => void, skip?: Set<string>): void {
		if (this.sigma !== undefined) {
			if (this.passed < 0) this.pass();
			const {keys, texts} = this;
			for (let i = 0; i < this.nKeys; i++) {
				// The caller has these (named exactly so) scanned already.
				if (skip?.has(keys[i]!)) continue;
				visit(texts[i]!);
			}
			return;
		}
		try {
			forEachKeywordValue(this.ev, this.readers.route.kind, visit, skip);
		} catch {
			// A malformed event: the values read so far stand.
		}
	}

	source(fid: number): string {
		return this.readers.getter(fid).source;
	}

	keywords(): KeywordValue[] {
		if (!this.kw) {
			let list: Array<{source: string; value: string}> = [];
			try {
				list = keywordValues(this.ev, this.readers.route.kind);
			} catch {
				list = [];
			}
			this.kw = list.map(k => ({field: 'keywords', source: k.source, value: k.value, lower: lower(k.value)}));
		}
		return this.kw;
	}
}
