// Rule files and directories -> a RuleEngine and a LoadReport. Synchronous (the CLI loads rules
// once before the stream starts). Nothing throws: every problem becomes a skip or an unreadable
// path with its reason.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import type {Level} from '../event.js';
import {BUILTIN_RULES} from './builtin.js';
import {compileDetection, isMap} from './detection.js';
import {type CompiledRule, RuleEngine} from './engine.js';
import {FieldRegistry} from './event-context.js';
import {s1Supplies} from './field-map.js';
import type {CompileEnv} from './field-predicate.js';
import {isLevel} from './levels.js';
import {allS1Routes, allSysmonRoutes, appliesTo, type Logsource} from './logsource.js';
import {RuleError} from './sigma-string.js';
import type {LoadOptions, LoadReport, SkippedRule} from './types.js';
import {parseYamlDocuments} from './yaml-docs.js';

// A rule without a level is shown as medium: neither hidden by --min-level high nor alarming.
const DEFAULT_LEVEL: Level = 'medium';

export function loadRules(paths: string[], options: LoadOptions = {}): {engine: RuleEngine; report: LoadReport} {
	return build(paths, [], options);
}

/** Rules given as text (tests, rules embedded elsewhere); `path` names them in the report. */
export function loadRuleTexts(sources: Array<{path: string; text: string}>, options: LoadOptions = {}): {engine: RuleEngine; report: LoadReport} {
	return build([], sources, options);
}

function build(paths: string[], texts: Array<{path: string; text: string}>, options: LoadOptions): {engine: RuleEngine; report: LoadReport} {
	const report: LoadReport = {
		files: 0,
		documents: 0,
		loaded: 0,
		builtin: 0,
		skipped: [],
		unreadable: [],
		byModifier: {},
		byLogsource: {},
		byLevel: {},
		unroutable: 0,
		fieldGaps: {
			's1-dv': {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
			's1-cf2': {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
			's1-api': {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
			sysmon: {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
		},
	};
	const fields = new FieldRegistry();
	const compiled: CompiledRule[] = [];
	const seen = new Map<string, string>();
	const add = (text: string, path: string, builtin: boolean) => {
		for (const r of compileFile(text, path, fields, options, report)) {
			const before = seen.get(r.info.id);
			if (before !== undefined) {
				report.skipped.push({path, id: r.info.id, title: r.info.title, reason: `duplicate id (already loaded from ${before})`});
				continue;
			}
			seen.set(r.info.id, path);
			compiled.push(r);
			if (builtin) report.builtin++;
		}
	};
	if (options.builtin ?? true) for (const [name, text] of Object.entries(BUILTIN_RULES)) add(text, `builtin:${name}`, true);
	for (const t of texts) {
		report.files++;
		add(t.text, t.path, false);
	}
	for (const file of ruleFiles(paths, report)) {
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			report.unreadable.push({path: file, reason: (error as Error).message});
			continue;
		}
		report.files++;
		add(text, file, false);
	}
	report.loaded = compiled.length;
	summarize(compiled, report);
	return {engine: new RuleEngine(compiled, fields), report};
}

function ruleFiles(paths: string[], report: LoadReport): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		let entries;
		try {
			entries = readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		} catch (error) {
			report.unreadable.push({path: dir, reason: (error as Error).message});
			return;
		}
		for (const e of entries) {
			const p = join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (/\.ya?ml$/i.test(e.name)) out.push(p);
		}
	};
	for (const p of paths) {
		try {
			if (statSync(p).isDirectory()) walk(p);
			else out.push(p);
		} catch (error) {
			report.unreadable.push({path: p, reason: (error as Error).message});
		}
	}
	return out;
}

function compileFile(text: string, path: string, fields: FieldRegistry, options: LoadOptions, report: LoadReport): CompiledRule[] {
	const out: CompiledRule[] = [];
	let docs;
	try {
		docs = parseYamlDocuments(text);
	} catch (error) {
		report.documents++;
		report.skipped.push({path, reason: `YAML error: ${(error as Error).message}`});
		return out;
	}
	// Sigma 1 collections: `action: global` is merged into the documents that follow it.
	let global: Record<string, unknown> | undefined;
	let previous: Record<string, unknown> | undefined;
	docs.forEach((d, i) => {
		const document = docs.length > 1 ? i : undefined;
		if (d.error !== undefined) {
			report.documents++;
			report.skipped.push({path, document, reason: d.error});
			return;
		}
		if (d.value === null || d.value === undefined) return;
		// Collection control documents (action: global/reset) are not rules and are not counted.
		if (!(isMap(d.value) && (d.value.action === 'global' || d.value.action === 'reset'))) report.documents++;
		if (!isMap(d.value)) {
			report.skipped.push({path, document, reason: 'document is not a map'});
			return;
		}
		let doc = d.value;
		if (doc.action === 'global') {
			global = doc;
			return;
		}
		if (doc.action === 'reset') {
			global = undefined;
			return;
		}
		if (doc.action === 'repeat' && previous) doc = deepMerge(previous, doc);
		else if (global) doc = deepMerge(global, doc);
		previous = doc;
		const title = typeof doc.title === 'string' ? doc.title : undefined;
		const id = typeof doc.id === 'string' ? doc.id : undefined;
		try {
			out.push(compileRule(doc, path, document, fields, options));
		} catch (error) {
			const reason = error instanceof RuleError ? error.message : `internal error: ${(error as Error).message}`;
			report.skipped.push({path, document, id, title, reason: reason || 'unknown error'});
		}
	});
	return out;
}

function compileRule(doc: Record<string, unknown>, path: string, document: number | undefined, fields: FieldRegistry, options: LoadOptions): CompiledRule {
	if (doc.correlation !== undefined) throw new RuleError('correlation rule (not supported yet)');
	if (doc.filter !== undefined && doc.detection === undefined) throw new RuleError('filter document (not supported yet)');
	if (doc.detection === undefined) throw new RuleError('missing detection');
	const env: CompileEnv = {fields, placeholders: options.placeholders, modifiers: new Set(), fieldNames: new Set()};
	const node = compileDetection(doc.detection, env);
	const ls = isMap(doc.logsource) ? doc.logsource : {};
	const logsource: Logsource = {};
	for (const k of ['category', 'product', 'service'] as const) if (typeof ls[k] === 'string') logsource[k] = (ls[k] as string).toLowerCase();
	const id = typeof doc.id === 'string' && doc.id ? doc.id : `${path}${document !== undefined ? `#${document}` : ''}`;
	const title = typeof doc.title === 'string' && doc.title ? doc.title : id;
	const levelText = typeof doc.level === 'string' ? doc.level.toLowerCase() : undefined;
	const level: Level = isLevel(levelText) ? levelText : DEFAULT_LEVEL;
	const status = typeof doc.status === 'string' ? doc.status : undefined;
	const tags = Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : [];
	const references = Array.isArray(doc.references) ? doc.references.filter((t): t is string => typeof t === 'string') : undefined;
	const author = typeof doc.author === 'string' ? doc.author : undefined;
	const description = typeof doc.description === 'string' ? doc.description : undefined;
	return {
		info: {id, title, level, status, tags, logsource, path},
		logsource,
		node,
		hit: {id, title, level, status, tags, description, references, author},
		fieldNames: [...env.fieldNames],
		modifiers: [...env.modifiers],
	};
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {...a};
	for (const [k, v] of Object.entries(b)) {
		if (k === 'action') continue;
		out[k] = isMap(v) && isMap(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
	}
	delete out.action;
	return out;
}

function summarize(rules: CompiledRule[], report: LoadReport): void {
	const s1Routes = allS1Routes();
	const sysmonRoutes = allSysmonRoutes();
	const bump = (o: Record<string, number>, k: string) => {
		o[k] = (o[k] ?? 0) + 1;
	};
	for (const r of rules) {
		for (const m of r.modifiers) bump(report.byModifier, m);
		const ls = r.logsource;
		bump(report.byLogsource, `${ls.product ?? '*'}/${ls.category ?? ls.service ?? '*'}`);
		bump(report.byLevel, r.info.level);
		const s1 = s1Routes.filter(route => appliesTo(ls, route));
		const sysmon = sysmonRoutes.some(route => appliesTo(ls, route));
		if (s1.length === 0 && !sysmon) report.unroutable++;
		if (sysmon) report.fieldGaps.sysmon.applicable++;
		if (s1.length) {
			const missing = r.fieldNames.filter(f => !s1.some(route => s1Supplies(route.category, f)));
			for (const format of ['s1-dv', 's1-cf2', 's1-api'] as const) {
				const gaps = report.fieldGaps[format];
				gaps.applicable++;
				if (missing.length) gaps.rulesWithUnsuppliedFields++;
				for (const f of missing) bump(gaps.fields, f);
			}
		}
	}
}

export type {SkippedRule};
