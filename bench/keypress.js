// Keypress to frame with a big live buffer: 100,000 events in the store and 5,000 events/s
// arriving, the App rendered by Ink (debug mode: every commit writes a whole frame) on a fake
// 80x24 terminal. Prints figures; never passes or fails on time.
// Run: npx tsc -p tsconfig.json && NODE_ENV=production node bench/keypress.js
import {EventEmitter} from 'node:events';
import React from 'react';
import {render} from 'ink';
import {App} from '../dist/source/app.js';
import {EventStore} from '../dist/source/core/store/index.js';
import {decodeRecord} from '../dist/source/core/formats/index.js';
import {createPipeline} from '../dist/source/core/pipeline.js';
import {loadRules} from '../dist/source/core/rules/index.js';
import {generateDemoRecords} from '../dist/source/core/demo/index.js';

const BUFFERED = 100_000;
const RATE = 5_000;
const COLUMNS = Number(process.env.COLUMNS_BENCH ?? 80);
const ROWS = Number(process.env.ROWS_BENCH ?? 24);

if (process.env.NODE_ENV !== 'production')
	console.log('(NODE_ENV is not production: React dev build, figures will be worse)');

// A pool of real demo events (decoded, with built-in rule hits), cloned with fresh seqs.
const {engine} = loadRules([], {builtin: true});
const pool = [];
const sink = createPipeline(
	{decode: r => decodeRecord(r), evaluate: ev => engine.evaluate(ev)},
	{events: e => pool.push(...e), skipped() {}, status() {}, end() {}},
);
sink.records(generateDemoRecords(5000, {seed: 1}));
let seq = 0;
const now = Date.now();
const clone = i => {
	const ev = pool[i % pool.length];
	return {...ev, seq: ++seq, receivedAt: now + seq};
};

const store = new EventStore({capacity: BUFFERED});
const initial = [];
for (let i = 0; i < BUFFERED; i++) initial.push(clone(i));
store.push(initial);
store.setStatus({state: 'connected'});
store.flush();

class FakeStdout extends EventEmitter {
	columns = COLUMNS;
	rows = ROWS;
	isTTY = true;
	frames = 0;
	last = '';
	write(s) {
		this.frames++;
		this.last = s;
		this.emit('frame', s);
		return true;
	}
}
class FakeStdin extends EventEmitter {
	isTTY = true;
	setRawMode() {}
	setEncoding() {}
	ref() {}
	unref() {}
	resume() {}
	pause() {}
	read() {
		return this.queue.shift() ?? null;
	}
	queue = [];
	type(s) {
		this.queue.push(s);
		this.emit('readable');
	}
}

const stdout = new FakeStdout();
const stdin = new FakeStdin();
const app = render(
	React.createElement(App, {
		store,
		sourceLabel: 'bench',
		rules: engine.rules,
		noColor: false,
		onQuit() {},
		onCopy() {},
		onExport: async (_p, e) => ({ok: true, count: e.length}),
		size: {columns: COLUMNS, rows: ROWS},
	}),
	{stdout, stdin, stderr: stdout, debug: true, exitOnCtrlC: false, patchConsole: false},
);

const sleep = ms => new Promise(r => setTimeout(r, ms));
const selectedLine = frame => {
	const lines = frame.split('\n');
	const i = lines.findIndex(l => l.replace(/\u001b\[[0-9;]*m/g, '').startsWith('›'));
	return `${i}:${lines[i] ?? ''}`;
};
function waitFrame(test, timeoutMs = 5000) {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		if (test(stdout.last)) return resolve(0);
		const timer = setTimeout(() => {
			stdout.off('frame', on);
			reject(new Error('no such frame'));
		}, timeoutMs);
		const on = s => {
			if (!test(s)) return;
			clearTimeout(timer);
			stdout.off('frame', on);
			resolve(performance.now() - t0);
		};
		stdout.on('frame', on);
	});
}

// Live ingest: 5,000 events/s in 10 ms slices.
let ingest = 0;
const feeder = setInterval(() => {
	const batch = [];
	for (let i = 0; i < RATE / 100; i++) batch.push(clone(ingest++));
	store.push(batch);
}, 10);

await sleep(1500);
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = ms => `${ms.toFixed(1)} ms`;

// Frames and CPU while only ingest happens.
const f0 = stdout.frames;
const cpu0 = process.cpuUsage();
const w0 = performance.now();
await sleep(3000);
const wall = performance.now() - w0;
const cpu = process.cpuUsage(cpu0);
const fps = ((stdout.frames - f0) / wall) * 1000;
console.log(
	`buffer ${BUFFERED.toLocaleString('en-US')} events, ingest ${RATE.toLocaleString('en-US')}/s, ${COLUMNS}x${ROWS}`,
);
console.log(
	`idle (following): ${fps.toFixed(1)} frames/s, CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)}% of a core (ingest + store + render)`,
);

// Key to frame: each k moves the selection up one row (paused, the rows hold still).
const keyLatencies = [];
for (let i = 0; i < 40; i++) {
	const before = selectedLine(stdout.last);
	const t0 = performance.now();
	stdin.type(i % 10 === 9 ? 'j' : 'k');
	await waitFrame(s => selectedLine(s) !== before);
	keyLatencies.push(performance.now() - t0);
	await sleep(30 + (i % 7) * 5);
}
console.log(
	`key -> frame (j/k): p50 ${fmt(pct(keyLatencies, 50))}, p95 ${fmt(pct(keyLatencies, 95))}, max ${fmt(Math.max(...keyLatencies))} (${keyLatencies.length} keys)`,
);

// A family toggle re-filters 100k events.
const toggles = [];
for (let i = 0; i < 6; i++) {
	const want = i % 2 === 0 ? '3○' : '3●';
	const t0 = performance.now();
	stdin.type('3');
	await waitFrame(s => s.replace(/\u001b\[[0-9;]*m/g, '').includes(want));
	toggles.push(performance.now() - t0);
	await sleep(50);
}
console.log(
	`key -> frame (family toggle, refilters the buffer): p50 ${fmt(pct(toggles, 50))}, max ${fmt(Math.max(...toggles))}`,
);

// Search: the frame with the narrowed count after the last character (includes the 100 ms debounce).
const searches = [];
for (const q of ['regsvr32', 'host:WS-FIN-04 powershell', 'chrme']) {
	stdin.type('/');
	await sleep(50);
	const t0 = performance.now();
	stdin.type(q);
	await waitFrame(s => {
		const plain = s.replace(/\u001b\[[0-9;]*m/g, '');
		return plain.includes(`/ ${q}▌`) && !/ ([\d,]+) of \1\b/.test(plain) && / [\d,]+ of [\d,]+/.test(plain);
	}, 10_000);
	const ms = performance.now() - t0;
	searches.push(ms);
	console.log(`search "${q}" -> narrowed frame: ${fmt(ms)} (debounce 100 ms included)`);
	stdin.type('\u001b');
	await sleep(300);
}

clearInterval(feeder);
app.unmount();
store.dispose();
process.exit(0);
