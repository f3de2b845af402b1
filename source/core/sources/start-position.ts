// `--from latest|earliest|<ISO time>|-15m|<offset>`: where a Kafka source starts reading.

export type StartPosition =
	| {kind: 'latest'}
	/** Where the consumer group left off (its committed offsets), else latest: a named group resumes. */
	| {kind: 'committed'}
	| {kind: 'earliest'}
	/** The first record whose timestamp is at or after `time` (ms since epoch), per partition. */
	| {kind: 'time'; time: number}
	/** The same absolute offset in every partition, clamped to what each partition holds. */
	| {kind: 'offset'; offset: string};

const UNIT_MS = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000} as const;

/** Parses the `--from` text; throws an Error with a one-line message on anything else. */
export function parseStartPosition(text: string, now: number = Date.now()): StartPosition {
	const value = text.trim();
	const lower = value.toLowerCase();
	if (lower === 'latest' || lower === 'end' || lower === 'now') return {kind: 'latest'};
	if (lower === 'earliest' || lower === 'beginning') return {kind: 'earliest'};
	if (lower === 'committed' || lower === 'resume') return {kind: 'committed'};

	const relative = /^-(\d+(?:\.\d+)?)([smhd])$/.exec(lower);
	if (relative) {
		const amount = Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
		return {kind: 'time', time: Math.round(now - amount)};
	}
	if (/^-\d+(?:\.\d+)?$/.test(lower)) {
		throw new Error(`"${value}" needs a unit: -30s, -15m, -2h or -1d`);
	}
	// Offsets are int64: keep the digits as text so nothing is rounded.
	if (/^\d+$/.test(value)) {
		if (value.length > 19 || BigInt(value) > 9_223_372_036_854_775_807n)
			throw new Error(`offset ${value} is larger than Kafka's int64`);
		return {kind: 'offset', offset: BigInt(value).toString()};
	}
	// A date: 2026-11-27, 2026-11-27T10:00:00Z, 2026-11-27 10:00:00+01:00 ...
	if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value)) {
		const time = Date.parse(value.replace(' ', 'T'));
		if (Number.isFinite(time)) return {kind: 'time', time};
		throw new Error(`"${value}" is not a valid date and time`);
	}
	throw new Error(
		`"${value}" is not a start position: use latest, earliest, committed, an ISO time (2026-11-27T10:00:00Z), a relative time (-15m, -2h, -1d) or an offset`,
	);
}

/** Short text for labels and errors. */
export function describeStartPosition(position: StartPosition): string {
	switch (position.kind) {
		case 'latest':
		case 'earliest':
		case 'committed':
			return position.kind;
		case 'time':
			return new Date(position.time).toISOString();
		case 'offset':
			return `offset ${position.offset}`;
	}
}
