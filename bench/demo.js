// Demo generator throughput: events/s for the generator alone and with each wire encoding (what
// caps `edrtail produce --rate` and the built-in demo), plus bytes per event. Prints; never fails.
// Build first: npx tsc -p tsconfig.json && node bench/demo.js
import {createDemoStream} from '../dist/source/core/demo/index.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 40_000);
const PER_FLUSH = 50;

function run(label, work) {
	const t0 = performance.now();
	const r = work();
	const ms = performance.now() - t0;
	console.log(
		`${label.padEnd(22)} ${Math.round((EVENTS / ms) * 1000)
			.toLocaleString('en-US')
			.padStart(9)} events/s${r ? `  ${r}` : ''}`,
	);
}

run('generator only', () => {
	const s = createDemoStream({startTime: 0});
	for (let n = 0, now = 0; n < EVENTS; n += PER_FLUSH) s.events(PER_FLUSH, (now += 50));
});
for (const format of ['s1-dv', 's1-cf2', 'sysmon']) {
	run(`generate + ${format}`, () => {
		const s = createDemoStream({startTime: 0, format});
		let messages = 0;
		let bytes = 0;
		for (let n = 0, now = 0; n < EVENTS; n += PER_FLUSH) {
			for (const m of s.flush(PER_FLUSH, (now += 50))) {
				messages++;
				bytes += m.value.length;
			}
		}
		return `${messages} messages, ${Math.round(bytes / EVENTS)} B/event on the wire (${PER_FLUSH} events per flush)`;
	});
}
