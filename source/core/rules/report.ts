// `edrtail rules check PATH...`: the load report as text or JSON (raw: the CLI escapes what it prints).
import {VENDOR_SIGMA_FORMATS, type VendorSigmaFormat} from '../formats/index.js';
import type {LoadReport} from './types.js';

const VENDOR_LABELS: Record<VendorSigmaFormat, string> = {
	mde: 'Microsoft Defender for Endpoint',
	'cs-fdr': 'CrowdStrike FDR',
	ocsf: 'OCSF',
};

const n = (x: number) => x.toLocaleString('en-US');

function top(o: Record<string, number>, limit = Infinity): string {
	return Object.entries(o)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.slice(0, limit)
		.map(([k, v]) => `${k} ${n(v)}`)
		.join(', ');
}

/**
 * The report as text (or JSON). With `format` (`rules check --format F`), the text also lists each
 * rule naming fields that format cannot supply, with those fields.
 */
export function formatLoadReport(report: LoadReport, options: {json?: boolean; format?: string} = {}): string {
	if (options.json) return JSON.stringify(report, null, 2);
	const lines: string[] = [];
	const fromFiles = report.loaded - report.builtin;
	lines.push(
		`Rules: ${n(fromFiles)} loaded${report.builtin ? ` (+${n(report.builtin)} built-in)` : ''}, ${n(report.skipped.length)} skipped, from ${n(report.files)} files (${n(report.documents)} documents)`,
	);
	if (report.unreadable.length) {
		lines.push(`Unreadable paths (${report.unreadable.length}):`);
		for (const u of report.unreadable) lines.push(`  ${u.path}: ${u.reason}`);
	}
	if (report.skipped.length) {
		const byReason: Record<string, number> = {};
		for (const s of report.skipped) {
			// Group by the reason's kind (its text before any quoted detail).
			const kind = s.reason.replace(/'[^']*'/g, "'…'").replace(/:.*$/, '');
			byReason[kind] = (byReason[kind] ?? 0) + 1;
		}
		lines.push(`Skipped by reason: ${top(byReason)}`);
		lines.push('Skipped:');
		for (const s of report.skipped)
			lines.push(`  ${s.path}${s.document !== undefined ? `#${s.document}` : ''}: ${s.reason}`);
	}
	if (report.correlations.length) {
		const loaded = report.correlations.filter(c => !c.skipped).length;
		lines.push(`Correlations: ${n(loaded)} loaded, ${n(report.correlations.length - loaded)} skipped`);
		for (const c of report.correlations) {
			lines.push(`  ${c.title} (${c.type}, ${c.id})${c.skipped ? `: skipped, ${c.skipped}` : ''}`);
			for (const r of c.rules)
				lines.push(
					`    ${r.ref} -> ${r.resolved ? `${r.resolved.kind} ${r.resolved.id}` : 'NOTHING (unresolved)'}${c.generate ? '' : r.resolved ? ' (hidden on its own)' : ''}`,
				);
		}
	}
	if (report.filters.length) {
		lines.push(`Filters: ${n(report.filters.length)}`);
		for (const f of report.filters) {
			const rules = f.rules === 'any' ? 'every rule' : f.rules.join(', ');
			const dangling = f.dangling.length ? `; names no loaded rule: ${f.dangling.join(', ')}` : '';
			lines.push(`  ${f.title} (${f.id}) on ${rules}${dangling}`);
		}
	}
	if (report.loaded) {
		lines.push(`Levels: ${top(report.byLevel)}`);
		lines.push(`Modifiers: ${top(report.byModifier) || 'none'}`);
		lines.push(
			`Logsources: ${top(report.byLogsource, 25)}${Object.keys(report.byLogsource).length > 25 ? ', ...' : ''}`,
		);
		lines.push(`Unroutable (no supported event can reach their logsource): ${n(report.unroutable)}`);
		const s1 = report.fieldGaps['s1-dv'];
		lines.push(
			`SentinelOne (s1-dv, s1-cf2, s1-api): ${n(s1.applicable)} rules apply; ${n(s1.rulesWithUnsuppliedFields)} name fields S1 cannot supply${s1.rulesWithUnsuppliedFields ? ` (${top(s1.fields, 10)})` : ''}`,
		);
		lines.push(`Sysmon: ${n(report.fieldGaps.sysmon.applicable)} rules apply (fields read by their own names)`);
		for (const format of VENDOR_SIGMA_FORMATS) {
			const g = report.fieldGaps[format];
			lines.push(
				`${VENDOR_LABELS[format]} (${format}): ${n(g.applicable)} rules apply; ${n(g.rulesWithUnsuppliedFields)} name fields it cannot supply${g.rulesWithUnsuppliedFields ? ` (${top(g.fields, 10)})` : ''}`,
			);
		}
		const asked = (VENDOR_SIGMA_FORMATS as readonly string[]).includes(options.format ?? '')
			? report.fieldGaps[options.format as VendorSigmaFormat]
			: undefined;
		if (asked?.rules?.length) {
			lines.push(`Rules naming fields ${options.format} cannot supply (${n(asked.rules.length)}):`);
			for (const r of asked.rules) lines.push(`  ${r.path}: ${r.title} (${r.id}): ${r.fields.join(', ')}`);
		}
	}
	return lines.join('\n');
}
