// Shared by the end-to-end benchmarks: demo pools, topics filled fast, timed runs of real commands,
// tables. Everything measured is a separate process started the way a user starts it.
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, openSync, closeSync, readFileSync} from 'node:fs';
import {cpus, loadavg} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import kafkajs from 'kafkajs';
import {root} from './paths.js';

export const T0 = Date.UTC(2024, 4, 1, 9);

/** The demo generator from the build (its module moved with the layout; both places are tried). */
export async function loadDemo() {
	for (const p of ['dist/source/core/demo/index.js', 'dist/source/core/sources/demo/stream.js']) {
		const file = join(root, p);
		if (!existsSync(file)) continue;
		const m = await import(pathToFileURL(file).href);
		if (typeof m.createDemoStream === 'function') return m;
	}
	throw new Error('createDemoStream not found under dist/source/core/{demo,sources/demo}: run npm run build');
}

/**
 * Distinct demo wire messages carrying `events` events in all. s1-dv packs one packet per host per
 * flush: `perFlush` 500 gives packets of about 55 events (9 hosts), an agent's batch under load.
 */
export async function demoPool(format, events, {perFlush = 500, seed = 7} = {}) {
	const {createDemoStream} = await loadDemo();
	const stream = createDemoStream({seed, format, startTime: T0});
	const pool = [];
	let n = 0;
	// Counted on the wire: Sysmon has no rendering for some demo events (macOS) and drops them.
	for (let now = T0, generated = 0; n < events && generated < events * 4; now += 50, generated += perFlush) {
		for (const m of stream.flush(perFlush, now)) {
			const v = m.value;
			const value = typeof v === 'string' ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
			// CF2: the event id, so a copy of the message can get its own.
			const id = format === 's1-cf2' ? /"event\.id":"([0-9A-F]{26})"/.exec(value)?.[1] : undefined;
			pool.push({key: m.key, value, events: m.events, id});
			n += m.events;
		}
	}
	return pool;
}

/**
 * `events` events taken round the pool, as Kafka messages. Copies of a CF2 message get a distinct
 * event id; other formats' copies are the same bytes (a packet's content cannot be changed cheaply).
 */
const hex6 = n => n.toString(16).toUpperCase().padStart(6, '0');

export function* rotate(pool, events) {
	if (pool.length === 0) throw new Error('empty pool');
	let sent = 0;
	for (let round = 0; sent < events; round++) {
		for (const m of pool) {
			if (sent >= events) return;
			let value = m.value;
			if (round > 0 && m.id) value = value.replace(m.id, m.id.slice(0, 20) + hex6(round));
			sent += m.events;
			yield {key: m.key, value, events: m.events};
		}
	}
}

export function kafkaClient(brokers, clientId = 'edrtail-bench') {
	return new kafkajs.Kafka({clientId, brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING});
}

export function uniqueName(prefix) {
	return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createTopic(brokers, topic, partitions) {
	const admin = kafkaClient(brokers).admin();
	await admin.connect();
	try {
		const topics = [{topic, numPartitions: partitions, replicationFactor: 1}];
		try {
			await admin.createTopics({topics, waitForLeaders: true});
		} catch (error) {
			// On a busy machine the broker can take longer to host new partitions than kafkajs waits
			// (UNKNOWN_TOPIC_OR_PARTITION, retriable): the topic exists, its leaders come later.
			if (!error?.retriable) throw error;
			await leadersOf(admin, topic, partitions);
		}
	} finally {
		await admin.disconnect();
	}
}

async function leadersOf(admin, topic, partitions, ms = 120_000) {
	for (const end = Date.now() + ms; ;) {
		try {
			const [meta] = (await admin.fetchTopicMetadata({topics: [topic]})).topics;
			const led = meta?.partitions.filter(p => p.leader >= 0).length ?? 0;
			if (led === partitions) return;
		} catch (error) {
			if (!error?.retriable || Date.now() > end) throw error;
		}
		if (Date.now() > end) throw new Error(`${topic}: partitions without a leader after ${ms / 1000} s`);
		await new Promise(resolve => setTimeout(resolve, 500));
	}
}

export async function deleteTopics(brokers, topics) {
	const admin = kafkaClient(brokers).admin();
	await admin.connect();
	try {
		await admin.deleteTopics({topics});
	} catch {
		// best effort: a broker we started is formatted afresh next time anyway
	} finally {
		await admin.disconnect();
	}
}

/**
 * Produces the messages as fast as the broker takes them: round-robin over the partitions, sends of
 * at most ~700 KB per partition (under the broker's 1 MB batch limit), four sends in flight.
 */
export async function produceFast(brokers, topic, partitions, messages) {
	const producer = kafkaClient(brokers).producer({allowAutoTopicCreation: false});
	await producer.connect();
	const started = performance.now();
	let events = 0;
	let count = 0;
	let bytes = 0;
	const inFlight = new Set();
	const send = batch => {
		const p = producer.send({topic, acks: 1, messages: batch}).finally(() => inFlight.delete(p));
		inFlight.add(p);
		return p;
	};
	try {
		let batch = [];
		let batchBytes = 0;
		const cap = 700_000 * partitions;
		for (const m of messages) {
			const size = typeof m.value === 'string' ? Buffer.byteLength(m.value) : m.value.length;
			batch.push({key: m.key, value: m.value, partition: count % partitions, timestamp: String(Date.now())});
			count++;
			events += m.events;
			bytes += size;
			batchBytes += size;
			if (batchBytes >= cap) {
				if (inFlight.size >= 4) await Promise.race(inFlight);
				send(batch);
				batch = [];
				batchBytes = 0;
			}
		}
		if (batch.length) send(batch);
		await Promise.all(inFlight);
	} finally {
		await producer.disconnect();
	}
	return {events, messages: count, bytes, ms: performance.now() - started};
}

/**
 * Runs a command to its end and times it (wall clock, start-up included, as a user waits for it).
 * stdout: 'null' (/dev/null, the cheapest reader there is), 'count' (a pipe to this process,
 * which counts the lines, those of them that are correlation hits (`correlations`), and notes
 * when the first one came), 'capture' (the text, for small output)
 * or {file: PATH} (written there, read afterwards: nothing of the reading is timed).
 */
export function timed(command, args, {stdout = 'null', env = {}, timeoutMs = 30 * 60_000} = {}) {
	return new Promise(resolve => {
		const path = stdout === 'null' ? '/dev/null' : typeof stdout === 'object' ? stdout.file : undefined;
		const outFd = path === undefined ? undefined : openSync(path, 'w');
		const started = performance.now();
		const stdio = ['ignore', outFd ?? 'pipe', 'pipe'];
		const child = spawn(command, args, {cwd: root, stdio, env: {...process.env, NODE_ENV: 'production', ...env}});
		let lines = 0;
		const correlations = lineStarts(CORRELATION_LINE);
		let firstMs;
		let lastByte = 0x0a;
		const out = [];
		child.stdout?.on('data', chunk => {
			firstMs ??= performance.now() - started;
			if (stdout === 'capture') out.push(chunk);
			if (stdout === 'count') correlations.chunk(chunk, lastByte === 0x0a);
			for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
			lastByte = chunk[chunk.length - 1];
		});
		const err = [];
		child.stderr.on('data', d => err.push(d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', error => err.push(Buffer.from(String(error))));
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (outFd !== undefined) closeSync(outFd);
			if (lastByte !== 0x0a) lines++;
			const stderr = Buffer.concat(err).toString('utf8');
			const text = stdout === 'capture' ? Buffer.concat(out).toString('utf8') : undefined;
			const counted = stdout === 'count' ? lines : undefined;
			const corr = stdout === 'count' ? correlations.count() : undefined;
			resolve({
				ms: performance.now() - started,
				code,
				signal,
				lines: counted,
				correlations: corr,
				firstMs,
				stderr,
				text,
			});
		});
	});
}

/** How a correlation's --json line starts: `category` is the line's first key (README, --json). */
const CORRELATION_LINE = Buffer.from('{"category":"correlation"');

/** Counts the lines of a stream of chunks that start with `prefix`, a line start cut across chunks included. */
export function lineStarts(prefix) {
	let count = 0;
	let pending;
	const check = (buf, at) => {
		if (buf.length - at < prefix.length)
			return prefix.subarray(0, buf.length - at).equals(buf.subarray(at)) ? 'short' : false;
		return buf.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
	};
	const seen = (buf, at) => {
		const r = check(buf, at);
		if (r === 'short') pending = buf.subarray(at);
		else if (r) count++;
	};
	return {
		chunk(chunk, atLineStart) {
			if (pending) {
				const joined = Buffer.concat([pending, chunk.subarray(0, prefix.length)]);
				pending = undefined;
				seen(joined, 0);
			} else if (atLineStart) seen(chunk, 0);
			for (let i = chunk.indexOf(0x0a); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(0x0a, i + 1))
				seen(chunk, i + 1);
		},
		count: () => count,
	};
}

export function fmt(n, digits = 0) {
	if (n === undefined || n === null || Number.isNaN(n)) return '-';
	return n.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/** A plain text table: the first row is the header; numbers right-aligned. */
export function table(rows) {
	const widths = rows[0].map((_, c) => Math.max(...rows.map(r => String(r[c] ?? '').length)));
	const numeric = c => rows.slice(1).every(r => /^[-\d.,x%]*$/.test(String(r[c] ?? '')));
	const cell = (r, c) => String(r[c] ?? '');
	const pad = (r, c) => (numeric(c) ? cell(r, c).padStart(widths[c]) : cell(r, c).padEnd(widths[c]));
	const line = r =>
		r
			.map((_, c) => pad(r, c))
			.join('  ')
			.trimEnd();
	return [line(rows[0]), widths.map(w => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The machine's load, for the reader to judge the figures (it is shared). */
export function machineLine() {
	const [l1, l5, l15] = loadavg();
	let mem = '';
	try {
		const avail = /MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
		if (avail) mem = `, ${fmt(Number(avail) / 1024 / 1024, 1)} GB memory available`;
	} catch {
		// not Linux
	}
	const load = `${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`;
	return `machine: ${cpus().length} cores, load average ${load}${mem}, node ${process.version}`;
}

export function lastLines(text, n = 5) {
	return text.trim().split('\n').slice(-n).join('\n');
}

/** Why a timed run failed, in one line; '' when it did not. */
export function failure(r) {
	if (r.code === 0) return '';
	const after = r.lines === undefined ? '' : ` after ${fmt(r.lines)} lines`;
	return `exit ${r.code ?? r.signal}${after}: ${lastLines(r.stderr, 2).replace(/\n/g, ' | ')}`;
}

/** `node --import` of this file makes the CLI say why its stdout failed (see stdout-errors.js). */
export const stdoutErrors = ['--import', pathToFileURL(join(root, 'bench', 'e2e', 'stdout-errors.js')).href];

/** `node ARGS`, timed (see timed()). */
export function timedNode(args, options) {
	return timed(process.execPath, args, options);
}

export const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
export const seconds = ms => (ms === undefined ? '-' : fmt(ms / 1000, 1));
