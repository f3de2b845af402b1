// The condition grammar (docs/sigma.md §5), loosest to tightest:
// or < and < not < x of < ( ). Parsed to a tree, then compiled over the compiled identifiers.
import {RuleError} from './sigma-string.js';
import {andNode, atLeastNode, notNode, orNode, type MatchNode} from './match-node.js';

export type CondAst =
	| {type: 'id'; name: string}
	| {type: 'and' | 'or'; children: CondAst[]}
	| {type: 'not'; child: CondAst}
	| {type: 'of'; count: number | 'all'; pattern: string};

export function parseCondition(text: string): CondAst {
	if (/\|/.test(text) || /(^|\s)near(\s|$)/i.test(text)) throw new RuleError('legacy aggregation');
	const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
	if (tokens.length === 0) throw new RuleError('condition: empty');
	let pos = 0;
	const peek = () => tokens[pos]?.toLowerCase();
	const next = () => tokens[pos++];

	const parseOr = (): CondAst => {
		const first = parseAnd();
		const children = [first];
		while (peek() === 'or') {
			pos++;
			children.push(parseAnd());
		}
		return children.length === 1 ? first : {type: 'or', children};
	};
	const parseAnd = (): CondAst => {
		const first = parseNot();
		const children = [first];
		while (peek() === 'and') {
			pos++;
			children.push(parseNot());
		}
		return children.length === 1 ? first : {type: 'and', children};
	};
	const parseNot = (): CondAst => {
		if (peek() === 'not') {
			pos++;
			return {type: 'not', child: parseNot()};
		}
		return parsePrimary();
	};
	const parsePrimary = (): CondAst => {
		const t = next();
		if (t === undefined) throw new RuleError('condition: unexpected end');
		if (t === '(') {
			const inner = parseOr();
			if (next() !== ')') throw new RuleError('condition: missing )');
			return inner;
		}
		const lt = t.toLowerCase();
		if (lt === ')' || lt === 'and' || lt === 'or' || lt === 'of') throw new RuleError(`condition: unexpected '${t}'`);
		if (peek() === 'of') {
			const count = lt === 'all' ? 'all' : lt === 'any' ? 1 : /^\d+$/.test(lt) ? Number(lt) : undefined;
			if (count === undefined || count === 0) throw new RuleError(`condition: bad quantifier '${t}'`);
			pos++;
			const pattern = next();
			if (pattern === undefined || pattern === '(' || pattern === ')')
				throw new RuleError('condition: x of needs a pattern');
			return {type: 'of', count, pattern};
		}
		return {type: 'id', name: t};
	};

	const ast = parseOr();
	if (pos !== tokens.length) throw new RuleError(`condition: unexpected '${tokens[pos]}'`);
	return ast;
}

function globToRegExp(pattern: string): RegExp {
	const src = pattern
		.replace(/[.+^${}()|[\]\\]/g, '\\$&')
		.replace(/\*/g, '.*')
		.replace(/\?/g, '.');
	return new RegExp(`^${src}$`);
}

/** Identifiers an `x of` pattern names; `them` is every identifier not starting with `_`. */
export function resolvePattern(pattern: string, names: string[]): string[] {
	if (pattern === 'them') return names.filter(n => !n.startsWith('_'));
	const re = globToRegExp(pattern);
	return names.filter(n => re.test(n));
}

export function compileCondition(ast: CondAst, ids: Map<string, MatchNode>): MatchNode {
	switch (ast.type) {
		case 'id': {
			const node = ids.get(ast.name);
			if (!node) throw new RuleError(`condition names a missing identifier '${ast.name}'`);
			return node;
		}
		case 'and':
			return andNode(ast.children.map(c => compileCondition(c, ids)));
		case 'or':
			return orNode(ast.children.map(c => compileCondition(c, ids)));
		case 'not':
			return notNode(compileCondition(ast.child, ids));
		case 'of': {
			const names = resolvePattern(ast.pattern, [...ids.keys()]);
			if (names.length === 0) throw new RuleError(`condition pattern '${ast.pattern}' matches no identifier`);
			const nodes = names.map(n => ids.get(n)!);
			return atLeastNode(nodes, ast.count === 'all' ? nodes.length : ast.count);
		}
	}
}
