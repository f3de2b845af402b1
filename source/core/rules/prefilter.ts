// The prefilter: which rules can match an event. The literal automata (literal-index.ts) name
// the keys an event's values hold; each rule whose clauses (keys.ts) all hold in the event is a
// candidate, and only those run.
import type {Keys} from './keys.js';
import {FOLD, keyOf, LiteralIndex} from './literal-index.js';

// Every table read here is in range by construction, and marked `!`: see literal-index.ts for
// the automaton's tables; key, rule and clause ids index the Prefilter's arrays, sized to them.

/** A field's automaton, and the keys of its recent values (see Prefilter.scanValue). */
export interface IndexedField {
	fid: number;
	index: LiteralIndex;
	memo: Map<string, Int32Array>;
	/** The length of the values the memo holds, summed. */
	memoChars: number;
}

/** Longer values are scanned each time: a long command line rarely repeats. */
const MEMO_MAX_LENGTH = 1024;
/** The characters of the values one field's memo holds, at most (twice as many bytes). */
export const MEMO_CHARS = 256 * 1024;
const NO_KEYS = new Int32Array(0);

/** Adds a value to a field's memo, the oldest values leaving first once it holds MEMO_CHARS. */
function remember(field: IndexedField, text: string, keys: Int32Array): void {
	const {memo} = field;
	field.memoChars += text.length;
	while (field.memoChars > MEMO_CHARS && memo.size) {
		const oldest = memo.keys().next().value as string;
		memo.delete(oldest);
		field.memoChars -= oldest.length;
	}
	memo.set(text, keys);
}

/**
 * One route's rules as keys. Per event: begin(), scan() each indexed field's value (and each
 * value for the keyword rules), then candidates(). A rule is a candidate when every one of its
 * clauses has a key in the event; rules without keys always are. Which clause triggers the check
 * (its primary) changes nothing but the work: it starts as the cheapest by estimate, then follows
 * how often each key is really seen, so a key common in this stream stops triggering its rules.
 */
export class Prefilter {
	readonly indexes: IndexedField[] = [];
	/**
	 * Equality keys: a field's lowercased value -> the ids of the keys it is; and the keys'
	 * lengths, so that a value of another length is neither lowercased nor looked up (lowercasing
	 * keeps a value's length).
	 */
	readonly equalities: Array<{fid: number; keys: Map<string, number[]>; lengths: Set<number>}> = [];
	readonly keywords: LiteralIndex | undefined;
	/**
	 * Fields whose index also holds the keyword keys (see the constructor): the keyword scan
	 * skips the values under these exact names, already scanned.
	 */
	readonly keywordsScanned = new Set<string>();
	readonly always: number[] = [];
	readonly keyCount: number;
	/** Scans one value with the keyword index (a bound function: no closure per event). */
	readonly scanKeyword: (text: string) => void;
	private readonly keyStamp: Uint32Array;
	private readonly seen: Float64Array;
	private readonly found: Int32Array;
	private nFound = 0;
	private mark = 0;
	/** A scan's own marks (scanValue): the keys of one value, whatever other values found. */
	private readonly valueStamp: Uint32Array;
	private valueMark = 0;
	// Rule r's clauses are ruleClause[r] .. ruleClause[r + 1]; clause c's keys are
	// clauseKey[c] .. clauseKey[c + 1] in keyList.
	private readonly ruleClause: Int32Array;
	private readonly clauseKey: Int32Array;
	private readonly keyList: Int32Array;
	private readonly primary: Int32Array;
	private readonly ruleStamp: Uint32Array;
	private trigStart = new Int32Array(1);
	private trig = new Int32Array(0);
	private events = 0;
	private nextAdapt = 256;

	/**
	 * kwFid: the keywords pseudo-field. fieldName: given when events carry their fields under the
	 * names rules use (Sysmon), so that a field's value is the very string the keyword scan visits
	 * under that name; then each field index holds the keyword keys too, and the keyword scan is
	 * left only the values no index reads (a command line is scanned once, not twice).
	 */
	constructor(rules: Keys[], kwFid: number | undefined, fieldName?: (fid: number) => string) {
		const ids = new Map<string, number>();
		const byField = new Map<number, Array<{lit: string; id: number}>>();
		const equal = new Map<number, Map<string, number[]>>();
		const ruleClause: number[] = [0];
		const clauseKey: number[] = [0];
		const keyList: number[] = [];
		rules.forEach((keys, r) => {
			if (!keys || keys.length === 0) this.always.push(r);
			else {
				for (const clause of keys) {
					const mine = new Set<number>();
					for (const a of clause) {
						const lit = a.exact ? a.lit : keyOf(a.lit);
						const k = `${a.fid}${a.exact ? '=' : '~'}${lit}`;
						let id = ids.get(k);
						if (id === undefined) {
							id = ids.size;
							ids.set(k, id);
							if (a.exact) {
								let m = equal.get(a.fid);
								if (!m) equal.set(a.fid, (m = new Map()));
								m.set(lit, [...(m.get(lit) ?? []), id]);
							} else {
								let list = byField.get(a.fid);
								if (!list) byField.set(a.fid, (list = []));
								list.push({lit, id});
							}
						}
						mine.add(id);
					}
					keyList.push(...mine);
					clauseKey.push(keyList.length);
				}
			}
			ruleClause.push(clauseKey.length - 1);
		});
		const kwEntries = kwFid === undefined ? undefined : byField.get(kwFid);
		if (kwFid !== undefined) byField.delete(kwFid);
		for (const [fid, entries] of byField) {
			if (kwEntries && fieldName) {
				entries.push(...kwEntries);
				this.keywordsScanned.add(fieldName(fid));
			}
			this.indexes.push({fid, index: new LiteralIndex(entries), memo: new Map(), memoChars: 0});
		}
		for (const [fid, keys] of equal) {
			this.equalities.push({fid, keys, lengths: new Set([...keys.keys()].map(k => k.length))});
		}
		this.keywords = kwEntries ? new LiteralIndex(kwEntries) : undefined;
		const kw = this.keywords;
		this.scanKeyword = kw ? text => this.scan(kw, text) : () => {};
		this.keyCount = ids.size;
		this.keyStamp = new Uint32Array(ids.size);
		this.seen = new Float64Array(ids.size);
		this.found = new Int32Array(ids.size);
		this.valueStamp = new Uint32Array(ids.size);
		this.ruleClause = Int32Array.from(ruleClause);
		this.clauseKey = Int32Array.from(clauseKey);
		this.keyList = Int32Array.from(keyList);
		this.primary = Int32Array.from(rules.map((_k, r) => ruleClause[r]));
		this.ruleStamp = new Uint32Array(rules.length);
		this.buildTriggers();
	}

	begin(): void {
		this.nFound = 0;
		if (++this.mark === 0xffffffff) {
			this.keyStamp.fill(0);
			this.ruleStamp.fill(0);
			this.mark = 1;
		}
	}

	/** Records every key of index that occurs in text. */
	scan(index: LiteralIndex, text: string): void {
		this.record(this.keysOf(index, text));
	}

	/**
	 * Records every key an indexed field's value holds, as scan() does. The keys of recent values
	 * are kept per field: images, parents, hashes, users, companies and many command lines repeat
	 * from event to event, and a map lookup costs less than a walk of the automaton, whose table
	 * is megabytes for a command line. The keys a value holds depend on the value alone, so the
	 * keys found, and the candidates, are the same as without the memo.
	 */
	scanValue(field: IndexedField, text: string): void {
		if (text.length > MEMO_MAX_LENGTH) return this.scan(field.index, text);
		let keys = field.memo.get(text);
		if (keys === undefined) {
			keys = this.keysOf(field.index, text);
			remember(field, text, keys);
		}
		this.record(keys);
	}

	/** Marks keys as found in this event, each once. */
	private record(keys: Int32Array): void {
		const {keyStamp, found, mark} = this;
		for (let j = 0; j < keys.length; j++) {
			const k = keys[j]!;
			if (keyStamp[k] !== mark) {
				keyStamp[k] = mark;
				found[this.nFound++] = k;
			}
		}
	}

	/** Every key of index in text, each once. */
	private keysOf(index: LiteralIndex, text: string): Int32Array {
		const {ascii, wide, delta, outStart, outIds, firstOut, nClasses} = index;
		const stamp = this.valueStamp;
		if (++this.valueMark === 0xffffffff) {
			stamp.fill(0);
			this.valueMark = 1;
		}
		const mark = this.valueMark;
		let keys: number[] | undefined;
		let s = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			s = delta[s * nClasses + (c < 128 ? ascii[c]! : FOLD[c]! < 128 ? ascii[FOLD[c]!]! : wide)]!;
			if (s < firstOut) continue;
			for (let j = outStart[s - firstOut]!, end = outStart[s - firstOut + 1]!; j < end; j++) {
				const k = outIds[j]!;
				if (stamp[k] !== mark) {
					stamp[k] = mark;
					(keys ??= []).push(k);
				}
			}
		}
		return keys ? Int32Array.from(keys) : NO_KEYS;
	}

	/** Records the equality keys a field's lowercased value is (undefined: none). */
	equal(ids: number[] | undefined): void {
		if (ids === undefined) return;
		for (const k of ids) {
			if (this.keyStamp[k] !== this.mark) {
				this.keyStamp[k] = this.mark;
				this.found[this.nFound++] = k;
			}
		}
	}

	/** Pushes the event's candidate rules (in no particular order) once its values are scanned. */
	candidates(out: number[]): void {
		const {keyStamp, found, trigStart, trig, ruleStamp, primary, ruleClause, clauseKey, keyList, seen} = this;
		const mark = this.mark;
		for (let f = 0; f < this.nFound; f++) {
			const k = found[f]!;
			seen[k]!++;
			for (let t = trigStart[k]!, tEnd = trigStart[k + 1]!; t < tEnd; t++) {
				const r = trig[t]!;
				if (ruleStamp[r] === mark) continue;
				ruleStamp[r] = mark;
				let ok = true;
				for (let c = ruleClause[r]!, cEnd = ruleClause[r + 1]!; c < cEnd && ok; c++) {
					if (c === primary[r]) continue;
					ok = false;
					for (let j = clauseKey[c]!, jEnd = clauseKey[c + 1]!; j < jEnd; j++) {
						if (keyStamp[keyList[j]!] === mark) {
							ok = true;
							break;
						}
					}
				}
				if (ok) out.push(r);
			}
		}
		for (const r of this.always) out.push(r);
		if (++this.events === this.nextAdapt) this.adapt();
	}

	/** Each rule's primary: the clause whose keys were seen least (ties: the cheaper by estimate). */
	private adapt(): void {
		const {ruleClause, clauseKey, keyList, seen, primary} = this;
		for (let r = 0; r + 1 < ruleClause.length; r++) {
			let best = -1;
			let bestSeen = Infinity;
			for (let c = ruleClause[r]!; c < ruleClause[r + 1]!; c++) {
				let n = 0;
				for (let j = clauseKey[c]!; j < clauseKey[c + 1]!; j++) n += seen[keyList[j]!]!;
				if (n < bestSeen) {
					bestSeen = n;
					best = c;
				}
			}
			if (best !== -1) primary[r] = best;
		}
		// Recent events weigh more: the stream's mix may change.
		for (let k = 0; k < seen.length; k++) seen[k]! *= 0.5;
		this.nextAdapt = this.events + Math.min(65_536, this.events);
		this.buildTriggers();
	}

	private buildTriggers(): void {
		const {ruleClause, clauseKey, keyList, primary} = this;
		const count = new Int32Array(this.keyCount + 1);
		const rules = ruleClause.length - 1;
		for (let r = 0; r < rules; r++) {
			if (ruleClause[r] === ruleClause[r + 1]) continue;
			const c = primary[r]!;
			for (let j = clauseKey[c]!; j < clauseKey[c + 1]!; j++) count[keyList[j]! + 1]!++;
		}
		for (let k = 0; k < this.keyCount; k++) count[k + 1]! += count[k]!;
		const trig = new Int32Array(count[this.keyCount]!);
		const fill = count.slice();
		for (let r = 0; r < rules; r++) {
			if (ruleClause[r] === ruleClause[r + 1]) continue;
			const c = primary[r]!;
			for (let j = clauseKey[c]!; j < clauseKey[c + 1]!; j++) trig[fill[keyList[j]!]!++] = r;
		}
		this.trigStart = count;
		this.trig = trig;
	}
}
