// The hits the Sigma engine gives, as a fingerprint to compare before and after a change to the engine
// or a decoder: every (event index, rule id) pair, and the matched fields with their spans, over
// Atomic-style Sysmon process creation lines (a file, or made here) and the demo's events in each
// format, against a rules folder. Not a benchmark (bench/run.js skips it). Build first.
//   node bench/sigma-pairs.js write OUT.json [--file F]    the pairs now
//   node bench/sigma-pairs.js check OUT.json [--file F]    the same pairs as OUT.json, or exit 1
// SIGMA_PAIRS_CORPUS: the rules folder (default ../shared/sigma/rules/windows); SIGMA_PAIRS_ATOMIC
// (default 50,000) and SIGMA_PAIRS_DEMO (default 20,000 per format): how many events.
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {loadRules} from '../dist/source/core/rules/index.js';
import {generateDemoRecords} from '../dist/source/core/demo/index.js';
import {atomicSysmonLines} from './e2e/sysmon-atomic.js';

const here = dirname(fileURLToPath(import.meta.url));
const [mode, out, ...rest] = process.argv.slice(2);
if ((mode !== 'write' && mode !== 'check') || !out) {
	console.error('usage: node bench/sigma-pairs.js write|check OUT.json [--file F]');
	process.exit(2);
}
const fileAt = rest.indexOf('--file');
const file = fileAt === -1 ? undefined : rest[fileAt + 1];
const corpus = process.env.SIGMA_PAIRS_CORPUS ?? resolve(here, '..', '../shared/sigma/rules/windows');
const {engine, report} = loadRules([corpus]);

/** One stream's pairs: counts, a digest of the pairs alone and one of the pairs with their fields. */
function pairsOf(label, records, format) {
	const pairs = createHash('sha256');
	const fields = createHash('sha256');
	let events = 0;
	let hits = 0;
	const perRule = new Map();
	for (const r of records) {
		for (const ev of decodeRecord(r, {format})) {
			for (const h of engine.evaluate(ev)) {
				hits++;
				perRule.set(h.id, (perRule.get(h.id) ?? 0) + 1);
				pairs.update(`${events} ${h.id}\n`);
				fields.update(`${events} ${h.id} ${JSON.stringify(h.fields)}\n`);
			}
			events++;
		}
	}
	return {label, events, hits, pairs: pairs.digest('hex'), fields: fields.digest('hex'), perRule: [...perRule]};
}

function* fileRecords(path) {
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (line) yield {value: Buffer.from(line), receivedAt: 0, origin: 'file'};
	}
}

const streams = [];
if (file) streams.push(pairsOf(`file ${file}`, fileRecords(file), undefined));
else {
	const atomic = await atomicSysmonLines(Number(process.env.SIGMA_PAIRS_ATOMIC ?? 50_000));
	const recs = [...atomic.lines].map(l => ({value: Buffer.from(l), receivedAt: 0, origin: 'file'}));
	streams.push(pairsOf('atomic-style sysmon', recs, undefined));
}
for (const format of ['sysmon', 's1-dv', 's1-cf2', 'mde', 'cs-fdr', 'ocsf']) {
	let recs;
	try {
		recs = generateDemoRecords(Number(process.env.SIGMA_PAIRS_DEMO ?? 20_000), {format});
	} catch {
		continue; // a format the demo does not make
	}
	streams.push(pairsOf(`demo ${format}`, recs, format));
}
const now = {rules: report.loaded, streams};
for (const s of streams) console.log(`${s.label}: ${s.events} events, ${s.hits} hits, pairs ${s.pairs.slice(0, 12)}`);
if (mode === 'write') {
	writeFileSync(out, JSON.stringify(now));
	console.log(`written to ${out}`);
} else {
	const before = JSON.parse(readFileSync(out, 'utf8'));
	let same = before.rules === now.rules && before.streams.length === now.streams.length;
	for (let i = 0; i < now.streams.length; i++) {
		const a = before.streams[i];
		const b = now.streams[i];
		if (a && a.label === b.label && a.pairs === b.pairs && a.fields === b.fields) continue;
		same = false;
		console.log(`DIFFERENT: ${b.label} (hits ${a?.hits} -> ${b.hits})`);
		const was = new Map(a?.perRule ?? []);
		for (const [id, n] of b.perRule) if (was.get(id) !== n) console.log(`  rule ${id}: ${was.get(id) ?? 0} -> ${n}`);
		const is = new Map(b.perRule);
		for (const [id, n] of was) if (!is.has(id)) console.log(`  rule ${id}: ${n} -> 0`);
	}
	console.log(same ? `same pairs and fields as ${out}` : `NOT the same as ${out}`);
	process.exit(same ? 0 : 1);
}
