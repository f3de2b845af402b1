// The demo trips the built-in correlations: a password spray, a port scan and the regsvr32 chain,
// each from its own scenario and never from the benign noise alone.
import {describe, expect, it} from 'vitest';
import type {EdrEvent, RawRecord} from '../../../../source/core/event.js';
import {generateDemoRecords} from '../../../../source/core/demo/index.js';
import {decodeRecord} from '../../../../source/core/formats/index.js';
import {createPipeline} from '../../../../source/core/pipeline.js';
import {loadRuleTexts} from '../../../../source/core/rules/index.js';
import {serializeJsonLine} from '../../../../source/core/view/index.js';

function run(format: 's1-dv' | 's1-cf2' | 'sysmon', count: number, builtin = true): EdrEvent[] {
	return through(generateDemoRecords(count, {seed: 1, format}), builtin);
}

function through(records: RawRecord[], builtin = true): EdrEvent[] {
	const {engine, report} = loadRuleTexts([], {builtin});
	expect(report.skipped).toEqual([]);
	const out: EdrEvent[] = [];
	const sink = createPipeline(
		{decode: r => decodeRecord(r), evaluate: e => engine.evaluate(e), derived: () => engine.takeDerived()},
		{events: e => void out.push(...e), skipped() {}, status() {}, end() {}},
	);
	void sink.records(records);
	return out;
}

const titles = (events: EdrEvent[]) => new Set(events.filter(e => e.correlation).map(e => e.hits[0]!.title));

describe('the built-in correlations on the demo stream', () => {
	it('s1-dv: the spray (seen on the attacking host), the port scan and the regsvr32 chain', () => {
		const events = run('s1-dv', 8000);
		expect(titles(events)).toEqual(
			new Set(['Password Spray From One Host', 'Port Scan of an Internal Host', 'Regsvr32 Scriptlet Fetched and Run']),
		);
		const byId = new Map(events.map(e => [e.seq, e]));
		for (const c of events.filter(e => e.correlation)) {
			// Every event it names is in the stream, before it, and was made by a scenario or the atomic.
			for (const s of c.correlation!.seqs) expect(s).toBeLessThan(c.seq);
			const made = c.correlation!.seqs.map(s => byId.get(s)!);
			const text = JSON.stringify(made.map(e => [e.actor?.image, e.target]));
			expect(text).toMatch(/nmap\.exe|net\.exe|regsvr32\.exe/i);
		}
		// The rules the spray and the scan name are hidden on their own; the chain's are generated.
		const hitIds = new Set(events.flatMap(e => (e.correlation ? [] : e.hits.map(h => h.title))));
		expect(hitIds.has('Connection to an Internal Address')).toBe(false);
		expect(hitIds.has('Net Use With an Account and a Password')).toBe(false);
		expect(hitIds.has('Regsvr32 Runs a Remote COM Scriptlet')).toBe(true);
	}, 60_000);

	it('s1-cf2: the spray is also seen on the server, from one address', () => {
		const spray = run('s1-cf2', 8000).filter(e => e.hits[0]?.title === 'Password Spray From One Address');
		expect(spray.length).toBeGreaterThan(0);
		expect(spray[0]!.correlation).toMatchObject({type: 'value_count', value: 8, condition: '>= 8'});
		expect(Object.keys(spray[0]!.correlation!.group)).toEqual(['IpAddress']);
	}, 60_000);
});

describe('a saved session read back', () => {
	it('makes each correlation hit again in its place, not twice; one not loaded now stays, saved', () => {
		const lines = run('s1-dv', 6000).map(serializeJsonLine);
		expect(lines.some(l => l.includes('"category":"correlation"'))).toBe(true);
		const records = lines.map(value => ({value, receivedAt: 0}));
		expect(through(records).map(serializeJsonLine)).toEqual(lines);
		const withoutRules = through(records, false).filter(e => e.correlation);
		expect(withoutRules.length).toBe(lines.filter(l => l.includes('"category":"correlation"')).length);
		for (const e of withoutRules) expect(e.hits.every(h => h.saved)).toBe(true);
	}, 60_000);
});
