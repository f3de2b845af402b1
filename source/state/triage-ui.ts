// The reducer's part for the storyline view and marks: `s` opens the selected event's story (a
// list whose cursor is kept as a seq, so a story growing live does not move it), enter opens the
// event under the cursor in the detail and esc comes back; `m` marks events, u/U jump between the
// marks in view, W writes the marked events; Y copies the detail's field under the pivot cursor.
import {escapeUnsafe, lowerBoundSeq, type StoryKey} from '../core/view/index.js';
import type {Command, ViewContext} from './actions.js';
import {jumpAmong, selectedEvent} from './selection.js';
import type {UiState} from './ui-state.js';

/** The open story: what it is, whose (the title), and the event under its cursor. */
export interface StoryUi {
	key: StoryKey;
	label: string;
	cursorSeq?: number;
}

function say(state: UiState, text: string): UiState {
	return {...state, message: {id: state.nextId, text, kind: 'info'}, nextId: state.nextId + 1};
}

/** Marks on events still in the buffer (the others left with their events). */
export function liveMarks(marks: ReadonlySet<number>, oldestSeq: number | undefined): number[] {
	const out: number[] = [];
	for (const seq of marks) if (oldestSeq !== undefined && seq >= oldestSeq) out.push(seq);
	return out.sort((a, b) => a - b);
}

function storyIndex(state: UiState, ctx: ViewContext): number {
	const seqs = ctx.storySeqs ?? [];
	const i = state.story?.cursorSeq === undefined ? -1 : seqs.indexOf(state.story.cursorSeq);
	return Math.max(0, i);
}

/** The event the mark key acts on: the story's cursor row in the story, else the feed's selection. */
function markTarget(state: UiState, ctx: ViewContext): number | undefined {
	if (state.mode === 'story') return ctx.storySeqs?.[storyIndex(state, ctx)];
	return selectedEvent(state, ctx.visible, ctx.height)?.seq;
}

/** The command's result for the story, marks and field copy, or undefined to leave it to the reducer. */
export function applyTriageCommand(state: UiState, action: Command, ctx: ViewContext): UiState | undefined {
	switch (action.type) {
		case 'story/open': {
			if (state.mode === 'story') return {...state, mode: state.returnMode === 'detail' ? 'detail' : 'feed'};
			const story = ctx.selectedStory;
			const ev = selectedEvent(state, ctx.visible, ctx.height);
			if (!story || !ev) return say(state, 'no storyline or process known for this event');
			const returnMode = state.mode === 'detail' ? 'detail' : 'feed';
			const pinned = state.follow
				? {...state, follow: false, selectedSeq: ev.seq, anchorSeq: ctx.visible.at(-1)?.seq}
				: state;
			return {...pinned, mode: 'story', returnMode, story: {...story, cursorSeq: ev.seq}};
		}
		case 'cursor': {
			if (state.mode !== 'story' || !state.story) return undefined;
			const seqs = ctx.storySeqs ?? [];
			if (seqs.length === 0) return state;
			const cur = storyIndex(state, ctx);
			const by = action.by;
			const target = by === 'top' ? 0 : by === 'bottom' ? seqs.length - 1 : cur + by;
			const cursorSeq = seqs[Math.max(0, Math.min(seqs.length - 1, target))];
			return {...state, story: {...state.story, cursorSeq}};
		}
		case 'story/jump': {
			const seq = ctx.storySeqs?.[storyIndex(state, ctx)];
			if (seq === undefined) return say(state, 'no event here');
			const shown = ctx.visible[lowerBoundSeq(ctx.visible, seq)]?.seq === seq;
			// An event the filters hide is shown by clearing them (as a correlation's events are):
			// the detail opens on the feed's selection, which must be that event.
			const cleared: UiState = shown
				? state
				: {
						...state,
						hidden: new Set(),
						hitsOnly: false,
						ruleId: undefined,
						searchText: '',
						searchInput: '',
						process: undefined,
						pivots: [],
					};
			const next: UiState = {
				...cleared,
				story: state.story && {...state.story, cursorSeq: seq},
				follow: false,
				selectedSeq: seq,
				topSeq: undefined,
				anchorSeq: state.anchorSeq ?? ctx.visible.at(-1)?.seq,
				mode: 'detail',
				returnMode: 'story',
				paneScroll: 0,
				fieldCursor: undefined,
			};
			return shown ? next : say(next, `filters cleared to show event #${seq}`);
		}
		case 'mark/toggle': {
			const seq = markTarget(state, ctx);
			if (seq === undefined) return say(state, 'nothing selected to mark');
			const marks = new Set(state.marks);
			const had = marks.delete(seq);
			if (!had) marks.add(seq);
			const live = liveMarks(marks, ctx.oldestSeq ?? seq).length;
			const what = had ? `unmarked #${seq}` : `marked #${seq}`;
			return say({...state, marks}, `${what} · ${live} marked (u/U jump, W writes them)`);
		}
		case 'mark/next': {
			if (state.marks.size === 0) return say(state, 'no marks: m marks the selected event');
			const seqs = liveMarks(state.marks, ctx.visible[0]?.seq).filter(
				seq => ctx.visible[lowerBoundSeq(ctx.visible, seq)]?.seq === seq,
			);
			if (seqs.length === 0) return say(state, 'no marked event in view');
			return jumpAmong(state, seqs, action.direction, ctx);
		}
		case 'export/open': {
			if (!action.marked) return undefined;
			const count = liveMarks(state.marks, ctx.oldestSeq).length;
			if (count === 0)
				return say(
					state,
					state.marks.size > 0 ? 'the marked events left the buffer' : 'no marked events: m marks the selected one',
				);
			return undefined;
		}
		case 'copy/field': {
			const ev = selectedEvent(state, ctx.visible, ctx.height);
			const field = ev && state.fieldCursor?.seq === ev.seq ? ctx.pivotFields?.[state.fieldCursor.index] : undefined;
			if (!ev || !field) return say(state, 'move onto a field first: ] next field, [ previous');
			// Escaped as the copy of a whole event is: a paste carries no control or bidi character.
			const text = escapeUnsafe(field.value);
			return {
				...state,
				requests: [...state.requests, {kind: 'copy-text', text, what: `the ${field.key}`, id: state.nextId}],
				nextId: state.nextId + 1,
			};
		}
		default:
			return undefined;
	}
}
