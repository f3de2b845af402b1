// The full-screen feed: alternate screen in, Ink app, and the terminal restored on every way out.
import React from 'react';
import {render} from 'ink';
import {App, type AppProps} from '../app.js';
import type {Category, EdrEvent} from '../core/event.js';
import {createPipeline, type PipelineStages} from '../core/pipeline.js';
import type {EventSource} from '../core/sources/event-source.js';
import {EventStore} from '../core/store/event-store.js';
import {exportNdjson, osc52} from '../core/view/export.js';
import {enterFullScreen, keyboardInput} from './terminal.js';

export interface TuiOptions {
	source: EventSource;
	stages: PipelineStages;
	maxEvents: number;
	rules: AppProps['rules'];
	initial: {hiddenCategories?: Category[]; search?: string; hitsOnly?: boolean};
	noColor: boolean;
}

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

	let quitting: Promise<number> | undefined;
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>(r => (resolveExit = r));

	const quit = (code: number) => {
		quitting ??= (async () => {
			app.unmount();
			guard.restore();
			store.dispose();
			if (stdin !== process.stdin) stdin.destroy();
			await options.source.stop().catch(() => undefined);
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

	options.source.start(sink).catch((error: Error) => store.setStatus({state: 'error', reason: error.message}));
	return exited;
}
