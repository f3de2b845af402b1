// The Kafka values read when the source is made (not in buildConfig: a relative --from counts from
// when the source starts, and a retried source counts again).
import {parseStartPosition, type StartPosition} from '../core/sources/start-position.js';
import {ConfigError} from './errors.js';

/** `/^dv-.*\/` subscribes by pattern; anything else is a topic name. */
export function topicOrPattern(text: string): string | RegExp {
	if (text.length > 2 && text.startsWith('/') && text.endsWith('/')) {
		try {
			return new RegExp(text.slice(1, -1));
		} catch (error) {
			throw new ConfigError(`-t ${text}: not a valid pattern (${(error as Error).message})`);
		}
	}
	return text;
}

/** The --from text as a start position, relative times counted from `now`. */
export function startPositionOf(text: string, now?: number): StartPosition {
	try {
		return parseStartPosition(text, now);
	} catch (error) {
		throw new ConfigError(`--from: ${(error as Error).message}`);
	}
}
