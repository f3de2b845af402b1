// One event as the compiled rules see it: each Sigma field read and lowercased at most once per
// event, whatever the number of rules asking. Reused across events (evaluate is synchronous).
import type {DecodedEvent} from '../formats/index.js';
import {forEachKeywordValue, type Getter, keywordValues, makeGetter, resetFieldLookups} from './field-map.js';
import type {Route} from './logsource.js';
import type {FieldCtx, KeywordValue} from './match-node.js';
import {lower} from './text.js';

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
		private readonly fields: FieldRegistry,
	) {}

	getter(fid: number): Getter {
		// fid is an id this registry handed out: an index into its names.
		const {kind, category, format} = this.route;
		return (this.getters[fid] ??= makeGetter(kind, category, this.fields.names[fid]!, format));
	}
}

export class EventContext implements FieldCtx {
	private ev!: DecodedEvent;
	private readers!: FieldReaders;
	private epoch = 0;
	private stamps: Uint32Array;
	private vals: Array<string | undefined> = [];
	private lows: Array<string | undefined> = [];
	private kw: KeywordValue[] | undefined;

	constructor(size: number) {
		this.stamps = new Uint32Array(size);
	}

	reset(ev: DecodedEvent, readers: FieldReaders): void {
		this.ev = ev;
		this.readers = readers;
		this.kw = undefined;
		resetFieldLookups();
		if (++this.epoch === 0xffffffff) {
			this.stamps.fill(0);
			this.epoch = 1;
		}
	}

	private fill(fid: number): void {
		let v: string | undefined;
		try {
			v = this.readers.getter(fid).get(this.ev);
		} catch {
			// A malformed event (a decoder left out an object) reads as a missing field.
			v = undefined;
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
