// The full-screen UI in a real terminal (tmux, 80x24) on the real broker: events produced after it
// started appear, `q` exits 0 and the shell screen is back (the alternate screen was left).
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it, expect, afterEach} from 'vitest';
import {removeSocket} from '../helpers/tmux.js';
import {brokers, cliPath, createTopic, groupsWithMembers, produce, unique, waitFor} from './kafka-helpers.js';

const socket = unique('edrtail-e2e');
const tmux = (...args: string[]) =>
	execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', 'main');
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('edrtail in a real terminal', () => {
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-tmux-'));

	afterEach(() => {
		try {
			tmux('kill-server');
		} catch {
			// already gone
		}
		removeSocket(socket);
		rmSync(dir, {recursive: true, force: true});
	});

	it('shows events produced after it started, and q restores the shell screen with exit code 0', async () => {
		const topic = unique('tmux');
		await createTopic(topic, 1);
		const exitFile = join(dir, 'exit');
		const marker = unique('tm');

		tmux(
			'new-session',
			'-d',
			'-x',
			'80',
			'-y',
			'24',
			'-s',
			'main',
			'env -u CI -u CONTINUOUS_INTEGRATION bash --norc --noprofile',
		);
		tmux('send-keys', '-t', 'main', `PS1='$ '; clear; echo shell-before-${marker}`, 'Enter');
		await waitFor(() => screen().includes(`shell-before-${marker}`), 10_000, 'the shell');

		// Ink prints nothing while CI is set (docs/stack.md §2): the session's shell runs without it.
		const command = `NODE_ENV=production node ${shellQuote(cliPath)} -b ${brokers()} -t ${topic}; echo EXIT=$? > ${shellQuote(exitFile)}`;
		tmux('send-keys', '-t', 'main', command, 'Enter');
		// Subscribed once its ephemeral group has a member; from then on everything produced shows.
		// (e2e files run one at a time: a group that was not there before is this run's.)
		const ephemeral = /^edrtail-[0-9a-f]+$/;
		const before = new Set(await groupsWithMembers(ephemeral));
		let joined: string[] = [];
		await waitFor(
			async () => (joined = (await groupsWithMembers(ephemeral)).filter(g => !before.has(g))).length > 0,
			30_000,
			'edrtail to join its group',
		);
		expect(screen()).not.toContain(`shell-before-${marker}`); // the alternate screen is up

		await produce(
			topic,
			[1, 2, 3].map(i => ({value: JSON.stringify({msg: `${marker}-${i}`, host: 'TMUX-WS'})})),
		);
		await waitFor(() => [1, 2, 3].every(i => screen().includes(`${marker}-${i}`)), 15_000, 'the events on screen');

		tmux('send-keys', '-t', 'main', 'q');
		await waitFor(
			() => existsSync(exitFile) && readFileSync(exitFile, 'utf8').includes('EXIT='),
			15_000,
			'edrtail to exit',
		);
		expect(readFileSync(exitFile, 'utf8').trim()).toBe('EXIT=0');
		// The pipeline thread's consumer left the group on q: no member waits out a session timeout.
		const left = await groupsWithMembers(ephemeral);
		expect(joined.filter(g => left.includes(g))).toEqual([]);

		const after = screen();
		expect(after).toContain(`shell-before-${marker}`);
		expect(after).not.toContain(`${marker}-1`);
	});

	it('waits for a topic that does not exist yet: says why, then shows its events once it is there', async () => {
		const topic = unique('tmux-late');
		// A folder of its own: afterEach removes the shared one.
		const own = mkdtempSync(join(tmpdir(), 'edrtail-tmux-late-'));
		const exitFile = join(own, 'exit');
		const marker = unique('late');
		tmux(
			'new-session',
			'-d',
			'-x',
			'80',
			'-y',
			'24',
			'-s',
			'main',
			'env -u CI -u CONTINUOUS_INTEGRATION bash --norc --noprofile',
		);
		tmux(
			'send-keys',
			'-t',
			'main',
			`NODE_ENV=production node ${shellQuote(cliPath)} -b ${brokers()} -t ${topic}; echo EXIT=$? > ${shellQuote(exitFile)}`,
			'Enter',
		);
		await waitFor(() => screen().includes('topic not found'), 20_000, 'the reason on screen');

		await createTopic(topic, 1);
		await waitFor(
			async () => (await groupsWithMembers(/^edrtail-[0-9a-f]+$/)).length > 0,
			30_000,
			'edrtail to retry and join',
		);
		await produce(
			topic,
			[1, 2].map(i => ({value: JSON.stringify({msg: `${marker}-${i}`})})),
		);
		await waitFor(() => [1, 2].every(i => screen().includes(`${marker}-${i}`)), 15_000, 'the events on screen');

		tmux('send-keys', '-t', 'main', 'q');
		await waitFor(
			() => existsSync(exitFile) && readFileSync(exitFile, 'utf8').includes('EXIT='),
			15_000,
			'edrtail to exit',
		);
		expect(readFileSync(exitFile, 'utf8').trim()).toBe('EXIT=0');
		rmSync(own, {recursive: true, force: true});
	});
});
