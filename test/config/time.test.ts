// --utc, --since and --until through buildConfig: times as the jump prompt reads them, counted
// from the start, bad values a one-line usage error (exit 2), and what they mean for Kafka.
import {describe, expect, it} from 'vitest';
import {buildConfig, buildProduceConfig, ConfigError} from '../../source/config/index.js';

const now = Date.parse('2026-11-27T16:00:00Z');
const build = (flags: object, input: string[] = []) => buildConfig(flags, input, {env: {}, stdoutIsTTY: false, now});
const kafka = {brokers: ['k:9092'], topic: ['dv']};

describe('--since, --until, --utc', () => {
	it('reads ISO, clock (today, in the zone) and relative times, counted from the start', () => {
		expect(build({}).time).toEqual({utc: false});
		const c = build({utc: true, since: '10:42', until: '+2h'}, ['x.ndjson']);
		expect(c.time).toEqual({utc: true, since: Date.parse('2026-11-27T10:42:00Z'), until: now + 7_200_000});
		expect(build({since: '-15m'}, ['x.ndjson']).time.since).toBe(now - 900_000);
		expect(build({since: '2h'}, ['x.ndjson']).time.since).toBe(now - 7_200_000);
		expect(build({until: '2026-11-27T10:00:00+01:00'}, ['x.ndjson']).time.until).toBe(
			Date.parse('2026-11-27T09:00:00Z'),
		);
	});

	it('refuses a value that is no time, and an --until before --since, in one sentence', () => {
		expect(() => build({since: 'yesterday'})).toThrow(ConfigError);
		expect(() => build({since: 'yesterday'})).toThrow(
			'--since: "yesterday" is not a time: use 10:42, 10:42:07.123, 2026-11-27T10:42Z, -5m, an ISO date or 2h',
		);
		expect(() => build({until: '25:00'})).toThrow('--until: "25:00" is not a time');
		expect(() => build({utc: true, since: '-1h', until: '-2h'})).toThrow(
			'--until 2026-11-27 14:00:00.000Z is before --since 2026-11-27 15:00:00.000Z: nothing would be read',
		);
	});

	it('is refused by edrtail produce like any feed flag', () => {
		expect(() => buildProduceConfig({...kafka, since: '-1h'}, [])).toThrow('--since does not apply');
	});

	it('on Kafka: --since seeks there unless --from is given; an --until already past ends at the end', () => {
		const c = build({...kafka, since: '-1h'});
		expect(c.source.kind === 'kafka' && c.source.kafka.from).toBe('2026-11-27T15:00:00.000Z');
		expect(c.exitAtEnd).toBe(false);
		const d = build({...kafka, since: '-1h', from: 'earliest', until: '-30m'});
		expect(d.source.kind === 'kafka' && d.source.kafka.from).toBe('earliest');
		expect(d.exitAtEnd).toBe(true);
		expect(build({...kafka, until: '+1h'}).exitAtEnd).toBe(false);
	});
});
