// Driving Ink components in tests: keys as the terminal sends them, and waiting for a frame to
// contain something instead of sleeping fixed times.
export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	enter: '\r',
	escape: '\u001B',
	ctrlC: '\u0003',
	backspace: '\u007F',
} as const;

export const tick = (ms = 0) => new Promise(resolve => setTimeout(resolve, ms));

interface Rendered {
	lastFrame(): string | undefined;
}

/** Polls until `lastFrame()` satisfies `test`; throws with the last frame after `timeoutMs`. */
export async function waitForFrame(
	app: Rendered,
	test: string | RegExp | ((frame: string) => boolean),
	timeoutMs = 3000,
): Promise<string> {
	const ok =
		typeof test === 'string'
			? (f: string) => f.includes(test)
			: test instanceof RegExp
				? (f: string) => test.test(f)
				: test;
	const deadline = Date.now() + timeoutMs;
	let frame = '';
	for (;;) {
		frame = app.lastFrame() ?? '';
		if (ok(frame)) return frame;
		if (Date.now() > deadline) throw new Error(`frame never matched ${String(test)}; last frame:\n${frame}`);
		await tick(10);
	}
}

/** Waits until `check` returns true (callbacks, counters). */
export async function waitUntil(check: () => boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition never became true');
		await tick(10);
	}
}
