// A real terminal for the screen benchmarks: a private tmux server, a session of a fixed size with a
// bash that has no CI in its environment (Ink draws nothing under CI), and one tmux control-mode
// client kept open to send keys and capture the pane: a command costs a round trip on a pipe instead
// of a tmux process per poll, which would itself load the 2 cores being measured.
import {execFileSync, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {alive} from './proc.js';

export const shellQuote = s => `'${s.replace(/'/g, `'\\''`)}'`;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** The header's event counter ("123,456 events" on its first line), or undefined. */
export function headerCount(screen) {
	const m = /([\d,]+) events?\b/.exec(screen.split('\n')[0] ?? '');
	return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

export class Tmux {
	socket = `edrtail-bench-${randomBytes(4).toString('hex')}`;
	#client;
	#buffer = '';
	#pending = [];
	#block;

	run(...args) {
		const options = {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']};
		return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], options);
	}

	/** A detached session `columns`x`rows` with a plain bash prompt; then the control client. */
	async start(columns, rows, name = 'main') {
		this.name = name;
		this.run(
			'new-session',
			'-d',
			'-x',
			String(columns),
			'-y',
			String(rows),
			'-s',
			name,
			'env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color bash --norc --noprofile',
		);
		// The window keeps its size whoever attaches (the control client must not resize it).
		this.run('set-option', '-g', 'window-size', 'manual');
		// Keys typed before bash reads its terminal can be lost: wait for its first prompt.
		const deadline = performance.now() + 30_000;
		while (this.run('capture-pane', '-p', '-t', name).trim() === '') {
			if (performance.now() > deadline) throw new Error('bash did not start in the tmux session');
			await sleep(50);
		}
		await this.#attach();
		const marker = `ready-${randomBytes(3).toString('hex')}`;
		await this.keys(`PS1='$ '; clear; echo ${marker}`, 'Enter');
		await this.waitFor(s => s.includes(marker), 'the shell prompt');
	}

	async #attach() {
		// The client answers its own attach-session with a first %begin/%end block: wait for it, or the
		// first command may run before the client is attached ("no current client").
		const attached = this.#expect('attach-session');
		const args = ['-L', this.socket, '-f', '/dev/null', '-C', 'attach-session', '-t', this.name];
		const client = spawn('tmux', args, {stdio: ['pipe', 'pipe', 'pipe']});
		this.#client = client;
		client.stdout.setEncoding('utf8');
		client.stdout.on('data', d => this.#read(d));
		const err = [];
		client.stderr.on('data', d => err.push(d));
		client.on('exit', code => {
			// Nothing more will answer: fail what waits instead of hanging.
			const why = new Error(`tmux control client exited (${code}): ${Buffer.concat(err).toString('utf8').trim()}`);
			for (const p of this.#pending.splice(0)) p.reject(why);
		});
		await attached;
		// Pane output would arrive as %output notifications: a flood at thousands of events/s.
		await this.command('refresh-client -f no-output');
	}

	/** A promise for the next reply block; rejected when none comes within 20 s. */
	#expect(what) {
		return new Promise((resolve, reject) => {
			const entry = {resolve, reject};
			const timer = setTimeout(() => {
				const i = this.#pending.indexOf(entry);
				if (i !== -1) this.#pending.splice(i, 1);
				reject(new Error(`tmux did not answer ${what} within 20 s`));
			}, 20_000);
			entry.resolve = v => (clearTimeout(timer), resolve(v));
			entry.reject = e => (clearTimeout(timer), reject(e));
			this.#pending.push(entry);
		});
	}

	#read(data) {
		this.#buffer += data;
		let nl;
		while ((nl = this.#buffer.indexOf('\n')) !== -1) {
			const line = this.#buffer.slice(0, nl);
			this.#buffer = this.#buffer.slice(nl + 1);
			if (this.#block) {
				if (line.startsWith('%end ') || line.startsWith('%error ')) {
					const {lines} = this.#block;
					this.#block = undefined;
					const p = this.#pending.shift();
					if (line.startsWith('%error ')) p?.reject(new Error(`tmux: ${lines.join(' ')}`));
					else p?.resolve(lines.join('\n'));
				} else this.#block.lines.push(line);
			} else if (line.startsWith('%begin ')) this.#block = {lines: []};
			// Other % lines are notifications: ignored.
		}
	}

	/** One tmux command through the control client; resolves to its output. */
	command(text) {
		const reply = this.#expect(text.split(' ')[0]);
		this.#client.stdin.write(text + '\n');
		return reply;
	}

	keys(...keys) {
		return this.command(`send-keys -t ${this.name} ${keys.map(k => shellQuote(k)).join(' ')}`);
	}

	screen() {
		return this.command(`capture-pane -p -t ${this.name}`);
	}

	async waitFor(test, what, timeoutMs = 15_000, pollMs = 50) {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const s = await this.screen();
			if (test(s)) return s;
			if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
			await sleep(pollMs);
		}
	}

	/** The pid of the program the pane's shell runs (its child whose command line matches `pattern`). */
	childPid(pattern) {
		const shell = Number(this.run('display-message', '-p', '-t', this.name, '#{pane_pid}').trim());
		const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
		return children.map(Number).find(pid => {
			try {
				return pattern.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
			} catch {
				return false;
			}
		});
	}

	/**
	 * Starts `node dist/cli.js ARGS` in the shell as a user would (NODE_ENV=production) and waits for
	 * its header; resolves to the process id. `nodeArgs` go to node itself (`--cpu-prof`...).
	 */
	async edrtail(cli, args, nodeArgs = []) {
		const node = ['node', ...nodeArgs.map(shellQuote)].join(' ');
		await this.keys(`NODE_ENV=production ${node} ${shellQuote(cli)} ${args.map(shellQuote).join(' ')}`, 'Enter');
		await this.waitFor(s => headerCount(s) !== undefined, 'the header', 60_000, 100);
		const pid = this.childPid(/cli\.js|^edrtail/);
		if (!pid) throw new Error('could not find the edrtail process');
		return pid;
	}

	/** `q`, then SIGTERM if it is still there after `waitMs`; then the server goes. */
	async quit(pid, waitMs = 5000) {
		try {
			await this.keys('q');
			for (let i = 0; i < waitMs / 100 && pid && alive(pid); i++) await sleep(100);
			if (pid && alive(pid)) process.kill(pid, 'SIGTERM');
		} catch {
			// the session or the process is gone already
		}
		this.kill();
	}

	kill() {
		try {
			this.#client?.stdin.end();
			this.#client?.kill();
		} catch {
			// gone
		}
		try {
			this.run('kill-server');
		} catch {
			// already gone
		}
		// tmux leaves its socket file behind.
		rmSync(join(process.env.TMUX_TMPDIR ?? tmpdir(), `tmux-${process.getuid()}`, this.socket), {force: true});
	}
}
