// The Kafka source. It never disturbs production consumers: by default an ephemeral group
// `edrtail-<random>`, offsets never committed, the group left on stop. Start positions are
// applied by seeking on every group join to the position we track ourselves (offsets.ts), so a
// restart or a rebalance neither re-delivers nor skips (kafkajs alone would fall back to
// auto.offset.reset, since nothing is committed).
import {randomBytes} from 'node:crypto';
import {createKafkaClient, explainKafkaError, KafkaFaultError, shortReason, topicDeleted} from '../../kafka/index.js';
import type {Admin, Consumer, ConsumerRunConfig, EachBatchPayload, KafkaClient} from '../../kafka/index.js';
import type {KafkaConnection, KafkaFaultKind, KafkaLogLevel} from '../../kafka/index.js';
import type {EventSource, RecordSink} from '../event-source.js';
import type {StartPosition} from '../start-position.js';
import type {RawRecord} from '../../event.js';
import {DeliveryQueue} from './delivery.js';
import {keyOf, PartitionOffsets} from './offsets.js';
import {ProgressTracker} from './progress.js';
import {nextOffsetAfter, sliceRecords, toRecords} from './records.js';
import {StatusReporter} from './status.js';
import {chooseTopics, fetchStartPlan, matchingTopics} from './topics.js';

/** Faults of the connection itself that the same settings meet again on every retry. */
const PERMANENT: ReadonlySet<KafkaFaultKind> = new Set([
	'tls-unknown-ca',
	'tls-hostname',
	'tls-expired',
	'tls-client-cert',
	'not-tls',
	'sasl-mechanism',
	'sasl-credentials',
]);

/**
 * Faults of reaching a broker, which a live run waits out (kafkajs retries, then the waiting
 * source): with --exit-at-end nothing waits, so the first time every bootstrap broker met one ends
 * the start instead of kafkajs's ~10 s of retries.
 */
const UNREACHABLE: ReadonlySet<KafkaFaultKind> = new Set(['dns', 'refused', 'timeout', 'closed']);

export interface KafkaSourceOptions {
	connection: KafkaConnection;
	/** Names, and patterns that also pick up matching topics created later. */
	topics: Array<string | RegExp>;
	from: StartPosition;
	/** Join this group instead of an ephemeral one (still no commit unless `commit`). */
	groupId?: string;
	commit?: boolean;
	/** End once every partition has been read up to the end offset it had at start. */
	exitAtEnd?: boolean;
	/** kafkajs log level for the log file (EDRTAIL_LOG); errors always feed the status reason. */
	logLevel?: KafkaLogLevel;
	/** How often the topic list is read: new topics matching a pattern, named topics deleted. */
	patternRefreshMs?: number;
	/** Where kafkajs logs go, as JSON lines; defaults to $EDRTAIL_LOG. Never the terminal. */
	logFile?: string;
}

/** How soon partitions added to a topic are read (a metadata request per broker each time). */
const METADATA_MAX_AGE_MS = 5000;
/** How often the partitions panel and the header's fetch rate are brought up to date. */
const PROGRESS_MS = 1000;
/** How often a batch held back (paused, or the queue full) heartbeats, so the group keeps us. */
const HOLD_HEARTBEAT_MS = 1000;
/**
 * What the sink gets at a time: about this many bytes of message values (see sliceRecords). Measured
 * on `--json`: 32 KiB spends a third of the collector time of 128 KiB on s1-dv, and less on CF2.
 */
const SLICE_BYTES = 32 * 1024;
/** Slices queued for the sink while kafkajs fetches on: about 2 MiB, most of a fetch. */
const QUEUED_SLICES = 64;

export function createKafkaSource(options: KafkaSourceOptions): EventSource {
	return new KafkaSource(options);
}

class KafkaSource implements EventSource {
	readonly label: string;
	private readonly groupId: string;
	private readonly commit: boolean;
	private readonly exitAtEnd: boolean;
	private readonly names: string[];
	private readonly patterns: RegExp[];
	private readonly where: string;
	private readonly status = new StatusReporter();
	private readonly offsets = new PartitionOffsets();
	private readonly subscribed = new Set<string>();
	private readonly client: KafkaClient;
	private readonly admin: Admin;
	private readonly consumer: Consumer;
	private readonly runConfig: ConsumerRunConfig;
	private sink: RecordSink | undefined;
	private stopped = false;
	private ended = false;
	private stopping: Promise<void> | undefined;
	private pollTimer: NodeJS.Timeout | undefined;
	private polling = false;
	/** Named topics absent from the last topic list. */
	private missing = new Set<string>();
	/** Per partition: high watermark minus our position, as of its last fetched batch. */
	private readonly lags = new Map<string, bigint>();
	private lagReportedAt = 0;
	private readonly progress = new ProgressTracker();
	private progressTimer: NodeJS.Timeout | undefined;
	private readonly delivery = new DeliveryQueue<RawRecord[]>(
		records => this.deliver(records),
		QUEUED_SLICES,
		() => this.sink?.concurrency ?? 1,
	);
	/** Partitions --until passed in (finishPartition): nothing more of them is read. */
	private readonly finished = new Set<string>();
	/** While the admin connects: ends the start at a fault that no retry can mend. */
	private failFast: ((error: Error) => void) | undefined;
	/** --exit-at-end: the distinct reasons the brokers were unreachable for, while the admin connects. */
	private readonly unreachable = new Set<string>();

	constructor(private readonly options: KafkaSourceOptions) {
		this.groupId = options.groupId ?? `edrtail-${randomBytes(6).toString('hex')}`;
		this.commit = options.commit === true;
		this.exitAtEnd = options.exitAtEnd === true;
		this.patterns = options.topics.filter((t): t is RegExp => t instanceof RegExp);
		this.names = options.topics.filter((t): t is string => typeof t === 'string');
		this.where = options.connection.brokers.join(',');
		this.label = `kafka ${this.where} ${options.topics.map(t => (t instanceof RegExp ? `/${t.source}/` : t)).join(',')}`;
		this.client = createKafkaClient(options.connection, {
			logLevel: options.logLevel,
			logFile: options.logFile,
			onError: reason => this.logged(reason),
		});
		this.admin = this.client.admin();
		// Unknown partitions (new topics, added partitions) start at their beginning: all of it is
		// new. Known ones are positioned by seek on join.
		// metadataMaxAge: kafkajs finds partitions added to a topic only when it refreshes its metadata
		// (by default every 5 min); then it rejoins the group and the new partitions are assigned.
		this.consumer = this.client.consumer({
			groupId: this.groupId,
			allowAutoTopicCreation: false,
			maxWaitTimeInMs: 1000,
			metadataMaxAge: METADATA_MAX_AGE_MS,
		});
		this.consumer.on(this.consumer.events.GROUP_JOIN, event => this.joined(event.payload.memberAssignment));
		this.consumer.on(this.consumer.events.CRASH, event => this.crashed(event.payload.error, event.payload.restart));
		this.runConfig = {
			autoCommit: this.commit,
			eachBatch: payload => this.received(payload),
			eachBatchAutoResolve: true,
		};
	}

	async start(sink: RecordSink): Promise<void> {
		this.sink = sink;
		this.status.attach(sink);
		try {
			const connecting = this.admin.connect().catch((error: Error) => {
				throw this.explained(error, `cannot connect to Kafka at ${this.where}: ${shortReason(error.message)}`);
			});
			// kafkajs retries every connection error for ~10 s, a certificate it will never accept too.
			const permanent = new Promise<never>((_, reject) => (this.failFast = reject));
			await Promise.race([connecting, permanent]).finally(() => (this.failFast = undefined));
			const topics = await chooseTopics(this.admin, this.names, this.patterns, this.where, this.faultContext);
			await this.plan(topics, this.options.from, this.exitAtEnd);
			if (topics.length) {
				await this.consumer.connect();
				await this.subscribe(topics);
			} else {
				this.status.report({state: 'connected', reason: 'no topic matches yet'});
			}
		} catch (error) {
			// The rejection is the one report of a failed start (callers show it); no status too.
			const failure = error instanceof KafkaFaultError ? error : this.explained(error, (error as Error).message);
			await this.stop();
			throw failure instanceof KafkaFaultError ? failure : new Error(failure.message.replace(/\s+/g, ' '));
		}
		this.progressTimer = setInterval(() => this.reportProgress(), PROGRESS_MS).unref();
		if (this.exitAtEnd) setImmediate(() => this.checkEnd());
		this.pollTimer = setInterval(() => void this.pollTopics(), this.options.patternRefreshMs ?? 5000);
	}

	/**
	 * Hands on nothing more and holds the batch in hand (kafkajs fetches nothing meanwhile) until
	 * resume(). Positions are ours, so a rebalance while held loses nothing: the partition is sought
	 * back to them on the next join.
	 */
	pause(): void {
		this.delivery.pause();
	}

	resume(): void {
		this.delivery.resume();
	}

	/** --until passed in this partition: it is paused for good, and the source ends when every partition is done. */
	finishPartition(topic: string, partition: number): void {
		const key = keyOf(topic, partition);
		if (this.finished.has(key) || this.done) return;
		this.finished.add(key);
		try {
			this.consumer.pause([{topic, partitions: [partition]}]);
		} catch {
			// Not running (yet, or any more): its batches are dropped in received() all the same.
		}
		this.checkEnd();
	}

	stop(): Promise<void> {
		this.stopping ??= (async () => {
			this.stopped = true;
			this.delivery.close();
			this.status.close();
			if (this.pollTimer) clearInterval(this.pollTimer);
			if (this.progressTimer) clearInterval(this.progressTimer);
			// disconnect() leaves the group, so an ephemeral group disappears with us.
			await this.consumer.disconnect().catch(() => undefined);
			await this.admin.disconnect().catch(() => undefined);
			await this.client.close();
		})();
		return this.stopping;
	}

	private get faultContext() {
		return {connection: this.options.connection, topics: this.names, groupId: this.options.groupId};
	}

	/** The fault's one sentence when the error is a known one, else the fallback text. */
	private explained(error: unknown, fallback: string): Error {
		const fault = explainKafkaError(error, this.faultContext);
		return fault ? new KafkaFaultError(fault) : new Error(fallback);
	}

	/** An error kafkajs logged: the status reason, and the end of a start that cannot succeed. */
	private logged(reason: string): void {
		const fault = explainKafkaError(reason, this.faultContext);
		if (fault && this.failFast && PERMANENT.has(fault.kind)) this.failFast(new KafkaFaultError(fault));
		else if (fault && this.failFast && this.exitAtEnd && UNREACHABLE.has(fault.kind)) {
			// One reason per broker it names: with several bootstrap brokers, another may still answer.
			this.unreachable.add(reason);
			if (this.unreachable.size >= this.options.connection.brokers.length) this.failFast(new KafkaFaultError(fault));
		}
		this.status.logged(fault?.sentence ?? reason);
	}

	private get done(): boolean {
		return this.stopped || this.ended;
	}

	/** Start offsets for these topics per the position (and the end offsets for --exit-at-end). */
	private async plan(topics: string[], position: StartPosition, exitAtEnd: boolean): Promise<void> {
		for (const topic of topics) {
			const plan = await fetchStartPlan(this.admin, this.groupId, topic, position, exitAtEnd);
			this.offsets.adopt(topic, plan);
			for (const [partition, high] of plan.highs) {
				this.progress.planned(topic, partition, plan.seek.get(partition), high);
			}
		}
	}

	private async subscribe(topics: string[]): Promise<void> {
		for (const t of topics) this.subscribed.add(t);
		await this.consumer.subscribe({topics, fromBeginning: true});
		await this.consumer.run(this.runConfig);
	}

	private joined(assignment: Record<string, number[]>): void {
		for (const [topic, partitions] of Object.entries(assignment)) {
			for (const partition of partitions) {
				const key = keyOf(topic, partition);
				const target = this.offsets.seekTarget(key, this.commit);
				if (target === undefined) continue;
				this.consumer.seek({topic, partition, offset: target.toString()});
				this.offsets.markSeeked(key);
			}
		}
		this.offsets.markJoined();
		this.progress.assign(assignment);
		this.status.report({state: 'connected'});
	}

	private crashed(error: Error, restart: boolean): void {
		const fault = explainKafkaError(error, this.faultContext);
		const reason = fault?.sentence ?? shortReason(error?.message ?? String(error));
		if (!restart && fault && !this.done) {
			// kafkajs gave up (a denied group): the source ends with the fault, so --json exits with its code.
			this.status.fail({state: 'error', reason, fault: fault.kind});
			void this.stop();
			return;
		}
		this.status.report({state: restart ? 'reconnecting' : 'error', reason});
	}

	private async received({batch, heartbeat, isRunning}: EachBatchPayload): Promise<void> {
		await this.held(() => this.delivery.paused || this.delivery.full, heartbeat, isRunning);
		if (this.done || !isRunning()) return;
		if (this.status.current.state !== 'connected') this.status.report({state: 'connected'});
		const key = keyOf(batch.topic, batch.partition);
		// A batch fetched before the partition was paused.
		if (this.finished.has(key)) return;
		const records = toRecords(batch, this.offsets.position(key), this.offsets.end(key));
		const next = nextOffsetAfter(batch);
		if (next !== undefined) this.offsets.advance(key, next);
		this.noteLag(key, batch.highWatermark, next);
		const high = /^\d+$/.test(batch.highWatermark ?? '') ? BigInt(batch.highWatermark) : undefined;
		this.progress.fetched(Date.now(), batch.topic, batch.partition, batch.messages.length, high, next);
		// Queued even when empty: the end check must come after every batch before it.
		const slices = sliceRecords(records, SLICE_BYTES);
		const handled = Promise.all(slices.map(slice => this.delivery.push(slice))).then(() => undefined);
		// The end is reached once every batch before it was handed on (a failure was said by the sink).
		void handled.then(
			() => this.checkEnd(),
			() => undefined,
		);
		if (this.commit) {
			// kafkajs commits what eachBatch returned from: only once its records were handed on (and the
			// sink's promise, --hits-to's acknowledgement, resolved). A crash re-delivers (at least once)
			// instead of skipping what waited in the queue; a rejection leaves the batch uncommitted.
			await this.settled(handled, heartbeat, isRunning);
		}
		// Paused: wait here, before kafkajs fetches more.
		await this.held(() => this.delivery.paused, heartbeat, isRunning);
	}

	private deliver(records: RawRecord[]): void | Promise<void> {
		if (!this.done && records.length) return this.sink?.records(records);
	}

	/** Waits for the batch's records to be handled, heartbeating; throws as they failed, or if stopped first. */
	private async settled(
		handled: Promise<void>,
		heartbeat: () => Promise<void>,
		isRunning: () => boolean,
	): Promise<void> {
		let done = false;
		const outcome = handled.finally(() => (done = true));
		outcome.catch(() => undefined);
		while (!done && !this.stopped && isRunning()) {
			let timer: NodeJS.Timeout | undefined;
			const beat = new Promise<void>(resolve => (timer = setTimeout(resolve, HOLD_HEARTBEAT_MS)));
			await Promise.race([outcome.catch(() => undefined), beat]);
			clearTimeout(timer);
			if (!done && !this.stopped) await heartbeat();
		}
		if (!done) throw new Error('stopped before the batch was handed on: not committed');
		await outcome;
	}

	/** Waits while `holding()`, heartbeating, so a slow reader is not taken for a dead consumer. */
	private async held(holding: () => boolean, heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<void> {
		while (holding() && !this.done && isRunning()) {
			let timer: NodeJS.Timeout | undefined;
			const beat = new Promise<void>(resolve => (timer = setTimeout(resolve, HOLD_HEARTBEAT_MS)));
			await Promise.race([this.delivery.changed(), beat]);
			clearTimeout(timer);
			if (holding() && !this.done) await heartbeat();
		}
	}

	/** The header's lag: at most once a second, and at once when every partition caught up. */
	private noteLag(key: string, highWatermark: string | undefined, next: bigint | undefined): void {
		if (highWatermark === undefined || next === undefined || !/^\d+$/.test(highWatermark)) return;
		const behind = BigInt(highWatermark) - next;
		this.lags.set(key, behind > 0n ? behind : 0n);
		let total = 0n;
		for (const lag of this.lags.values()) total += lag;
		const now = Date.now();
		if (total !== 0n && now - this.lagReportedAt < 1000) return;
		this.lagReportedAt = now;
		this.status.lag(Number(total));
	}

	private reportProgress(): void {
		if (this.done) return;
		const {partitions, fetchRate} = this.progress.sample(Date.now());
		if (partitions.length) this.status.progress(partitions, fetchRate);
	}

	private checkEnd(): void {
		// Positions move when a batch is queued: the end is reached once the queue is handed on too.
		if (!this.exitAtEnd && this.finished.size === 0) return;
		if (this.ended || !this.delivery.idle || !this.offsets.allDone(this.finished)) return;
		if (this.stopped) return;
		this.ended = true;
		this.status.end();
	}

	/**
	 * The topic list, read every few seconds. A named topic that is gone from it twice in a row was
	 * deleted (once could be a broker still loading its metadata after a restart): the source ends
	 * with that fault. Pattern subscriptions: new matching topics are read from their beginning (all
	 * of it is new).
	 */
	private async pollTopics(): Promise<void> {
		if (this.polling || this.done) return;
		this.polling = true;
		try {
			let all: string[];
			try {
				all = await this.admin.listTopics();
			} catch (error) {
				// The consumer reports its own connection state; only a pattern's new topics wait on this.
				if (this.patterns.length) {
					this.status.report({state: 'reconnecting', reason: shortReason((error as Error).message)});
				}
				return;
			}
			const gone = this.names.filter(t => !all.includes(t));
			const deleted = gone.filter(t => this.missing.has(t));
			this.missing = new Set(gone);
			if (deleted.length && !this.done) {
				const fault = topicDeleted(deleted, this.where);
				this.status.fail({state: 'error', reason: fault.sentence, fault: fault.kind});
				void this.stop();
				return;
			}
			if (this.exitAtEnd || this.patterns.length === 0) return;
			const fresh = matchingTopics(all, this.patterns).filter(t => !this.subscribed.has(t));
			if (fresh.length === 0 || this.stopped) return;
			await this.plan(fresh, {kind: 'earliest'}, false);
			await this.consumer.stop();
			if (this.stopped) return;
			await this.subscribe(fresh);
		} catch (error) {
			this.status.report({state: 'reconnecting', reason: shortReason((error as Error).message)});
		} finally {
			this.polling = false;
		}
	}
}
