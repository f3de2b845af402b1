// The rules stage: Sigma rules loaded, compiled and evaluated against normalized events.
export {
	findRuleFiles,
	loadRuleFilesAsync,
	loadRules,
	loadRuleTexts,
	parseRuleFiles,
	parseRuleFileSlice,
	type AsyncLoadOptions,
	type ParsedRuleFeed,
	type ParsedRuleFile,
} from './loader.js';
export {RuleEngine, type CompiledRule, type RouteStats} from './engine.js';
export {formatLoadReport} from './report.js';
export {loadPlaceholders} from './placeholders.js';
export {levelAtLeast, levelRank, isLevel} from './levels.js';
export {mergeSpans, type Span} from './spans.js';
export {compileCidr} from './cidr.js';
export {BUILTIN_RULES} from './builtin.js';
export {filterYaml, sigmaLiteral, type FilterSpec} from './filter-yaml.js';
export type {CompiledFilter, FilterInfo, FilterSet} from './filters.js';
export {
	answerTuning,
	bufferedOf,
	compileFilterText,
	engineTuning,
	fieldValuesOf,
	suppressedHits,
	tuningBackend,
	MAX_ANSWER_GROUPS,
	MAX_GROUP_SEQS,
	type AddFilterResult,
	type BufferedSuppressed,
	type StandaloneFilter,
	type SuppressedHit,
	type TuningAnswer,
	type TuningAsk,
	type TuningBackend,
	type TuningStatus,
} from './tuning.js';
export type {CorrelationEngine, CorrelationStats, LiveGroup} from './correlation/index.js';
export type {
	CorrelationReport,
	FilterReport,
	LoadedRuleInfo,
	LoadReport,
	LoadOptions,
	RuleFileList,
	SkippedRule,
	FormatFieldGaps,
} from './types.js';
export type {Logsource} from './logsource.js';
