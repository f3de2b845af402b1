// A rule's `detection` block: each identifier compiled to a test (maps AND, value lists OR,
// lists of maps OR, lists of bare values are keyword searches), then the condition over them.
import {compileCondition, parseCondition} from './condition.js';
import {type CompileEnv, compileFieldItem, type RawValue} from './field-predicate.js';
import {RuleError} from './sigma-string.js';
import {andNode, orNode, type MatchNode} from './match-node.js';

export function compileDetection(detection: unknown, env: CompileEnv): MatchNode {
	if (!isMap(detection)) throw new RuleError('missing detection');
	const condition = detection.condition;
	if (condition === undefined || condition === null) throw new RuleError('missing condition');
	const ids = new Map<string, MatchNode>();
	for (const [name, value] of Object.entries(detection)) {
		if (name === 'condition' || name === 'timeframe') continue;
		ids.set(name, compileIdentifier(name, value, env));
	}
	const conditions = Array.isArray(condition) ? condition : [condition];
	if (conditions.length === 0 || conditions.some(c => typeof c !== 'string'))
		throw new RuleError('condition must be a string or a list of strings');
	// A list of conditions ORs them.
	return orNode(conditions.map(c => compileCondition(parseCondition(c as string), ids)));
}

function compileIdentifier(name: string, value: unknown, env: CompileEnv): MatchNode {
	if (isMap(value)) return compileMap(name, value, env);
	if (Array.isArray(value)) {
		if (value.length === 0) throw new RuleError(`identifier '${name}' is an empty list`);
		const maps = value.filter(isMap);
		const scalars = value.filter(v => !isMap(v));
		const nodes = maps.map(m => compileMap(name, m, env));
		if (scalars.length)
			nodes.push(
				compileFieldItem(
					'',
					scalars.map(v => toRaw(name, v)),
					env,
				),
			);
		return orNode(nodes);
	}
	if (value === null || value === undefined) throw new RuleError(`identifier '${name}' is empty`);
	return compileFieldItem('', [toRaw(name, value)], env);
}

function compileMap(name: string, map: Record<string, unknown>, env: CompileEnv): MatchNode {
	const entries = Object.entries(map);
	if (entries.length === 0) throw new RuleError(`identifier '${name}' is an empty map`);
	return andNode(
		entries.map(([key, v]) => {
			const values = Array.isArray(v) ? v : [v];
			if (values.length === 0) throw new RuleError(`field '${key}' in '${name}' has an empty value list`);
			return compileFieldItem(
				key,
				values.map(x => toRaw(name, x)),
				env,
			);
		}),
	);
}

function toRaw(name: string, v: unknown): RawValue {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	throw new RuleError(`identifier '${name}' holds a value that is neither text, number, boolean nor null`);
}

export function isMap(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
