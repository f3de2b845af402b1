import {latencyOf, type EdrEvent} from '../event.js';
import {histogram, percentiles, type Percentiles} from './percentiles.js';

export const LATENCY_KINDS = ['kafkaMinusEvent', 'receiveMinusKafka', 'receiveMinusEvent'] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];

export const LATENCY_LABELS: Record<LatencyKind, string> = {
	kafkaMinusEvent: 'kafka - event',
	receiveMinusKafka: 'receive - kafka',
	receiveMinusEvent: 'receive - event',
};

export interface LatencyStats {
	percentiles?: Percentiles;
	histogram: number[];
}

export type LatencySummary = Record<LatencyKind, LatencyStats> & {
	perHost: Array<{
		host: string;
		receiveMinusEvent?: Percentiles;
		kafkaMinusEvent?: Percentiles;
		receiveMinusKafka?: Percentiles;
	}>;
};

/** A bounded sample of one latency figure: the most recent `size` values. */
class Window {
	private readonly values: number[] = [];
	private next = 0;
	constructor(private readonly size: number) {}
	add(value: number): void {
		if (this.values.length < this.size) this.values.push(value);
		else {
			this.values[this.next] = value;
			this.next = (this.next + 1) % this.size;
		}
	}
	all(): readonly number[] {
		return this.values;
	}
}

type Windows = Record<LatencyKind, Window>;
const makeWindows = (size: number): Windows => ({
	kafkaMinusEvent: new Window(size),
	receiveMinusKafka: new Window(size),
	receiveMinusEvent: new Window(size),
});

/**
 * Sliding-window latency over the most recent events, overall and per host. Summaries are computed
 * on demand (at flush time), not per event.
 */
export class LatencyTracker {
	private readonly overall: Windows;
	private readonly hosts = new Map<string, Windows>();

	constructor(
		private readonly windowSize = 5000,
		private readonly perHostSize = 1000,
		private readonly maxHosts = 200,
	) {
		this.overall = makeWindows(windowSize);
	}

	add(event: EdrEvent): void {
		const l = latencyOf(event);
		let hostWindows: Windows | undefined;
		if (event.host) {
			hostWindows = this.hosts.get(event.host);
			if (!hostWindows && this.hosts.size < this.maxHosts) {
				hostWindows = makeWindows(this.perHostSize);
				this.hosts.set(event.host, hostWindows);
			}
		}
		for (const kind of ['kafkaMinusEvent', 'receiveMinusKafka', 'receiveMinusEvent'] as const) {
			const v = l[kind];
			if (v === undefined || !Number.isFinite(v)) continue;
			this.overall[kind].add(v);
			hostWindows?.[kind].add(v);
		}
	}

	summary(): LatencySummary {
		const stats = (w: Window): LatencyStats => ({percentiles: percentiles(w.all()), histogram: histogram(w.all())});
		const perHost = [...this.hosts.entries()]
			.map(([host, w]) => ({
				host,
				receiveMinusEvent: percentiles(w.receiveMinusEvent.all()),
				kafkaMinusEvent: percentiles(w.kafkaMinusEvent.all()),
				receiveMinusKafka: percentiles(w.receiveMinusKafka.all()),
			}))
			.sort((a, b) => a.host.localeCompare(b.host));
		return {
			kafkaMinusEvent: stats(this.overall.kafkaMinusEvent),
			receiveMinusKafka: stats(this.overall.receiveMinusKafka),
			receiveMinusEvent: stats(this.overall.receiveMinusEvent),
			perHost,
		};
	}
}
