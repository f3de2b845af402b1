// Sigma levels, least to most severe: the one ranking every part of edrtail uses (--min-level, the
// search's level>=high, the rules panel's order, the level that marks a feed row).
import {LEVELS, type Level} from '../event.js';

export function isLevel(v: unknown): v is Level {
	return typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
}

/** informational 0, low 1, medium 2, high 3, critical 4; -1 for anything that is not a level. */
export function levelRank(level: Level | string): number {
	return (LEVELS as readonly string[]).indexOf(level);
}

/** For --min-level: true when level is min or more severe. */
export function levelAtLeast(level: Level, min: Level): boolean {
	return levelRank(level) >= levelRank(min);
}
