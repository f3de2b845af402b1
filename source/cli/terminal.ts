// Terminal modes for the full-screen UI. Ink 6 has no alternate-screen option and its exit hook only
// unmounts, so edrtail enters and leaves the alternate screen itself, on every exit path.
import {openSync} from 'node:fs';
import {ReadStream} from 'node:tty';
import {ConfigError} from '../config/index.js';
import {EXIT, type ExitSignal} from './exit-codes.js';
import {safeText} from './output.js';

const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface TerminalGuard {
	/** Leaves the alternate screen (idempotent). */
	restore(): void;
}

export function enterFullScreen(stdout: NodeJS.WriteStream, onSignal: (signal: ExitSignal) => void): TerminalGuard {
	let active = true;
	stdout.write(ENTER);
	const restore = () => {
		if (!active) return;
		active = false;
		stdout.write(LEAVE);
	};
	const handlers: Array<[string, (...args: unknown[]) => void]> = [
		['SIGTERM', () => onSignal('SIGTERM')],
		['SIGHUP', () => onSignal('SIGHUP')],
		['SIGINT', () => onSignal('SIGINT')],
		['exit', () => restore()],
		[
			'uncaughtException',
			(error: unknown) => {
				restore();
				process.stderr.write(`edrtail: crashed: ${safeText(crashText(error))}\n`);
				process.exit(EXIT.crash);
			},
		],
		[
			'unhandledRejection',
			(error: unknown) => {
				restore();
				process.stderr.write(`edrtail: crashed: ${safeText(crashText(error))}\n`);
				process.exit(EXIT.crash);
			},
		],
	];
	for (const [event, handler] of handlers) process.on(event as NodeJS.Signals, handler);
	return {restore};
}

/**
 * Where keys come from: stdin when it is a terminal, else the controlling terminal (/dev/tty), as
 * `less` does when it pages a pipe. Throws a one-line reason when there is no terminal at all.
 */
export function keyboardInput(): NodeJS.ReadStream {
	if (process.stdin.isTTY) return process.stdin;
	try {
		return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
	} catch {
		throw new ConfigError(
			'no terminal to read keys from (stdin is not a terminal and /dev/tty cannot be opened): use --json',
		);
	}
}

function crashText(error: unknown): string {
	return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
