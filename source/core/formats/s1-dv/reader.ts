// A direct reader of the export's protobuf: wire bytes -> the JSON rendering (toObject with
// TO_OBJECT_OPTIONS) in one pass, with no protobufjs Message objects in between.
//
// Why: protobufjs' `decode` builds a Message tree and `toObject` walks it again into the plain tree
// the normalizer and `raw` read; for a packet of many events that was a third of s1-dv's decode time.
// This reader walks the schema's reflection (built once per type, below) with protobufjs' own
// `Reader`, so strings, varints and the errors on bad bytes are those of `decode`, and it follows
// the generated decoder step by step (length checks, nesting limit, unknown fields skipped, packed
// and unpacked repeated scalars). What toObject would do is done as each value is read: enums by
// name (the number when unknown), 64-bit integers as decimal strings, bytes as base64, keys in
// field-number order, empty repeated fields left out. test/core/formats/s1-dv-reader.test.ts holds
// it equal to decode + toObject on real packets and on thousands of damaged ones.
import {Buffer} from 'node:buffer';
import protobuf from 'protobufjs';

const {Enum, Reader, Type, types, util} = protobuf;

type Obj = Record<string | symbol, unknown>;

/** On an Event: the name of its oneof member that `decode`'s oneof getter would report. */
export const DV_MEMBER = Symbol('dvMember');

const enum Kind {
	Message,
	Enum,
	String,
	Uint32,
	Int32,
	Bool,
	Uint64,
	Long,
	Bytes,
	Other,
}

interface FieldPlan {
	name: string;
	id: number;
	kind: Kind;
	/** The Reader method for a scalar (the enum's is int32, as in the generated decoder). */
	method: string;
	repeated: boolean;
	packable: boolean;
	message?: TypePlan;
	enumNames?: Readonly<Record<number, string>>;
	/** A oneof member whose choice is recorded (only the Event's `event`). */
	choice: boolean;
}

interface TypePlan {
	/** By field number, holes filled with undefined (a dense array reads faster than a Map). */
	byId: Array<FieldPlan | undefined>;
	/** Field names by field number, the order toObject writes them in. */
	ordered: string[];
}

const plans = new Map<protobuf.Type, TypePlan>();

/** The deepest message level the current read reached (the top message is level 0). */
let deepest = 0;

/**
 * Repeats within one read: an agent's packet names the same processes again and again (every event
 * of a process carries its whole `source`, with its parent). A message at the `shareLevel` whose
 * bytes and type were read before in the same packet is the same value: it is read once and shared,
 * so the decoder also serializes it once. One level only: keying every level would hash each byte
 * once per level above it, and cost what it saves. Always the same level, so the nesting limit
 * fails as it would.
 */
interface Repeat {
	value: Obj;
	/** How many levels the message reached below its own. */
	below: number;
}

/** Messages shorter than this are cheaper to read again than to look up. */
const REPEAT_MIN_BYTES = 32;

/** The current read's repeats by type, then wire bytes (as latin1 text); reset per read. */
let repeats = new Map<TypePlan, Map<string, Repeat>>();
/** The level whose messages are shared (-1: none). */
let shareLevel = -1;
/** The current read's bytes as a Buffer, for the repeats' keys. */
let view: Buffer | undefined;

function kindOf(field: protobuf.Field): Kind {
	if (field.resolvedType instanceof Type) return Kind.Message;
	if (field.resolvedType instanceof Enum) return Kind.Enum;
	switch (field.type) {
		case 'string':
			return Kind.String;
		case 'uint32':
			return Kind.Uint32;
		case 'int32':
			return Kind.Int32;
		case 'bool':
			return Kind.Bool;
		case 'uint64':
			return Kind.Uint64;
		case 'int64':
		case 'sint64':
		case 'fixed64':
		case 'sfixed64':
			return Kind.Long;
		case 'bytes':
			return Kind.Bytes;
		default:
			return Kind.Other;
	}
}

function planOf(type: protobuf.Type, choiceOneof?: string): TypePlan {
	const known = plans.get(type);
	if (known) return known;
	const plan: TypePlan = {byId: [], ordered: []};
	// Registered before its fields: a Process holds its parent Process.
	plans.set(type, plan);
	const fields = type.fieldsArray.slice().sort((a, b) => a.id - b.id);
	const top = fields.length === 0 ? 0 : fields[fields.length - 1]!.id;
	for (let id = 0; id <= top; id++) plan.byId.push(undefined);
	for (const field of fields) {
		field.resolve();
		if (field.map || field.delimited) throw new Error(`s1-dv reader: ${type.name}.${field.name} is not supported`);
		const kind = kindOf(field);
		const method = kind === Kind.Enum ? 'int32' : field.type;
		plan.ordered.push(field.name);
		plan.byId[field.id] = {
			name: field.name,
			id: field.id,
			kind,
			method,
			repeated: field.repeated,
			packable: kind !== Kind.Message && (types.packed as Record<string, number | undefined>)[method] !== undefined,
			message: kind === Kind.Message ? planOf(field.resolvedType as protobuf.Type) : undefined,
			enumNames: kind === Kind.Enum ? (field.resolvedType as protobuf.Enum).valuesById : undefined,
			choice: choiceOneof !== undefined && field.partOf?.name === choiceOneof,
		};
	}
	return plan;
}

type AnyReader = protobuf.Reader & Record<string, () => unknown>;

/** A uint64 as toObject writes it: a decimal string (Long's own text beyond 2^53). */
function uint64Text(r: protobuf.Reader): string {
	const v = r.uint64() as unknown as number | protobuf.Long;
	if (typeof v === 'number') return String(v);
	const high = v.high >>> 0;
	if (high < 0x200000) return String(high * 0x100000000 + (v.low >>> 0));
	return util.Long.prototype.toString.call(v);
}

function longText(v: unknown): string {
	return typeof v === 'number' ? String(v) : util.Long.prototype.toString.call(v);
}

function base64(v: Uint8Array): string {
	return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
}

function scalar(r: AnyReader, f: FieldPlan): unknown {
	switch (f.kind) {
		case Kind.String:
			return r.string();
		case Kind.Uint32:
			return r.uint32();
		case Kind.Int32:
			return r.int32();
		case Kind.Bool:
			return r.bool();
		case Kind.Enum: {
			const n = r.int32();
			const name = f.enumNames![n];
			return name === undefined ? n : name;
		}
		case Kind.Uint64:
			return uint64Text(r);
		case Kind.Long:
			return longText(r[f.method]!());
		case Kind.Bytes:
			return base64(r.bytes());
		default:
			return r[f.method]!();
	}
}

function readMessage(r: AnyReader, plan: TypePlan, length: number | undefined, depth: number): Obj {
	if (depth > Reader.recursionLimit) throw new Error('maximum nesting depth exceeded');
	if (depth > deepest) deepest = depth;
	let end = r.len;
	let outer = 0;
	if (length !== undefined) {
		end = r.pos + length;
		if (end > r.len) throw new RangeError('index out of range');
		outer = r.len;
		r.len = end;
	}
	const out: Obj = {};
	const byId = plan.byId;
	let lastId = 0;
	let inOrder = true;
	while (r.pos < end) {
		const tag = r.uint32();
		const id = tag >>> 3;
		const f = id < byId.length ? byId[id] : undefined;
		if (f === undefined) {
			r.skipType(tag & 7, depth);
			continue;
		}
		const name = f.name;
		const fresh = out[name] === undefined;
		if (fresh) {
			if (f.id < lastId) inOrder = false;
			else lastId = f.id;
		}
		if (f.repeated) {
			const list = (fresh ? [] : out[name]) as unknown[];
			if (f.packable && (tag & 7) === 2) {
				const listEnd = r.uint32() + r.pos;
				if (listEnd > r.len) throw new RangeError('index out of range');
				r.len = listEnd;
				while (r.pos < listEnd) list.push(scalar(r, f));
				if (r.pos !== listEnd) throw new RangeError('index out of range');
				r.len = end;
			} else if (f.message) list.push(readShared(r, f.message, depth + 1));
			else list.push(scalar(r, f));
			// toObject leaves an empty list out (an empty packed run gives one).
			if (fresh && list.length > 0) out[name] = list;
			continue;
		}
		out[name] = f.message ? readShared(r, f.message, depth + 1) : scalar(r, f);
		// decode's oneof getter names the member whose key went into the Message last: a member set
		// again keeps its first place, so the latest first-time member wins.
		if (f.choice && fresh) out[DV_MEMBER] = name;
	}
	if (length !== undefined) {
		if (r.pos !== end) throw new RangeError('index out of range');
		r.len = outer;
	}
	return inOrder ? out : inIdOrder(out, plan);
}

/** A length-delimited message at `depth`: the value read before from the same bytes, else read now. */
function readShared(r: AnyReader, plan: TypePlan, depth: number): Obj {
	const length = r.uint32();
	const start = r.pos;
	if (depth !== shareLevel || length < REPEAT_MIN_BYTES || view === undefined || start + length > r.len)
		return readMessage(r, plan, length, depth);
	let byBytes = repeats.get(plan);
	if (byBytes === undefined) repeats.set(plan, (byBytes = new Map()));
	const key = view.toString('latin1', start, start + length);
	const seen = byBytes.get(key);
	if (seen !== undefined) {
		r.pos = start + length;
		if (depth + seen.below > deepest) deepest = depth + seen.below;
		return seen.value;
	}
	const above = deepest;
	deepest = depth;
	const value = readMessage(r, plan, length, depth);
	byBytes.set(key, {value, below: deepest - depth});
	if (above > deepest) deepest = above;
	return value;
}

function inIdOrder(obj: Obj, plan: TypePlan): Obj {
	const out: Obj = {};
	for (const name of plan.ordered) if (obj[name] !== undefined) out[name] = obj[name];
	if (obj[DV_MEMBER] !== undefined) out[DV_MEMBER] = obj[DV_MEMBER];
	return out;
}

/** What a read gives: the message's JSON rendering, and the deepest message level in it. */
export interface DirectRead {
	value: Obj;
	/** 0 for a message without message fields; each level of messages in messages adds one. */
	depth: number;
}

/**
 * A reader of one message type: bytes -> what `type.toObject(type.decode(bytes), TO_OBJECT_OPTIONS)`
 * gives, or the same error `decode` throws. Objects of `choiceType` also carry, under DV_MEMBER,
 * the member of their oneof `choiceOneof` that decode's oneof getter names. With `share`, messages
 * at that level (the top message is 0) repeated byte for byte are one shared object (see Repeat):
 * treat the value as read-only.
 */
export function directReader(
	type: protobuf.Type,
	choiceType: protobuf.Type,
	choiceOneof: string,
	share = -1,
): (bytes: Uint8Array) => DirectRead {
	planOf(choiceType, choiceOneof);
	const plan = planOf(type);
	return bytes => {
		deepest = 0;
		shareLevel = share;
		repeats = new Map();
		view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		try {
			const value = readMessage(Reader.create(bytes) as AnyReader, plan, undefined, 0);
			return {value, depth: deepest};
		} finally {
			// Nothing of a packet outlives its read.
			repeats = new Map();
			view = undefined;
		}
	};
}
