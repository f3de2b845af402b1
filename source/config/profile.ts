// Named connections in $XDG_CONFIG_HOME/edrtail/config.json (or ~/.config/edrtail/config.json):
//   {"defaultProfile": "lab", "profiles": {"lab": {"bootstrap.servers": "...", "saslUsername": "..."}}}
// A profile's keys are property keys (dotted) or flag names (brokers, saslMechanism, tlsCa, ...),
// plus saslPasswordFile.
import type {FileReader} from './files.js';
import type {ConnectionFlags} from './flags.js';
import {splitList} from './lists.js';
import {fromProperties} from './properties.js';
import {assignDefined, fromFlags, type Settings} from './settings.js';
import {ConfigError} from './errors.js';
import {suggest} from './suggest.js';

/** Where profiles live: $XDG_CONFIG_HOME/edrtail/config.json, else ~/.config/edrtail/config.json. */
export function configFilePath(env: Record<string, string | undefined>): string | undefined {
	if (env.XDG_CONFIG_HOME) return `${env.XDG_CONFIG_HOME}/edrtail/config.json`;
	if (env.HOME) return `${env.HOME}/.config/edrtail/config.json`;
	return undefined;
}

export interface ProfileInput {
	/** The profile asked for (--profile, else EDRTAIL_PROFILE); else the file's defaultProfile. */
	wanted: string | undefined;
	/** The config file; undefined: no HOME to look in. */
	path: string | undefined;
	readFile: FileReader;
}

/** The profile's settings layer; undefined when none is asked for and the file names no default. */
export function loadProfile(input: ProfileInput, ignored: string[]): {name: string; settings: Settings} | undefined {
	const {path, wanted} = input;
	let text: string | undefined;
	if (path) {
		try {
			text = input.readFile(path);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'ENOENT') throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
		}
	}
	if (text === undefined) {
		const where = path ?? '$XDG_CONFIG_HOME/edrtail/config.json';
		if (wanted) throw new ConfigError(`profile "${wanted}": no config file at ${where}`);
		return undefined;
	}
	let config: {profiles?: Record<string, Record<string, unknown>>; defaultProfile?: string};
	try {
		config = JSON.parse(text);
	} catch (error) {
		// Not the parser's message: it may quote the text around the error, and that may be a secret.
		throw new ConfigError(`${path}: not valid JSON${jsonWhere(text, (error as Error).message)}`);
	}
	const profiles = config.profiles ?? {};
	const name = wanted ?? config.defaultProfile;
	if (!name) return undefined;
	const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
	if (!profile || typeof profile !== 'object') {
		const names = Object.keys(profiles);
		throw new ConfigError(
			`profile "${name}" not found in ${path}${names.length ? ` (there: ${names.join(', ')})` : ''}`,
		);
	}
	return {name, settings: profileSettings(profile, `${path} profile ${name}`, ignored)};
}

// The profile keys named like the flags (brokers is split like bootstrap.servers).
const PROFILE_KEYS: readonly string[] = [
	'saslMechanism',
	'saslUsername',
	'saslPasswordFile',
	'tls',
	'tlsCa',
	'tlsCert',
	'tlsKey',
	'tlsNoVerifyHostname',
	'tlsInsecure',
	'clientId',
];

function profileSettings(profile: Record<string, unknown>, origin: string, ignored: string[]): Settings {
	const pairs: Array<[string, string]> = [];
	const flagPart: ConnectionFlags = {};
	for (const [key, value] of Object.entries(profile)) {
		if (key.includes('.')) pairs.push([key, String(value)]);
		else if (key === 'brokers' && typeof value === 'string') flagPart.brokers = splitList(value, 'broker');
		else if (PROFILE_KEYS.includes(key)) (flagPart as Record<string, unknown>)[key] = value;
		else {
			const near = suggest(key, [...PROFILE_KEYS, 'brokers']);
			throw new ConfigError(`${origin}: unknown key ${key}${near ? ` (did you mean ${near}?)` : ''}`);
		}
	}
	const settings = fromProperties(pairs, origin, ignored);
	assignDefined(settings, fromFlags(flagPart));
	const passwordFile = profile.saslPasswordFile;
	if (typeof passwordFile === 'string' && settings.password === undefined) settings.passwordFile = passwordFile;
	return settings;
}

/** " at line L column C" from JSON.parse's "at position N", else "". */
function jsonWhere(text: string, message: string): string {
	const m = /at position (\d+)/.exec(message);
	if (!m) return '';
	const before = text.slice(0, Number(m[1]));
	const line = before.split('\n').length;
	return ` at line ${line} column ${before.length - before.lastIndexOf('\n')}`;
}
