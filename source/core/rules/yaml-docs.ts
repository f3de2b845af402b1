// Rule files -> plain objects. Every scalar keeps the text the author wrote (Sigma compares values
// as strings: `0x10` stays "0x10", `1.0` stays "1.0", `True` stays "True"); only null is null.
// js-yaml, not the `yaml` package: parsing was three quarters of loading the SigmaHQ corpus, and
// js-yaml parses it about six times faster.
import jsyaml from 'js-yaml';

export type YamlDoc = {value: unknown; error?: undefined} | {value?: undefined; error: string};

// The failsafe schema (strings, sequences, maps) plus YAML's plain null; duplicate keys: the last one wins.
const NULL = new jsyaml.Type('tag:yaml.org,2002:null', {
	kind: 'scalar',
	resolve: (data: string | null) => data === null || data === '' || ['~', 'null', 'Null', 'NULL'].includes(data),
	construct: () => null,
});
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({implicit: [NULL]});
const OPTIONS = {schema: SCHEMA, json: true};

// Aliases are shared, not copied: a "billion laughs" file is small in memory but not to walk. A
// Sigma rule has tens of nodes and a handful of levels; these bounds are far above any real rule.
const MAX_NODES = 100_000;
const MAX_DEPTH = 64;

/** One plain object per YAML document; a document that does not parse is an error entry. */
export function parseYamlDocuments(text: string): YamlDoc[] {
	let values: unknown[];
	try {
		values = jsyaml.loadAll(text, undefined, OPTIONS);
	} catch {
		// One bad document must not take its neighbours with it: parse the documents one by one.
		return splitDocuments(text).map(parseOne);
	}
	return values.map(checked);
}

/** One YAML document as a plain value (placeholders files); throws with a one-line reason. */
export function parseYaml(text: string): unknown {
	const doc = parseOne(text);
	if (doc.error !== undefined) throw new Error(doc.error);
	return doc.value;
}

function parseOne(text: string): YamlDoc {
	try {
		return checked(jsyaml.load(text, OPTIONS));
	} catch (error) {
		return {error: yamlError(error)};
	}
}

function yamlError(error: unknown): string {
	if (error instanceof jsyaml.YAMLException) {
		const where = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
		return `YAML error: ${error.reason}${where}`;
	}
	return `YAML error: ${(error as Error).message.split('\n')[0]}`;
}

/** The value, unless walking it would visit too many nodes or go too deep (iterative: no recursion). */
function checked(value: unknown): YamlDoc {
	const stack: Array<[unknown, number]> = [[value, 0]];
	let nodes = 0;
	while (stack.length) {
		const [node, depth] = stack.pop()!;
		if (++nodes > MAX_NODES) return {error: `YAML error: more than ${MAX_NODES} nodes (aliases expanding?)`};
		if (node === null || typeof node !== 'object') continue;
		if (depth >= MAX_DEPTH) return {error: `YAML error: nested deeper than ${MAX_DEPTH} levels`};
		for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
	}
	return {value};
}

/** The text of each document: a line starting `---` begins one, a line `...` ends one. */
function splitDocuments(text: string): string[] {
	const docs: string[] = [];
	let current: string[] = [];
	const close = () => {
		if (current.some(line => line.trim() !== '' && !line.trimStart().startsWith('#'))) docs.push(current.join('\n'));
		current = [];
	};
	for (const line of text.split('\n')) {
		if (/^---(\s|$)/.test(line)) close();
		current.push(line);
		if (/^\.\.\.(\s|$)/.test(line)) close();
	}
	close();
	return docs;
}
