// The screen's intake of the pipeline thread's messages. A MessagePort hands over every message
// queued on it in one callback: at 10,000 events/s several batches wait there whenever the screen
// was busy (a render, a GC), and landing them all before the terminal is read again held a key
// back by tens of ms. Here a message is only queued as it arrives; the queue is landed in order,
// a few ms per turn of the event loop (setImmediate: the terminal's input is read between turns).

export interface SlicedQueueOptions {
	/** How long one turn may land messages for, ms (default 4): at least one message lands per turn. */
	sliceMs?: number;
	/** Tests: the clock and the next turn. */
	now?: () => number;
	schedule?: (run: () => void) => void;
}

export class SlicedQueue<T> {
	private items: T[] = [];
	private head = 0;
	private scheduled = false;
	private readonly sliceMs: number;
	private readonly now: () => number;
	private readonly schedule: (run: () => void) => void;

	constructor(
		private readonly land: (item: T) => void,
		options: SlicedQueueOptions = {},
	) {
		this.sliceMs = options.sliceMs ?? 4;
		this.now = options.now ?? (() => performance.now());
		this.schedule = options.schedule ?? (run => void setImmediate(run));
	}

	/** Items queued and not landed yet. */
	get length(): number {
		return this.items.length - this.head;
	}

	push(item: T): void {
		this.items.push(item);
		if (this.scheduled) return;
		this.scheduled = true;
		this.schedule(this.run);
	}

	/** Lands everything queued now, in order: before a message that is not queued is handled. */
	flush(): void {
		while (this.head < this.items.length) {
			const item = this.items[this.head]!;
			this.items[this.head++] = undefined as T;
			this.land(item);
		}
		this.clear();
	}

	/** Forgets what is queued (the screen is going). */
	clear(): void {
		this.items = [];
		this.head = 0;
	}

	private readonly run = () => {
		this.scheduled = false;
		if (this.head >= this.items.length) return;
		const start = this.now();
		do {
			const item = this.items[this.head]!;
			this.items[this.head++] = undefined as T;
			this.land(item);
		} while (this.head < this.items.length && this.now() - start < this.sliceMs);
		if (this.head < this.items.length) {
			this.scheduled = true;
			this.schedule(this.run);
		} else this.clear();
	};
}
