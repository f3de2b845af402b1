// A `correlation:` document -> a checked CorrelationDef, or a RuleError saying what is wrong.
// Where engines read the specification differently, the specification decides: a temporal
// correlation without a condition needs every rule it names; value_percentile applies its condition.
import type {Level} from '../../event.js';
import {isMap} from '../detection.js';
import {isLevel} from '../levels.js';
import {RuleError} from '../sigma-string.js';
import {
	CONDITION_OPERATORS,
	CORRELATION_TYPES,
	type ConditionOperator,
	type CorrelationCondition,
	type CorrelationDef,
	type CorrelationType,
} from './types.js';

const UNIT_MS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/** `90m` -> 5,400,000. Sigma's units are s, m, h and d, lower case, after a positive integer. */
export function parseTimespan(text: unknown): number {
	const m = typeof text === 'string' ? /^([1-9][0-9]*)([smhd])$/.exec(text.trim()) : null;
	if (!m) throw new RuleError(`correlation timespan '${String(text)}' (expected a number and s, m, h or d)`);
	return Number(m[1]) * UNIT_MS[m[2]!]!;
}

const VALUE_TYPES: readonly CorrelationType[] = ['value_count', 'value_sum', 'value_avg', 'value_percentile'];
const TEMPORAL_TYPES: readonly CorrelationType[] = ['temporal', 'temporal_ordered'];

function stringList(v: unknown, what: string): string[] {
	const list = typeof v === 'string' ? [v] : v;
	if (!Array.isArray(list) || list.some(x => typeof x !== 'string' || x === ''))
		throw new RuleError(`correlation ${what} must be a list of names`);
	return list as string[];
}

function parseCondition(raw: unknown, type: CorrelationType): CorrelationCondition | undefined {
	if (raw === undefined || raw === null) {
		if (TEMPORAL_TYPES.includes(type)) return undefined;
		throw new RuleError(`correlation ${type} needs a condition`);
	}
	if (!isMap(raw)) throw new RuleError('correlation condition must be a map');
	const ops: CorrelationCondition['ops'] = [];
	let fields: string[] = [];
	let percentile: number | undefined;
	for (const [k, v] of Object.entries(raw)) {
		if (k === 'field') fields = stringList(v, 'condition field');
		else if (k === 'percentile') {
			percentile = Number(v);
			if (!Number.isFinite(percentile) || percentile < 0 || percentile > 100)
				throw new RuleError(`correlation percentile '${String(v)}' (expected 0 to 100)`);
		} else if ((CONDITION_OPERATORS as readonly string[]).includes(k)) {
			const value = Number(v);
			if (typeof v === 'boolean' || v === null || v === '' || !Number.isFinite(value))
				throw new RuleError(`correlation condition ${k} '${String(v)}' is not a number`);
			ops.push({op: k as ConditionOperator, value});
		} else throw new RuleError(`correlation condition key '${k}'`);
	}
	if (ops.length === 0) throw new RuleError('correlation condition has no operator (gt, gte, lt, lte, eq, neq)');
	if (VALUE_TYPES.includes(type) && fields.length === 0)
		throw new RuleError(`correlation ${type} needs condition.field`);
	if (type !== 'value_count' && fields.length > 1) throw new RuleError(`correlation ${type} takes one condition.field`);
	if (type === 'value_percentile' && percentile === undefined)
		throw new RuleError('correlation value_percentile needs condition.percentile');
	return {ops, fields, percentile};
}

function parseAliases(raw: unknown): Record<string, Record<string, string>> {
	if (raw === undefined || raw === null) return {};
	if (!isMap(raw)) throw new RuleError('correlation aliases must be a map');
	const out: Record<string, Record<string, string>> = {};
	for (const [alias, per] of Object.entries(raw)) {
		if (!isMap(per)) throw new RuleError(`correlation alias '${alias}' must map rule names to fields`);
		const m: Record<string, string> = {};
		for (const [rule, field] of Object.entries(per)) {
			if (typeof field !== 'string' || !field) throw new RuleError(`correlation alias '${alias}' field for ${rule}`);
			m[rule] = field;
		}
		out[alias] = m;
	}
	return out;
}

/** `fallbackId` names a correlation without an id (path and document index). */
export function parseCorrelation(
	doc: Record<string, unknown>,
	path: string,
	document: number | undefined,
	fallbackId: string,
	defaultLevel: Level,
): CorrelationDef {
	const c = doc.correlation;
	if (!isMap(c)) throw new RuleError('correlation must be a map');
	const type = c.type;
	if (typeof type !== 'string' || !(CORRELATION_TYPES as readonly string[]).includes(type))
		throw new RuleError(`correlation type '${String(type)}'`);
	const t = type as CorrelationType;
	const rules = stringList(c.rules, 'rules');
	if (rules.length === 0) throw new RuleError('correlation names no rules');
	const groupBy = c['group-by'] === undefined || c['group-by'] === null ? [] : stringList(c['group-by'], 'group-by');
	// `timeframe` is the spelling of drafts before v2; the meaning is the same.
	const timespan = c.timespan ?? c.timeframe;
	const timespanMs = parseTimespan(timespan);
	const condition = parseCondition(c.condition, t);
	const aliases = parseAliases(c.aliases);
	for (const alias of Object.keys(aliases))
		if (!groupBy.includes(alias)) throw new RuleError(`correlation alias '${alias}' is not in group-by`);
	const generateRaw = c.generate ?? doc.generate;
	const generate = generateRaw === true || generateRaw === 'true';
	const id = typeof doc.id === 'string' && doc.id ? doc.id : fallbackId;
	const levelText = typeof doc.level === 'string' ? doc.level.toLowerCase() : undefined;
	return {
		id,
		name: typeof doc.name === 'string' && doc.name ? doc.name : undefined,
		title: typeof doc.title === 'string' && doc.title ? doc.title : id,
		level: isLevel(levelText) ? levelText : defaultLevel,
		tags: Array.isArray(doc.tags) ? doc.tags.filter((x): x is string => typeof x === 'string') : [],
		description: typeof doc.description === 'string' ? doc.description : undefined,
		path,
		document,
		type: t,
		rules,
		groupBy,
		timespanMs,
		timespan: String(timespan).trim(),
		condition,
		aliases,
		generate,
	};
}

const OP_TEXT: Record<ConditionOperator, string> = {gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', neq: '!='};

/** ">= 10", "> 100 and <= 200", "all 3 rules". */
export function conditionText(def: Pick<CorrelationDef, 'condition' | 'rules' | 'type'>): string {
	const c = def.condition;
	if (!c) return `all ${def.rules.length} rules${def.type === 'temporal_ordered' ? ' in order' : ''}`;
	const ops = c.ops.map(o => `${OP_TEXT[o.op]} ${o.value}`).join(' and ');
	return c.percentile !== undefined ? `p${c.percentile} ${ops}` : ops;
}

export function conditionHolds(c: CorrelationCondition, value: number): boolean {
	for (const {op, value: v} of c.ops) {
		const ok =
			op === 'gt'
				? value > v
				: op === 'gte'
					? value >= v
					: op === 'lt'
						? value < v
						: op === 'lte'
							? value <= v
							: op === 'eq'
								? value === v
								: value !== v;
		if (!ok) return false;
	}
	return true;
}
