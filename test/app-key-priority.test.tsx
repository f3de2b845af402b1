// A key's frame is rendered as soon as the key is read, ahead of the work already queued for the
// next turn of the event loop (search warming, a filter's completion, the pipeline's batches).
import {afterEach, describe, expect, it} from 'vitest';
import {closeApps, renderApp} from './helpers/app.js';
import {waitForFrame} from './helpers/ink.js';
import {makeEvent} from './helpers/events.js';
import {storeWith} from './helpers/store.js';

afterEach(closeApps);

describe('a key on the full screen', () => {
	it('renders its frame before an immediate queued ahead of it runs', async () => {
		const events = Array.from({length: 50}, () => makeEvent());
		const h = await renderApp(storeWith(events));
		await waitForFrame(h.app, '50 events');
		const frames: Array<string | undefined> = [];
		await new Promise<void>(resolve => {
			setImmediate(() => {
				frames.push(h.app.lastFrame());
				resolve();
			});
			h.app.stdin.write('?');
		});
		expect(frames[0]).toContain('edrtail keys');
		// And the next ? closes it just as soon.
		await new Promise<void>(resolve => {
			setImmediate(() => {
				frames.push(h.app.lastFrame());
				resolve();
			});
			h.app.stdin.write('?');
		});
		expect(frames[1]).not.toContain('edrtail keys');
	});
});
