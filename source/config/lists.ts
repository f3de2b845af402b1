/**
 * "a, b,c" -> ["a", "b", "c"], empty items dropped. `flag` lists (repeatable flags) keep a /regex/
 * whole, since a topic pattern may itself contain commas; `broker` lists (bootstrap.servers,
 * EDRTAIL_BROKERS) also split at whitespace, as librdkafka does.
 */
export function splitList(value: string, style: 'flag' | 'broker' = 'flag'): string[] {
	if (style === 'flag' && value.startsWith('/') && value.endsWith('/') && value.length > 1) return [value];
	return value
		.split(style === 'flag' ? ',' : /[,\s]+/)
		.map(s => s.trim())
		.filter(Boolean);
}
