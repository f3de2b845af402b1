// Lowercasing that keeps every character at its index, so spans found in the lowercase copy of a
// value point at the same characters in the original (toLowerCase can lengthen: 'İ' -> 'i̇').
export function lower(s: string): string {
	const l = s.toLowerCase();
	if (l.length === s.length) return l;
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const unit = s.charAt(i);
		const c = unit.toLowerCase();
		out += c.length === 1 ? c : unit;
	}
	return out;
}

export function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Any event value as the string a rule compares with; objects and arrays have no string form. */
export function asText(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
	return undefined;
}
