// Small readers for attacker-controlled values: everything arrives as `unknown` and leaves as a
// string or number of bounded size, or undefined. None of them throws.

/** Longest summary, in characters (a 10 MB command line must not make a 10 MB row). */
export const SUMMARY_MAX = 500;

export function str(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return undefined;
}

/**
 * Like str, but an empty string stays a value. For the fields rules read: Sigma tells a field
 * present with '' (`Field: ''`) from an absent one (`Field: null`), so a decoder must not fold them.
 */
export function text(value: unknown): string | undefined {
	return value === '' ? '' : str(value);
}

export function num(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value !== '') {
		const n = Number(value);
		return Number.isFinite(n) ? n : undefined;
	}
	return undefined;
}

/** Like num, for values that must be whole numbers >= 0 (pids, ports, exit codes). */
export function uint(value: unknown): number | undefined {
	const n = num(value);
	return n !== undefined && n >= 0 && Number.isSafeInteger(n) ? n : undefined;
}

export function bool(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'True' || value === 1 || value === '1') return true;
	if (value === 'false' || value === 'False' || value === 0 || value === '0') return false;
	return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value under a path of keys (`at(p, 'fullPid', 'pid')`), undefined where a step is not an object. */
export function at(value: unknown, ...keys: string[]): unknown {
	let v = value;
	for (const key of keys) {
		if (!isObject(v)) return undefined;
		v = v[key];
	}
	return v;
}

/** Last path segment, for either separator: "C:\\Windows\\cmd.exe" -> "cmd.exe". */
export function basename(path: string | undefined): string | undefined {
	if (!path) return undefined;
	let end = path.length;
	while (end > 0 && (path[end - 1] === '\\' || path[end - 1] === '/')) end--;
	const cut = Math.max(path.lastIndexOf('\\', end - 1), path.lastIndexOf('/', end - 1));
	const name = path.slice(cut + 1, end);
	return name === '' ? undefined : name;
}

// Line breaks and tabs (multi-line PowerShell, scripts): a row is one line. Other control characters
// stay, so every display shows them as visible escapes (view/sanitize.ts) instead of hiding what
// an attacker put there; JSON output escapes them anyway.
const CONTROL_RUN = /[\t\n\v\f\r\u2028\u2029]+/g;

/** One line, line breaks collapsed to a space, at most `max` characters. */
export function oneLine(text: string, max = SUMMARY_MAX): string {
	// Clip first so the replace never walks a huge string.
	let s = text.length > max * 2 ? text.slice(0, max * 2) : text;
	s = s.replace(CONTROL_RUN, ' ');
	if (s.length > max) s = `${s.slice(0, max - 1)}…`;
	return s;
}

/** Bounded piece of text for building summaries; keeps the head. */
export function clip(text: string | undefined, max = SUMMARY_MAX): string | undefined {
	if (text === undefined) return undefined;
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
