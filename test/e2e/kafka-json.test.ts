// The built CLI against the real broker from global-setup, with --json output, as a script would use it.
import {describe, it, expect, beforeAll} from 'vitest';
import {itemAt} from '../helpers/lists.js';
import {
	waitFor,
	brokers,
	committedOffsets,
	createTopic,
	groupsWithMembers,
	parseLines,
	produce,
	runCli,
	unique,
} from './kafka-helpers.js';

const EVENTS = 10_000;
const eventTimeBase = Date.parse('2026-01-02T03:04:05.000Z');

function idsOf(lines: Array<{raw: {id?: number}}>): number[] {
	return lines.map(l => l.raw.id as number);
}

describe('edrtail --json on a real Kafka broker', () => {
	const bigTopic = unique('json3p');

	beforeAll(async () => {
		await createTopic(bigTopic, 3);
		await produce(
			bigTopic,
			Array.from({length: EVENTS}, (_, id) => ({
				key: `host-${id % 7}`,
				value: JSON.stringify({
					id,
					timestamp: new Date(eventTimeBase + id).toISOString(),
					host: `WS-${id % 7}`,
					message: `event ${id}`,
					cmd: 'C:\\Windows\\System32\\cmd.exe /c "echo \u001b[31m"',
				}),
			})),
		);
	});

	it('prints each of 10,000 events from a 3-partition topic exactly once, exits 0 and commits nothing', async () => {
		const result = await runCli(['-b', brokers(), '-t', bigTopic, '--json', '--exit-at-end', '--from', 'earliest']);
		expect(result.code, result.stderr).toBe(0);
		const lines = parseLines(result.stdout);
		expect(lines).toHaveLength(EVENTS);
		const ids = idsOf(lines);
		expect(new Set(ids).size).toBe(EVENTS);
		expect(Math.min(...ids)).toBe(0);
		expect(Math.max(...ids)).toBe(EVENTS - 1);

		const partitions = new Set(lines.map(l => l.kafka?.partition));
		expect([...partitions].sort()).toEqual([0, 1, 2]);
		const first = itemAt(lines, 0);
		expect(first).toHaveProperty('category');
		expect(first.time).toBe(new Date(eventTimeBase + (first.raw.id as number)).toISOString());
		expect(first).toHaveProperty('receivedAt');
		expect(first.host).toBe(`WS-${(first.raw.id as number) % 7}`);
		expect(first).toHaveProperty('summary');
		expect(first.kafka).toMatchObject({topic: bigTopic, timestampType: 'CreateTime'});
		expect(typeof first.kafka?.timestamp).toBe('number');
		expect(first.kafka?.offset).toMatch(/^\d+$/);
		// Offsets are unique per partition and every line carries its own.
		expect(new Set(lines.map(l => `${l.kafka?.partition}/${l.kafka?.offset}`)).size).toBe(EVENTS);

		expect(await committedOffsets(bigTopic)).toEqual([]);
		// The ephemeral group was left on exit: no edrtail-<random> group still has members.
		expect(await groupsWithMembers(/^edrtail-[0-9a-f]+$/)).toEqual([]);
	});

	it('--from <ISO time> starts at the first event at or after that time', async () => {
		const topic = unique('fromtime');
		await createTopic(topic, 3);
		const cut = Date.now() - 10 * 60_000;
		const before = Array.from({length: 60}, (_, i) => ({
			value: JSON.stringify({id: i, side: 'before'}),
			timestamp: cut - 60_000 + i * 1000 - 1,
		}));
		const after = Array.from({length: 60}, (_, i) => ({
			value: JSON.stringify({id: 100 + i, side: 'after'}),
			timestamp: cut + i * 1000,
		}));
		await produce(topic, before);
		await produce(topic, after);

		const result = await runCli([
			'-b',
			brokers(),
			'-t',
			topic,
			'--json',
			'--exit-at-end',
			'--from',
			new Date(cut).toISOString(),
		]);
		expect(result.code, result.stderr).toBe(0);
		const lines = parseLines(result.stdout);
		expect(idsOf(lines).sort((a, b) => a - b)).toEqual(after.map((_, i) => 100 + i));
		for (const line of lines) expect(line.kafka!.timestamp).toBeGreaterThanOrEqual(cut);
		// The event exactly at the cut is included.
		expect(lines.some(l => l.kafka!.timestamp === cut)).toBe(true);
	});

	it('a /pattern/ subscription receives from every matching topic, and only those', async () => {
		const prefix = unique('dvtest');
		const [a, b, other] = [`${prefix}-a`, `${prefix}-b`, unique('notdv')];
		await createTopic(a, 2);
		await createTopic(b, 1);
		await createTopic(other, 1);
		await produce(
			a,
			Array.from({length: 20}, (_, i) => ({value: JSON.stringify({id: i, t: 'a'})})),
		);
		await produce(
			b,
			Array.from({length: 15}, (_, i) => ({value: JSON.stringify({id: 100 + i, t: 'b'})})),
		);
		await produce(other, [{value: JSON.stringify({id: 999})}]);

		const result = await runCli([
			'-b',
			brokers(),
			'-t',
			`/^${prefix}-.*/`,
			'--json',
			'--exit-at-end',
			'--from',
			'earliest',
		]);
		expect(result.code, result.stderr).toBe(0);
		const lines = parseLines(result.stdout);
		expect(lines.filter(l => l.kafka?.topic === a)).toHaveLength(20);
		expect(lines.filter(l => l.kafka?.topic === b)).toHaveLength(15);
		expect(lines).toHaveLength(35);
	});

	it('a /pattern/ subscription picks up a matching topic created while it runs', async () => {
		const prefix = unique('dvlate');
		await createTopic(`${prefix}-early`, 1);
		const running = runCli(['-b', brokers(), '-t', `/^${prefix}-.*/`, '--json', '--count', '3'], 60_000);
		// Once its (ephemeral) group has a member, it is subscribed: only then create the new topic.
		await waitFor(async () => (await groupsWithMembers(/^edrtail-[0-9a-f]+$/)).length > 0, 30_000);
		const late = `${prefix}-late`;
		await createTopic(late, 2);
		await produce(
			late,
			Array.from({length: 3}, (_, i) => ({value: JSON.stringify({id: i, t: 'late'})})),
		);

		const result = await running;
		expect(result.code, result.stderr).toBe(0);
		const lines = parseLines(result.stdout);
		expect(lines.map(l => l.kafka?.topic)).toEqual([late, late, late]);
		expect(idsOf(lines).sort()).toEqual([0, 1, 2]);
	});

	it('--group NAME reads like the ephemeral group and commits nothing without --commit', async () => {
		const topic = unique('grp');
		const group = unique('edrtail-e2e-named');
		await createTopic(topic, 3);
		await produce(
			topic,
			Array.from({length: 300}, (_, i) => ({value: JSON.stringify({id: i})})),
		);

		const result = await runCli([
			'-b',
			brokers(),
			'-t',
			topic,
			'--group',
			group,
			'--json',
			'--exit-at-end',
			'--from',
			'earliest',
		]);
		expect(result.code, result.stderr).toBe(0);
		expect(new Set(idsOf(parseLines(result.stdout))).size).toBe(300);
		expect(await committedOffsets(topic)).toEqual([]);

		// The same check sees commits when there are some: --commit leaves offsets for the group.
		const committed = await runCli([
			'-b',
			brokers(),
			'-t',
			topic,
			'--group',
			group,
			'--commit',
			'--json',
			'--exit-at-end',
			'--from',
			'earliest',
		]);
		expect(committed.code, committed.stderr).toBe(0);
		const offsets = await committedOffsets(topic);
		expect(offsets.length).toBeGreaterThan(0);
		expect(new Set(offsets.map(o => o.groupId))).toEqual(new Set([group]));

		// Without --from, a named group resumes where it left off: only what came since.
		await produce(
			topic,
			Array.from({length: 20}, (_, i) => ({value: JSON.stringify({id: 300 + i})})),
		);
		const resumed = await runCli(['-b', brokers(), '-t', topic, '--group', group, '--json', '--exit-at-end']);
		expect(resumed.code, resumed.stderr).toBe(0);
		expect(idsOf(parseLines(resumed.stdout)).sort((a, b) => a - b)).toEqual(
			Array.from({length: 20}, (_, i) => 300 + i),
		);
	});

	it('--from latest with --exit-at-end prints nothing and exits 0; a missing topic fails with a one-line reason', async () => {
		const latest = await runCli(['-b', brokers(), '-t', bigTopic, '--json', '--exit-at-end']);
		expect(latest.code, latest.stderr).toBe(0);
		expect(latest.stdout).toBe('');

		const missing = await runCli(['-b', brokers(), '-t', unique('no-such-topic'), '--json', '--exit-at-end']);
		expect(missing.code).not.toBe(0);
		expect(missing.stderr.trim()).toMatch(/not found/);
		expect(missing.stderr.trim().split('\n')).toHaveLength(1);
	});
});
