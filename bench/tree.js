// The process tree over a 100,000-event buffer of decoded demo telemetry (real trees, three
// formats' identities): building the index once, keeping it up to date as the buffer moves, and
// opening the tree of an event, which must fit in a frame (33 ms at Ink's 30 fps); and the same for
// the storyline view (`s`): opening an event's story, and following it as the buffer moves. Prints
// figures; never fails on time. Build first: npx tsc -p tsconfig.json
//
// Measured 2026-12-01 on the shared 2-core machine at load 16-18 (so every figure is inflated):
// open a tree, median 0.01 ms (max 7 ms); open a story, median 0.05-0.06 ms for s1-dv and s1-cf2
// storylines (regsvr32's: 432 events), 0.01 ms for a Sysmon process and descendants; the max over
// 201 stories (130-190 ms) and following one through a +1,000/-1,000 flush (9-22 ms) are single
// measurements taken right after 100,000-event allocations, and carry the collector's pauses.
import {createDemoStream} from '../dist/source/core/demo/index.js';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {ProcessIndex, StoryTracker, storyKeyOf, treeOfEvent} from '../dist/source/core/view/index.js';

const N = Number(process.env.EDRTAIL_BENCH_QUICK ? 20_000 : (process.env.TREE_BENCH_EVENTS ?? 100_000));
const APPEND = 1_000;
const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);
const ms = t => `${t.toFixed(2)} ms`;

function decoded(format, n) {
	const stream = createDemoStream({seed: 1, format, startTime: T0});
	const out = [];
	let seq = 0;
	for (let i = 0; out.length < n; i++)
		for (const m of stream.flush(50, T0 + i * 1000))
			for (const d of decodeRecord({value: m.value, receivedAt: T0 + i * 1000})) out.push({...d, seq: ++seq});
	return out;
}

console.log(`tree bench: ${N} buffered events, node ${process.version}`);
for (const format of ['s1-dv', 's1-cf2', 'sysmon']) {
	const all = decoded(format, N + APPEND);
	const events = all.slice(0, N);
	const index = new ProcessIndex();
	let s = performance.now();
	index.update(events);
	const build = performance.now() - s;
	// A flush: 1,000 new events, as many evicted from the front of a full buffer.
	const next = all.slice(APPEND, N + APPEND);
	s = performance.now();
	index.update(next);
	const step = performance.now() - s;
	const targets = next.filter(e => e.category === 'Process Creation').slice(-200);
	const regsvr32 = next.findLast(e => e.target.process?.name?.toLowerCase() === 'regsvr32.exe');
	if (regsvr32) targets.push(regsvr32);
	const times = [];
	let rows = 0;
	for (const ev of targets) {
		s = performance.now();
		rows = treeOfEvent(index, ev).rows.length;
		times.push(performance.now() - s);
	}
	times.sort((a, b) => a - b);
	const open = regsvr32 ? treeOfEvent(index, regsvr32).rows.length : 0;
	console.log(
		`${format.padEnd(7)} index ${index.size} processes: build ${ms(build)}, +${APPEND}/-${APPEND} update ${ms(step)}; ` +
			`open a tree: median ${ms(times[times.length >> 1])}, max ${ms(times.at(-1))} over ${times.length} events` +
			` (regsvr32's: ${open} rows; last: ${rows})`,
	);
}

console.log(`storyline view: ${N} buffered events`);
for (const format of ['s1-dv', 's1-cf2', 'sysmon']) {
	const all = decoded(format, N + APPEND);
	const events = all.slice(0, N);
	const index = new ProcessIndex();
	index.update(events);
	const targets = events.filter(e => e.category === 'Process Creation').slice(-200);
	const regsvr32 = events.findLast(e => e.target.process?.name?.toLowerCase() === 'regsvr32.exe');
	if (regsvr32) targets.push(regsvr32);
	const times = [];
	let rows = 0;
	for (const ev of targets) {
		const key = storyKeyOf(ev, index);
		if (!key) continue;
		const s = performance.now();
		rows = new StoryTracker().update(events, index, key).length;
		times.push(performance.now() - s);
	}
	times.sort((a, b) => a - b);
	// Following regsvr32's story through a flush: 1,000 new events, as many evicted.
	const key = regsvr32 && storyKeyOf(regsvr32, index);
	let step = 0;
	let open = 0;
	if (key) {
		const tracker = new StoryTracker();
		open = tracker.update(events, index, key).length;
		const next = all.slice(APPEND, N + APPEND);
		index.update(next);
		const s = performance.now();
		tracker.update(next, index, key);
		step = performance.now() - s;
	}
	console.log(
		`${format.padEnd(7)} ${key?.kind ?? 'no story'}: open a story: median ${ms(times[times.length >> 1])}, ` +
			`max ${ms(times.at(-1))} over ${times.length} events (regsvr32's: ${open} events; last: ${rows}); ` +
			`+${APPEND}/-${APPEND} follow ${ms(step)}`,
	);
}
