// DNS answers as SentinelOne and Sysmon write them: one string, entries separated by ";", CNAMEs as
// "type:  5 name": "type:  5 googlehosted.l.googleusercontent.com;142.250.179.65;".

export interface DnsAnswers {
	/** Every entry, CNAME names included, joined with ", ". */
	answers?: string;
	/** Addresses only (what a person wants in the summary). */
	addresses: string[];
}

const MAX_ENTRIES = 64;

/** '' (present, no answer) stays '': rules tell it from an absent field. */
export function parseDnsResults(results: string | undefined): DnsAnswers {
	if (!results) return {answers: results === '' ? '' : undefined, addresses: []};
	const all: string[] = [];
	const addresses: string[] = [];
	const text = results.length > 16_384 ? results.slice(0, 16_384) : results;
	for (const part of text.split(';')) {
		if (all.length >= MAX_ENTRIES) break;
		let entry = part.trim();
		if (entry === '') continue;
		let isName = false;
		if (entry.startsWith('type:')) {
			// "type:  5 name": drop the record type, keep the name.
			entry = entry.slice(5).trimStart();
			const space = entry.indexOf(' ');
			entry = space === -1 ? entry : entry.slice(space + 1).trim();
			isName = true;
			if (entry === '') continue;
		}
		// Sysmon writes IPv4 answers as IPv4-mapped IPv6.
		if (!isName && entry.startsWith('::ffff:') && entry.includes('.')) entry = entry.slice(7);
		all.push(entry);
		if (!isName && looksLikeAddress(entry)) addresses.push(entry);
	}
	return {answers: all.length > 0 ? all.join(', ') : undefined, addresses};
}

function looksLikeAddress(s: string): boolean {
	const c = s.charCodeAt(0);
	return (c >= 48 && c <= 57) || s.includes(':');
}
