// `edrtail check` flags -> what the check is given. The connection is resolved after these checks,
// as for the feed.
import {checkCheckFlags} from './applies.js';
import {ConfigError} from './errors.js';
import {connectionFlagsOf, type ConnectionFlags, type ParsedFlags} from './flags.js';
import {splitList} from './lists.js';

export interface CheckConfig {
	connection: ConnectionFlags;
	/** Only these topics; empty: every topic the broker lets us see. */
	topics: string[];
	group?: string;
	json: boolean;
}

export function buildCheckConfig(flags: ParsedFlags, rest: string[]): CheckConfig {
	if (rest.length) throw new ConfigError(`check takes no arguments (got ${rest.join(' ')})`);
	checkCheckFlags(flags);
	const topics = (flags.topic ?? []).flatMap(t => splitList(t));
	const pattern = topics.find(t => t.startsWith('/'));
	if (pattern) throw new ConfigError(`check -t takes topic names, not patterns (got ${pattern})`);
	return {
		connection: {...connectionFlagsOf(flags), brokers: (flags.brokers ?? []).flatMap(b => splitList(b))},
		topics,
		group: flags.group,
		json: flags.json === true,
	};
}
