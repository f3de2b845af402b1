// The screen's modes and the fixed lists the keys walk through.
import {CATEGORIES, EDR_FAMILIES, FAMILY_CATEGORIES, type Category, type Family} from '../core/event.js';

export const MODES = [
	'feed',
	'detail',
	'search',
	'help',
	'latency',
	// Kafka: each partition's high watermark, position, lag and fetch rate.
	'partitions',
	'picker',
	'rules',
	'export',
	'tree',
	'find',
	// The storyline view (s): the selected event's story as one play-by-play list.
	'story',
	// The jump-to-time prompt (@).
	'goto',
	// A correlation hit's events, a correlation's live groups, the filter builder and its file name.
	'members',
	'groups',
	'tune',
	'tune-path',
] as const;
export type Mode = (typeof MODES)[number];
/** Modes where printable keys are text, not commands. */
export const TEXT_MODES: readonly Mode[] = ['search', 'export', 'find', 'tune-path', 'goto'];

/** The families the digit keys 1-8 toggle, in order. */
export const TOGGLE_FAMILIES: readonly Family[] = [...EDR_FAMILIES, 'other'];
/** Everything the category picker lists, in order. */
export const PICKER_CATEGORIES: readonly Category[] = CATEGORIES;

export function categoriesOfFamily(family: Family): readonly Category[] {
	if (family === 'other' || family === 'undecodable' || family === 'correlation') return [family];
	return FAMILY_CATEGORIES[family];
}
