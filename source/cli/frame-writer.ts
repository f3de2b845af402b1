// What reaches the terminal: only the rows that changed. Ink's own writer erases and rewrites the
// whole frame whenever any character differs (a 80x24 frame is ~2.5 KB, twenty times a second
// while counters tick: all of a slow SSH link), and its incremental mode draws frames one row too
// low (docs/stack.md section 2). Ink renders here in debug mode instead, which hands over each
// frame whole; this writer compares it with the frame on screen and, in the alternate screen,
// moves the cursor to each changed row and rewrites that row alone. An unchanged frame writes
// nothing at all.
import {EventEmitter} from 'node:events';

const BSU = '\x1b[?2026h'; // synchronized update: the terminal shows the rows together
const ESU = '\x1b[?2026l';
const HIDE_CURSOR = '\x1b[?25l';
const at = (row: number) => `\x1b[${row + 1};1H`;
// Styles end with their row in Ink's output; the reset keeps the erase from painting a colour.
const END_ROW = '\x1b[0m\x1b[K';

/**
 * Where `next` is `prev` moved up: the feed following new events. The longest run of rows with
 * next[i] === prev[i + k] for some k; the terminal scrolls those rows itself (a scroll region and
 * SU), so only the rows that came in are written, not the whole feed again.
 */
function findScroll(
	prev: readonly string[],
	next: readonly string[],
): {top: number; bottom: number; k: number} | undefined {
	let best: {top: number; bottom: number; k: number; run: number} | undefined;
	const maxK = Math.floor(Math.min(prev.length, next.length) / 2);
	for (let k = 1; k <= maxK; k++) {
		let run = 0;
		for (let i = 0; i + k < prev.length && i < next.length; i++) {
			// Blank rows match anything blank and would scroll for nothing.
			run = next[i] === prev[i + k] && next[i] !== '' ? run + 1 : 0;
			if (run > (best?.run ?? 0)) best = {top: i - run + 1, bottom: i + k, k, run};
		}
	}
	// Worth it only when more rows move than come in.
	return best && best.run > best.k && best.run >= 3 ? best : undefined;
}

/** The bytes that turn the screen showing `prev` (undefined: unknown) into `next`; '' for none. */
export function frameUpdate(prev: readonly string[] | undefined, next: readonly string[]): string {
	let out = '';
	if (prev === undefined) {
		out += '\x1b[H\x1b[2J';
		next.forEach((row, i) => (out += at(i) + row + END_ROW));
		return BSU + out + ESU;
	}
	let shown = prev;
	const scroll = findScroll(prev, next);
	if (scroll) {
		const {top, bottom, k} = scroll;
		// Rows top..bottom scroll up by k (DECSTBM, then SU), the region is reset (DECSTBM with no
		// arguments also homes the cursor; every write below positions it).
		out += `\x1b[${top + 1};${bottom + 1}r\x1b[${k}S\x1b[r`;
		shown = prev.map((row, i) => (i < top || i > bottom ? row : i <= bottom - k ? (prev[i + k] ?? '') : ''));
	}
	const rows = Math.max(shown.length, next.length);
	for (let i = 0; i < rows; i++) {
		if (shown[i] === next[i]) continue;
		out += at(i) + (next[i] ?? '') + END_ROW;
	}
	return out ? BSU + out + ESU : '';
}

export interface FrameWriterOptions {
	/** Frames written per second at most; the newest frame wins (default 30). */
	maxFps?: number;
}

/**
 * A stand-in for the terminal's stdout, for Ink's `debug` mode: it reports the terminal's size and
 * resizes, takes whole frames and writes only what changed to `terminal`.
 */
export class FrameWriter extends EventEmitter {
	private shown: string[] | undefined;
	private pending: string | undefined;
	private timer: NodeJS.Timeout | undefined;
	private lastWrite = -Infinity;
	private readonly interval: number;
	private cursorHidden = false;
	private disposed = false;
	/** A key was read and no frame has been written since: the next frame is the key's, written at once. */
	private keyPending = false;
	/** Bytes written to the terminal, for measurements. */
	bytes = 0;

	constructor(
		private readonly terminal: NodeJS.WriteStream,
		options: FrameWriterOptions = {},
	) {
		super();
		this.interval = 1000 / Math.max(1, options.maxFps ?? 30);
		terminal.on('resize', this.onResize);
	}

	get columns(): number {
		return this.terminal.columns;
	}

	get rows(): number {
		return this.terminal.rows;
	}

	get isTTY(): boolean {
		return Boolean(this.terminal.isTTY);
	}

	/**
	 * A key is about to be handled: the next frame (the key's, rendered a moment later) is written
	 * at once, not held back by the frame rate, which is for the frames nobody asked for (new
	 * events, counters). Call it as the key is read, before its handler runs.
	 */
	keyPressed(): void {
		if (!this.disposed) this.keyPending = true;
	}

	/** Ink writes one whole frame per call in debug mode. */
	write(frame: string): boolean {
		if (this.disposed) return true;
		this.pending = frame;
		const wait = this.lastWrite + this.interval - Date.now();
		if (wait <= 0 || this.keyPending) this.flush();
		else this.timer ??= setTimeout(() => this.flush(), wait);
		return true;
	}

	/** Writes the newest frame now, if it differs from the screen. */
	flush(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		const frame = this.pending;
		this.pending = undefined;
		this.keyPending = false;
		if (frame === undefined || this.disposed) return;
		this.lastWrite = Date.now();
		const next = frame.split('\n');
		let out = frameUpdate(this.shown, next);
		this.shown = next;
		if (!out) return;
		if (!this.cursorHidden) {
			out = HIDE_CURSOR + out;
			this.cursorHidden = true;
		}
		this.bytes += Buffer.byteLength(out);
		this.terminal.write(out);
	}

	/** Stops writing before the screen is left: a frame still waiting would land on the shell's screen. */
	dispose(): void {
		if (this.disposed) return;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.disposed = true;
		this.terminal.off('resize', this.onResize);
	}

	private readonly onResize = () => {
		// The terminal may have reflowed or cleared: the next frame is painted whole.
		this.shown = undefined;
		this.emit('resize');
	};
}
