import {ConfigError} from './errors.js';

/** A flag that must be a positive number when given. */
export function positive(value: number | undefined, flag: string): number | undefined {
	if (value === undefined) return undefined;
	if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${flag} must be a positive number (got ${value})`);
	return value;
}

/** A count: a positive whole number when given. */
export function positiveInteger(value: number | undefined, flag: string): number | undefined {
	const n = positive(value, flag);
	if (n !== undefined && !Number.isInteger(n)) throw new ConfigError(`${flag} must be a whole number (got ${n})`);
	return n;
}
