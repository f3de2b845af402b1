// Rule files -> plain objects. Numbers and booleans keep the text the author wrote (Sigma compares
// them as strings: `0x10` stays "0x10", `1.0` stays "1.0"); null stays null.
import {isScalar, parseAllDocuments, visit} from 'yaml';
import {parseSigmaYaml} from './yaml-fast.js';

export type YamlDoc = {value: unknown; error?: undefined} | {value?: undefined; error: string};

export function parseYamlDocuments(text: string): YamlDoc[] {
	// Most rule files are in the plain subset the fast reader takes; the library reads the rest.
	const fast = parseSigmaYaml(text);
	if (fast !== undefined) return [{value: fast}];
	return parseWithLibrary(text);
}

/** The yaml library's reading: every document, its errors, any YAML at all. */
export function parseWithLibrary(text: string): YamlDoc[] {
	const out: YamlDoc[] = [];
	for (const doc of parseAllDocuments(text, {uniqueKeys: false})) {
		const [firstError] = doc.errors;
		if (firstError) {
			out.push({error: `YAML error: ${firstError.message.split('\n')[0]}`});
			continue;
		}
		visit(doc, {
			Scalar(_key, node) {
				if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
					node.value = node.source ?? String(node.value);
				}
			},
		});
		try {
			out.push({value: doc.toJS({maxAliasCount: 1000})});
		} catch (error) {
			out.push({error: `YAML error: ${(error as Error).message}`});
		}
	}
	return out;
}
