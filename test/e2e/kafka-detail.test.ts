// The Kafka coordinates people check, on the real broker in a real terminal: a message's key and
// headers (text escaped, binary as hex), partition and offset reach the detail pane through the
// pipeline thread.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {TmuxServer, waitForExit} from '../helpers/tmux.js';
import {brokers, createTopic, produce, unique} from './kafka-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'edrtail-kdetail-'));
let server: TmuxServer | undefined;
afterEach(() => server?.kill());
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('Kafka key and headers in the detail pane', {timeout: 90_000}, () => {
	it('shows the key, the headers, partition and offset; hostile bytes escaped or in hex', async () => {
		const topic = unique('kdetail');
		await createTopic(topic, 1);
		const value = JSON.stringify({EventID: 1, Computer: 'KEY-WS', Image: 'C:\\Windows\\cmd.exe'});
		await produce(topic, [
			{
				key: 'agent-42.corp.example.com \u001b]0;pwn\u0007',
				value,
				headers: {source: 'edr-export', blob: Buffer.from([0, 1, 2, 0xfe])},
			},
		]);
		server = new TmuxServer();
		const s = await server.session('ui', 100, 40);
		const exit = join(dir, 'exit');
		s.start(`-b ${brokers()} -t ${topic} --from earliest`, exit);
		await s.waitFor(x => x.includes('KEY-WS'), 'the event', 45_000);
		s.keys('Enter');
		await s.waitFor(x => x.includes('── raw event'), 'the detail');
		s.keys('G');
		const detail = await s.waitFor(x => x.includes('kafka header blob'), 'the Kafka fields');
		expect(detail).toMatch(/kafka key +agent-42\.corp\.example\.com \\x1b\]0;pwn\\x07/);
		expect(detail).toMatch(/kafka header source +edr-export/);
		expect(detail).toMatch(/kafka header blob +hex 000102fe/);
		expect(detail).toMatch(/kafka partition +0/);
		expect(detail).toMatch(/kafka offset +0/);
		expect(detail).not.toContain('\u001b]0;pwn');
		s.keys('q', 'q');
		expect(await waitForExit(exit)).toBe('EXIT=0');
	});
});
