import {LEVELS, type Level} from '../event.js';

export function isLevel(v: unknown): v is Level {
	return typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
}

/** For --min-level: true when level is min or more severe. */
export function levelAtLeast(level: Level, min: Level): boolean {
	return LEVELS.indexOf(level) >= LEVELS.indexOf(min);
}
