// Renders the whole App on a store, with a fixed terminal size and recorded callbacks.
import React from 'react';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../source/app.js';
import type {EdrEvent} from '../../source/core/event.js';
import type {EventStore} from '../../source/core/store/index.js';
import {tick} from './ink.js';

export interface AppHarness {
	app: ReturnType<typeof render>;
	quits: number;
	copies: string[];
	exports: Array<{path: string; events: readonly EdrEvent[]}>;
	press(keys: string): Promise<void>;
}

/** What renderApp opened since the last closeApps: the apps and the stores they show. */
const opened: Array<{harness: AppHarness; store: EventStore}> = [];

/** Unmounts every app renderApp rendered and disposes its store: `afterEach(closeApps)`. */
export function closeApps(): void {
	for (const {harness, store} of opened.splice(0)) {
		harness.app.unmount();
		store.dispose();
	}
}

export async function renderApp(
	store: EventStore,
	options: Partial<AppProps> & {columns?: number; rows?: number} = {},
): Promise<AppHarness> {
	const h = {quits: 0, copies: [] as string[], exports: [] as AppHarness['exports']};
	const app = render(
		<App
			store={store}
			sourceLabel="test source"
			rules={[]}
			noColor={false}
			onQuit={() => h.quits++}
			onCopy={text => h.copies.push(text)}
			onExport={async (path, events) => {
				h.exports.push({path, events});
				return {ok: true, count: events.length};
			}}
			size={{columns: options.columns ?? 80, rows: options.rows ?? 24}}
			{...options}
		/>,
	);
	// Ink subscribes to stdin in an effect: let it run before the first key.
	await tick(20);
	const harness = Object.assign(h, {
		app,
		async press(keys: string) {
			app.stdin.write(keys);
			await tick(5);
		},
	});
	opened.push({harness, store});
	return harness;
}
