// An event nested thousands of levels deep (attacker-shaped input) goes through every path that
// walks event data: decode, rules, search, the --json line, the copy, the export, the detail pane.
// None may overflow the stack; past JSON_MAX_DEPTH levels a value is written as a JSON string
// holding its own compact JSON, so nothing is lost and every line stays shallow.
import {describe, expect, it} from 'vitest';
import type {EdrEvent} from '../../../source/core/event.js';
import {decodeRecord} from '../../../source/core/formats/index.js';
import {createPipeline} from '../../../source/core/pipeline.js';
import {loadRules} from '../../../source/core/rules/index.js';
import {rawLines} from '../../../source/core/view/detail-model.js';
import {exportNdjson, rawEventText} from '../../../source/core/view/export.js';
import {eventPasses} from '../../../source/core/view/filter.js';
import {FilteredView} from '../../../source/core/view/feed-view.js';
import {serializeJsonLine} from '../../../source/core/view/json-line.js';
import {JSON_MAX_DEPTH, toJson} from '../../../source/core/view/json-safe.js';
import {parseQuery} from '../../../source/core/view/query.js';

const GOOD = JSON.stringify({
	EventID: 1,
	Image: 'C:\\Windows\\System32\\cmd.exe',
	CommandLine: 'cmd /c whoami',
	Computer: 'WS01',
});
const deepText = (depth: number) => `{"EventID":1,"Computer":"ZETA-9","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

function decodeAll(lines: string[]): EdrEvent[] {
	const {engine} = loadRules([], {builtin: true});
	const out: EdrEvent[] = [];
	const sink = createPipeline(
		{decode: r => decodeRecord(r), evaluate: ev => engine.evaluate(ev)},
		{events: e => void out.push(...e), skipped() {}, status() {}, end() {}},
	);
	sink.records(lines.map(value => ({value, receivedAt: 1_700_000_000_000})));
	return out;
}

/** How deep the containers of a parsed JSON value go (iteratively). */
function depthOf(value: unknown): number {
	let max = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length) {
		const [v, d] = stack.pop()!;
		if (v === null || typeof v !== 'object') continue;
		max = Math.max(max, d);
		for (const child of Object.values(v)) stack.push([child, d + 1]);
	}
	return max;
}

/** The deep array `x`, rebuilt from what was written: containers, then the string of the rest. */
function unfold(x: unknown): number {
	let depth = 0;
	let v = x;
	for (;;) {
		if (typeof v === 'string') v = JSON.parse(v);
		if (!Array.isArray(v)) return depth;
		depth++;
		v = v[0];
	}
}

describe.each([3_000, 100_000])('an event nested %i deep', depth => {
	const events = decodeAll([GOOD, deepText(depth), GOOD]);

	it('decodes as an event between two good ones, the rules run on all three', () => {
		expect(events.map(e => e.category)).toEqual(['Process Creation', 'Process Creation', 'Process Creation']);
		expect(events[1]!.host).toBe('ZETA-9');
	});

	it('the --json line is valid, shallow, and carries the whole value', () => {
		const lines = events.map(e => serializeJsonLine(e));
		const parsed = lines.map(l => JSON.parse(l));
		expect(parsed.map(p => p.host)).toEqual(['WS01', 'ZETA-9', 'WS01']);
		expect(depthOf(parsed[1])).toBeLessThanOrEqual(JSON_MAX_DEPTH + 1);
		expect(unfold(parsed[1].raw.x)).toBe(depth);
	});

	it('the copied raw event is the JSON of the raw event, not [object Object]', () => {
		const text = rawEventText(events[1]!);
		expect(text).not.toContain('[object Object]');
		const raw = JSON.parse(text);
		expect(raw.Computer).toBe('ZETA-9');
		expect(depthOf(raw)).toBeLessThanOrEqual(JSON_MAX_DEPTH);
		expect(unfold(raw.x)).toBe(depth);
	});

	it('the export writes all three events', async () => {
		const chunks: string[] = [];
		const r = await exportNdjson(events, 'deep.ndjson', {writeFile: async (_p, c) => void chunks.push(...c)});
		expect(r).toMatchObject({ok: true, count: 3, skipped: 0});
		expect(
			chunks
				.join('')
				.trimEnd()
				.split('\n')
				.map(l => JSON.parse(l).host),
		).toEqual(['WS01', 'ZETA-9', 'WS01']);
	});

	it('the detail pane shows it, the deep part as text with a marker', () => {
		const lines = rawLines(events[1]!.raw);
		const text = lines.map(l => l.map(t => t.text).join('')).join('\n');
		expect(text).toContain('"Computer": "ZETA-9"');
		expect(text).toContain('nested too deep');
		expect(text).toContain('"[[[[');
	});

	it('search and field filters pass over it', () => {
		const q = (s: string) => ({hiddenCategories: new Set<never>(), hitsOnly: false, query: parseQuery(s)});
		expect(events.map(e => eventPasses(e, q('zeta-9')))).toEqual([false, true, false]);
		expect(events.map(e => eventPasses(e, q('host:zeta-9 /zeta-[9]/')))).toEqual([false, true, false]);
		expect(new FilteredView({warm: false}).update(events, q('whoami')).visible).toHaveLength(2);
	});
});

describe('a DV packet whose process chain (Process.parent) nests deep', () => {
	const varint = (n: number) => {
		const b: number[] = [];
		for (; n > 127; n >>>= 7) b.push((n & 127) | 128);
		return [...b, n];
	};
	const field = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag, ...varint(body.length)]), body]);

	it.each([3_000, 100_000])('at %i levels is one undecodable row, written like any other', depth => {
		// A chain of empty-ended messages is just their headers, outermost first: built inside out.
		const headers: number[][] = [];
		let length = 0;
		for (let i = 0; i < depth; i++) {
			const header = [0x42, ...varint(length)]; // Process.parent = 8
			headers.push(header);
			length += header.length;
		}
		const process = Buffer.from(headers.reverse().flat());
		// meta, then events[] -> Event.processCreation -> ProcessCreation.process -> the chain
		const packet = Buffer.concat([field(0x0a, Buffer.alloc(0)), field(0x12, field(0x12, field(0x12, process)))]);
		const [ev, ...rest] = decodeRecord({value: packet, receivedAt: 1_700_000_000_000});
		expect(rest).toEqual([]);
		expect(ev!.category).toBe('undecodable');
		expect(ev!.undecodable!.reason).toMatch(/nesting depth/);
		expect(JSON.parse(serializeJsonLine({...ev!, seq: 1, hits: []} as EdrEvent)).category).toBe('undecodable');
	});

	// Under protobuf's nesting limit (100) but maybe past the line's: rawJson from the packet's
	// levels must give the same line as raw cut by toJson, shallow enough either way.
	it.each([20, 45, 80])('at %i levels decodes, and its --json line keeps raw within the depth limit', depth => {
		let process = Buffer.from([0x52, 1, 0x78]); // Process.name = "x"
		for (let i = 0; i < depth; i++) process = field(0x42, process);
		const packet = Buffer.concat([field(0x0a, Buffer.alloc(0)), field(0x12, field(0x12, field(0x12, process)))]);
		const [ev] = decodeRecord({value: packet, receivedAt: 1_700_000_000_000}, {rawJson: true});
		expect(ev!.category).toBe('Process Creation');
		expect(ev!.rawJson).toBeDefined();
		const line = serializeJsonLine({...ev!, seq: 1} as EdrEvent);
		const plain = {...ev!, seq: 1} as EdrEvent;
		delete plain.rawJson;
		delete plain.rawJsonDepth;
		expect(line).toBe(serializeJsonLine(plain));
		expect(depthOf(JSON.parse(line))).toBeLessThanOrEqual(JSON_MAX_DEPTH + 1);
	});
});

describe('toJson', () => {
	it('writes what JSON.stringify with the replacer writes, for ordinary values', () => {
		const values: unknown[] = [
			{a: 1, b: [1, 'two', null, true, {c: undefined, d: () => 1}], e: Number.NaN, f: -0, g: 'q"\\\n'},
			[undefined, Symbol('s'), () => 1],
			'x',
			3.5,
			null,
			{
				n: 10n,
				bytes: new Uint8Array([1, 2, 3]),
				buf: Buffer.from([4, 5, 6]),
				at: new Date(Date.UTC(2026, 0, 1)),
				bad: new Date(Number.NaN),
			},
			{toJSON: () => ({replaced: true})},
			{s: new String('boxed'), n: new Number(4), b: new Boolean(false)},
			new Array<number>(2).fill(1, 1), // [<hole>, 1]: a hole is null
			{},
			[],
		];
		for (const v of values)
			expect(toJson(v)).toBe(
				JSON.stringify(v, (k, x) =>
					typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? Buffer.from(x).toString('base64') : x,
				).replace(/\{"type":"Buffer","data":\[4,5,6\]\}/, '"BAUG"'),
			);
		expect(toJson(undefined)).toBeUndefined();
	});

	it('writes a value past the depth limit as a string of its JSON', () => {
		expect(toJson({a: {b: {c: [1]}}}, {maxDepth: 2})).toBe('{"a":{"b":"{\\"c\\":[1]}"}}');
		expect(toJson([[[]]], {maxDepth: 1})).toBe('["[[]]"]');
	});

	it('throws on a cycle, as JSON.stringify does', () => {
		const cyc: Record<string, unknown> = {};
		cyc.self = {back: cyc};
		expect(() => toJson(cyc)).toThrow(TypeError);
		const shared = {x: 1};
		expect(toJson({a: shared, b: shared})).toBe('{"a":{"x":1},"b":{"x":1}}');
	});
});
