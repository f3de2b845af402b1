// `edrtail produce --format mde|cs-fdr` into a real topic, then `edrtail --json` reads it back,
// auto-detected: MDE's Event Hubs messages unfold into their records, FDR gives one event a
// message, both with their vendor's categories, hosts and ingest times.
import {describe, expect, it} from 'vitest';
import {brokers, parseLines, runCli, unique} from './kafka-helpers.js';

async function roundTrip(format: string, count: number) {
	const topic = unique(`produce-${format}`);
	const produced = await runCli([
		'produce',
		'-b',
		brokers(),
		'-t',
		topic,
		'--format',
		format,
		'--count',
		String(count),
		'--rate',
		'1000',
	]);
	expect(produced.code, produced.stderr).toBe(0);
	const m = /produced (\d+) events in (\d+) messages/.exec(produced.stderr);
	expect(m, produced.stderr).not.toBeNull();
	const read = await runCli(['-b', brokers(), '-t', topic, '--json', '--exit-at-end', '--from', 'earliest']);
	expect(read.code, read.stderr).toBe(0);
	return {events: Number(m![1]), messages: Number(m![2]), lines: parseLines(read.stdout)};
}

describe('edrtail produce in the vendor formats, read back from a real broker', () => {
	it('mde: Event Hubs messages unfold into their records, each with its ingest time', async () => {
		const {events, messages, lines} = await roundTrip('mde', 400);
		expect(lines).toHaveLength(events);
		expect(lines.every(l => l.format === 'mde')).toBe(true);
		expect(lines.filter(l => l.category === 'undecodable')).toEqual([]);
		// A device's rows of a flush travel in one message: fewer Kafka records than events.
		const records = new Set(lines.map(l => `${l.kafka?.partition}/${l.kafka?.offset}`));
		expect(records.size).toBe(messages);
		expect(messages).toBeLessThan(events);
		const categories = new Set(lines.map(l => l.category));
		for (const c of ['Process Creation', 'DNS', 'TCPv4 Connection']) expect(categories.has(c), c).toBe(true);
		for (const l of lines) {
			expect(l.host).toMatch(/\.corp\.example$/);
			expect(Date.parse(l.ingestTime as string)).toBeGreaterThanOrEqual(Date.parse(l.time as string));
		}
	});

	it('cs-fdr: one event a message, device paths read as drive paths', async () => {
		const {events, messages, lines} = await roundTrip('cs-fdr', 200);
		expect(lines).toHaveLength(events);
		expect(messages).toBe(events);
		expect(lines.every(l => l.format === 'cs-fdr')).toBe(true);
		const creations = lines.filter(l => l.category === 'Process Creation');
		expect(creations.length).toBeGreaterThan(0);
		for (const l of creations) {
			const image = (l.target as {process?: {image?: string}}).process?.image ?? '';
			expect(image).not.toMatch(/HarddiskVolume/);
		}
	});
});
