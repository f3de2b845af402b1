// Spellings shared by the SentinelOne renderings.
import type {DemoOs, DemoTarget} from './model.js';

/** SentinelOne spells hives MACHINE\ and USER\ and names the real control set. */
export function s1RegistryPath(key: string): string {
	let p = key;
	if (p.startsWith('HKLM\\')) p = `MACHINE\\${p.slice(5)}`;
	else if (p.startsWith('HKU\\')) p = `USER\\${p.slice(4)}`;
	return p.replace('\\CurrentControlSet\\', '\\ControlSet001\\');
}

/** Value events carry the value name at the end of the path (what Sigma calls TargetObject). */
export function registryTargetPath(reg: NonNullable<DemoTarget['registry']>): string {
	return reg.valueName === undefined ? reg.key : `${reg.key}\\${reg.valueName}`;
}

/** "type:  5 cname;1.2.3.4;" as the agent writes DNS results. */
export function s1DnsResults(answers: readonly string[], mapV4 = false): string {
	let out = '';
	for (const a of answers) out += a.startsWith('cname:') ? `type:  5 ${a.slice(6)};` : `${mapV4 ? '::ffff:' : ''}${a};`;
	return out;
}

export function s1OsFamily(os: DemoOs): string {
	return os === 'macos' ? 'osx' : os;
}

export const REG_TYPE_NUMBERS = {REG_SZ: 1, REG_EXPAND_SZ: 2, REG_BINARY: 3, REG_DWORD: 4, REG_QWORD: 11} as const;

export function isoTime(ms: number): string {
	return new Date(ms).toISOString();
}
