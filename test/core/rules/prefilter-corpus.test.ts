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
const ruleEvents: DecodedEvent[] = [];

function demoEvents(format: 'sysmon' | 's1-cf2' | 's1-dv', count: number): DecodedEvent[] {
	return generateDemoRecords(count, {format, seed: 9, rate: 2000}).flatMap(r => decodeRecord(r, {format}));
}

function s1From(f: Record<string, string>): DecodedEvent {
	const name = (p?: string) => p?.split('\\').pop();
	const child: ProcessInfo = {image: f.Image, cmdline: f.CommandLine, name: name(f.Image), user: f.User, integrity: f.IntegrityLevel};
	const parent: ProcessInfo = {image: f.ParentImage, cmdline: f.ParentCommandLine, name: name(f.ParentImage)};
	return s1ProcessCreation(child, parent);
}

/** Each event's hits from both engines; the rules hit, for the coverage check. */
function compare(events: DecodedEvent[]): {hits: number; rules: Set<string>} {
	const rules = new Set<string>();
	let hits = 0;
	for (const ev of events) {
		const got = engine.evaluate(ev);
		const want = reference.evaluate(ev);
		if (JSON.stringify(got) !== JSON.stringify(want)) {
			expect(got.map(h => h.id), JSON.stringify(ev.sigmaFields ?? ev.target)).toEqual(want.map(h => h.id));
			expect(got).toEqual(want);
		}
		hits += want.length;
		for (const h of want) rules.add(h.id);
	}
	return {hits, rules};
}

describe.skipIf(!corpus.root)('prefilter against the engine without it, SigmaHQ rules/windows', () => {
	beforeAll(() => {
		const dir = join(corpus.root!, 'windows');
		let report;
		({engine, report} = loadRules([dir]));
		reference = engine.unfiltered();
		const next = rng(11);
		const bases = demoEvents('sysmon', 400).map(ev => ev.sigmaFields!);
		const seen = new Set<string>();
		for (const r of engine.rules) {
			if (seen.has(r.path) || r.path.startsWith('builtin:')) continue;
			seen.add(r.path);
			for (const doc of parseAllDocuments(readFileSync(r.path, 'utf8'))) {
				const rule = doc.toJS() as RuleDoc;
				const base = rule.logsource?.category === 'process_creation' ? bases.find(b => b.EventID === '1') : bases[0];
				const events = eventsForRule(rule, base ?? {}, next);
				ruleEvents.push(...events);
				// The same values in the S1 model (its own field mapping), from the event without filters.
				if (rule.logsource?.category === 'process_creation' && events.length) ruleEvents.push(s1From(events[0].sigmaFields!));
			}
		}
		expect(report.skipped.length, relative(dir, report.skipped[0]?.path ?? '')).toBeLessThan(20);
	}, 180_000);

	it('gives the same hits on events made from the rules', () => {
		const {hits, rules} = compare(ruleEvents);
		// The corpus exercises the rules: most of them hit their own events.
		expect(rules.size).toBeGreaterThan(1500);
		expect(hits).toBeGreaterThan(3000);
	}, 180_000);

	it('gives the same hits on the demo telemetry, Sysmon and SentinelOne', () => {
		let hits = 0;
		for (const format of ['sysmon', 's1-cf2', 's1-dv'] as const) hits += compare(demoEvents(format, 3000)).hits;
		expect(hits).toBeGreaterThan(100);
	}, 180_000);
});
