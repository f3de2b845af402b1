// The prefilter never loses a hit: over a seeded corpus (the demo's telemetry in every wire
// format, and events made from each SigmaHQ rules/windows rule's own values, with their filters
// and without), the engine gives exactly the hits of the same rules evaluated without it, each
// with the same highlighted fields. The corpus comes from EDRTAIL_SIGMA_RULES; skipped without it.
import {readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {parseAllDocuments} from 'yaml';
import {beforeAll, describe, expect, it} from 'vitest';
import type {ProcessInfo} from '../../../source/core/event.js';
import {generateDemoRecords} from '../../../source/core/demo/index.js';
import {decodeRecord, type DecodedEvent} from '../../../source/core/formats/index.js';
import {loadRules, type RuleEngine} from '../../../source/core/rules/index.js';
import {sigmaCorpus} from '../../helpers/sigma-corpus.js';
import {s1ProcessCreation} from './rule-helpers.js';
import {eventsForRule, rng, type RuleDoc} from './rule-events.js';

const corpus = sigmaCorpus();
let engine: RuleEngine;
let reference: RuleEngine;
/** Each rule's own events (see rule-events.ts). */
const ruleEvents: Array<{id: string; events: DecodedEvent[]}> = [];

function demoEvents(format: 'sysmon' | 's1-cf2' | 's1-dv', count: number): DecodedEvent[] {
	return generateDemoRecords(count, {format, seed: 9, rate: 2000}).flatMap(r => decodeRecord(r, {format}));
}

function s1From(f: Record<string, string>): DecodedEvent {
	const name = (p?: string) => p?.split('\\').pop();
	const child: ProcessInfo = {image: f.Image, cmdline: f.CommandLine, name: name(f.Image), user: f.User};
	child.integrity = f.IntegrityLevel;
	const parent: ProcessInfo = {image: f.ParentImage, cmdline: f.ParentCommandLine, name: name(f.ParentImage)};
	return s1ProcessCreation(child, parent);
}

const describeEvent = (ev: DecodedEvent) => JSON.stringify(ev.sigmaFields ?? ev.target);

// A turn of the event loop now and then: the test runner's messages to its worker wait for one,
// and this file is long synchronous work (the worker gives up on a reply after a minute).
const breathe = () => new Promise(resolve => setImmediate(resolve));

/** Each event's hits from the engine and the reference; the hits and the rules hit, for coverage. */
type Compared = {hits: number; rules: Set<string>};

async function compare(events: DecodedEvent[], want = reference, only?: string): Promise<Compared> {
	const rules = new Set<string>();
	let hits = 0;
	for (const [i, ev] of events.entries()) {
		if (i % 200 === 199) await breathe();
		const all = engine.evaluate(ev);
		const got = only === undefined ? all : all.filter(h => h.id === only);
		const expected = want.evaluate(ev);
		if (JSON.stringify(got) !== JSON.stringify(expected)) {
			expect(
				got.map(h => h.id),
				describeEvent(ev),
			).toEqual(expected.map(h => h.id));
			expect(got, describeEvent(ev)).toEqual(expected);
		}
		hits += expected.length;
		for (const h of expected) rules.add(h.id);
	}
	return {hits, rules};
}

describe.skipIf(!corpus.root)('prefilter against the engine without it, SigmaHQ rules/windows', () => {
	beforeAll(async () => {
		const dir = join(corpus.root!, 'windows');
		let report;
		({engine, report} = loadRules([dir]));
		reference = engine.unfiltered();
		await breathe();
		const next = rng(11);
		const bases = demoEvents('sysmon', 400).map(ev => ev.sigmaFields!);
		const processBases = bases.filter(b => b.EventID === '1');
		const files = new Set(engine.rules.map(r => r.path).filter(p => !p.startsWith('builtin:')));
		for (const file of files) {
			if (ruleEvents.length % 100 === 99) await breathe();
			for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
				const rule = doc.toJS() as RuleDoc & {id?: string};
				const proc = rule.logsource?.category === 'process_creation';
				const base = proc ? processBases[Math.floor(next() * processBases.length)] : bases[0];
				const events = eventsForRule(rule, base ?? {}, next);
				// The same values in the S1 model (its own field mapping), from the event without filters.
				if (proc && events[0]) events.push(s1From(events[0].sigmaFields!));
				if (rule.id && events.length) ruleEvents.push({id: rule.id, events});
			}
		}
		expect(report.skipped.length, relative(dir, report.skipped[0]?.path ?? '')).toBeLessThan(20);
	}, 180_000);

	it('each rule hits its own events as it does alone, without the prefilter', async () => {
		let hits = 0;
		const rules = new Set<string>();
		for (const {id, events} of ruleEvents) {
			const r = await compare(
				events,
				engine.unfiltered(rule => rule.id === id),
				id,
			);
			hits += r.hits;
			for (const x of r.rules) rules.add(x);
		}
		// The corpus exercises the rules: most of them hit their own events.
		expect(rules.size).toBeGreaterThan(1500);
		expect(hits).toBeGreaterThan(2500);
	}, 180_000);

	// Every rule against every event costs: an eighth of the rules' events, and the demo's mix
	// (small steps, so that a loaded machine never holds the test worker for long).
	it('gives the hits of all rules on a sample of those events', async () => {
		const sample = ruleEvents.filter((_r, i) => i % 8 === 0).flatMap(r => r.events);
		expect((await compare(sample)).rules.size).toBeGreaterThan(150);
	}, 180_000);

	for (const format of ['sysmon', 's1-cf2', 's1-dv'] as const) {
		it(`gives the hits of all rules on the demo telemetry in ${format}`, async () => {
			expect((await compare(demoEvents(format, 2000))).hits).toBeGreaterThan(20);
		}, 180_000);
	}
});
