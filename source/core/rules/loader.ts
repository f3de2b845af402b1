// Rule files and directories -> a RuleEngine and a LoadReport. Nothing throws: every problem
// becomes a skip or an unreadable path with its reason. findRuleFiles lists the files first (fast),
// so a caller can refuse a path that names nothing before loading; loadRules compiles them at once,
// loadRuleFilesAsync a slice at a time, reporting progress and leaving the event loop free (a
// screen is up while the SigmaHQ corpus loads).
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import type {Level} from '../event.js';
import {BUILTIN_RULES} from './builtin.js';
import {CorrelationEngine, type CorrelationDef, parseCorrelation, resolveCorrelations} from './correlation/index.js';
import {compileDetection, isMap} from './detection.js';
import {type CompiledRule, RuleEngine} from './engine.js';
import {FieldRegistry} from './event-context.js';
import {s1Supplies, vendorSupplies} from './field-map.js';
import {VENDOR_SIGMA_FORMATS, type VendorSigmaFormat} from '../formats/index.js';
import type {CompileEnv} from './field-predicate.js';
import {type CompiledFilter, compileFilter, FilterSet} from './filters.js';
import {isLevel} from './levels.js';
import {allS1Routes, allSysmonRoutes, allVendorRoutes, appliesTo, type Logsource} from './logsource.js';
import {RuleError} from './sigma-string.js';
import type {FormatFieldGaps, LoadOptions, LoadReport, RuleFileList, SkippedRule} from './types.js';
import {parseYamlDocuments, type YamlDoc} from './yaml-docs.js';

// A rule without a level is shown as medium: neither hidden by --min-level high nor alarming.
const DEFAULT_LEVEL: Level = 'medium';

type Loaded = {engine: RuleEngine; report: LoadReport};

export function loadRules(paths: string[], options: LoadOptions = {}): Loaded {
	const list = findRuleFiles(paths);
	// Here a named path that cannot be read is one more unreadable path in the report.
	const unreadable = [
		...list.problems.filter(p => !p.empty).map(({path, reason}) => ({path, reason})),
		...list.unreadable,
	];
	return drain(build({...list, unreadable}, [], options));
}

/** Rules given as text (tests, rules embedded elsewhere); `path` names them in the report. */
export function loadRuleTexts(sources: Array<{path: string; text: string}>, options: LoadOptions = {}): Loaded {
	return drain(build({files: [], problems: [], unreadable: []}, sources, options));
}

export interface AsyncLoadOptions extends LoadOptions {
	/** Called between slices with the files compiled so far and the total. */
	onProgress?(done: number, total: number): void;
	/** How long one slice may run before the event loop gets a turn, ms (default 30). */
	sliceMs?: number;
	/**
	 * The list's files already read and parsed (parseRuleFiles), in its order: only compiled here.
	 * A ParsedRuleFeed: they arrive while this compiles the first ones.
	 */
	parsed?: readonly ParsedRuleFile[] | ParsedRuleFeed;
	/**
	 * false: the report's tallies (by modifier, logsource and level, unroutable, field gaps) stay
	 * empty, its rules, skips and counts are all there. For a pool's other workers: one report is shown.
	 */
	tallies?: boolean;
	/**
	 * Each rule's detection compiled when a route first takes it (an event of that logsource), not
	 * here: the rules of routes no event takes are never compiled. Errors in a detection are then
	 * not found: only where another load of the same list, compiled whole, has reported none (a
	 * pool's other workers, checked against worker 0's report). The tallies read every rule's
	 * fields and modifiers, compiling it: lazy goes with tallies false.
	 */
	lazy?: boolean;
}

/**
 * Parsed rule files arriving in the list's order, a slice at a time (another thread parses them):
 * loading compiles those that are there and waits for more, so parsing and compiling overlap.
 */
export interface ParsedRuleFeed {
	/** The files arrived so far; it grows. */
	readonly files: readonly ParsedRuleFile[];
	/** Resolves once more files have arrived. */
	more(): Promise<void>;
}

/**
 * A rule file read and its YAML parsed (parseRuleFiles), to be compiled elsewhere: plain data, so it
 * crosses to a worker thread as it is. `unreadable`: why it could not be read; `yamlError`: why its
 * text is no YAML; else its documents.
 */
export interface ParsedRuleFile {
	path: string;
	docs?: YamlDoc[];
	unreadable?: string;
	yamlError?: string;
}

/**
 * The files of a findRuleFiles list read and parsed, once for every thread that compiles them
 * (`parsed` of loadRuleFilesAsync): a pool's workers then only compile. The report is the same.
 */
export function parseRuleFiles(list: RuleFileList): ParsedRuleFile[] {
	return list.files.map(readRuleFile);
}

/** The files of a list read and parsed from `from` (included) to `to` (excluded): one slice of a feed. */
export function parseRuleFileSlice(list: RuleFileList, from: number, to: number): ParsedRuleFile[] {
	return list.files.slice(from, to).map(readRuleFile);
}

/** The files of a findRuleFiles list, compiled a slice at a time. */
export async function loadRuleFilesAsync(list: RuleFileList, options: AsyncLoadOptions = {}): Promise<Loaded> {
	const given = options.parsed;
	const feed = given && !isParsedList(given) ? given : undefined;
	if (given && isParsedList(given) && given.length !== list.files.length)
		throw new Error('loadRuleFilesAsync: parsed is not the list parsed');
	const parsed = feed ? feed.files : given;
	const steps = build(list, [], {...options, parsed});
	const sliceMs = options.sliceMs ?? 30;
	let sliceStart = performance.now();
	let done = 0;
	for (;;) {
		// The next file must have arrived before the step that compiles it.
		while (feed && done < list.files.length && feed.files.length <= done) await feed.more();
		const step = steps.next();
		if (step.done) return step.value;
		done = step.value;
		if (performance.now() - sliceStart < sliceMs) continue;
		options.onProgress?.(step.value, list.files.length);
		await new Promise(resolve => setImmediate(resolve));
		sliceStart = performance.now();
	}
}

function isParsedList(parsed: readonly ParsedRuleFile[] | ParsedRuleFeed): parsed is readonly ParsedRuleFile[] {
	return Array.isArray(parsed);
}

function drain(steps: Generator<number, Loaded>): Loaded {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** Compiles the rules, yielding the number of files done after each file. */
function* build(
	list: RuleFileList,
	texts: Array<{path: string; text: string}>,
	options: AsyncLoadOptions,
): Generator<number, Loaded> {
	const report: LoadReport = {
		files: 0,
		documents: 0,
		loaded: 0,
		builtin: 0,
		skipped: [],
		unreadable: [...list.unreadable],
		byModifier: {},
		byLogsource: {},
		byLevel: {},
		unroutable: 0,
		fieldGaps: {
			's1-dv': {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
			's1-cf2': {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
			's1-api': {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
			sysmon: {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}},
			...vendorGaps(),
		},
		correlations: [],
		filters: [],
	};
	const fields = new FieldRegistry();
	const compiled: CompiledRule[] = [];
	const extras: Extras = {correlations: [], filters: []};
	const seen = new Map<string, string>();
	const add = (source: string | ParsedRuleFile, path: string, builtin: boolean) => {
		const before = extras.correlations.length;
		const parsedFile = typeof source === 'string' ? parseText(path, source) : source;
		for (const r of compileFile(parsedFile, path, fields, options, report, extras)) {
			const before = seen.get(r.info.id);
			if (before !== undefined) {
				report.skipped.push({
					path,
					id: r.info.id,
					title: r.info.title,
					reason: `duplicate id (already loaded from ${before})`,
				});
				continue;
			}
			seen.set(r.info.id, path);
			compiled.push(r);
			if (builtin) report.builtin++;
		}
		// Correlations share the id space of rules: a reference must name one thing.
		const added = extras.correlations.splice(before);
		for (const c of added) {
			const earlier = seen.get(c.id);
			if (earlier !== undefined) {
				report.skipped.push({
					path,
					document: c.document,
					id: c.id,
					title: c.title,
					reason: `duplicate id (already loaded from ${earlier})`,
				});
				continue;
			}
			seen.set(c.id, path);
			extras.correlations.push(c);
		}
	};
	if (options.builtin ?? true)
		for (const [name, text] of Object.entries(BUILTIN_RULES)) add(text, `builtin:${name}`, true);
	for (const t of texts) {
		report.files++;
		add(t.text, t.path, false);
	}
	let done = 0;
	const parsed = options.parsed as readonly ParsedRuleFile[] | undefined;
	for (const file of list.files) {
		const one = parsed ? parsed[done]! : readRuleFile(file);
		if (one.path !== file) throw new Error('loadRuleFilesAsync: parsed is not the list parsed');
		if (one.unreadable !== undefined) report.unreadable.push({path: file, reason: one.unreadable});
		else {
			report.files++;
			add(one, file, false);
		}
		yield ++done;
	}
	report.loaded = compiled.length;
	if (options.tallies ?? true) summarize(compiled, report);
	const stages = joinExtras(compiled, extras, fields, options, report);
	return {engine: new RuleEngine(compiled, fields, true, stages), report};
}

interface Extras {
	correlations: CorrelationDef[];
	filters: CompiledFilter[];
}

/** Correlations and filters joined to the rules they name, across every file loaded. */
function joinExtras(
	compiled: CompiledRule[],
	extras: Extras,
	fields: FieldRegistry,
	options: LoadOptions,
	report: LoadReport,
): {filters?: FilterSet; correlations?: CorrelationEngine} {
	const byId = new Map<string, string>();
	const byName = new Map<string, string>();
	for (const r of compiled) {
		byId.set(r.info.id, r.info.id);
		if (r.info.name && !byName.has(r.info.name)) byName.set(r.info.name, r.info.id);
	}
	let filters: FilterSet | undefined;
	if (extras.filters.length) {
		filters = new FilterSet(ref => byId.get(ref) ?? byName.get(ref));
		for (const f of extras.filters) filters.add(f);
		const dangling = filters.dangling();
		for (const f of extras.filters)
			report.filters.push({
				id: f.info.id,
				title: f.info.title,
				path: f.info.path,
				rules: f.info.rules,
				dangling: dangling.filter(d => d.filter === f.info.id).map(d => d.ref),
			});
	}
	let correlations: CorrelationEngine | undefined;
	if (extras.correlations.length) {
		const res = resolveCorrelations(
			extras.correlations,
			compiled.map(r => ({id: r.info.id, name: r.info.name, title: r.info.title})),
		);
		const why = new Map(res.skipped.map(s => [s.def, s.reason]));
		for (const s of res.skipped)
			report.skipped.push({
				path: s.def.path,
				document: s.def.document,
				id: s.def.id,
				title: s.def.title,
				reason: s.reason,
			});
		for (const d of extras.correlations)
			report.correlations.push({
				id: d.id,
				title: d.title,
				type: d.type,
				path: d.path,
				document: d.document,
				generate: d.generate,
				rules: res.references.filter(r => r.correlation === d.id).map(r => ({ref: r.ref, resolved: r.resolved})),
				skipped: why.get(d),
			});
		// The fields correlations read get their ids before the event context is sized.
		for (const {def} of res.resolved) {
			for (const g of def.groupBy) fields.id(g);
			for (const per of Object.values(def.aliases)) for (const f of Object.values(per)) fields.id(f);
			for (const f of def.condition?.fields ?? []) fields.id(f);
		}
		if (res.resolved.length) correlations = new CorrelationEngine(res.resolved, options.correlation);
	}
	return {filters, correlations};
}

const RULE_FILE = /\.ya?ml$/i;

/**
 * The rule files under `paths`, in name order. A named path that does not exist, cannot be read,
 * or holds no rule file is a problem (the CLI refuses it: a typo must not turn detection off); a
 * directory further down that cannot be read is only unreadable.
 */
export function findRuleFiles(paths: readonly string[]): RuleFileList {
	const list: RuleFileList = {files: [], problems: [], unreadable: []};
	const walk = (dir: string, top: boolean): void => {
		let entries;
		try {
			entries = readdirSync(dir, {withFileTypes: true}).sort((a, b) =>
				a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
			);
		} catch (error) {
			if (top) list.problems.push({path: dir, reason: reasonOf(error)});
			else list.unreadable.push({path: dir, reason: reasonOf(error)});
			return;
		}
		for (const e of entries) {
			const p = join(dir, e.name);
			if (e.isDirectory()) walk(p, false);
			else if (RULE_FILE.test(e.name)) list.files.push(p);
		}
	};
	for (const p of paths) {
		const before = list.files.length;
		let isDirectory: boolean;
		try {
			isDirectory = statSync(p).isDirectory();
		} catch (error) {
			list.problems.push({path: p, reason: reasonOf(error)});
			continue;
		}
		if (!isDirectory) list.files.push(p);
		else {
			walk(p, true);
			if (list.files.length === before && !list.problems.some(x => x.path === p)) {
				list.problems.push({path: p, reason: 'no rule files (.yml, .yaml) in this directory', empty: true});
			}
		}
	}
	return list;
}

/** "no such file or directory" rather than "ENOENT: no such file or directory, stat 'x'". */
function reasonOf(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	const messages: Record<string, string> = {
		ENOENT: 'no such file or directory',
		EACCES: 'permission denied',
		ENOTDIR: 'not a directory',
		EISDIR: 'is a directory',
	};
	return (e.code && messages[e.code]) || e.message;
}

/** A file read and parsed here (no `parsed` given). */
function readRuleFile(path: string): ParsedRuleFile {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		return {path, unreadable: reasonOf(error)};
	}
	return parseText(path, text);
}

function parseText(path: string, text: string): ParsedRuleFile {
	try {
		return {path, docs: parseYamlDocuments(text)};
	} catch (error) {
		return {path, yamlError: (error as Error).message};
	}
}

function compileFile(
	file: ParsedRuleFile,
	path: string,
	fields: FieldRegistry,
	options: AsyncLoadOptions,
	report: LoadReport,
	extras: Extras,
): CompiledRule[] {
	const out: CompiledRule[] = [];
	const docs = file.docs;
	if (docs === undefined) {
		report.documents++;
		report.skipped.push({path, reason: `YAML error: ${file.yamlError ?? 'unreadable'}`});
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
		const fallbackId = `${path}${document !== undefined ? `#${document}` : ''}`;
		try {
			if (doc.correlation !== undefined) {
				extras.correlations.push(parseCorrelation(doc, path, document, fallbackId, DEFAULT_LEVEL));
				return;
			}
			if (doc.filter !== undefined && doc.detection === undefined) {
				const env: CompileEnv = {
					fields,
					placeholders: options.placeholders,
					modifiers: new Set(),
					fieldNames: new Set(),
				};
				extras.filters.push(compileFilter(doc, path, fallbackId, env));
				return;
			}
			out.push(compileRule(doc, path, document, fields, options, options.lazy));
		} catch (error) {
			const reason = error instanceof RuleError ? error.message : `internal error: ${(error as Error).message}`;
			report.skipped.push({path, document, id, title, reason: reason || 'unknown error'});
		}
	});
	return out;
}

function compileRule(
	doc: Record<string, unknown>,
	path: string,
	document: number | undefined,
	fields: FieldRegistry,
	options: LoadOptions,
	lazy = false,
): CompiledRule {
	const detection = doc.detection;
	if (detection === undefined) throw new RuleError('missing detection');
	const env: CompileEnv = {fields, placeholders: options.placeholders, modifiers: new Set(), fieldNames: new Set()};
	let node = lazy ? undefined : compileDetection(detection, env);
	const ls = isMap(doc.logsource) ? doc.logsource : {};
	const logsource: Logsource = {};
	for (const k of ['category', 'product', 'service'] as const)
		if (typeof ls[k] === 'string') logsource[k] = (ls[k] as string).toLowerCase();
	const id = typeof doc.id === 'string' && doc.id ? doc.id : `${path}${document !== undefined ? `#${document}` : ''}`;
	const title = typeof doc.title === 'string' && doc.title ? doc.title : id;
	const levelText = typeof doc.level === 'string' ? doc.level.toLowerCase() : undefined;
	const level: Level = isLevel(levelText) ? levelText : DEFAULT_LEVEL;
	const status = typeof doc.status === 'string' ? doc.status : undefined;
	const tags = Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : [];
	const references = Array.isArray(doc.references)
		? doc.references.filter((t): t is string => typeof t === 'string')
		: undefined;
	const author = typeof doc.author === 'string' ? doc.author : undefined;
	const description = typeof doc.description === 'string' ? doc.description : undefined;
	const name = typeof doc.name === 'string' && doc.name ? doc.name : undefined;
	const info = {id, name, title, level, status, tags, logsource, path};
	const hit = {id, title, level, status, tags, description, references, author};
	if (node) return {info, logsource, node, hit, fieldNames: [...env.fieldNames], modifiers: [...env.modifiers]};
	const compiled = () => (node ??= compileDetection(detection, env));
	return {
		info,
		logsource,
		hit,
		get node() {
			return compiled();
		},
		get fieldNames() {
			compiled();
			return [...env.fieldNames];
		},
		get modifiers() {
			compiled();
			return [...env.modifiers];
		},
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

function vendorGaps(): Record<VendorSigmaFormat, FormatFieldGaps> {
	const out = {} as Record<VendorSigmaFormat, FormatFieldGaps>;
	for (const f of VENDOR_SIGMA_FORMATS) out[f] = {applicable: 0, rulesWithUnsuppliedFields: 0, fields: {}, rules: []};
	return out;
}

function summarize(rules: CompiledRule[], report: LoadReport): void {
	const vendorRoutes = VENDOR_SIGMA_FORMATS.map(format => ({format, routes: allVendorRoutes(format)}));
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
		// Per vendor format: a field is missing when no route of the rule's logsource supplies it.
		for (const {format, routes} of vendorRoutes) {
			const fit = routes.filter(route => appliesTo(ls, route));
			if (fit.length === 0) continue;
			const gaps = report.fieldGaps[format];
			gaps.applicable++;
			const missing = r.fieldNames.filter(f => !fit.some(route => vendorSupplies(format, route.category, f)));
			if (missing.length) {
				gaps.rulesWithUnsuppliedFields++;
				gaps.rules?.push({id: r.info.id, title: r.info.title, path: r.info.path, fields: missing});
			}
			for (const f of missing) bump(gaps.fields, f);
		}
	}
}

export type {SkippedRule};
