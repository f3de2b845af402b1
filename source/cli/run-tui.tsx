// The full-screen feed: alternate screen in, Ink app, and the terminal restored on every way out.
import React from 'react';
import {render} from 'ink';
import {App, type AppProps} from '../app.js';
import type {Category, ConnectionState, EdrEvent, SourceStatus} from '../core/event.js';
import {createPipeline, type PipelineStages} from '../core/pipeline.js';
import type {EventSource} from '../core/sources/index.js';
import {EventStore} from '../core/store/index.js';
import {exportNdjson, osc52} from '../core/view/index.js';
import {EXIT, signalExitCode} from './exit-codes.js';
import {FrameWriter} from './frame-writer.js';
import {isWaitedOut} from './waiting-source.js';
import {enterFullScreen, keyboardInput} from './terminal.js';

export interface Prepared {
	stages: PipelineStages;
	rules: AppProps['rules'];
	skippedRules: NonNullable<AppProps['skippedRules']>;
}

export interface TuiOptions {
	source: EventSource;
	/**
	 * Loads the rules while the screen is already up ("loading: rules N/M" in the header) and gives
	 * the stages; the source starts once it resolves.
	 */
	prepare(progress: (text: string) => void): Promise<Prepared>;
	maxEvents: number;
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
	// The run failed when the source's last word was an error: q then exits 1, not 0.
	let lastState: ConnectionState | undefined;
	const setStatus = (status: SourceStatus) => {
		lastState = status.state;
		store.setStatus(status);
	};

	let source = options.source;
	let retryTimer: NodeJS.Timeout | undefined;
	let quitting: Promise<number> | undefined;
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>(r => (resolveExit = r));

	const quit = (code: number) => {
		quitting ??= (async () => {
			app.unmount();
			screen.dispose();
			guard.restore();
			store.dispose();
			if (stdin !== process.stdin) stdin.destroy();
			clearTimeout(retryTimer);
			await source.stop().catch(() => undefined);
			const exit = code === EXIT.ok && lastState === 'error' ? EXIT.failure : code;
			resolveExit(exit);
			return exit;
		})();
		return quitting;
	};

	const screen = new FrameWriter(process.stdout, {maxFps: 30});
	const guard = enterFullScreen(process.stdout, signal => void quit(signalExitCode(signal)));

	const onExport = async (path: string, events: readonly EdrEvent[]) => exportNdjson(events, path);
	// OSC 52 is invisible; written between frames it does not disturb Ink's output.
	const onCopy = (text: string) => void process.stdout.write(osc52(text));

	const view = (rules: AppProps['rules'], skippedRules: AppProps['skippedRules']) => (
		<App
			store={store}
			sourceLabel={options.source.label}
			rules={rules}
			skippedRules={skippedRules}
			initial={options.initial}
			noColor={options.noColor}
			onQuit={() => void quit(EXIT.ok)}
			onExport={onExport}
			onCopy={onCopy}
		/>
	);
	// Debug mode hands each frame whole to the FrameWriter, which writes only the rows that changed.
	const app = render(view([], []), {
		stdin,
		stdout: screen as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});

	setStatus({state: 'loading', reason: 'rules'});
	const prepared = await options.prepare(text => setStatus({state: 'loading', reason: text}));
	if (quitting) return exited;
	app.rerender(view(prepared.rules, prepared.skippedRules));
	setStatus({state: 'connecting'});
	const sink = createPipeline(prepared.stages, {
		events: events => store.push(events),
		skipped: n => store.countSkipped(n),
		status: setStatus,
		end: () => store.markEnded(),
	});

	let attempt = 0;
	const start = () =>
		source.start(sink).catch((error: Error) => {
			if (quitting) return;
			attempt++;
			const recreate = options.recreateSource;
			// A broker that is not up yet is a state to wait in, not an error: "connecting (attempt N, ...)".
			if (recreate && isWaitedOut(error)) {
				setStatus({state: 'connecting', reason: `attempt ${attempt}, last error: ${error.message}`});
			} else {
				const reason = recreate ? `${error.message}; retrying every ${RETRY_MS / 1000}s` : error.message;
				setStatus({state: 'error', reason});
			}
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
