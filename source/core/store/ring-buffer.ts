/**
 * Fixed-capacity FIFO: pushing past capacity evicts the oldest. toArray() is O(n) and is only
 * called when a flush publishes a new snapshot, never per event.
 */
export class RingBuffer<T> {
	private readonly items: Array<T | undefined>;
	private start = 0;
	private count = 0;

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new Error(`ring buffer capacity must be a positive integer, got ${capacity}`);
		this.items = new Array(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** Appends and returns how many items were evicted to make room. */
	push(item: T): number {
		if (this.count < this.capacity) {
			this.items[(this.start + this.count) % this.capacity] = item;
			this.count++;
			return 0;
		}
		this.items[this.start] = item;
		this.start = (this.start + 1) % this.capacity;
		return 1;
	}

	at(index: number): T | undefined {
		if (index < 0 || index >= this.count) return undefined;
		return this.items[(this.start + index) % this.capacity];
	}

	toArray(): T[] {
		const out = new Array<T>(this.count);
		for (let i = 0; i < this.count; i++) out[i] = this.items[(this.start + i) % this.capacity] as T;
		return out;
	}

	clear(): void {
		this.items.fill(undefined);
		this.start = 0;
		this.count = 0;
	}
}
