// What crosses between the screen's thread and the pipeline thread. A batch carries, per event,
// the normalized fields the feed, search, filters and detail pane read (structured clone), and the
// records' original bytes in one transferred ArrayBuffer: the raw event is decoded again from
// those bytes on the screen's side only when the detail pane, copy or export asks for it. Rule
// hits travel as a template index plus their matched fields; each template crosses once. So do
// processes: the actor and parent of one process's events are one object, sent once by id.
import type {
	EdrEvent,
	KafkaCoords,
	KafkaMeta,
	Level,
	MatchedField,
	ProcessInfo,
	RuleHit,
	SourceStatus,
} from '../../core/event.js';
import type {KafkaConnection} from '../../core/kafka/index.js';
import type {LoadReport, Logsource, ParsedRuleFile, TuningAnswer, TuningAsk} from '../../core/rules/index.js';
import type {RunConfig} from '../../config/index.js';
import type {RulesPlan} from '../rules.js';

export interface ThreadInit {
	config: RunConfig;
	/** The rule files to load, checked on the screen's thread before the screen went up. */
	plan: RulesPlan;
	/** Resolved on the screen's thread (it may have asked for a password there). */
	connection?: KafkaConnection;
	/**
	 * Flow control, shared: [0] events the screen has taken, [1] set to 1 on stop, [2] events the
	 * pipeline thread has sent (both counts wrap). The pipeline thread pauses its source while more
	 * than `maxInFlight` events are sent and not yet taken.
	 */
	flow: SharedArrayBuffer;
	maxInFlight: number;
}

export const FLOW_TAKEN = 0;
export const FLOW_STOP = 1;
export const FLOW_SENT = 2;
export const FLOW_SLOTS = 3;

/** What the rules panel lists. */
export interface RuleSummary {
	id: string;
	title: string;
	level: Level;
	tags: string[];
	/** A filter the tuning loop writes for the rule repeats it. */
	logsource: Logsource;
}

/** A rule file or document that did not load, as the rules panel lists it. */
export interface SkippedRule {
	path: string;
	document?: number;
	reason: string;
}

/** A hit without its matched fields: the same for every hit of one rule. */
export type HitTemplate = Omit<RuleHit, 'fields'>;

export interface PackedRecord {
	receivedAt: number;
	kafka?: KafkaCoords;
	/** The record's key and headers, copied and cut (see pack.ts): most records have none. */
	kafkaMeta?: KafkaMeta;
	/** [start, end) of the record's bytes in the batch's buffer; -1 when no event of it has a raw. */
	start: number;
	end: number;
}

export type PackedEvent = Omit<
	EdrEvent,
	'seq' | 'raw' | 'sigmaFields' | 'hits' | 'receivedAt' | 'kafka' | 'kafkaMeta' | 'actor' | 'parent'
> & {
	/** Processes by id in the thread's process table (0: none). */
	actor: number;
	parent: number;
	/** Index of its record in the batch, and of the event among that record's decoded events. */
	r: number;
	i: number;
	/** Hits as [template index, matched fields]. */
	h?: Array<[number, MatchedField[]]>;
	/** The raw of an event no record gave (a correlation's hit), sent as it is. */
	raw?: unknown;
};

/**
 * The tuning loop's requests to the rule engine, answered in order with the same id: the counts of
 * correlations and filters, a correlation's live groups (bounded), a filter to apply from now on.
 */
export type ToThread =
	{type: 'start'} | {type: 'restart'} | {type: 'stop'} | {type: 'tuning'; id: number; ask: TuningAsk};

export type FromThread =
	| {type: 'label'; label: string}
	| {type: 'progress'; text: string}
	| {type: 'ready'; label: string; rules: RuleSummary[]; skippedRules: SkippedRule[]}
	| {type: 'failed'; message: string; config: boolean}
	| {
			type: 'batch';
			/** seq of the first event; the others follow one by one. */
			firstSeq: number;
			events: PackedEvent[];
			records: PackedRecord[];
			bytes: ArrayBuffer;
			templates: Array<[number, HitTemplate]>;
			/** Processes new to the screen in this batch, by id. */
			processes: Array<[number, ProcessInfo]>;
			/** Later batches refer only to process ids from this one on: the screen may forget older ones. */
			processesFrom: number;
			skipped: number;
	  }
	/**
	 * Each change of the source's state, and for Kafka once a second its progress: the lag, the
	 * fetch rate and every assigned partition's high watermark, position, lag and fetch rate
	 * (`status.partitions`, a few dozen plain objects: cloned, not worth a table of their own).
	 */
	| {type: 'status'; status: SourceStatus}
	| {type: 'end'}
	| {type: 'started'}
	/** waitedOut: a broker not up yet (DNS, refused, timeout), a state to wait in rather than an error. */
	| {type: 'startFailed'; message: string; waitedOut: boolean}
	| {type: 'stopped'}
	| {type: 'tuning'; id: number; answer: TuningAnswer};

// Headless runs (--json) on a pool of worker threads (json-pool.ts, json-thread.ts): the main
// thread keeps the source, each worker decodes, evaluates, filters and serializes whole batches.

/** What a headless worker needs to build the same stages and output filter as the main thread. */
export interface JsonThreadInit {
	config: RunConfig;
	plan: RulesPlan;
	/** The worker's place in the pool; worker 0 reports the rules' loading progress. */
	index: number;
	/** --hits-to: the lines of events with a hit come back apart too, keyed by host. */
	hits: boolean;
	/**
	 * Compile each rule's detection when a route first needs it (workers after the first): the
	 * pool then checks this worker's report against worker 0's, and asks for `eager` on a difference.
	 */
	lazy?: boolean;
}

/**
 * A record as it crosses to a worker: its bytes at [start, end) of the batch's one transferred
 * buffer, or (start -1) its value as it is (a line of text, a tombstone's null). The key and
 * headers stay behind: no `--json` line shows them.
 */
export interface PackedInRecord {
	receivedAt: number;
	kafka?: KafkaCoords;
	origin?: string;
	start: number;
	end: number;
	value?: string | null;
}

/**
 * First the rule files, read and parsed once by the main thread for every worker, a slice per
 * message in the list's order (`last` on the final one: workers compile while it parses); then batches.
 */
export type ToJsonThread =
	| {type: 'rules'; files: ParsedRuleFile[]; last: boolean}
	/** A lazy worker's rules are not worker 0's (a detection that does not compile): load them whole. */
	| {type: 'eager'}
	| {type: 'batch'; id: number; records: PackedInRecord[]; bytes: ArrayBuffer};

export type FromJsonThread =
	| {type: 'progress'; text: string}
	| {type: 'ready'; report?: LoadReport; correlations: boolean; lazy?: boolean}
	| {type: 'failed'; message: string; config: boolean}
	/**
	 * A batch done: `bytes` holds its printed lines in order, each ending in a newline; `hits` the
	 * ones with a rule hit (for --hits-to) as [line index, key, line without its newline].
	 */
	| {
			type: 'lines';
			id: number;
			bytes: ArrayBuffer;
			lines: number;
			hits?: Array<[number, string | null, string]>;
			/** The pipeline's events in the batch (each takes a number, a seq, in the run). */
			events: number;
			/**
			 * The events that feed a correlation, packed as for the screen: the main thread runs the
			 * correlations over them in order. `at` per event: its index among the batch's events,
			 * the printed lines up to and including it (where the correlation hits it completes go),
			 * and its receivedAt (a saved line's own, which its packed record does not carry).
			 */
			fed?: {batch: Extract<FromThread, {type: 'batch'}>; at: Array<[number, number, number]>};
	  };
