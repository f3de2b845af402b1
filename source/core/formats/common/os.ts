/** "Windows 10 Pro", "windows", "osx", "Darwin", "linux" -> windows | linux | macos (else as given, lowercase). */
export function normalizeOs(...candidates: Array<string | undefined>): string | undefined {
	for (const c of candidates) {
		if (!c) continue;
		const s = c.toLowerCase();
		if (s.includes('win')) return 'windows';
		if (
			s.includes('linux') ||
			s.includes('ubuntu') ||
			s.includes('centos') ||
			s.includes('debian') ||
			s.includes('red hat')
		)
			return 'linux';
		if (s.includes('osx') || s.includes('mac') || s.includes('darwin')) return 'macos';
		return s.length > 32 ? s.slice(0, 32) : s;
	}
	return undefined;
}
