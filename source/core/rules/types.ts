// What the rules stage tells the rest of edrtail: the rules it holds and how loading went.
import type {Level} from '../event.js';
import type {VendorSigmaFormat} from '../formats/index.js';
import type {CorrelationOptions} from './correlation/index.js';
import type {Logsource} from './logsource.js';

export interface LoadedRuleInfo {
	id: string;
	/** The rule's `name`, by which correlations and filters may refer to it. */
	name?: string;
	title: string;
	level: Level;
	status?: string;
	tags: string[];
	logsource: Logsource;
	/** File the rule came from ("builtin:<name>" for the project's own rules). */
	path: string;
}

export interface SkippedRule {
	path: string;
	/** 0-based document index inside a multi-document file. */
	document?: number;
	id?: string;
	title?: string;
	reason: string;
}

export interface FormatFieldGaps {
	/** Rules that can apply to this format's events. */
	applicable: number;
	/** Of those, rules naming at least one field the format cannot supply. */
	rulesWithUnsuppliedFields: number;
	/** Unsupplied field -> number of rules naming it. */
	fields: Record<string, number>;
	/** The vendor formats (mde, cs-fdr, ocsf): each such rule and the fields it names that are missing. */
	rules?: Array<{id: string; title: string; path: string; fields: string[]}>;
}

export interface LoadReport {
	/** Rule files read (YAML files found under the paths, plus files named directly). */
	files: number;
	/** Rule documents seen (a file may hold several). */
	documents: number;
	loaded: number;
	builtin: number;
	skipped: SkippedRule[];
	/** Paths that could not be read at all. */
	unreadable: Array<{path: string; reason: string}>;
	/** Loaded rules using each modifier. */
	byModifier: Record<string, number>;
	/** Loaded rules per logsource, "product/category" or "product/service". */
	byLogsource: Record<string, number>;
	byLevel: Record<string, number>;
	/** Loaded rules that no event of any supported format can reach (e.g. category webserver). */
	unroutable: number;
	/** Per format: rules that name fields the format cannot supply (OriginalFileName on S1). */
	fieldGaps: Record<'s1-dv' | 's1-cf2' | 's1-api' | 'sysmon' | VendorSigmaFormat, FormatFieldGaps>;
	/** Every correlation document that parsed, loaded or not (`skipped` says why not). */
	correlations: CorrelationReport[];
	/** Every filter document that compiled, with the references that name no loaded rule. */
	filters: FilterReport[];
}

export interface CorrelationReport {
	id: string;
	title: string;
	type: string;
	path: string;
	document?: number;
	generate: boolean;
	/** Each reference as written and what it resolved to (absent: nothing). */
	rules: Array<{ref: string; resolved?: {kind: 'rule' | 'correlation'; id: string}}>;
	skipped?: string;
}

export interface FilterReport {
	id: string;
	title: string;
	path: string;
	rules: string[] | 'any';
	/** References that name no loaded rule. */
	dangling: string[];
}

export interface LoadOptions {
	/** Add the project's built-in rules (default true). */
	builtin?: boolean;
	/** Values for `expand` placeholders (name -> values). */
	placeholders?: Record<string, string[]>;
	/** Late allowance and state caps of the correlations. */
	correlation?: CorrelationOptions;
}

/** What findRuleFiles found under the paths it was given. */
export interface RuleFileList {
	/** Rule files in load order. */
	files: string[];
	/** Named paths that give no rules: missing, unreadable, or a directory holding no rule file (`empty`). */
	problems: Array<{path: string; reason: string; empty?: boolean}>;
	/** Directories below a named path that could not be read. */
	unreadable: Array<{path: string; reason: string}>;
}
