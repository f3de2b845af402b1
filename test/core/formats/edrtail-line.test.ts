// edrtail reads back what it writes: its own NDJSON line (`--json`, `w` exports) is a format of
// its own, recognised by its keys, and a saved session reopens as it was: categories, formats of
// origin, times, hosts, processes, targets, Kafka coordinates and hits. Rules loaded now are
// evaluated again; saved hits of rules not loaded now stay, marked as saved.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {EdrEvent, RawRecord} from '../../../source/core/event.js';
import {classifyObject, decodeRecord} from '../../../source/core/formats/index.js';
import {createPipeline} from '../../../source/core/pipeline.js';
import {loadRuleTexts, type RuleEngine} from '../../../source/core/rules/index.js';
import {generateDemoRecords} from '../../../source/core/demo/index.js';
import {TextRecordReader} from '../../../source/core/sources/text-stream.js';
import {hitLines} from '../../../source/core/view/detail-model.js';
import {exportNdjson} from '../../../source/core/view/export.js';
import {serializeJsonLine, toJsonLine} from '../../../source/core/view/json-line.js';
import {SYSMON_EVTX, SYSMON_FLAT, SYSMON_WINLOGBEAT} from '../../fixtures/formats/sysmon.js';
import {API_PROCESS_CREATION} from '../../fixtures/formats/s1-api.js';
import {CATEGORY_CASES, cf2Common} from '../../fixtures/formats/categories.js';
import {itemAt, only} from '../../helpers/lists.js';
import {ruleText} from '../rules/rule-helpers.js';

const builtin = loadRuleTexts([], {builtin: true}).engine;
const dir = mkdtempSync(join(tmpdir(), 'edrtail-saved-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function run(records: RawRecord[], engine?: RuleEngine): EdrEvent[] {
	const out: EdrEvent[] = [];
	const sink = createPipeline(
		{decode: r => decodeRecord(r), evaluate: engine ? e => engine.evaluate(e) : undefined},
		{events: e => void out.push(...e), skipped() {}, status() {}, end() {}},
	);
	sink.records(records);
	return out;
}

const readBack = (text: string): RawRecord[] => {
	const reader = new TextRecordReader('saved.ndjson');
	return [...reader.push(Buffer.from(text)), ...reader.end()];
};
const linesOf = (events: EdrEvent[]) => events.map(e => serializeJsonLine(e) + '\n').join('');
const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

const sessions = new Map<string, EdrEvent[]>();

/** The demo in one wire format, some records with Kafka coordinates, and a few bad messages. */
function session(format: 's1-dv' | 's1-cf2' | 'sysmon', count = 2000): EdrEvent[] {
	const key = `${format}/${count}`;
	if (!sessions.has(key)) sessions.set(key, makeSession(format, count));
	return sessions.get(key)!;
}

function makeSession(format: 's1-dv' | 's1-cf2' | 'sysmon', count: number): EdrEvent[] {
	const records: RawRecord[] = generateDemoRecords(count, {format, seed: 7}).map((r: RawRecord, i: number) =>
		i % 3 === 0
			? {
					...r,
					kafka: {
						topic: 'telemetry',
						partition: i % 4,
						offset: String(1000 + i),
						timestamp: r.receivedAt - 7,
						timestampType: 'CreateTime' as const,
					},
				}
			: r,
	);
	const at = itemAt(records, 5).receivedAt;
	records.splice(5, 0, {value: Buffer.from([0xde, 0xad, 0xbe, 0xef]), receivedAt: at}, {value: null, receivedAt: at});
	return run(records, builtin);
}

/** JSON with sorted keys and no undefined members: equal values give equal text, whatever the key order. */
function canonical(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (v !== null && typeof v === 'object') {
		const keys = Object.keys(v)
			.filter(k => (v as Record<string, unknown>)[k] !== undefined)
			.sort();
		return `{${keys.map(k => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
	}
	return JSON.stringify(v) ?? 'null';
}

const KEPT = [
	'category',
	'subtype',
	'family',
	'format',
	'time',
	'ingestTime',
	'receivedAt',
	'host',
	'os',
	'agentId',
	'user',
	'summary',
	'kafka',
	'undecodable',
	'actor',
	'parent',
	'target',
	'raw',
	'sigmaFields',
] as const;

/**
 * What must survive a save and reopen: everything but seq (numbering of this run), hits, and an
 * undecodable event's payload bytes (the line carries reason, size and preview, not the bytes).
 */
function expectSame(restored: EdrEvent[], original: EdrEvent[]): void {
	expect(restored).toHaveLength(original.length);
	const saved = (ev: EdrEvent, k: (typeof KEPT)[number]) => {
		if (k !== 'undecodable' || !ev.undecodable) return ev[k];
		const kept: Partial<typeof ev.undecodable> = {...ev.undecodable};
		delete kept.payload;
		return kept;
	};
	const view = (ev: EdrEvent) => Object.fromEntries(KEPT.map(k => [k, canonical(saved(ev, k))]));
	for (let i = 0; i < original.length; i++) {
		const before = itemAt(original, i);
		const r = view(itemAt(restored, i));
		const o = view(before);
		if (canonical(r) !== canonical(o)) expect(r, `event ${i} (${before.format} ${before.category})`).toEqual(o);
	}
}

const hitsOf = (events: EdrEvent[]) => events.flatMap((e, i) => e.hits.map(h => `${i}:${h.id}`));

describe("edrtail's own NDJSON line read back", {timeout: 30_000}, () => {
	for (const format of ['s1-dv', 's1-cf2', 'sysmon'] as const) {
		it(`demo (${format}) -> --json lines -> decode: the same events, hits evaluated again`, () => {
			const original = session(format);
			expect(hitsOf(original).length).toBeGreaterThan(0);
			expect(original.some(e => e.category === 'undecodable')).toBe(true);
			const restored = run(readBack(linesOf(original)), builtin);
			expectSame(restored, original);
			// The built-in rules are loaded again: their hits are fresh, exactly as first found.
			expect(restored.map(e => e.hits)).toEqual(original.map(e => e.hits));
			expect(restored.flatMap(e => e.hits).some(h => h.saved)).toBe(false);
		});
	}

	it('without rules loaded the saved hits stay, marked as saved, and are written with the mark', () => {
		const original = session('s1-dv');
		const restored = run(readBack(linesOf(original)));
		expectSame(restored, original);
		expect(hitsOf(restored)).toEqual(hitsOf(original));
		for (const h of restored.flatMap(e => e.hits)) expect(h.saved).toBe(true);
		const withHit = itemAt(
			restored.filter(e => e.hits.length),
			0,
		);
		const hit = itemAt(withHit.hits, 0);
		expect(itemAt(hitLines(withHit), 0).text).toBe(`${hit.title} (saved; its rule is not loaded now)`);
		const line = JSON.parse(serializeJsonLine(withHit));
		expect(line.hits[0]).toMatchObject({
			saved: true,
			id: hit.id,
			fields: hit.fields.map(f => ({field: f.field, value: f.value, spans: f.spans})),
		});
		// And saved again, then reopened, they are still the same.
		expect(hitsOf(run(readBack(linesOf(restored))))).toEqual(hitsOf(original));
	});

	it('rules loaded now decide for themselves; saved hits of other rules are kept as saved', () => {
		const original = session('s1-dv');
		const ids = new Set(original.flatMap(e => e.hits.map(h => h.id)));
		expect(ids.size).toBeGreaterThan(1);
		const reloaded = itemAt([...ids], 0);
		// A rule with the id of one that hit, changed so that it hits nothing now.
		const text = ruleText(
			"sel:\n  CommandLine: 'no such command line'\ncondition: sel",
			'category: process_creation\n  product: windows',
		).replace('00000000-0000-4000-8000-000000000001', reloaded);
		const {engine} = loadRuleTexts([{path: 'changed.yml', text}], {builtin: false});
		const restored = run(readBack(linesOf(original)), engine);
		const kept = restored.flatMap(e => e.hits);
		expect(kept.some(h => h.id === reloaded)).toBe(false);
		expect(kept.length).toBe(original.flatMap(e => e.hits).filter(h => h.id !== reloaded).length);
		for (const h of kept) expect(h.saved).toBe(true);
	});

	it('the same through the export function (w)', async () => {
		const original = session('sysmon');
		const path = join(dir, 'export.ndjson');
		const result = await exportNdjson(original, path);
		expect(result).toMatchObject({ok: true, count: original.length});
		const restored = run(readBack(readFileSync(path, 'utf8')), builtin);
		expectSame(restored, original);
		expect(restored.map(e => e.hits)).toEqual(original.map(e => e.hits));
	});

	it('is recognised by its keys, and never taken for a vendor format (nor they for it)', () => {
		const ev = itemAt(
			session('s1-cf2', 20).filter(e => e.category !== 'undecodable'),
			0,
		);
		const line = toJsonLine(ev) as unknown as Record<string, unknown>;
		expect(classifyObject(json(line))).toBe('edrtail');
		for (const vendor of [
			SYSMON_EVTX,
			SYSMON_FLAT,
			SYSMON_WINLOGBEAT,
			API_PROCESS_CREATION,
			{...cf2Common(), ...itemAt(CATEGORY_CASES, 0).cf2},
		]) {
			expect(classifyObject(vendor)).not.toBe('edrtail');
		}
		// Some of the keys, or the keys with values of the wrong kind: generic JSON, shown as is.
		const noHits = json(line);
		delete noHits.hits;
		expect(classifyObject(noHits)).toBe('json');
		expect(classifyObject({...json(line), category: 'Not A Category'})).toBe('json');
		expect(classifyObject({...json(line), format: 'edrtail'})).toBe('json');
		expect(classifyObject({...json(line), target: 'x'})).toBe('json');
	});

	it('a hostile line with the keys decodes without throwing, keeping only well-formed values', () => {
		const hostile = {
			category: 'Process Creation',
			family: 'login',
			format: 's1-cf2',
			receivedAt: 'yesterday',
			time: 12,
			summary: `a\nb${'x'.repeat(5000)}`,
			host: {name: 'x'},
			actor: {name: 'cmd.exe', pid: -4, image: ['x'], evil: 'y'},
			target: {
				process: 'no',
				file: {path: 'C:\\a', size: 'big'},
				network: [1],
				exitCode: 3,
				constructor: {path: 'x'},
				toString: {a: 1},
			},
			hits: [
				null,
				7,
				{id: 'r1', title: 'T', level: 'loud', tags: 'x', fields: 'y'},
				{
					id: 'r2',
					title: 'T2',
					level: 'high',
					tags: ['a', 3],
					fields: [{field: 'F', value: 'abc', spans: [[0, 2], [5, 1], 'x']}, 4],
				},
			],
			kafka: {topic: 't', partition: -1, offset: 'x', timestamp: 1, timestampType: 'CreateTime'},
			raw: {any: 'thing'},
		};
		const value = JSON.stringify(hostile)
			.replace('"raw":', '"__proto__":{"polluted":1},"raw":')
			.replace('"target":{', '"target":{"__proto__":{"path":"p"},');
		const ev = only(run([{value, receivedAt: 42}]));
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(ev.target)).toEqual(['file', 'exitCode']);
		expect(ev).toMatchObject({
			category: 'Process Creation',
			family: 'process',
			format: 's1-cf2',
			receivedAt: 42,
			actor: {name: 'cmd.exe'},
			target: {file: {path: 'C:\\a'}, exitCode: 3},
			raw: {any: 'thing'},
		});
		expect(ev.time).toBeUndefined();
		expect(ev.host).toBeUndefined();
		expect(ev.kafka).toBeUndefined();
		expect(ev.actor).toEqual({name: 'cmd.exe'});
		expect(ev.target.process).toBeUndefined();
		expect(ev.summary.length).toBeLessThanOrEqual(500);
		expect(ev.summary.includes('\n')).toBe(false);
		expect(ev.hits).toEqual([
			{
				id: 'r2',
				title: 'T2',
				level: 'high',
				tags: ['a'],
				fields: [{field: 'F', value: 'abc', spans: [[0, 2]]}],
				saved: true,
			},
		]);
	});
});
