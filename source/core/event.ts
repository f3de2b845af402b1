// The one normalized event model every format decodes into and every later stage reads.
// Field names here are the `--json` contract (README.md, "Output without a terminal"): keep them stable.

export const FAMILY_CATEGORIES = {
	process: ['Process Creation', 'Process Termination', 'Process Exit'],
	file: ['File Creation', 'File Modification', 'File Deletion', 'File Rename'],
	network: ['DNS', 'TCPv4 Connection', 'TCPv4 Listen', 'HTTP Request'],
	registry: [
		'Registry Key Creation',
		'Registry Key Rename',
		'Registry Key Delete',
		'Registry Key Export',
		'Registry Key Security Changed',
		'Registry Key Import',
		'Registry Value Creation',
		'Registry Value Modified',
		'Registry Value Delete',
	],
	'scheduled task': [
		'Scheduled Task Register',
		'Scheduled Task Update',
		'Scheduled Task Delete',
		'Scheduled Task Start',
		'Scheduled Task Trigger',
	],
	login: ['Login', 'Logout'],
	persistence: ['Persistency'],
} as const;

export type EdrFamily = keyof typeof FAMILY_CATEGORIES;
export type EdrCategory = (typeof FAMILY_CATEGORIES)[EdrFamily][number];
// `correlation`: a hit of a Sigma correlation, an event of its own made from the events that reached it.
export type Category = EdrCategory | 'correlation' | 'other' | 'undecodable';
export type Family = EdrFamily | 'correlation' | 'other' | 'undecodable';

export const EDR_FAMILIES = Object.keys(FAMILY_CATEGORIES) as EdrFamily[];
export const FAMILIES: readonly Family[] = [...EDR_FAMILIES, 'correlation', 'other', 'undecodable'];
export const EDR_CATEGORIES: readonly EdrCategory[] = EDR_FAMILIES.flatMap(
	f => FAMILY_CATEGORIES[f] as readonly EdrCategory[],
);
export const CATEGORIES: readonly Category[] = [...EDR_CATEGORIES, 'correlation', 'other', 'undecodable'];

const familyByCategory = new Map<string, Family>();
for (const f of EDR_FAMILIES) for (const c of FAMILY_CATEGORIES[f]) familyByCategory.set(c, f);

export function familyOf(category: Category): Family {
	return (
		familyByCategory.get(category) ?? (category === 'undecodable' || category === 'correlation' ? category : 'other')
	);
}

export function isCategory(value: string): value is Category {
	return familyByCategory.has(value) || value === 'other' || value === 'undecodable' || value === 'correlation';
}

/** `correlation` and `undecodable` name no wire format: what the pipeline made, what it could not read. */
export type FormatName =
	's1-dv' | 's1-cf2' | 's1-api' | 'sysmon' | 'mde' | 'cs-fdr' | 'ocsf' | 'json' | 'correlation' | 'undecodable';
export const FORMAT_NAMES = ['s1-dv', 's1-cf2', 's1-api', 'sysmon', 'mde', 'cs-fdr', 'ocsf', 'json'] as const;

export type Level = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export const LEVELS: readonly Level[] = ['informational', 'low', 'medium', 'high', 'critical'];

export interface ProcessInfo {
	name?: string;
	image?: string;
	cmdline?: string;
	pid?: number;
	user?: string;
	integrity?: string;
	storyline?: string;
	sha256?: string;
	sha1?: string;
	md5?: string;
	signed?: string;
	/**
	 * The format's own unique process key, when it has one: S1's process unique key (DV `node`,
	 * CF2 `uid`), Sysmon's ProcessGuid. The process tree joins on it before pid + start time.
	 */
	uid?: string;
	/** When the process started, ms since epoch, when the format says. */
	startTime?: number;
}

/** The category's object: only the parts that apply are set. */
export interface EventTarget {
	process?: ProcessInfo;
	file?: {path?: string; oldPath?: string; size?: number; sha256?: string; sha1?: string; md5?: string};
	dns?: {query?: string; answers?: string; status?: string};
	network?: {
		srcIp?: string;
		srcPort?: number;
		dstIp?: string;
		dstPort?: number;
		direction?: string;
		status?: string;
		protocol?: string;
	};
	http?: {url?: string; method?: string};
	registry?: {
		key?: string;
		value?: string;
		data?: string;
		oldData?: string;
		valueType?: string;
		oldKey?: string;
		path?: string;
	};
	task?: {name?: string; path?: string; trigger?: string; executable?: string};
	login?: {
		user?: string;
		domain?: string;
		type?: string;
		result?: 'success' | 'failure';
		reason?: string;
		remoteAddress?: string;
		sid?: string;
	};
	persistence?: {path?: string; type?: string; payload?: string};
	exitCode?: number;
}

export type TimestampType = 'CreateTime' | 'LogAppendTime' | 'unknown';

export interface KafkaCoords {
	topic: string;
	partition: number;
	offset: string;
	/** Record timestamp, ms since epoch. */
	timestamp: number;
	timestampType: TimestampType;
}

/** A Kafka record header: its name and its value's bytes (null values have none). */
export interface KafkaHeader {
	name: string;
	value?: Uint8Array;
	/** The value's length when `value` holds only its first bytes. */
	size?: number;
}

/**
 * What a Kafka record carries besides its value and coordinates: the key and the headers, as the
 * producer sent them (hostile bytes: the detail shows them as escaped text or hex). Not part of
 * `kafka` on purpose: the --json line writes `kafka` as it is, and these stay out of it.
 */
export interface KafkaMeta {
	key?: Uint8Array;
	/** The key's length when `key` holds only its first bytes. */
	keySize?: number;
	headers?: readonly KafkaHeader[];
}

export interface MatchedField {
	/** Sigma field name as the rule wrote it (or "keywords"). */
	field: string;
	/** Where the value came from in the event (normalized path or raw key). */
	source?: string;
	value: string;
	/** [start, end) character spans inside value that matched. */
	spans: Array<[number, number]>;
}

export interface RuleHit {
	id: string;
	title: string;
	level: Level;
	status?: string;
	tags: string[];
	description?: string;
	references?: string[];
	author?: string;
	fields: MatchedField[];
	/**
	 * Read back from a saved line (edrtail's own NDJSON) for a rule not loaded in this run: shown
	 * as it was saved, not evaluated again. Hits of rules loaded now are always evaluated again.
	 */
	saved?: boolean;
}

export interface Undecodable {
	reason: string;
	size: number;
	preview: string;
	/**
	 * The message's first bytes (at most PAYLOAD_KEEP_BYTES, a copy: never a view that would keep
	 * a whole fetch buffer alive), for the detail pane and the copy. The store may drop it to stay
	 * within its payload budget; `size` says how much there was.
	 */
	payload?: Uint8Array;
}

/** Bytes of an undecodable message kept for the screen. */
export const PAYLOAD_KEEP_BYTES = 64 * 1024;

export interface EdrEvent {
	/** Arrival sequence number, assigned by the pipeline; unique per run. */
	seq: number;
	category: Category;
	family: Family;
	format: FormatName;
	/** Vendor event type when the category is "other" (e.g. "moduleLoad", "Module Load"). */
	subtype?: string;
	/** Event time on the endpoint, ms since epoch. */
	time?: number;
	/** Upstream ingest time when the format carries one (CF2 sca:atlantisIngestTime), ms. */
	ingestTime?: number;
	receivedAt: number;
	kafka?: KafkaCoords;
	/** The Kafka record's key and headers, when it had any. */
	kafkaMeta?: KafkaMeta;
	host?: string;
	os?: string;
	agentId?: string;
	user?: string;
	actor?: ProcessInfo;
	parent?: ProcessInfo;
	target: EventTarget;
	summary: string;
	hits: RuleHit[];
	/** The decoded object as received (protobuf: its JSON rendering with field names). */
	raw: unknown;
	/**
	 * `raw` as JSON text on one line, when decode was asked for it (headless output): the message's
	 * own text for JSON formats, the packet's rendering for s1-dv. The `--json` line writes it as it
	 * is instead of serializing `raw` a second time. Absent on the screen's events: memory.
	 */
	rawJson?: string;
	/**
	 * A bound on rawJson's nesting (containers inside containers) when the decoder knows one, as
	 * s1-dv's does from the packet's message levels; the line then needs no count of its brackets.
	 */
	rawJsonDepth?: number;
	/**
	 * Sigma-named fields the decoder could read directly (Sysmon EventData, flattened), so the
	 * rule engine needs no mapping for them. Absent for formats that map from the normalized model.
	 */
	sigmaFields?: Record<string, string>;
	undecodable?: Undecodable;
	/** Set on a correlation's hit (category `correlation`): what it reached and the events that made it. */
	correlation?: CorrelationHit;
}

/** A Sigma correlation reaching its condition for one group (group-by values) within its timespan. */
export interface CorrelationHit {
	id: string;
	title: string;
	/** event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile. */
	type: string;
	group: Record<string, string>;
	/** The count, distinct count, sum, average or percentile reached. */
	value: number;
	/** The condition as text: ">= 10", "> 100 and <= 200", "all 3 rules in order". */
	condition: string;
	/** Event time of the window's first and last event, ms. */
	windowStart: number;
	windowEnd: number;
	timespanMs: number;
	/** Sequence numbers of the events that made it, in event-time order. */
	seqs: number[];
	/** Ids of the rules whose hits made it. */
	rules: string[];
}

/** What a source hands to the pipeline: one message, not yet decoded. */
export interface RawRecord {
	value: Uint8Array | string | null;
	receivedAt: number;
	kafka?: KafkaCoords;
	/** The record's key and headers, when it had any. */
	kafkaMeta?: KafkaMeta;
	/** Where it came from when not Kafka, e.g. "events.ndjson:12". */
	origin?: string;
}

/**
 * A source's connection state: the store keeps the last one, the header shows it. `loading` comes
 * before any source state: the screen is up while the rules load, the source not started yet.
 */
export type ConnectionState =
	'loading' | 'connecting' | 'connected' | 'reconnecting' | 'reading' | 'following' | 'ended' | 'error';

export interface SourceStatus {
	state: ConnectionState;
	/** Why, when not connected (shown in the header). */
	reason?: string;
	/**
	 * Kafka, while connected: records not read yet (each partition's high watermark minus our
	 * position, summed), as of the last fetch; absent when unknown. Tells whether the screen keeps up.
	 */
	lag?: number;
	/**
	 * With state `error`: the kind of the Kafka fault that ended the source (core/kafka's
	 * KafkaFaultKind, as text), so a headless run exits with that fault's code.
	 */
	fault?: string;
	/** Kafka: records fetched per second over the partitions, recent (the last few seconds). */
	fetchRate?: number;
	/** Kafka: how far each assigned partition is read, for the partitions panel; kept across states. */
	partitions?: readonly PartitionProgress[];
}

/** One Kafka partition as the source last saw it. Offsets are int64, as decimal text. */
export interface PartitionProgress {
	topic: string;
	partition: number;
	/** The offset the next record written will get; absent until the broker said. */
	highWatermark?: string;
	/** The next offset this run reads. */
	position?: string;
	/** highWatermark minus position (0 when caught up); absent while either is unknown. */
	lag?: number;
	/** Records fetched from this partition per second, recent. */
	fetchRate: number;
}

/** Latency figures in ms, when both ends are known. */
export function latencyOf(ev: EdrEvent): {
	kafkaMinusEvent?: number;
	receiveMinusKafka?: number;
	receiveMinusEvent?: number;
} {
	const k = ev.kafka?.timestamp;
	return {
		kafkaMinusEvent: k !== undefined && ev.time !== undefined ? k - ev.time : undefined,
		receiveMinusKafka: k !== undefined ? ev.receivedAt - k : undefined,
		receiveMinusEvent: ev.time !== undefined ? ev.receivedAt - ev.time : undefined,
	};
}
