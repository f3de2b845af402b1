// What each step of the s1-dv `--json` path costs per event on one core, without Kafka: the floor
// under any consumer that prints the events. Run in this process on demo packets (the bench's
// pool), each step timed as CPU time (process.cpuUsage: user + system, this thread and V8's
// helpers), the best of a few rounds so that a loaded machine's stalls count less.
//   node bench/e2e/dv-floor.js [EVENTS]     (or dvFloor(pool) from e2e-kafka.js)
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {inflateSync} from 'node:zlib';
import {demoPool, fmt, table} from './lib.js';
import {root} from './paths.js';

const ROUNDS = 5;

const load = path => import(pathToFileURL(join(root, 'dist', 'source', ...path.split('/'))).href);

function cpuMs() {
	const {user, system} = process.cpuUsage();
	return (user + system) / 1000;
}

/** The best per-event CPU time of `fn` over the packets, in microseconds. */
function best(packets, events, fn) {
	let min = Infinity;
	for (let round = 0; round < ROUNDS; round++) {
		const t0 = cpuMs();
		for (const p of packets) fn(p);
		min = Math.min(min, cpuMs() - t0);
	}
	return (min * 1000) / events;
}

/** Rows of [step, µs/event, events/s on one core] for the pool's packets (deflated, as produced). */
export async function dvFloor(pool) {
	const {PacketType, TO_OBJECT_OPTIONS} = await load('core/formats/s1-dv/schema.js');
	const {decodeRecord} = await load('core/formats/index.js');
	const {serializeJsonLines} = await load('core/view/index.js');
	const kafka = {topic: 'floor', partition: 0, offset: '0', timestamp: Date.now(), timestampType: 'CreateTime'};
	const packets = pool.map(m => new Uint8Array(m.value));
	const events = pool.reduce((n, m) => n + m.events, 0);
	const records = packets.map(value => ({value, receivedAt: Date.now(), kafka}));
	const inflated = packets.map(p => inflateSync(p));
	const toObject = b => PacketType.toObject(PacketType.decode(b), TO_OBJECT_OPTIONS);
	// Each step's input is made just before it and dropped after: a big live heap would make every
	// step's collections slower than in a consumer, which holds one batch.
	const rows = [
		['inflate (zlib)', best(packets, events, p => inflateSync(p))],
		['protobufjs decode + toObject, of the inflated bytes', best(inflated, events, toObject)],
		[
			'JSON.stringify of each event of that object',
			best(inflated.map(toObject), events, packet => {
				for (const ev of packet.events ?? []) JSON.stringify({meta: packet.meta, ...ev});
			}),
		],
		[
			'edrtail decode (inflate, read, normalize, raw text)',
			best(records, events, r => decodeRecord(r, {rawJson: true})),
		],
		[
			'edrtail --json lines of the decoded events',
			best(
				records.map(r => decodeRecord(r, {rawJson: true})),
				events,
				evs => serializeJsonLines(evs),
			),
		],
	];
	return rows.map(([step, us]) => [step, fmt(us, 1), fmt(1e6 / us)]);
}

export function floorTable(rows) {
	return table([['one core, no Kafka', 'µs/event', 'events/s'], ...rows]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const events = Number(process.argv[2] ?? 20_000);
	const pool = await demoPool('s1-dv', events);
	console.log(floorTable(await dvFloor(pool)));
}
