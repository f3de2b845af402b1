// The view stage: what the screen (and --json, and the export) makes of the store's events. Pure
// data, no React: the filtered feed, the search language, windows, highlights, the detail and
// latency data, sanitizing, widths, and getting events out. The UI imports this file only.

// The visible list and how it is narrowed
export {FilteredView, filterEvents, nextHitIndex, type HighlightLookup, type ViewResult} from './feed-view.js';
export {eventPasses, NO_FILTER, type ProcessFilter, type ViewFilter} from './filter.js';
export {FILTER_KEYS, isEmptyQuery, parseQuery} from './query.js';
export {PIVOT_KEYS, pivotsPass, pivotText, pivotValues, type Pivot, type PivotKey} from './pivot.js';
export type {FieldFilter, FilterKey, ParsedQuery, QueryTerm} from './query.js';
export {highlightsOf, segmentsOf, type FieldHighlight, type HighlightField, type Segment} from './highlight.js';

// The process tree: who started whom, kept up to date from the buffer
export {ProcessIndex, type ProcessNode} from './tree/process-index.js';
export {focusRow, MAX_TREE_ROWS, processTree, treeOfEvent, type TreeRole, type TreeRow} from './tree/tree.js';
export {MAX_STORY_EVENTS, storyEvents, StoryTracker, storyKeyOf, type StoryKey} from './tree/story.js';

// Positions: seqs, windows, scrolling
export {countAfterSeq, lowerBoundSeq, upperBoundSeq} from './seq.js';
export {clampScroll, feedWindow, holdWindow, moveWindow, type WindowMove, type WindowState} from './window.js';

// Panes as data
export {hitHighlights, hitLines, normalizedFields, rawLines} from './detail-model.js';
export type {DetailField, DetailHighlight, DetailLine, DetailToken, HitLine, TokenKind} from './detail-model.js';
export {formatMs, headerLatency, histogramBars, histogramLabels, hostRows, percentileRows} from './latency-stats.js';
export type {HistogramBar, HostLatencyRow, PercentileRow} from './latency-stats.js';
export {sparkline} from './sparkline.js';
export {
	eventCopy,
	hexBytesPerRow,
	hexDumpRows,
	kafkaBytesText,
	payloadText,
	payloadView,
	type CopyText,
	type PayloadView,
} from './payload.js';
export {badgeOf, compactCount, countOfEvents, FAMILY_SHORT, formatCount, topHit} from './display.js';

// Text that reaches the terminal
export {escapeUnsafe, hasUnsafe, sanitizeText} from './sanitize.js';
export {displayWidth, takeWidth, truncateToWidth} from './width.js';

// Getting events out
export {expandHome, exportFileName, exportNdjson, osc52, osc52Check, rawEventText, writeErrorText} from './export.js';
export type {ExportOptions, ExportResult, Osc52Options} from './export.js';
export {serializeJsonLine, serializeJsonLines, toJsonLine, type JsonLine} from './json-line.js';
export {escapeJsonText, toJson} from './json-safe.js';

// Times
export {formatTime, isoTime, zonedIso, zoneLabel} from './time.js';
export {eventTime, firstAtOrAfter, formatStamp, parseTimeSpec, resolveTimeSpec, timeSpan} from './time-spec.js';
export {TIME_SPEC_EXAMPLES, timeJump, type TimeJump, type TimeSpec, type TimeZoneMode} from './time-spec.js';
