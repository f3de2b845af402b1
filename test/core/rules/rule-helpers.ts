// Builders for rule tests: a rule from a detection block, and events in Sysmon and S1 shape.
import type {Category, ProcessInfo} from '../../../source/core/event.js';
import type {DecodedEvent} from '../../../source/core/formats/index.js';
import {loadRuleTexts} from '../../../source/core/rules/index.js';

export function ruleText(
	detection: string,
	logsource = 'category: process_creation\n  product: windows',
	extra = '',
): string {
	return `title: Test rule
id: 00000000-0000-4000-8000-000000000001
level: high
logsource:
  ${logsource}
detection:
${detection
	.trim()
	.split('\n')
	.map(l => `  ${l}`)
	.join('\n')}
${extra}`;
}

export function engineFor(
	detection: string,
	options: {placeholders?: Record<string, string[]>; logsource?: string} = {},
) {
	return loadRuleTexts([{path: 'test.yml', text: ruleText(detection, options.logsource)}], {
		builtin: false,
		placeholders: options.placeholders,
	});
}

const BASE = {family: 'process', receivedAt: 0, target: {}, summary: '', hits: [], raw: null} as const;

export function sysmonEvent(fields: Record<string, string>, category: Category = 'Process Creation'): DecodedEvent {
	return {
		...BASE,
		category,
		family: 'process',
		format: 'sysmon',
		os: 'windows',
		sigmaFields: {EventID: '1', Channel: 'Microsoft-Windows-Sysmon/Operational', ...fields},
		target: {},
		hits: [],
	};
}

export function s1ProcessCreation(
	child: ProcessInfo,
	parent: ProcessInfo,
	format: 's1-cf2' | 's1-dv' = 's1-cf2',
): DecodedEvent {
	return {
		...BASE,
		category: 'Process Creation',
		format,
		os: 'windows',
		host: 'WS-01',
		actor: parent,
		target: {process: child},
		hits: [],
	};
}

/** True when the one-rule engine built from this detection hits the event. */
export function matches(
	detection: string,
	fields: Record<string, string>,
	options: {placeholders?: Record<string, string[]>} = {},
): boolean {
	const {engine, report} = engineFor(detection, options);
	const [skipped] = report.skipped;
	if (skipped) throw new Error(`rule skipped: ${skipped.reason}`);
	return engine.evaluate(sysmonEvent(fields)).length > 0;
}

export function skipReason(
	detection: string,
	options: {placeholders?: Record<string, string[]>} = {},
): string | undefined {
	return engineFor(detection, options).report.skipped[0]?.reason;
}
