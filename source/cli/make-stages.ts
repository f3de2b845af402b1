import type {EdrEvent, RuleHit} from '../core/event.js';
import {decodeRecord, type DecodeOptions} from '../core/formats/index.js';
import type {PipelineStages} from '../core/pipeline.js';
import type {EventSource} from '../core/sources/index.js';
import {TimeWindow} from '../core/time-window.js';
import {levelAtLeast, type LoadReport, type RuleEngine} from '../core/rules/index.js';
import {eventPasses, parseQuery} from '../core/view/index.js';
import type {RunConfig} from '../config/index.js';

export interface LoadedRules {
	engine?: RuleEngine;
	report?: LoadReport;
}

/** The forced format and the inflate cap. */
export function decodeOptionsOf(config: RunConfig): DecodeOptions {
	return {format: config.format, maxInflateBytes: config.maxInflateBytes};
}

/** decode (with the forced format and inflate cap) and rules (with --min-level applied to hits). */
export function makeStages(config: RunConfig, rules: LoadedRules): PipelineStages {
	// Headless output writes each raw as JSON: decode keeps the text it parsed (see DecodeOptions).
	// With --hits-only few events are written, and s1-dv's text would be made for all of them.
	const decodeOptions = {...decodeOptionsOf(config), rawJson: config.output === 'json' && !config.filter.hitsOnly};
	const engine = rules.engine;
	const min = config.rules.minLevel;
	const keepAll = min === undefined || min === 'informational';
	const keep = (hits: RuleHit[]) => (keepAll ? hits : hits.filter(h => levelAtLeast(h.level, min)));
	return {
		decode: record => decodeRecord(record, decodeOptions),
		evaluate: engine ? event => keep(engine.evaluate(event)) : undefined,
		// Correlation hits obey --min-level like any hit: one below it is not shown at all.
		derived: engine?.correlations
			? () => engine.takeDerived().filter(ev => keepAll || ev.hits.some(h => levelAtLeast(h.level, min)))
			: undefined,
	};
}

/**
 * The stages with the --since/--until window (unchanged without either). A partition that passed
 * --until is finished in the Kafka source; any other source has one stream, and `end` ends the run.
 */
export function withTimeWindow(
	stages: PipelineStages,
	config: Pick<RunConfig, 'time'>,
	source: () => EventSource,
	end: () => void,
): PipelineStages {
	const {since, until} = config.time;
	if (since === undefined && until === undefined) return stages;
	const window = new TimeWindow({since, until}, stream => {
		const current = source();
		if (stream && current.finishPartition) current.finishPartition(stream.topic, stream.partition);
		else end();
	});
	return {...stages, window};
}

/** --category, --hits-only and --search for NDJSON output: the same filter the screen uses. */
export function makeOutputFilter(config: RunConfig): (event: EdrEvent) => boolean {
	const {categories, hitsOnly, search} = config.filter;
	const allowed = categories ? new Set<string>(categories) : undefined;
	const query = search ? parseQuery(search) : undefined;
	if (query && query.errors.length) throw new Error(`--search: ${query.errors[0]}`);
	return event => {
		if (allowed && !allowed.has(event.category)) return false;
		if (hitsOnly && event.hits.length === 0) return false;
		return query ? eventPasses(event, {hiddenCategories: new Set(), hitsOnly: false, query}) : true;
	};
}
