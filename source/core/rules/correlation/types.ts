// The correlation stage's model: a parsed `correlation:` document, what it fires, and the figures
// the screen and the load report show.
import type {Level} from '../../event.js';

export const CORRELATION_TYPES = [
	'event_count',
	'value_count',
	'temporal',
	'temporal_ordered',
	'value_sum',
	'value_avg',
	'value_percentile',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export const CONDITION_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Every operator given must hold (two keys make a range). */
export interface CorrelationCondition {
	ops: Array<{op: ConditionOperator; value: number}>;
	/** The field the value_* types read (value_count: several fields count distinct tuples). */
	fields: string[];
	/** value_percentile: which percentile (0-100). */
	percentile?: number;
}

/** A correlation document as written, checked but not yet joined to the rules it names. */
export interface CorrelationDef {
	id: string;
	name?: string;
	title: string;
	level: Level;
	tags: string[];
	description?: string;
	path: string;
	document?: number;
	type: CorrelationType;
	/** References as written: rule or correlation ids or names. */
	rules: string[];
	groupBy: string[];
	timespanMs: number;
	timespan: string;
	/** Absent only for temporal types: then every referenced rule must occur. */
	condition?: CorrelationCondition;
	/** alias -> (rule name or id -> the field that rule's events carry the value in). */
	aliases: Record<string, Record<string, string>>;
	/** The referenced rules' own hits are shown too (default: hidden). */
	generate: boolean;
}

/** A correlation reaching its condition for one group. */
export interface CorrelationFire {
	id: string;
	title: string;
	level: Level;
	tags: string[];
	description?: string;
	type: CorrelationType;
	/** group-by field -> the group's value. */
	group: Record<string, string>;
	/** The count, distinct count, sum, average or percentile the window reached. */
	value: number;
	/** The condition as text, e.g. ">= 10" or "> 100 and <= 200". */
	condition: string;
	/** Event time of the window's first and last event, ms. */
	windowStart: number;
	windowEnd: number;
	timespanMs: number;
	/** The events that made it, in event-time order (capped at MAX_FIRE_SEQS). */
	seqs: number[];
	/** The rules (ids) whose hits made it. */
	rules: string[];
}

export const MAX_FIRE_SEQS = 1000;

/** One live group of one correlation, for the screen. */
export interface LiveGroup {
	key: string;
	group: Record<string, string>;
	/** What the window ending at the group's newest event holds now. */
	value: number;
	events: number;
	seqs: number[];
	newest: number;
}

export interface CorrelationStats {
	id: string;
	title: string;
	type: CorrelationType;
	level: Level;
	condition: string;
	timespan: string;
	groupBy: string[];
	/** Resolved references: id and title of each rule or correlation. */
	rules: Array<{ref: string; id: string; title: string}>;
	groups: number;
	fired: number;
	/** Events older than the newest seen minus timespan and allowance: not counted. */
	late: number;
	/** Groups dropped to stay under the caps, stalest first. */
	evicted: number;
}

export interface CorrelationOptions {
	/** How far behind the newest event time an event may arrive and still count, ms (default 60 s). */
	lateAllowanceMs?: number;
	/** Live groups per correlation (default 10,000). */
	maxGroupsPerCorrelation?: number;
	/** Live groups over all correlations (default 100,000). */
	maxGroups?: number;
	/** Events one group keeps (default 1,000, raised to what the condition needs). */
	maxEventsPerGroup?: number;
}
