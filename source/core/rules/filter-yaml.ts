// The tuning loop's output: a Sigma filter document for one rule, keeping the fields the analyst
// picked, as a file `--rules` loads next time. Values are escaped twice: for Sigma, so that they
// match literally (no wildcard), and for YAML, so that any text reads back exactly.
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

/**
 * What YAML reads as a line break or a byte-order mark, or does not allow in a stream (C0 controls
 * but tab, DEL, C1), and a lone surrogate: written as escapes. A surrogate pair is one character.
 */
function unsafe(ch: string): boolean {
	if (ch.length !== 1) return false;
	const c = ch.charCodeAt(0);
	return (
		(c < 0x20 && c !== 0x09) ||
		(c >= 0x7f && c <= 0x9f) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0xfeff ||
		(c >= 0xd800 && c <= 0xdfff)
	);
}

const SHORT: Record<string, string> = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r'};

/**
 * A YAML scalar that reads back as exactly `s`. Single-quoted when that is enough (Windows paths
 * stay readable: no backslash is doubled); double-quoted with escapes when the text holds a line
 * break, which a single-quoted scalar folds into a space, or a control, a BOM or a lone surrogate.
 */
export function yamlQuoted(s: string): string {
	const chars = Array.from(s);
	if (!chars.some(unsafe)) return `'${s.replace(/'/g, "''")}'`;
	let out = '"';
	for (const ch of chars) {
		const short = SHORT[ch];
		if (short !== undefined) out += short;
		else if (unsafe(ch)) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
		else out += ch;
	}
	return `${out}"`;
}

const quote = yamlQuoted;

export function filterYaml(spec: FilterSpec): string {
	const picked = spec.fields.map(f => f.field).join(', ');
	const lines = [
		`title: ${quote(Array.from(`Expected "${spec.ruleTitle}" hits (same ${picked})`).slice(0, 250).join(''))}`,
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
