// Tree building from each format's identity: the demo's consistent trees decoded from its wire
// formats, S1 API rows, and hand-made events for pid reuse, out-of-order arrival and eviction.
import {describe, expect, it} from 'vitest';
import type {EdrEvent, FormatName, ProcessInfo} from '../../../../source/core/event.js';
import {familyOf} from '../../../../source/core/event.js';
import {createDemoStream, type DemoWireFormat} from '../../../../source/core/demo/index.js';
import {decodeRecord} from '../../../../source/core/formats/index.js';
import {ProcessIndex} from '../../../../source/core/view/tree/process-index.js';
import {processTree, treeOfEvent} from '../../../../source/core/view/tree/tree.js';

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

const names = (rows: ReturnType<typeof processTree>) => rows.map(r => `${r.depth}:${r.role}:${r.node.info.name}`);

describe('process tree from the demo, per wire format', {timeout: 30_000}, () => {
	for (const format of ['s1-dv', 's1-cf2', 'sysmon', 'mde', 'cs-fdr', 'ocsf'] as const)
		it(`${format}: regsvr32's tree has its ancestors up to the root and its calc.exe child`, () => {
			const events = decodedDemo(format, 1500);
			const index = new ProcessIndex();
			index.update(events);
			const ev = events.find(
				e => e.category === 'Process Creation' && e.target.process?.name?.toLowerCase() === 'regsvr32.exe',
			);
			expect(ev, 'a regsvr32 creation in the first 1500 events').toBeDefined();
			const {key, rows} = treeOfEvent(index, ev!);
			expect(key).toBeDefined();
			const lines = names(rows);
			const focus = rows.findIndex(r => r.role === 'focus');
			expect(rows[focus]!.node.info.name?.toLowerCase()).toBe('regsvr32.exe');
			// Ancestors: cmd.exe directly above, the operator's powershell above it, a root at depth 0.
			expect(rows[focus - 1]!.node.info.name?.toLowerCase()).toBe('cmd.exe');
			expect(rows[focus - 2]!.node.info.name?.toLowerCase()).toBe('powershell.exe');
			expect(rows[0]!.depth).toBe(0);
			expect(rows.slice(0, focus).every(r => r.role === 'ancestor')).toBe(true);
			const calc = rows.find(r => r.node.info.name?.toLowerCase() === 'calc.exe');
			expect(calc, lines.join('\n')).toBeDefined();
			expect(calc!.depth).toBe(rows[focus]!.depth + 1);
			// The regsvr32 node's own events: its creation, and (2nd test) its DNS, connection, HTTP.
			expect(index.owns(key!, ev!)).toBe(true);
			expect(rows[focus]!.node.placeholder).toBe(false);
		});
});

let seq = 0;
function ev(category: EdrEvent['category'], over: Partial<EdrEvent>): EdrEvent {
	return {
		seq: ++seq,
		category,
		family: familyOf(category),
		format: (over.format ?? 'json') as FormatName,
		receivedAt: over.time ?? T0,
		host: 'WS01',
		target: {},
		summary: category,
		hits: [],
		raw: {},
		...over,
	};
}
const proc = (name: string, pid: number, extra: ProcessInfo = {}): ProcessInfo => ({name, pid, ...extra});
const create = (parent: ProcessInfo, child: ProcessInfo, time: number, over: Partial<EdrEvent> = {}) =>
	ev('Process Creation', {actor: parent, target: {process: child}, time, ...over});
const dns = (actor: ProcessInfo, time: number) => ev('DNS', {actor, target: {dns: {query: 'example.org'}}, time});
const exit = (actor: ProcessInfo, time: number) => ev('Process Exit', {actor, time});

describe('identity', () => {
	it('S1 API rows: the unique keys join a creation row to the child its later rows describe', () => {
		const rows = [
			{
				eventType: 'Process Creation',
				agentName: 'WS01',
				createdAt: '2026-11-27T10:00:00.000Z',
				srcProcName: 'cmd.exe',
				srcProcPid: 100,
				srcProcUid: 'AAA',
				tgtProcName: 'regsvr32.exe',
				tgtProcPid: 200,
				tgtProcUid: 'BBB',
			},
			{
				eventType: 'DNS Resolved',
				agentName: 'WS01',
				createdAt: '2026-11-27T10:00:01.000Z',
				srcProcName: 'regsvr32.exe',
				srcProcPid: 200,
				srcProcUid: 'BBB',
				dnsRequest: 'raw.githubusercontent.com',
			},
		];
		const events = rows.map((r, i) => ({...decodeRecord({value: JSON.stringify(r), receivedAt: T0})[0]!, seq: i + 1}));
		expect(events[0]!.format).toBe('s1-api');
		const index = new ProcessIndex();
		index.update(events);
		const key = index.focusOf(events[1]!)!;
		expect(index.owns(key, events[0]!)).toBe(true);
		expect(names(processTree(index, key))).toEqual(['0:ancestor:cmd.exe', '1:focus:regsvr32.exe']);
	});

	it('a reused pid with start times: two processes, never one', () => {
		const parent = proc('explorer.exe', 10, {startTime: T0 - 10_000});
		const a = proc('notepad.exe', 500, {startTime: T0});
		const b = proc('mimikatz.exe', 500, {startTime: T0 + 60_000});
		const events = [create(parent, a, T0), exit(a, T0 + 1000), create(parent, b, T0 + 60_000), dns(b, T0 + 61_000)];
		const index = new ProcessIndex();
		index.update(events);
		expect(index.focusOf(events[0]!)).not.toBe(index.focusOf(events[3]!));
		expect(names(processTree(index, index.focusOf(events[3]!)!))).toEqual([
			'0:ancestor:explorer.exe',
			'1:focus:mimikatz.exe',
		]);
		expect(index.owns(index.focusOf(events[0]!)!, events[3]!)).toBe(false);
	});

	it('a reused pid without start times: the exit ends one process, the next event is another', () => {
		const parent = proc('services.exe', 10);
		const first = proc('svchost.exe', 700);
		const later = proc('evil.exe', 700);
		const events = [
			create(parent, first, T0),
			dns(first, T0 + 1000),
			exit(first, T0 + 2000),
			create(parent, later, T0 + 5000),
			dns(later, T0 + 6000),
		];
		const index = new ProcessIndex();
		index.update(events);
		const k1 = index.focusOf(events[1]!)!;
		const k2 = index.focusOf(events[4]!)!;
		expect(k1).not.toBe(k2);
		expect(index.node(k1)!.info.name).toBe('svchost.exe');
		expect(index.node(k2)!.info.name).toBe('evil.exe');
		expect(index.owns(k2, events[3]!)).toBe(true);
		expect(index.owns(k1, events[4]!)).toBe(false);
		// Both are children of services.exe.
		expect(processTree(index, index.focusOf(events[0]!)!).length).toBe(2);
		expect([...index.node(index.ancestors(k1)[0]!.key)!.children]).toEqual([k1, k2]);
	});

	it('Sysmon: ProcessGuid joins, whatever the pid says', () => {
		const parent = proc('cmd.exe', 100, {uid: '{AAAA}'});
		const child = proc('regsvr32.exe', 200, {uid: '{BBBB}'});
		const events = [
			create(parent, child, T0, {format: 'sysmon'}),
			// Same guid, lower case: the same process.
			dns(proc('regsvr32.exe', 200, {uid: '{bbbb}'}), T0 + 10),
			// Same pid, another guid: another process.
			dns(proc('other.exe', 200, {uid: '{CCCC}'}), T0 + 20),
		];
		const index = new ProcessIndex();
		index.update(events);
		expect(index.focusOf(events[1]!)).toBe(index.focusOf(events[0]!));
		expect(index.focusOf(events[2]!)).not.toBe(index.focusOf(events[0]!));
	});

	it('the same guid on two hosts is two processes', () => {
		const a = dns(proc('a.exe', 1, {uid: 'X'}), T0);
		const b = {...dns(proc('b.exe', 1, {uid: 'X'}), T0), host: 'WS02'};
		const index = new ProcessIndex();
		index.update([a, b]);
		expect(index.focusOf(a)).not.toBe(index.focusOf(b));
	});
});

describe('arrival order and eviction', () => {
	it('a child that arrives before its parent: placeholder first, joined when the creation arrives', () => {
		const ps = proc('powershell.exe', 300, {uid: 'PS'});
		const cmd = proc('cmd.exe', 400, {uid: 'CMD'});
		const early = [dns(cmd, T0 + 100)];
		const index = new ProcessIndex();
		index.update(early);
		const key = index.focusOf(early[0]!)!;
		expect(processTree(index, key).map(r => r.role)).toEqual(['focus']);
		const later = [...early, create(ps, cmd, T0)];
		index.update(later);
		expect(names(processTree(index, key))).toEqual(['0:ancestor:powershell.exe', '1:focus:cmd.exe']);
	});

	it('pid-only: events of a child seen before its creation are adopted by it', () => {
		const parent = proc('explorer.exe', 10);
		const child = proc('cmd.exe', 44);
		const events = [dns(child, T0 + 500), create(parent, child, T0)];
		const index = new ProcessIndex();
		index.update(events);
		expect(index.focusOf(events[0]!)).toBe(index.focusOf(events[1]!));
		expect(index.ancestors(index.focusOf(events[0]!)!).map(n => n.info.name)).toEqual(['explorer.exe']);
	});

	it("an ancestor known only from the actor's parent enrichment is a placeholder with what is known", () => {
		const e = ev('DNS', {
			actor: proc('rundll32.exe', 9, {uid: 'R'}),
			parent: proc('winword.exe', 8, {uid: 'W'}),
			time: T0,
		});
		const index = new ProcessIndex();
		index.update([e]);
		const rows = processTree(index, index.focusOf(e)!);
		expect(rows[0]!.node.placeholder).toBe(true);
		expect(rows[0]!.node.info).toMatchObject({name: 'winword.exe', pid: 8});
		expect(rows[1]!.node.placeholder).toBe(false);
	});

	it('an ancestor whose events left the buffer stays in the tree while a descendant is there', () => {
		const ps = proc('powershell.exe', 300, {uid: 'PS'});
		const cmd = proc('cmd.exe', 400, {uid: 'CMD'});
		const tool = proc('regsvr32.exe', 500, {uid: 'REG'});
		const all = [create(ps, cmd, T0), create(cmd, tool, T0 + 1), dns(tool, T0 + 2)];
		const index = new ProcessIndex();
		index.update(all);
		// The ring buffer evicted the first two events: only the DNS lookup is left.
		index.update(all.slice(2));
		const key = index.focusOf(all[2]!)!;
		expect(names(processTree(index, key))).toEqual([
			'0:ancestor:powershell.exe',
			'1:ancestor:cmd.exe',
			'2:focus:regsvr32.exe',
		]);
		expect(index.owns(key, all[1]!)).toBe(false);
		// And when the last event naming them goes, so do they: the index stays bounded.
		index.update([dns(proc('x.exe', 1, {uid: 'X'}), T0 + 3)]);
		expect(index.size).toBe(1);
	});

	it('read in slices over a sliding buffer, it ends as the index read whole: same processes, same trees', () => {
		const events = decodedDemo('s1-dv', 3000);
		const whole = new ProcessIndex();
		const sliced = new ProcessIndex();
		// A buffer of 1,000 moving 250 events at a time; the sliced index reads 60 per call.
		for (let end = 1000; end <= events.length; end += 250) {
			const buffer = events.slice(end - 1000, end);
			whole.update(buffer);
			let calls = 0;
			while (!sliced.update(buffer, 60)) calls++;
			expect(calls).toBeGreaterThan(0);
			expect(sliced.size).toBe(whole.size);
			for (const ev of buffer) {
				const key = whole.focusOf(ev);
				expect(sliced.focusOf(ev)).toBe(key);
				if (key !== undefined && ev.seq % 50 === 0)
					expect(names(processTree(sliced, key))).toEqual(names(processTree(whole, key)));
			}
		}
		// Up to date: a call reads nothing and says so.
		expect(sliced.update(events.slice(-1000), 60)).toBe(true);
	});

	it('a buffer that is not a continuation (a new store) is read from scratch', () => {
		const index = new ProcessIndex();
		const a = dns(proc('a.exe', 1, {uid: 'A'}), T0);
		index.update([a]);
		const b = {...dns(proc('b.exe', 2, {uid: 'B'}), T0), seq: 1};
		index.update([b]);
		expect(index.size).toBe(1);
		expect(index.node(index.focusOf(b)!)!.info.name).toBe('b.exe');
	});

	it('keeps hits and the highest level on the process they are about', () => {
		const cmd = proc('cmd.exe', 1, {uid: 'C'});
		const reg = proc('regsvr32.exe', 2, {uid: 'R'});
		const hit = {id: 'r', title: 't', level: 'high' as const, tags: [], fields: []};
		const e = create(cmd, reg, T0, {hits: [hit, {...hit, level: 'low'}]});
		const index = new ProcessIndex();
		index.update([e]);
		const node = index.node(index.focusOf(e)!)!;
		expect(node.info.name).toBe('regsvr32.exe');
		expect([node.hits, node.level]).toEqual([1, 'high']);
		expect(index.node(index.ancestors(node.key)[0]!.key)!.hits).toBe(0);
	});
});

describe('bounded memory', () => {
	it('the cache of built process keys stays bounded on an endless stream of new processes', () => {
		const index = new ProcessIndex(100);
		const hosts = ['WS01', 'WS02', 'WS03'];
		let buffer: EdrEvent[] = [];
		for (let i = 0; i < 1000; i++) {
			const e = ev('DNS', {
				host: hosts[i % 3],
				actor: proc('a.exe', i, {uid: `U${i}`}),
				target: {dns: {query: 'example.org'}},
			});
			// A ring buffer of 50 events.
			buffer = [...buffer, e].slice(-50);
			index.update(buffer);
			expect(index.cachedKeys).toBeLessThanOrEqual(100);
		}
		expect(index.size).toBe(50);
		// Keys built again after the cache started over are the same keys: a process keeps its node.
		const last = buffer.at(-1)!;
		const key = index.focusOf(last)!;
		expect(index.node(key)!.info.name).toBe('a.exe');
		const again = dns(last.actor!, T0);
		index.update([...buffer.slice(1), again]);
		expect(index.focusOf(again)).toBe(key);
	});
});
