// View logic over a 100,000-event buffer: search (cold and warm), incremental updates while a
// search is active, field filters, category toggles, window maths. Prints figures; never fails on
// time. Build first: npx tsc -p tsconfig.json
import {makeEvents} from './view-events.js';
import {FilteredView} from '../dist/source/core/view/search.js';
import {parseQuery} from '../dist/source/core/view/query.js';
import {feedWindow, moveWindow} from '../dist/source/core/view/window.js';

const N = Number(process.env.VIEW_BENCH_EVENTS ?? 100_000);
const APPEND = 5_000;
const RUNS = 5;

const ms = t => `${t.toFixed(1)} ms`;
function time(fn) {
	const s = performance.now();
	const r = fn();
	return [performance.now() - s, r];
}
function median(fn) {
	const times = [];
	let r;
	for (let i = 0; i < RUNS; i++) {
		const [t, res] = time(fn);
		times.push(t);
		r = res;
	}
	times.sort((a, b) => a - b);
	return [times[Math.floor(times.length / 2)], r, times.at(-1)];
}
const filterOf = (text, extra = {}) => ({hiddenCategories: new Set(), hitsOnly: false, query: text ? parseQuery(text) : undefined, ...extra});

console.log(`view bench: ${N} events, node ${process.version}, median of ${RUNS} runs (max in brackets)`);
const events = makeEvents(N, {seed: 7});

// Cold: the very first search, no projection built yet (a FilteredView with warming off never
// builds them ahead). This is the worst case: the buffer filled while no view watched it.
{
	const view = new FilteredView({warm: false});
	const [t, r] = time(() => view.update(events, filterOf('regsvr32')));
	console.log(`search cold (projections built during the search), "regsvr32": ${ms(t)} -> ${r.visible.length} visible`);
}

// In the app the view warms projections as snapshots arrive; from then on searches are warm.
const queries = ['regsvr32', 'regsrv32', 'powershel', 'outlok', 'updater alice', 'evil.exmple scrobj', 'zzzqqq', 'host:ws01 user:alice', 'cat:dns level>=high', 'cat:reg -user:system'];
for (const q of queries) {
	const [t, r, max] = median(() => new FilteredView({warm: false}).update(events, filterOf(q)));
	console.log(`search warm ${JSON.stringify(q).padEnd(24)} ${ms(t).padStart(10)} (${ms(max)}) -> ${r.visible.length} visible${r.fuzzyLimited ? ', fuzzy check limited to newest candidates' : ''}`);
}

// Incremental: a search is active, the store publishes a new buffer with 5,000 more events (and
// 5,000 evicted from the front, as a full ring buffer does).
for (const q of ['regsrv32', 'updater alice']) {
	const times = [];
	let visible = 0;
	for (let run = 0; run < RUNS; run++) {
		const view = new FilteredView();
		const filter = filterOf(q);
		view.update(events, filter);
		const more = makeEvents(APPEND, {seed: 100 + run, startSeq: N + 1});
		const next = events.slice(APPEND).concat(more);
		const [t, r] = time(() => view.update(next, filter));
		times.push(t);
		visible = r.visible.length;
	}
	times.sort((a, b) => a - b);
	console.log(`incremental: +${APPEND} new / -${APPEND} evicted with ${JSON.stringify(q)} active: ${ms(times[2])} -> ${visible} visible`);
}

// Same buffer, same filter: must be the same object, no work.
{
	const view = new FilteredView();
	const filter = filterOf('powershel');
	const a = view.update(events, filter);
	const [t, b] = time(() => view.update(events, filter));
	console.log(`unchanged buffer and filter: ${ms(t)}, same result object: ${a === b}`);
}

// Category toggles: hide a family, show it again (no query).
{
	const hidden = new Set(['DNS', 'TCPv4 Connection', 'TCPv4 Listen', 'HTTP Request']);
	const [t1, r1] = median(() => new FilteredView({warm: false}).update(events, filterOf('', {hiddenCategories: hidden})));
	const [t2, r2] = median(() => new FilteredView({warm: false}).update(events, filterOf('', {hitsOnly: true})));
	const [t3, r3] = median(() => new FilteredView({warm: false}).update(events, filterOf('')));
	console.log(`category toggle (hide network): ${ms(t1)} -> ${r1.visible.length}; hits-only: ${ms(t2)} -> ${r2.visible.length}; show all: ${ms(t3)} -> ${r3.visible.length}`);
}

// Window maths for every key press: trivial, but measured.
{
	const height = 20;
	let w = feedWindow({count: N, height, selected: N - 1, top: N - height, follow: true});
	const [t] = time(() => {
		for (let i = 0; i < 100_000; i++) {
			w = moveWindow({...w, count: N, height, follow: false}, i % 2 ? 'pageUp' : 'down');
			w = feedWindow({count: N + (i % 7), height, selected: w.selected, top: w.top, follow: false});
		}
	});
	console.log(`window maths: ${((t / 200_000) * 1e6).toFixed(0)} ns per call`);
}
