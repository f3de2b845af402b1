// A real terminal for end-to-end UI tests: one private tmux server per test file, a bash without
// CI in its environment (Ink prints nothing while CI is set), and polling on the captured pane.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = process.env.EDRTAIL_E2E_CLI ?? join(root, 'dist', 'cli.js');
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** tmux leaves a killed server's socket file behind: one per test file and run, without this. */
export function removeSocket(socket: string): void {
	rmSync(join(process.env.TMUX_TMPDIR ?? tmpdir(), `tmux-${process.getuid?.() ?? 0}`, socket), {force: true});
}

export class TmuxServer {
	readonly socket = `edrtail-ui-${randomBytes(4).toString('hex')}`;

	run(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	}

	/** Starts a session with a plain bash prompt and waits for it. */
	async session(name: string, columns: number, rows: number): Promise<TmuxSession> {
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
		const s = new TmuxSession(this, name);
		const marker = `ready-${randomBytes(3).toString('hex')}`;
		s.keys(`PS1='$ '; clear; echo ${marker}`, 'Enter');
		await s.waitFor(screen => screen.includes(marker), 'the shell prompt');
		return s;
	}

	kill(): void {
		try {
			this.run('kill-server');
		} catch {
			// already gone
		}
		removeSocket(this.socket);
	}
}

export class TmuxSession {
	constructor(
		readonly server: TmuxServer,
		readonly name: string,
	) {}

	keys(...keys: string[]): void {
		this.server.run('send-keys', '-t', this.name, ...keys);
	}

	/** Sends text literally (no key-name lookup). */
	type(text: string): void {
		this.server.run('send-keys', '-t', this.name, '-l', text);
	}

	screen(colours = false): string {
		return this.server.run('capture-pane', '-p', ...(colours ? ['-e'] : []), '-t', this.name);
	}

	display(format: string): string {
		return this.server.run('display-message', '-p', '-t', this.name, format).trim();
	}

	async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		for (;;) {
			screen = this.screen();
			if (test(screen)) return screen;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	}

	/** Runs edrtail with `args` in the shell; the exit code lands in `exitFile`. */
	start(args: string, exitFile: string, env = 'NODE_ENV=production'): void {
		this.keys(`${env} node ${shellQuote(cliPath)} ${args}; echo EXIT=$? > ${shellQuote(exitFile)}`, 'Enter');
	}
}

export async function waitForExit(exitFile: string, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (!(existsSync(exitFile) && readFileSync(exitFile, 'utf8').includes('EXIT='))) {
		if (Date.now() > deadline) throw new Error('edrtail did not exit');
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	return readFileSync(exitFile, 'utf8').trim();
}
