// Providers and layout: the store's snapshot, the UI reducer, the filtered view, and which panes
// show. Keys only dispatch; side effects go back to the cli through the callbacks.
import {Box} from 'ink';
import React, {useEffect, useLayoutEffect, useCallback, useMemo, useRef, useState} from 'react';
import type {Category, EdrEvent, Level} from './core/event.js';
import type {EventStore} from './core/store/index.js';
import {
	countAfterSeq,
	focusRow,
	pivotText,
	processTree,
	StoryTracker,
	storyKeyOf,
	upperBoundSeq,
} from './core/view/index.js';
import {CategoryBar} from './components/category-bar.js';
import {CategoryPicker} from './components/category-picker.js';
import {ChipBar, type Chip} from './components/chip-bar.js';
import {CorrelationView} from './components/correlation-views.js';
import {detailView} from './components/detail-lines.js';
import {DetailPane} from './components/detail-pane.js';
import {ExportPrompt} from './components/export-prompt.js';
import {FindBar} from './components/find-bar.js';
import {GotoBar} from './components/goto-bar.js';
import {FeedList} from './components/feed-list.js';
import {Header} from './components/header.js';
import {helpLines} from './components/help-lines.js';
import {latencyLines} from './components/latency-lines.js';
import {partitionLines} from './components/partition-lines.js';
import {computeLayout} from './components/layout.js';
import {LinesView} from './components/line.js';
import {processLabel, ProcessTree} from './components/process-tree.js';
import {RulesPanel, sortRules, type SkippedRow} from './components/rules-panel.js';
import {filtersActive, SearchBar} from './components/search-bar.js';
import {StatusBar} from './components/status-bar.js';
import {storyOwner, StoryView} from './components/story-view.js';
import {useAppInput} from './hooks/use-app-input.js';
import {useDebouncedSearch} from './hooks/use-debounced-search.js';
import {useFeedView, useParsedQuery} from './hooks/use-feed-view.js';
import {useFind} from './hooks/use-find.js';
import {useProcessIndex} from './hooks/use-process-index.js';
import {useRequests} from './hooks/use-requests.js';
import {useStoreSnapshot} from './hooks/use-store-snapshot.js';
import {useSyncReducer} from './hooks/use-sync-reducer.js';
import {useTerminalSize, type TerminalSize} from './hooks/use-terminal-size.js';
import {useThrottled} from './hooks/use-throttled.js';
import {type TuningProps, useTuning} from './hooks/use-tuning.js';
import type {ScreenContext, ViewContext} from './state/actions.js';
import {resolveWindow} from './state/selection.js';
import {liveMarks} from './state/triage-ui.js';
import {initialState, uiReducer} from './state/ui-state.js';
import {ThemeProvider, useTheme} from './theme/theme-context.js';
import {themeFor} from './theme/theme.js';

export interface AppProps {
	store: EventStore;
	sourceLabel: string;
	rules: ReadonlyArray<{id: string; title: string; level: Level; tags: string[]}>;
	/** Rule files or documents that did not load, with why: counted in the header, listed by `r`. */
	skippedRules?: readonly SkippedRow[];
	initial?: {hiddenCategories?: Category[]; search?: string; hitsOnly?: boolean; utc?: boolean};
	noColor: boolean;
	onQuit(): void;
	onExport(
		path: string,
		events: readonly EdrEvent[],
	): Promise<{ok: true; count: number; skipped?: number} | {ok: false; error: string}>;
	onCopy(text: string): void;
	/** A fixed size instead of the terminal's (tests: ink-testing-library's stdout has no rows). */
	size?: TerminalSize;
	/** How long messages stay in the status bar, ms. */
	messageMs?: number;
	/** The rule engine behind the correlation lists and the tuning loop (absent: no rules). */
	tuning?: TuningProps;
}

/** The theme is chosen once, here; everything below reads it from the context. */
export function App(props: AppProps) {
	return (
		<ThemeProvider theme={themeFor(props.noColor)}>
			<Screen {...props} />
		</ThemeProvider>
	);
}

const NO_SKIPPED: readonly SkippedRow[] = [];

function Screen(props: AppProps) {
	const {store, sourceLabel, rules} = props;
	const skippedRules = props.skippedRules ?? NO_SKIPPED;
	const theme = useTheme();
	const size = useTerminalSize(props.size);
	const snapshot = useStoreSnapshot(store);
	// A key's frame renders at once, not after the slices queued before it (see useSyncReducer).
	const [state, dispatch] = useSyncReducer(uiReducer, props.initial, initialState);
	const query = useParsedQuery(state.searchText);
	const inputQuery = useParsedQuery(state.searchInput);
	// The tree, the story and a process filter read the whole index as they render; otherwise it
	// reads new events between frames, and a key brings it up to date (keyContext below).
	const processes = useProcessIndex(
		snapshot.events,
		state.mode === 'tree' || state.mode === 'story' || state.process !== undefined,
	);
	// Search projections are built only once a search is opened or applied (useFeedView).
	const searching =
		state.mode === 'search' || state.mode === 'find' || state.searchText !== '' || state.findText !== '';
	const view = useFeedView(snapshot.events, state, query, processes.index, searching);
	const {visible} = view;
	const findQuery = useParsedQuery(state.findText);
	const findInputQuery = useParsedQuery(state.findInput);
	const find = useFind(visible, findQuery);

	const ruleTitle =
		state.ruleId === undefined ? undefined : (rules.find(r => r.id === state.ruleId)?.title ?? state.ruleId);
	const filterInfo = {applied: state.searchText, hitsOnly: state.hitsOnly, ruleTitle, hiddenCount: state.hidden.size};
	const chips: Chip[] = [];
	if (state.process) chips.push({text: `process ${state.process.label}`});
	for (const p of state.pivots) chips.push({text: pivotText(p), exclude: p.exclude});
	if (state.findText && state.mode !== 'find')
		chips.push({text: `find ${state.findText} · ${find.seqs.length} · n/N`, find: true});
	// Marks stay until unmarked; those whose events the buffer let go are counted as gone.
	const oldestSeq = snapshot.events[0]?.seq;
	const markCount = useMemo(() => liveMarks(state.marks, oldestSeq).length, [state.marks, oldestSeq]);
	if (state.marks.size > 0) {
		const gone = state.marks.size - markCount;
		const left = gone ? ` · ${gone} left the buffer` : '';
		chips.push({text: `${markCount} marked${left} · u/U W`, find: true});
	}
	const layout = computeLayout(size, state.mode, filtersActive(filterInfo), chips.length > 0);
	const feedHeight = Math.max(1, layout.feed.height);
	const win = resolveWindow(state, visible, feedHeight);
	const selected = visible[win.selected];
	const newCount = state.follow ? 0 : countAfterSeq(visible, state.anchorSeq ?? -Infinity);
	const tree = useMemo(
		() => (state.mode === 'tree' && state.treeKey !== undefined ? processTree(processes.index, state.treeKey) : []),
		[state.mode, state.treeKey, processes],
	);
	const treeRows = useMemo(() => tree.map(r => ({key: r.node.key, label: processLabel(r)})), [tree]);
	const [storyTracker] = useState(() => new StoryTracker());
	const storyKey = state.story?.key;
	const story = useMemo(
		() => (state.mode === 'story' && storyKey ? storyTracker.update(snapshot.events, processes.index, storyKey) : []),
		[state.mode, storyKey, storyTracker, snapshot.events, processes],
	);
	const storySeqs = useMemo(() => story.map(e => e.seq), [story]);
	const storyCursor = Math.max(0, state.story?.cursorSeq === undefined ? 0 : storySeqs.indexOf(state.story.cursorSeq));
	const treeCursor = Math.max(
		0,
		tree.findIndex(r => r.node.key === state.treeCursor),
	);
	// The counters around the feed (header, category bar, "N of M") change with every store flush;
	// they are redrawn at most once a second, and at once when the user pauses or filters. The
	// source's state shows as soon as it changes.
	// A new filter's count shows at once, and again once the view has tested the whole buffer.
	const filterKey = `${state.follow}|${state.hitsOnly}|${state.ruleId ?? ''}|${state.searchText}|${[...state.hidden].join(',')}|${view.complete}`;
	const counters = useThrottled(
		{snapshot, newCount, shown: visible.length, total: snapshot.events.length},
		`${snapshot.version}|${visible.length}|${newCount}`,
		filterKey,
	);
	const {status, ended} = snapshot;
	const chrome = useMemo(() => ({...counters.snapshot, status, ended}), [counters.snapshot, status, ended]);

	// The detail text's width: the pane's, less the divider when the pane sits on the left.
	const detailWidth = layout.detail
		? Math.max(10, layout.detail.width - (layout.detail.edge === 'left' ? 2 : 0))
		: undefined;
	const fieldCursor = selected && state.fieldCursor?.seq === selected.seq ? state.fieldCursor.index : undefined;
	const detail = useMemo(
		() =>
			state.mode === 'detail' && selected && detailWidth !== undefined
				? detailView(selected, detailWidth, theme, query, fieldCursor, state.zone)
				: undefined,
		[state.mode, selected, detailWidth, theme, query, fieldCursor, state.zone],
	);
	const help = useMemo(
		() => (state.mode === 'help' ? helpLines(theme, layout.width) : undefined),
		[state.mode, theme, layout.width],
	);
	const latency = useMemo(
		() => (state.mode === 'latency' ? latencyLines(snapshot.latency, layout.width, theme) : undefined),
		[state.mode, snapshot.latency, layout.width, theme],
	);
	const partitions = useMemo(
		() => (state.mode === 'partitions' ? partitionLines(snapshot.status, layout.width, theme) : undefined),
		[state.mode, snapshot.status, layout.width, theme],
	);
	const tuning = useTuning(props.tuning, state, selected, snapshot.events, snapshot.version);
	const ruleRows = useMemo(() => {
		if (state.mode !== 'rules') return [];
		// Correlations count their hits like rules; filters list what they suppressed, after them.
		const extra = tuning.extraRules;
		const sorted = sortRules([...rules, ...extra.filter(r => r.kind === 'correlation')], snapshot.stats.byRule);
		const filters = extra.flatMap(r => (r.kind === 'filter' ? [{...r, hits: r.suppressed ?? 0}] : []));
		return [...sorted, ...filters];
	}, [state.mode, rules, snapshot.stats.byRule, tuning.extraRules]);

	const pane = detail?.lines ?? help ?? latency ?? partitions;
	const paneHeight = layout.detail ? layout.detail.height - (layout.detail.edge === 'top' ? 1 : 0) : layout.body;
	// What the screen shows, for the key handler; set when the render is committed (a layout effect
	// runs before any later key can arrive), never during the render itself.
	const context = useRef<ScreenContext>({visible, height: feedHeight});
	const shown = useRef({selected, processes});
	const paneLength = pane?.length;
	useLayoutEffect(() => {
		// Skipped rows follow the rules in the panel: the cursor reaches them, enter on one filters nothing.
		const ruleIds = [...ruleRows.map(r => r.id), ...(state.mode === 'rules' ? skippedRules.map(() => undefined) : [])];
		context.current = {
			visible,
			height: feedHeight,
			paneLength,
			paneHeight,
			paneSections: detail?.sections,
			ruleIds,
			tuning: tuning.screen,
			viewRev: state.viewRev,
			newestSeq: snapshot.events.at(-1)?.seq,
			live: !snapshot.ended,
			treeRows,
			pivotFields: detail?.pivots,
			findSeqs: find.seqs,
			storySeqs,
			oldestSeq,
		};
		shown.current = {selected, processes};
	});
	// What a key is matched against: the screen as committed. The selected event's process and story
	// are read when the reducer asks (t, s), from an index brought up to date then: it reads new
	// events between frames, and catching up costs a key that does not need it a few ms.
	const keyContext = useCallback((): ViewContext => {
		const {selected: ev, processes: p} = shown.current;
		let found: Pick<ViewContext, 'selectedProcess' | 'selectedStory'> | undefined;
		const find = () => {
			if (found) return found;
			p.catchUp();
			const story = ev ? storyKeyOf(ev, p.index) : undefined;
			return (found = {
				selectedProcess: ev ? p.index.focusOf(ev) : undefined,
				selectedStory: story && ev ? {key: story, label: storyOwner(ev)} : undefined,
			});
		};
		return Object.defineProperties(
			{...context.current, now: Date.now()},
			{
				selectedProcess: {get: () => find().selectedProcess, enumerable: true},
				selectedStory: {get: () => find().selectedStory, enumerable: true},
			},
		);
	}, []);
	// Keys that waited for this screen (a key before them in the same burst changed the view).
	useLayoutEffect(() => {
		if (state.deferred.length > 0) dispatch({type: 'keys/replay', ctx: keyContext()});
	}, [state.deferred, dispatch, keyContext]);
	const paneScroll = Math.max(0, Math.min(state.paneScroll, (pane?.length ?? 0) - paneHeight));

	useAppInput(dispatch, keyContext);
	useDebouncedSearch(state.searchInput, state.searchText, dispatch);
	const handlers = useMemo(
		() => ({onQuit: props.onQuit, onExport: props.onExport, onCopy: props.onCopy, onFilter: tuning.onFilter}),
		[props.onQuit, props.onExport, props.onCopy, tuning.onFilter],
	);
	// An export written just after a filter changed still holds all of its events.
	const finish = view.finish;
	const whole = useCallback(() => (finish ? finish().visible : visible), [finish, visible]);
	useRequests(state.requests, visible, handlers, dispatch, snapshot.events, whole);
	const messageMs = props.messageMs ?? 4000;
	useEffect(() => {
		if (!state.message) return;
		const id = state.message.id;
		const timer = setTimeout(() => dispatch({type: 'message/clear', id}), messageMs);
		return () => clearTimeout(timer);
	}, [state.message, messageMs, dispatch]);

	const emptyText =
		snapshot.events.length === 0
			? snapshot.ended
				? 'no events'
				: 'waiting for events…'
			: 'no events match (esc clears the search and rule filter, 0 shows all categories)';
	const feed =
		layout.feed.height > 0 ? (
			<FeedList
				visible={visible}
				highlights={view.highlights}
				top={win.top}
				selected={win.selected}
				height={layout.feed.height}
				width={layout.feed.width}
				emptyText={emptyText}
				searching={Boolean(state.searchText)}
				find={state.findText ? find : undefined}
				offset={state.hscroll}
				wrapSelected={state.wrapSelected}
				marks={state.marks}
				zone={state.zone}
			/>
		) : null;

	let body: React.ReactNode;
	switch (state.mode) {
		case 'help':
		case 'latency':
		case 'partitions':
			body = <LinesView lines={pane ?? []} top={paneScroll} height={layout.body} width={layout.width} />;
			break;
		case 'picker':
			body = (
				<CategoryPicker
					hidden={state.hidden}
					byCategory={snapshot.stats.byCategory}
					cursor={state.pickerIndex}
					height={layout.body}
					width={layout.width}
				/>
			);
			break;
		case 'rules':
			body = (
				<RulesPanel
					rows={ruleRows}
					skipped={skippedRules}
					cursor={state.rulesIndex}
					activeRuleId={state.ruleId}
					height={layout.body}
					width={layout.width}
				/>
			);
			break;
		case 'members':
		case 'groups':
		case 'tune':
		case 'tune-path':
			body = (
				<CorrelationView
					mode={state.mode}
					corr={state.corr ?? {}}
					tuning={tuning}
					events={snapshot.events}
					height={layout.body}
					width={layout.width}
					zone={state.zone}
				/>
			);
			break;
		case 'tree':
			body = (
				<ProcessTree
					rows={tree}
					cursor={tree.length && state.treeCursor === undefined ? focusRow(tree) : treeCursor}
					focusLabel={processLabel(tree.find(r => r.role === 'focus'))}
					height={layout.body}
					width={layout.width}
					zone={state.zone}
				/>
			);
			break;
		case 'story':
			body = state.story ? (
				<StoryView
					events={story}
					cursor={storyCursor}
					storyKey={state.story.key}
					label={state.story.label}
					marks={state.marks}
					height={layout.body}
					width={layout.width}
					zone={state.zone}
				/>
			) : null;
			break;
		case 'detail': {
			const d = layout.detail!;
			const waiting = snapshot.ended ? 'nothing selected' : 'waiting for the next event that passes the filters…';
			const pane = (
				<DetailPane
					lines={detail?.lines}
					emptyText={waiting}
					scroll={paneScroll}
					height={d.height}
					width={d.width}
					edge={d.edge}
				/>
			);
			body = (
				<Box flexDirection={d.edge === 'left' ? 'row' : 'column'} height={layout.body}>
					{feed}
					{pane}
				</Box>
			);
			break;
		}
		default:
			body = feed;
	}

	return (
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			{layout.headerLines > 0 && (
				<Header
					snapshot={chrome}
					sourceLabel={sourceLabel}
					skippedRules={skippedRules.length}
					follow={state.follow}
					newCount={counters.newCount}
					width={layout.width}
					lines={layout.headerLines}
					zone={state.zone}
				/>
			)}
			{layout.categoryBar && (
				<CategoryBar hidden={state.hidden} byCategory={chrome.stats.byCategory} width={layout.width} />
			)}
			{layout.chipBar && <ChipBar chips={chips} hint="esc removes the last" width={layout.width} />}
			<Box height={layout.body} flexDirection="column">
				{body}
			</Box>
			{layout.filterBar &&
				(state.mode === 'find' ? (
					<FindBar input={state.findInput} errors={findInputQuery.errors} width={layout.width} />
				) : state.mode === 'goto' ? (
					<GotoBar input={state.gotoInput} zone={state.zone} width={layout.width} />
				) : state.mode === 'export' ? (
					<ExportPrompt
						path={state.exportPath}
						count={state.exportMarked ? markCount : upperBoundSeq(visible, state.exportUpToSeq)}
						marked={state.exportMarked}
						width={layout.width}
					/>
				) : (
					<SearchBar
						editing={state.mode === 'search'}
						input={state.searchInput}
						errors={state.mode === 'search' ? inputQuery.errors : query.errors}
						shown={counters.shown}
						total={counters.total}
						fuzzyLimited={view.fuzzyLimited}
						width={layout.width}
						{...filterInfo}
					/>
				))}
			<StatusBar mode={state.mode} message={state.message} width={layout.width} />
		</Box>
	);
}
