// `--placeholders FILE`: a YAML map from placeholder name to its values, for the `expand` modifier.
import {readFileSync} from 'node:fs';
import {parse} from 'yaml';

/** Throws with a readable message when the file cannot be read or is not a name -> values map. */
export function loadPlaceholders(file: string): Record<string, string[]> {
	const data: unknown = parse(readFileSync(file, 'utf8'));
	if (data === null || typeof data !== 'object' || Array.isArray(data))
		throw new Error(`${file}: placeholders must be a map of name -> list of values`);
	const out: Record<string, string[]> = {};
	for (const [name, v] of Object.entries(data as Record<string, unknown>)) {
		const list = Array.isArray(v) ? v : [v];
		out[name.replace(/^%|%$/g, '')] = list.filter(x => x !== null && x !== undefined).map(x => String(x));
	}
	return out;
}
