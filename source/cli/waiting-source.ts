// Headless live mode started before its broker (a detector in a compose file, a jump host whose
// cluster restarts): instead of exiting when the broker cannot be reached, try again with backoff,
// saying so on stderr once per change of reason, and stream once it answers. Only the faults that
// a broker that is not up yet gives are waited out (DNS, refused, timeout); a rejected password, a
// TLS or an authorization failure will not heal by waiting, and fails at once with its sentence.
import {KafkaFaultError, type KafkaFaultKind} from '../core/kafka/index.js';
import type {EventSource, RecordSink} from '../core/sources/index.js';

const WAITED_OUT: ReadonlySet<KafkaFaultKind> = new Set(['dns', 'refused', 'timeout']);

/** A start failure that a broker not up yet gives: worth trying again. */
export function isWaitedOut(error: unknown): boolean {
	return error instanceof KafkaFaultError && WAITED_OUT.has(error.fault.kind);
}

export interface WaitingOptions {
	/** A fresh source for the next attempt (a failed Kafka source is not restarted). */
	create(): Promise<EventSource>;
	/** One line per change: waiting (and why), connected. */
	say(message: string): void;
	/** Pause before attempt n+1 (default 1 s, doubling, at most 30 s). */
	backoffMs?(attempt: number): number;
}

export function defaultBackoffMs(attempt: number): number {
	return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** `first`, started again (as a fresh source) while its start fails for a reason worth waiting out. */
export function waitingSource(first: EventSource, options: WaitingOptions): EventSource {
	let current = first;
	let stopped = false;
	// Flow control asked for while waiting applies to the source that finally starts.
	let paused = false;
	let timer: NodeJS.Timeout | undefined;
	let wake: (() => void) | undefined;
	const backoff = options.backoffMs ?? defaultBackoffMs;
	const pause = (ms: number) =>
		new Promise<void>(resolve => {
			wake = resolve;
			timer = setTimeout(resolve, ms);
		});

	return {
		label: first.label,
		async start(sink: RecordSink): Promise<void> {
			let lastReason: string | undefined;
			for (let attempt = 1; ; attempt++) {
				try {
					await current.start(sink);
					if (attempt > 1) options.say(`connected (attempt ${attempt}): streaming`);
					return;
				} catch (error) {
					if (stopped) return;
					if (!isWaitedOut(error)) throw error;
					const reason = (error as Error).message;
					if (reason !== lastReason) {
						options.say(`waiting for the broker (attempt ${attempt}): ${reason}; retrying with backoff`);
					}
					lastReason = reason;
				}
				await current.stop().catch(() => undefined);
				await pause(backoff(attempt));
				if (stopped) return;
				current = await options.create();
				if (paused) current.pause();
				if (stopped) {
					await current.stop().catch(() => undefined);
					return;
				}
			}
		},
		pause(): void {
			paused = true;
			current.pause();
		},
		resume(): void {
			paused = false;
			current.resume();
		},
		finishPartition(topic: string, partition: number): void {
			current.finishPartition?.(topic, partition);
		},
		stop(): Promise<void> {
			stopped = true;
			clearTimeout(timer);
			wake?.();
			return current.stop();
		},
	};
}
