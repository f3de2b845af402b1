// argv checked before meow sees it, because meow (yargs) guesses: a value that starts with "-"
// becomes a flag (`--search -host:x`), a value-taking flag at the end takes "" (`--file`), a number
// that is not one becomes NaN, and an unknown flag ends the process with a bare "Unknown flag".
// Here every token is either a known flag with its value attached (`--search=-host:x`), a known
// boolean, or an argument; anything else is a ConfigError naming the flag, with a suggestion.
import {ConfigError, suggest} from '../config/index.js';

export interface FlagSpec {
	type: 'boolean' | 'string' | 'number';
	shortFlag?: string;
	isMultiple?: boolean;
}

export type ArgvResult = {kind: 'help'} | {kind: 'version'} | {kind: 'run'; argv: string[]};

const kebab = (name: string) => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);

interface Known {
	name: string;
	spec: FlagSpec;
}

/** Every spelling of every flag: --long, -S (short), --no-long (booleans). */
function table(flags: Record<string, FlagSpec>): Map<string, Known & {negated?: boolean}> {
	const out = new Map<string, Known & {negated?: boolean}>();
	for (const [name, spec] of Object.entries(flags)) {
		out.set(`--${kebab(name)}`, {name, spec});
		if (spec.shortFlag) out.set(`-${spec.shortFlag}`, {name, spec});
		if (spec.type === 'boolean') out.set(`--no-${kebab(name)}`, {name, spec, negated: true});
	}
	return out;
}

/**
 * Checks argv against the flag table and returns it with every value attached to its flag, so meow
 * cannot misread it; or asks for help (-h, --help, `edrtail help`) or the version.
 */
export function readArgv(argv: readonly string[], flags: Record<string, FlagSpec>): ArgvResult {
	const known = table(flags);
	const out: string[] = [];
	const seen = new Map<string, string>();
	const positional: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') {
			positional.push(...argv.slice(i + 1));
			break;
		}
		if (arg === '-' || !arg.startsWith('-')) {
			if (positional.length === 0 && arg === 'help') return {kind: 'help'};
			positional.push(arg);
			continue;
		}
		if (arg === '-h' || arg === '--help') return {kind: 'help'};
		if (arg === '--version') return {kind: 'version'};
		const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
		let spelling = eq === -1 ? arg : arg.slice(0, eq);
		let attached = eq === -1 ? undefined : arg.slice(eq + 1);
		// kcat style: -Xkey=value, -bhost:9092.
		const short = arg.startsWith('--') || arg.length <= 2 ? undefined : known.get(arg.slice(0, 2));
		if (short && short.spec.type !== 'boolean') {
			spelling = arg.slice(0, 2);
			attached = arg.slice(2).replace(/^=/, '');
		}
		const flag = known.get(spelling);
		if (!flag) throw new ConfigError(unknownFlag(spelling, known));
		const {name, spec, negated} = flag;
		const long = `--${kebab(name)}`;
		if (spec.type === 'boolean') {
			if (attached !== undefined && !/^(true|false)$/.test(attached)) {
				throw new ConfigError(`${long} takes no value (got "${attached}")`);
			}
			const value = negated ? attached === 'false' : attached !== 'false';
			// The last of `--json --no-json` wins, as in most tools; the flag is given once to meow.
			seen.set(name, String(value));
			continue;
		}
		let value = attached;
		if (value === undefined) {
			const next = argv[i + 1];
			if (next === undefined || isFlag(next, known)) {
				const got =
					next === undefined ? '' : ` (got the flag ${next}; a value that starts with - goes as ${long}=VALUE)`;
				throw new ConfigError(`${long} needs a value${got}`);
			}
			value = next;
			i++;
		}
		if (value === '' && name !== 'search') throw new ConfigError(`${long} needs a value (got "")`);
		if (spec.type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
			throw new ConfigError(`${long} must be a number (got "${value}")`);
		}
		if (!spec.isMultiple) {
			const before = seen.get(name);
			if (before !== undefined)
				throw new ConfigError(`${long} is given twice ("${before}" and "${value}"): give it once`);
			seen.set(name, value);
			continue;
		}
		out.push(`--${kebab(name)}=${value}`);
	}
	for (const [name, value] of seen) out.push(`--${kebab(name)}=${value}`);
	return {kind: 'run', argv: positional.length ? [...out, '--', ...positional] : out};
}

function isFlag(token: string, known: Map<string, Known>): boolean {
	if (token === '-h' || token === '--help') return true;
	const eq = token.startsWith('--') ? token.indexOf('=') : -1;
	return known.has(eq === -1 ? token : token.slice(0, eq));
}

function unknownFlag(spelling: string, known: Map<string, Known>): string {
	const near = suggest(spelling, [...known.keys(), '--help']);
	return `unknown flag ${spelling}${near ? ` (did you mean ${near}?)` : ''}: edrtail --help lists the flags`;
}
