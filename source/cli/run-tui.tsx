// The full-screen feed: alternate screen in, Ink app, and the terminal restored on every way out.
import React from 'react';
import {render} from 'ink';
import {App, type AppProps} from '../app.js';
import type {Category, EdrEvent} from '../core/event.js';
import {createPipeline, type PipelineStages} from '../core/pipeline.js';
import type {EventSource} from '../core/sources/index.js';
import {EventStore} from '../core/store/index.js';
import {exportNdjson, osc52} from '../core/view/index.js';
import {enterFullScreen, keyboardInput} from './terminal.js';

export interface TuiOptions {
	source: EventSource;
	stages: PipelineStages;
	maxEvents: number;
	rules: AppProps['rules'];
	initial: {hiddenCategories?: Category[]; search?: string; hitsOnly?: boolean};
	noColor: boolean;
	/**
	 * A fresh source to try again with when start fails (a topic that does not exist yet, a broker
	 * that is down): on a screen someone is watching, waiting beats giving up. Absent: no retry.
	 */
	recreateSource?: () => Promise<EventSource>;
}

const RETRY_MS = 5000;

export async function runTui(options: TuiOptions): Promise<number> {
	// `kcat ... | edrtail -`: stdin carries the events, so keys come from the terminal itself.
	const stdin = keyboardInput();
	const store = new EventStore({capacity: options.maxEvents});
	const sink = createPipeline(options.stages, {
		events: events => store.push(events),
		skipped: n => store.countSkipped(n),
		status: s => store.setStatus(s),
		end: () => store.markEnded(),
	});

	let source = options.source;
	let retryTimer: NodeJS.Timeout | undefined;
	let quitting: Promise<number> | undefined;
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>(r => (resolveExit = r));

	const quit = (code: number) => {
		quitting ??= (async () => {
			app.unmount();
			guard.restore();
			store.dispose();
			if (stdin !== process.stdin) stdin.destroy();
			clearTimeout(retryTimer);
			await source.stop().catch(() => undefined);
			resolveExit(code);
			return code;
		})();
		return quitting;
	};

	const guard = enterFullScreen(process.stdout, signal => void quit(signal === 'SIGINT' ? 0 : 128 + (signal === 'SIGHUP' ? 1 : 15)));

	const onExport = async (path: string, events: readonly EdrEvent[]) => exportNdjson(events, path);
	// OSC 52 is invisible; written between frames it does not disturb Ink's output.
	const onCopy = (text: string) => void process.stdout.write(osc52(text));

	const app = render(
		<App
			store={store}
			sourceLabel={options.source.label}
			rules={options.rules}
			initial={options.initial}
			noColor={options.noColor}
			onQuit={() => void quit(0)}
			onExport={onExport}
			onCopy={onCopy}
		/>,
		{stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 30},
	);

	const start = () =>
		source.start(sink).catch((error: Error) => {
			if (quitting) return;
			const recreate = options.recreateSource;
			store.setStatus({state: 'error', reason: recreate ? `${error.message}; retrying every ${RETRY_MS / 1000}s` : error.message});
			if (!recreate) return;
			retryTimer = setTimeout(async () => {
				await source.stop().catch(() => undefined);
				if (quitting) return;
				source = await recreate();
				void start();
			}, RETRY_MS);
		});
	void start();
	return exited;
}
