// The full screen's V8 heaps, sized for a run of hours. With a high heap limit (the default on a
// machine with a few GB) V8 lets an old generation grow to up to four times what its last full GC
// left live before it collects again: the screen's thread, some 190 MB live with 100,000 events
// buffered, was committed to 550-600 MB under a steady stream, and RSS rose with it for minutes
// at a time. A fixed growing factor keeps every heap near what it holds, for a full GC a little
// more often (V8 marks concurrently, on its own threads, most of the time).
import {setFlagsFromString} from 'node:v8';

/**
 * How far above what the last full GC left live an old generation may grow, in percent. At 50 the
 * screen at 100,000 buffered s1-dv or CF2 events stayed above 500 MB of RSS (506, 512).
 */
export const SCREEN_HEAP_GROWING_PERCENT = 30;

/**
 * V8's flags belong to the process: this sets the growth of every thread's heap (the pipeline
 * thread's too, whenever it starts), from each heap's next full GC on.
 */
export function boundHeapGrowth(percent = SCREEN_HEAP_GROWING_PERCENT): void {
	if (!Number.isInteger(percent) || percent < 1) throw new Error(`heap growing percent: ${percent}`);
	setFlagsFromString(`--heap-growing-percent=${percent}`);
}
