// The storyline view's events: S1 storylines followed live and through eviction, the process tree
// for the formats without a storyline, each on the demo's wire formats and on hand-made events.
import {describe, expect, it} from 'vitest';
import type {EdrEvent, ProcessInfo} from '../../../../source/core/event.js';
import {createDemoStream, type DemoWireFormat} from '../../../../source/core/demo/index.js';
import {decodeRecord} from '../../../../source/core/formats/index.js';
import {ProcessIndex} from '../../../../source/core/view/tree/process-index.js';
import {StoryTracker, storyKeyOf} from '../../../../source/core/view/tree/story.js';
import {makeEvent} from '../make-event.js';

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);

function decodedDemo(format: DemoWireFormat, n: number): EdrEvent[] {
	const stream = createDemoStream({seed: 1, format, startTime: T0});
	const out: EdrEvent[] = [];
	let seq = 0;
	for (let i = 0; out.length < n && i < 10 * n; i++)
		for (const m of stream.flush(20, T0 + i * 1000))
			for (const d of decodeRecord({value: m.value, receivedAt: T0 + i * 1000})) out.push({...d, seq: ++seq});
	return out;
}

const isRegsvr32Creation = (e: EdrEvent) =>
	e.category === 'Process Creation' && e.target.process?.name?.toLowerCase() === 'regsvr32.exe';
const timeOf = (e: EdrEvent) => e.time ?? e.receivedAt;

describe('the story of the demo regsvr32 event, per wire format', {timeout: 30_000}, () => {
	for (const format of ['s1-dv', 's1-cf2', 'sysmon', 'mde', 'cs-fdr', 'ocsf'] as const)
		it(`${format}: its creation, its own activity and calc.exe's, in time order`, () => {
			const events = decodedDemo(format, 1500);
			const index = new ProcessIndex();
			index.update(events);
			const ev = events.find(isRegsvr32Creation)!;
			const key = storyKeyOf(ev, index)!;
			expect(key.kind).toBe(format.startsWith('s1-') ? 'storyline' : 'tree');
			const story = new StoryTracker().update(events, index, key);
			expect(story).toContain(ev);
			// regsvr32 reaches out (DNS or a connection) and starts calc.exe: both are in its story.
			const byRegsvr32 = story.filter(e => e.actor?.name?.toLowerCase() === 'regsvr32.exe');
			expect(byRegsvr32.length).toBeGreaterThan(0);
			expect(story.some(e => e.target.process?.name?.toLowerCase() === 'calc.exe')).toBe(true);
			for (let i = 1; i < story.length; i++) expect(timeOf(story[i]!)).toBeGreaterThanOrEqual(timeOf(story[i - 1]!));
			// And nothing of another host.
			expect(new Set(story.map(e => e.host)).size).toBe(1);
			// A story is a part of the buffer, not all of it.
			expect(story.length).toBeLessThan(events.length / 4);
		});
});

const proc = (name: string, pid: number, storyline?: string, uid?: string): ProcessInfo => ({
	name,
	image: `C:\\Windows\\${name}`,
	pid,
	storyline,
	uid,
});

describe('StoryTracker', () => {
	const a = proc('cmd.exe', 10, 'SL-A', 'u-cmd');
	const b = proc('regsvr32.exe', 11, 'SL-A', 'u-reg');
	const other = proc('svchost.exe', 12, 'SL-B', 'u-svc');
	const base = {format: 's1-dv' as const, host: 'WS01'};

	it('follows a storyline live: new events join, evicted ones leave, the order is event time', () => {
		const index = new ProcessIndex();
		const tracker = new StoryTracker();
		const e1 = makeEvent(1, {...base, actor: a, target: {process: b}, time: T0 + 50});
		const e2 = makeEvent(2, {...base, category: 'DNS', actor: b, time: T0 + 10});
		const e3 = makeEvent(3, {...base, category: 'DNS', actor: other, time: T0 + 20});
		let events = [e1, e2, e3];
		index.update(events);
		const key = storyKeyOf(e1, index)!;
		expect(key).toEqual({kind: 'storyline', id: 'SL-A'});
		let story = tracker.update(events, index, key);
		// e2 happened before e1 on the endpoint, though it arrived after it.
		expect(story.map(e => e.seq)).toEqual([2, 1]);
		expect(tracker.update(events, index, key)).toBe(story);
		const e4 = makeEvent(4, {...base, category: 'File Creation', actor: b, time: T0 + 60});
		events = [...events, e4];
		index.update(events);
		story = tracker.update(events, index, key);
		expect(story.map(e => e.seq)).toEqual([2, 1, 4]);
		// The ring buffer lets go of e1 and e2.
		events = events.slice(2);
		index.update(events);
		expect(tracker.update(events, index, key).map(e => e.seq)).toEqual([4]);
	});

	it('keeps at most its cap, the newest arrivals', () => {
		const index = new ProcessIndex();
		const events = Array.from({length: 50}, (_, i) =>
			makeEvent(i + 1, {...base, category: 'DNS', actor: b, time: T0 + i}),
		);
		index.update(events);
		const story = new StoryTracker(20).update(events, index, {kind: 'storyline', id: 'SL-A'});
		expect(story.map(e => e.seq)).toEqual(Array.from({length: 20}, (_, i) => i + 31));
	});

	it("a format without storylines takes the process and its descendants, not its ancestors' own events", () => {
		const index = new ProcessIndex();
		const json = {format: 'json' as const, host: 'WS01'};
		const p = {name: 'cmd.exe', pid: 10, startTime: T0};
		const c = {name: 'regsvr32.exe', pid: 11, startTime: T0 + 1};
		const g = {name: 'calc.exe', pid: 12, startTime: T0 + 2};
		const stranger = {name: 'notepad.exe', pid: 13, startTime: T0};
		const events = [
			makeEvent(0, {...json, category: 'DNS', actor: p, time: T0}),
			makeEvent(1, {...json, actor: p, target: {process: c}, time: T0 + 1}),
			makeEvent(2, {...json, category: 'DNS', actor: c, time: T0 + 5}),
			makeEvent(3, {...json, category: 'DNS', actor: stranger, time: T0 + 3}),
			makeEvent(4, {...json, actor: c, target: {process: g}, time: T0 + 2}),
		];
		index.update(events);
		const key = storyKeyOf(events[1]!, index)!;
		expect(key.kind).toBe('tree');
		expect(new StoryTracker().update(events, index, key).map(e => e.seq)).toEqual([1, 4, 2]);
	});

	it("Sysmon's storyline (its ProcessGuid) is one process: Sysmon takes the tree", () => {
		const index = new ProcessIndex();
		const s = {...proc('cmd.exe', 10, 'G-1', 'G-1')};
		const ev = makeEvent(1, {format: 'sysmon', host: 'WS01', category: 'DNS', actor: s});
		index.update([ev]);
		expect(storyKeyOf(ev, index)?.kind).toBe('tree');
	});

	it('an event with no storyline and no process has no story', () => {
		const index = new ProcessIndex();
		const ev = makeEvent(1, {format: 's1-dv', category: 'Login'});
		index.update([ev]);
		expect(storyKeyOf(ev, index)).toBeUndefined();
	});
});
