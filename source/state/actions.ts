// What reaches the reducer, as types only: the commands keys ask for (the keymap's actions), the
// screen context each key carries, and the notices the app's own effects send back. The keymap, the
// key matcher and the reducer all read this file; it reads none of them, so the three form no circle.
import type {Category, EdrEvent, Family} from '../core/event.js';
import type {PivotKey, StoryKey, WindowMove} from '../core/view/index.js';

export interface KeyPress {
	/** The keymap's key name. */
	name: string;
	/** The text a printable key would type. */
	text?: string;
}

/** What the screen shows; the app keeps it current at every render. */
export interface ScreenContext {
	visible: readonly EdrEvent[];
	/** Feed rows on screen. */
	height: number;
	/** Lines of the scrollable pane (detail, help, latency) and its height. */
	paneLength?: number;
	paneHeight?: number;
	/** Rule ids in the order the rules panel lists them; undefined for a row that is no rule (a skipped file). */
	ruleIds?: ReadonlyArray<string | undefined>;
	/**
	 * The reducer's viewRev when this screen was drawn. A key that reads the screen (the list, the
	 * pane) waits for the next render when a key before it in the same burst changed the view.
	 */
	viewRev?: number;
	/** The newest event in the buffer, shown or not, and whether the source may still send more. */
	newestSeq?: number;
	live?: boolean;
	/** Where the pane's sections start (the detail's raw event, rule hits, fields), as line offsets. */
	paneSections?: Partial<Record<PaneSection, number>>;
	// The process tree (t)
	/**
	 * The process index's key of the selected event's process, when it has one. The screen may work
	 * it out when it is read (a getter), like `selectedStory`.
	 */
	selectedProcess?: string;
	/** The process tree's rows as drawn: keys and the names the filter chip shows. */
	treeRows?: ReadonlyArray<{key: string; label: string}>;
	/** The detail pane's fields a pivot can keep or hide, in order, with the pane line of each. */
	pivotFields?: ReadonlyArray<{key: PivotKey; value: string; line: number}>;
	/** Seqs of the visible events the find matches, ascending (n/N jump between them). */
	findSeqs?: readonly number[];
	// The storyline view (s) and marks (m)
	/** The story of the selected event (its storyline, or its process tree) and whose it is. */
	selectedStory?: {key: StoryKey; label: string};
	/** The open story's events as listed, in time order. */
	storySeqs?: readonly number[];
	/** The oldest event the buffer still holds: marks below it left with their events. */
	oldestSeq?: number;
	/** What the correlation and tuning keys read (see correlation-ui.ts). */
	tuning?: TuningScreen;
}

export interface TuningScreen {
	/** The selected event's Sigma fields a filter can keep, in the order offered. */
	fields?: ReadonlyArray<{field: string; value: string}>;
	/** Rows of the groups list: each group's event seqs. */
	groupSeqs?: ReadonlyArray<readonly number[]>;
	/** And what each group is: its group-by values. */
	groupTitles?: readonly string[];
	/** Rules-panel rows that are correlations, and filters with the events they suppressed. */
	correlationIds?: ReadonlySet<string>;
	filterRecent?: ReadonlyMap<string, readonly number[]>;
}

/** The sections of the detail pane a key can jump to. */
export type PaneSection = 'raw' | 'hits' | 'fields';

/** The screen when a key was pressed, and when that was: the reducer never reads the clock. */
export interface ViewContext extends ScreenContext {
	/** Epoch ms of the key press (the export prompt's default file name is dated with it). */
	now: number;
}

export type ScrollBy = number | 'page' | '-page' | 'top' | 'bottom';

/** What a key asks for: the action of a keymap binding, or typed text in a text box. */
export type Command =
	| {type: 'move'; move: WindowMove}
	| {type: 'togglePause'}
	| {type: 'follow'}
	| {type: 'nextHit'; direction: 1 | -1}
	| {type: 'openDetail'}
	| {type: 'back'}
	| {type: 'toggleMode'; mode: 'help' | 'latency' | 'partitions' | 'picker' | 'rules'}
	| {type: 'toggleHitsOnly'}
	| {type: 'toggleFamily'; family: Family}
	| {type: 'toggleCategory'; category: Category}
	| {type: 'showAll'}
	| {type: 'search/open'}
	| {type: 'search/commit'}
	| {type: 'search/cancel'}
	| {type: 'text/insert'; text: string}
	| {type: 'text/backspace'}
	| {type: 'text/clear'}
	| {type: 'scroll'; by: ScrollBy}
	| {type: 'jump'; section: PaneSection}
	| {type: 'cursor'; by: number | 'top' | 'bottom'}
	| {type: 'picker/toggle'}
	| {type: 'rules/apply'}
	| {type: 'export/open'; marked?: boolean}
	| {type: 'export/confirm'}
	| {type: 'copy'}
	| {type: 'copy/field'}
	// The storyline view and marks
	| {type: 'story/open'}
	| {type: 'story/jump'}
	| {type: 'mark/toggle'}
	| {type: 'mark/next'; direction: 1 | -1}
	// The process tree
	| {type: 'tree/open'}
	| {type: 'tree/filter'}
	// Pivots
	| {type: 'field/move'; by: 1 | -1}
	| {type: 'pivot/add'; exclude: boolean}
	| {type: 'pivot/remove'}
	// Find: highlight in place, jump with n/N
	| {type: 'find/open'}
	| {type: 'find/commit'}
	| {type: 'find/cancel'}
	// Time: jump to a time (@), UTC or local (T)
	| {type: 'goto/open'}
	| {type: 'goto/commit'}
	| {type: 'toggleZone'}
	// Long lines
	| {type: 'hscroll'; by: number}
	| {type: 'toggleWrap'}
	| {type: 'members/jump'}
	| {type: 'rules/inspect'}
	| {type: 'groups/members'}
	| {type: 'tune/open'}
	| {type: 'tune/toggle'}
	| {type: 'tune/apply'}
	| {type: 'tune/path'}
	| {type: 'tune/write'}
	| {type: 'quit'};

/** A key as it arrived; the reducer matches it against the mode it finds (see uiReducer). */
export interface KeyAction {
	type: 'key';
	press: KeyPress;
}

/** The keys that waited for a fresh screen, applied now against it (the app sends this after a render). */
export interface ReplayAction {
	type: 'keys/replay';
}

export type MessageKind = 'info' | 'error';

/** What the app's timers and side effects report: no key, no screen. */
export type Notice =
	| {type: 'search/apply'; text: string}
	| {type: 'requests/done'; ids: readonly number[]}
	| {type: 'message'; text: string; kind?: MessageKind}
	| {type: 'message/clear'; id: number};

/** Everything the reducer takes: keys and commands with the screen they acted on, or a notice. */
export type Action = ((KeyAction | ReplayAction | Command) & {ctx: ViewContext}) | Notice;
