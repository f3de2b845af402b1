// Between kafkajs and the sink. kafkajs sends its next fetch only once every batch of the last one
// was handled, so a sink called inside eachBatch leaves the broker idle while we decode, and us
// idle while it answers. Here eachBatch only queues its records and returns: the next fetch goes
// out while these are decoded, and the queue is drained one item per event-loop turn, so socket
// reads get their turn in between. The queue is bounded (the source waits while it is `full`)
// and pausable (nothing is handed on until resume): memory never holds more than a few batches.
//
// A sink may answer an item with a promise (--hits-to: the hits topic acknowledged): the next
// item waits for it, so items are handled in order and one at a time, as inside eachBatch; a sink
// that works on several items at once (`concurrency`) gets up to that many before one settles.

interface Item<T> {
	value: T;
	settle(error?: unknown): void;
}

export class DeliveryQueue<T> {
	private readonly queue: Array<Item<T>> = [];
	private scheduled = false;
	/** Items whose promise has not settled yet. */
	private open = 0;
	private closed = false;
	private holding = false;
	/** One promise for everyone waiting, settled and replaced at each change. */
	private next: {promise: Promise<void>; resolve(): void} | undefined;

	constructor(
		private readonly deliver: (item: T) => void | Promise<void>,
		private readonly capacity: number,
		/** Items that may be open (handed on, their promise not settled) at once. */
		private readonly concurrency: () => number = () => 1,
	) {}

	get paused(): boolean {
		return this.holding;
	}

	/** As many items wait as it takes: the source should fetch no more until one is handed on. */
	get full(): boolean {
		return this.queue.length >= this.capacity;
	}

	/** Everything pushed has been handed on and settled (or dropped by close). */
	get idle(): boolean {
		return this.queue.length === 0 && this.open === 0;
	}

	/**
	 * Queues an item. The promise settles once it was handed on and the sink's promise, if any,
	 * settled: rejected as that one was, or when the queue closed before.
	 */
	push(value: T): Promise<void> {
		if (this.closed) return Promise.reject(new Error('stopped before handed on'));
		return new Promise<void>((resolve, reject) => {
			this.queue.push({value, settle: error => (error === undefined ? resolve() : reject(error))});
			this.schedule();
		});
	}

	pause(): void {
		this.holding = true;
	}

	resume(): void {
		if (!this.holding) return;
		this.holding = false;
		this.schedule();
		this.wake();
	}

	/** Drops what waits and hands on nothing more (the source stopped): their promises reject. */
	close(): void {
		this.closed = true;
		for (const item of this.queue.splice(0)) item.settle(new Error('stopped before handed on'));
		this.wake();
	}

	/** Resolves at the next change: an item handed on or settled, a resume, or the close. */
	changed(): Promise<void> {
		if (!this.next) {
			let resolve = () => {};
			const promise = new Promise<void>(r => (resolve = r));
			this.next = {promise, resolve};
		}
		return this.next.promise;
	}

	private schedule(): void {
		if (this.scheduled || this.busy || this.holding || this.closed || this.queue.length === 0) return;
		this.scheduled = true;
		setImmediate(this.drain);
	}

	private readonly drain = (): void => {
		this.scheduled = false;
		if (this.busy || this.holding || this.closed) return;
		const item = this.queue.shift();
		if (item === undefined) return;
		let result: void | Promise<void>;
		try {
			result = this.deliver(item.value);
		} catch (error) {
			result = Promise.reject(error);
		}
		if (result instanceof Promise) {
			this.open++;
			result.then(
				() => this.done(item),
				(error: unknown) => this.done(item, error ?? new Error('rejected')),
			);
			// Room for another open item: the next one goes on without waiting for this one.
			this.wake();
			this.schedule();
		} else this.settled(item);
	};

	private get busy(): boolean {
		return this.open >= Math.max(1, this.concurrency());
	}

	private done(item: Item<T>, error?: unknown): void {
		this.open--;
		this.settled(item, error);
	}

	private settled(item: Item<T>, error?: unknown): void {
		item.settle(error);
		this.wake();
		this.schedule();
	}

	private wake(): void {
		const next = this.next;
		this.next = undefined;
		next?.resolve();
	}
}
