// The tuning loop's output: a Sigma filter document for one rule, keeping the fields the analyst
// picked, as a file `--rules` loads next time. Values are escaped so they match literally.
import type {Logsource} from './logsource.js';

export interface FilterSpec {
	/** A UUID for the document (the caller makes it: this stays pure). */
	id: string;
	ruleId: string;
	ruleTitle: string;
	logsource?: Logsource;
	fields: ReadonlyArray<{field: string; value: string}>;
	/** YYYY-MM-DD */
	date?: string;
}

/** `*`, `?` and a backslash before them (or at the end) are escaped; other backslashes stay as they are. */
export function sigmaLiteral(value: string): string {
	let out = '';
	for (let i = 0; i < value.length; i++) {
		const ch = value[i]!;
		if (ch === '*' || ch === '?') out += `\\${ch}`;
		else if (ch === '\\') {
			const next = value[i + 1];
			out += next === undefined || next === '*' || next === '?' || next === '\\' ? '\\\\' : '\\';
		} else out += ch;
	}
	return out;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function filterYaml(spec: FilterSpec): string {
	const picked = spec.fields.map(f => f.field).join(', ');
	const lines = [
		`title: ${quote(`Expected "${spec.ruleTitle}" hits (same ${picked})`.slice(0, 250))}`,
		`id: ${spec.id}`,
		'status: experimental',
		`description: ${quote(`Written by the edrtail tuning loop: hits of "${spec.ruleTitle}" with these values are expected here.`)}`,
		'author: edrtail',
	];
	if (spec.date) lines.push(`date: ${spec.date}`);
	const ls = spec.logsource ?? {};
	const lsKeys = (['category', 'product', 'service'] as const).filter(k => ls[k]);
	if (lsKeys.length) {
		lines.push('logsource:');
		for (const k of lsKeys) lines.push(`  ${k}: ${quote(ls[k]!)}`);
	}
	lines.push('filter:', '  rules:', `    - ${quote(spec.ruleId)}`, '  expected:');
	for (const f of spec.fields) lines.push(`    ${f.field}: ${quote(sigmaLiteral(f.value))}`);
	lines.push('  condition: not expected');
	return `${lines.join('\n')}\n`;
}
