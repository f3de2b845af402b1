// Scale-out over a consumer group: three headless detectors with `--group --commit --hits-to`
// share a 6-partition topic, evaluate every event exactly once while they all run, publish the
// same hits a single process finds, and when one is killed (SIGKILL) the others take over its
// partitions from its committed offsets, so no event is left unevaluated.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {createKafkaClient} from '../../source/core/kafka/index.js';
import {
	brokers,
	cliPath,
	connection,
	createTopic,
	parseLines,
	root,
	runCli,
	unique,
	waitFor,
	type JsonLine,
} from './kafka-helpers.js';

interface Detector {
	child: ChildProcessWithoutNullStreams;
	lines(): JsonLine[];
	stderr(): string;
}

function startDetector(args: string[]): Detector {
	const child = spawn(process.execPath, [cliPath, ...args], {cwd: root, env: {...process.env, NODE_ENV: 'production'}});
	let out = '';
	let err = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
	child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
	// Only whole lines: a SIGKILL may cut the last one.
	return {
		child,
		lines: () => parseLines(out.slice(0, out.lastIndexOf('\n') + 1)).filter(isEventLine),
		stderr: () => err,
	};
}

async function stop(detector: Detector, signal: NodeJS.Signals): Promise<void> {
	if (detector.child.exitCode !== null || detector.child.signalCode !== null) return;
	const closed = new Promise(resolve => detector.child.once('close', resolve));
	detector.child.kill(signal);
	await closed;
}

async function withAdmin<T>(
	work: (admin: ReturnType<ReturnType<typeof createKafkaClient>['admin']>) => Promise<T>,
): Promise<T> {
	const admin = createKafkaClient(connection(), {logLevel: 'nothing', logFile: false}).admin();
	await admin.connect();
	try {
		return await work(admin);
	} finally {
		await admin.disconnect();
	}
}

const stableWith = (group: string, members: number) =>
	withAdmin(async admin => {
		const [g] = (await admin.describeGroups([group])).groups;
		return g?.state === 'Stable' && g.members.length === members;
	}).catch(() => false);

/** Every offset the topic holds, as "partition/offset". */
const allOffsets = (topic: string) =>
	withAdmin(async admin => {
		const out: string[] = [];
		for (const p of await admin.fetchTopicOffsets(topic))
			for (let o = Number(p.low); o < Number(p.high); o++) out.push(`${p.partition}/${o}`);
		return out;
	});

// The built-in correlations add lines of their own (a password spray in the demo mix): this test
// is about events, each read by exactly one detector, so it counts and compares event lines only.
const isEventLine = (l: JsonLine) => l.category !== 'correlation';
const where = (l: JsonLine) => `${l.kafka?.partition}/${l.kafka?.offset}`;
const hitsOf = (lines: JsonLine[]) =>
	lines
		.filter(l => isEventLine(l) && Array.isArray(l.hits) && l.hits.length > 0)
		.map(
			l =>
				`${where(l)} ${(l.hits as Array<{id: string}>)
					.map(h => h.id)
					.sort()
					.join(',')}`,
		)
		.sort();

const produceEvents = async (topic: string, count: number) => {
	const r = await runCli([
		'produce',
		'-b',
		brokers(),
		'-t',
		topic,
		'--format',
		's1-cf2',
		'--count',
		String(count),
		'--rate',
		'5000',
	]);
	expect(r.code, r.stderr).toBe(0);
};

describe('a consumer group of detectors', () => {
	it(
		'shares the partitions, evaluates every event once, and survives a SIGKILL of one detector',
		{timeout: 120_000},
		async () => {
			const topic = unique('fleet');
			const hitsTopic = unique('fleet-hits');
			const group = unique('detectors');
			// A broker just started may not lead its partitions yet: retry until it does.
			const created = (name: string, partitions: number) =>
				createTopic(name, partitions).then(
					() => true,
					() => false,
				);
			await waitFor(() => created(topic, 6), 20_000, 'the topic');
			await waitFor(() => created(hitsTopic, 3), 20_000, 'the hits topic');
			const args = ['-b', brokers(), '-t', topic, '--group', group, '--commit', '--json', '--hits-to', hitsTopic];
			const detectors = [startDetector(args), startDetector(args), startDetector(args)];
			try {
				await waitFor(() => stableWith(group, 3), 30_000, 'three members in the group');

				// While all three run: each event evaluated by exactly one of them.
				await produceEvents(topic, 1500);
				const count = () => detectors.reduce((sum, d) => sum + d.lines().length, 0);
				await waitFor(() => count() >= 1500, 30_000, 'the detectors to print 1,500 events');
				await new Promise(resolve => setTimeout(resolve, 1000));
				expect(count(), detectors.map(d => d.stderr()).join('\n')).toBe(1500);
				const seen = detectors.flatMap(d => d.lines().map(where));
				expect(new Set(seen).size).toBe(1500);
				expect(new Set(seen)).toEqual(new Set(await allOffsets(topic)));
				// The partitions are shared: every detector had some.
				for (const d of detectors) expect(d.lines().length).toBeGreaterThan(0);

				// The hits topic holds what one process over the whole topic finds, once each.
				const single = await runCli([
					'-b',
					brokers(),
					'-t',
					topic,
					'--json',
					'--exit-at-end',
					'--from',
					'earliest',
					'--hits-only',
				]);
				expect(single.code, single.stderr).toBe(0);
				const expected = hitsOf(parseLines(single.stdout));
				expect(expected.length).toBeGreaterThan(0);
				const readHits = async () => {
					const r = await runCli([
						'-b',
						brokers(),
						'-t',
						hitsTopic,
						'--json',
						'--exit-at-end',
						'--from',
						'earliest',
						'--no-builtin-rules',
					]);
					expect(r.code, r.stderr).toBe(0);
					return parseLines(r.stdout);
				};
				const published = await readHits();
				expect(hitsOf(published)).toEqual(expected);
				expect(published.filter(isEventLine).every(l => l.format === 's1-cf2')).toBe(true);

				// One detector dies without a word; the others take over its partitions where it committed.
				await stop(detectors[0]!, 'SIGKILL');
				await produceEvents(topic, 1500);
				const all = new Set(await allOffsets(topic));
				expect(all.size).toBe(3000);
				const covered = () => new Set(detectors.flatMap(d => d.lines().map(where)));
				await waitFor(
					() => (seen => [...all].every(o => seen.has(o)))(covered()),
					70_000,
					'every produced event evaluated',
				);
				// At least once: the hits of every event reached the hits topic.
				const finalSingle = await runCli([
					'-b',
					brokers(),
					'-t',
					topic,
					'--json',
					'--exit-at-end',
					'--from',
					'earliest',
					'--hits-only',
				]);
				const wanted = new Set(hitsOf(parseLines(finalSingle.stdout)));
				await waitFor(
					async () => {
						const got = new Set(hitsOf(await readHits()));
						return [...wanted].every(h => got.has(h));
					},
					15_000,
					'every hit on the hits topic',
				);
			} finally {
				await Promise.all(detectors.map(d => stop(d, 'SIGKILL')));
			}
		},
	);
});
