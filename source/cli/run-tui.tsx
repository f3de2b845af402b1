// The full-screen feed: alternate screen in, Ink app, and the terminal restored on every way out.
// The source, decode and rules run on a pipeline thread (worker/); this thread holds the store,
// the view and the rendering, so keys are answered while a firehose is decoded.
import React from 'react';
import {render} from 'ink';
import {App, type AppProps} from '../app.js';
import type {Category, ConnectionState, EdrEvent, SourceStatus} from '../core/event.js';
import type {KafkaConnection} from '../core/kafka/index.js';
import {EventStore} from '../core/store/index.js';
import {exportNdjson, osc52} from '../core/view/index.js';
import type {RunConfig} from '../config/index.js';
import {EXIT, signalExitCode} from './exit-codes.js';
import {FrameWriter} from './frame-writer.js';
import {boundHeapGrowth} from './heap.js';
import {installInkOutput} from './ink-output.js';
import {keepOtherThreadsLow} from './priority.js';
import {type RulesPlan, tuningOf} from './rules.js';
import {enterFullScreen, keyboardInput} from './terminal.js';
import {isWaitedOutError, PipelineThread} from './worker/client.js';

export interface TuiOptions {
	config: RunConfig;
	/** The rules to load, checked already: the thread loads them while the screen is up. */
	plan: RulesPlan;
	/** The Kafka connection, resolved (and the password asked for) before the screen goes up. */
	connection?: KafkaConnection;
	initial: {hiddenCategories?: Category[]; search?: string; hitsOnly?: boolean; utc?: boolean};
	/**
	 * Try again every few seconds when start fails (a topic that does not exist yet, a broker that
	 * is down): on a screen someone is watching, waiting beats giving up.
	 */
	retry: boolean;
}

const RETRY_MS = 5000;

export async function runTui(options: TuiOptions): Promise<number> {
	const {config} = options;
	// A screen runs for hours with a full buffer: both threads' heaps stay near what they hold.
	boundHeapGrowth();
	// `kcat ... | edrtail -`: stdin carries the events, so keys come from the terminal itself.
	const stdin = keyboardInput();
	const store = new EventStore({capacity: config.maxEvents});
	// The run failed when the source's last word was an error: q then exits 1, not 0.
	let lastState: ConnectionState | undefined;
	const setStatus = (status: SourceStatus) => {
		lastState = status.state;
		store.setStatus(status);
	};

	let thread: PipelineThread | undefined;
	let retryTimer: NodeJS.Timeout | undefined;
	let stopLowering = (): void => undefined;
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
			stopLowering();
			// Kafka: the thread's source leaves the group before the thread ends.
			await thread?.stop().catch(() => undefined);
			const exit = code === EXIT.ok && lastState === 'error' ? EXIT.failure : code;
			resolveExit(exit);
			return exit;
		})();
		return quitting;
	};

	// Frames reuse the rows of the frames before (docs/stack.md section 2 item 14).
	await installInkOutput();
	const screen = new FrameWriter(process.stdout, {maxFps: 30});
	// Before Ink's own listener: the frame a key renders skips the frame-rate wait.
	stdin.prependListener('readable', () => screen.keyPressed());
	const guard = enterFullScreen(process.stdout, signal => void quit(signalExitCode(signal)));

	const onExport = async (path: string, events: readonly EdrEvent[]) => exportNdjson(events, path);
	// OSC 52 is invisible; written between frames it does not disturb Ink's output.
	const onCopy = (text: string) => void process.stdout.write(osc52(text));

	const view = (
		label: string,
		rules: AppProps['rules'],
		skippedRules: AppProps['skippedRules'],
		tuning?: AppProps['tuning'],
	) => (
		<App
			store={store}
			sourceLabel={label}
			rules={rules}
			skippedRules={skippedRules}
			initial={options.initial}
			noColor={config.noColor}
			onQuit={() => void quit(EXIT.ok)}
			onExport={onExport}
			onCopy={onCopy}
			tuning={tuning}
		/>
	);
	// Debug mode hands each frame whole to the FrameWriter, which writes only the rows that changed.
	const app = render(view('', [], []), {
		stdin,
		stdout: screen as unknown as NodeJS.WriteStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});

	setStatus({state: 'loading', reason: 'rules'});
	try {
		// Builds the source and loads the rules there ("loading: rules N/M" in the header meanwhile).
		thread = await PipelineThread.open(
			{
				config,
				plan: options.plan,
				connection: options.connection,
				input: config.source.kind === 'stdin' ? process.stdin : undefined,
			},
			{
				events: events => store.push(events),
				skipped: n => store.countSkipped(n),
				status: setStatus,
				end: () => store.markEnded(),
			},
			{
				label: label => app.rerender(view(label, [], [])),
				progress: text => setStatus({state: 'loading', reason: text}),
			},
		);
	} catch (error) {
		// Nothing to show without a source: the screen goes down and the error is printed.
		await quit(EXIT.failure);
		throw error;
	}
	if (quitting) {
		await thread.stop().catch(() => undefined);
		return exited;
	}
	const running = thread;
	// Every other thread (the pipeline's, V8's, libuv's) yields to this one when cores are scarce,
	// so a key is not left waiting for a core behind the firehose (priority.ts).
	stopLowering = keepOtherThreadsLow();
	// The tuning loop asks the thread's rule engine (none without rules: e and v say so).
	const tuning = running.rules.length ? tuningOf(running.tuning()) : undefined;
	app.rerender(view(running.label, running.rules, running.skippedRules, tuning));
	setStatus({state: 'connecting'});

	let attempts = 0;
	const start = (attempt: () => Promise<void>) =>
		attempt().catch((error: Error) => {
			// A thread that died has said so in the status already; a new source would not help.
			if (quitting || !running.alive) return;
			attempts++;
			// A broker that is not up yet is a state to wait in, not an error: "connecting (attempt N, ...)".
			if (options.retry && isWaitedOutError(error)) {
				setStatus({state: 'connecting', reason: `attempt ${attempts}, last error: ${error.message}`});
			} else {
				const reason = options.retry ? `${error.message}; retrying every ${RETRY_MS / 1000}s` : error.message;
				setStatus({state: 'error', reason});
			}
			if (!options.retry) return;
			retryTimer = setTimeout(() => {
				if (!quitting) void start(() => running.restart());
			}, RETRY_MS);
		});
	void start(() => running.start());
	return exited;
}
