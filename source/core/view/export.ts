// Getting events out of the screen: the filtered view as NDJSON to a file, and one event to the
// clipboard through the terminal (OSC 52, which works over SSH). Errors come back as messages.
import {open} from 'node:fs/promises';
import {homedir} from 'node:os';
import type {EdrEvent} from '../event.js';
import {serializeJsonLine} from './json-line.js';
import {escapeJsonText, toJson} from './json-safe.js';
import {pad2} from './time.js';

export type ExportResult = {ok: true; count: number; path: string; skipped: number} | {ok: false; error: string};

/** Writes chunks of text to a file opened with `flag` ('wx' refuses an existing file). */
export type ChunkWriter = (path: string, chunks: Iterable<string>, flag: 'w' | 'wx') => Promise<void>;

// Telemetry is sensitive (command lines, users, hosts): readable by its owner only, as filter files are.
const writeChunks: ChunkWriter = async (path, chunks, flag) => {
	const handle = await open(path, flag, 0o600);
	try {
		for (const chunk of chunks) await handle.write(chunk);
	} finally {
		await handle.close();
	}
};

export interface ExportOptions {
	overwrite?: boolean;
	writeFile?: ChunkWriter;
}

/** The export prompt's default: `edrtail-export-20261127-101500.ndjson`, `now` in local time. */
export function exportFileName(now: number): string {
	const d = new Date(now);
	const day = `${d.getFullYear()}${pad2(d.getMonth() + 1)}${pad2(d.getDate())}`;
	return `edrtail-export-${day}-${pad2(d.getHours())}${pad2(d.getMinutes())}${pad2(d.getSeconds())}.ndjson`;
}

/** `~` and `~/...` in a path the user typed, as their home. */
export function expandHome(path: string): string {
	return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/**
 * Writes `events` as NDJSON (the `--json` line) to `path` and returns how many were written.
 * Refuses to replace an existing file unless `overwrite`; creates no directories. An event that
 * cannot be serialized is skipped and counted, not fatal.
 */
export async function exportNdjson(
	events: readonly EdrEvent[],
	path: string,
	options: ExportOptions = {},
): Promise<ExportResult> {
	const target = expandHome(String(path ?? '').trim());
	if (!target) return {ok: false, error: 'no file name given'};
	let count = 0;
	let skipped = 0;
	// Lines are produced lazily, ~1,000 per write, so a 100,000-event view never sits in memory twice.
	function* chunks(): Generator<string> {
		let buf: string[] = [];
		for (const ev of events) {
			try {
				buf.push(serializeJsonLine(ev) + '\n');
				count++;
			} catch {
				skipped++;
			}
			if (buf.length >= 1000) {
				yield buf.join('');
				buf = [];
			}
		}
		if (buf.length) yield buf.join('');
	}
	try {
		await (options.writeFile ?? writeChunks)(target, chunks(), options.overwrite ? 'w' : 'wx');
		return {ok: true, count, path: target, skipped};
	} catch (error) {
		return {ok: false, error: writeErrorText(error, target)};
	}
}

/** A failed write as one sentence naming the file. */
export function writeErrorText(error: unknown, path: string): string {
	const code = (error as {code?: string})?.code;
	if (code === 'EEXIST') return `${path} exists (not overwritten)`;
	if (code === 'ENOENT') return `no such directory for ${path}`;
	if (code === 'EACCES' || code === 'EPERM') return `permission denied: ${path}`;
	if (code === 'EISDIR') return `${path} is a directory`;
	return `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Largest OSC 52 payload (base64 characters) we emit. Many terminals drop larger sequences
 * (xterm's default limit is about 100 KB, tmux's input buffer is similar); a raw event bigger
 * than ~74 KB of UTF-8 is refused with a message instead of silently failing.
 */
export const OSC52_MAX_BASE64 = 100_000;

export type Osc52Mode = 'plain' | 'tmux' | 'both';

export interface Osc52Options {
	/**
	 * 'plain' (default): `ESC ] 52 ; c ; <base64> BEL`. Works in terminals with OSC 52 support,
	 * over SSH, and inside tmux when tmux has `set -g set-clipboard on` (tmux then stores a paste
	 * buffer and forwards the clipboard to the outer terminal).
	 * 'tmux': the same wrapped in tmux's DCS passthrough, which needs `allow-passthrough on` and
	 * reaches only the outer terminal (no tmux buffer). 'both': plain then wrapped.
	 */
	mode?: Osc52Mode;
	maxBase64?: number;
}

/** The sequence that copies `text` to the clipboard, or '' when it is too large (see osc52Check). */
export function osc52(text: string, options: Osc52Options = {}): string {
	const b64 = Buffer.from(String(text), 'utf8').toString('base64');
	if (b64.length > (options.maxBase64 ?? OSC52_MAX_BASE64)) return '';
	const plain = `\x1b]52;c;${b64}\x07`;
	const wrapped = `\x1bPtmux;\x1b${plain}\x1b\\`;
	const mode = options.mode ?? 'plain';
	return mode === 'plain' ? plain : mode === 'tmux' ? wrapped : plain + wrapped;
}

/**
 * The raw event as `y` copies it: compact JSON (bytes as base64, bigints as strings), escaped and
 * depth-limited as the NDJSON line is, so a paste carries no bidi override or C1 control. Throws
 * only when the event cannot be JSON at all (a cycle, which no decoder produces).
 */
export function rawEventText(ev: EdrEvent): string {
	return escapeJsonText(toJson(ev.raw ?? null) ?? 'null');
}

/** Why a copy would be refused, or undefined when it fits. */
export function osc52Check(text: string, maxBase64 = OSC52_MAX_BASE64): string | undefined {
	const bytes = Buffer.byteLength(String(text), 'utf8');
	const b64 = Math.ceil(bytes / 3) * 4;
	return b64 > maxBase64
		? `too large to copy (${Math.round(bytes / 1024)} KB; the limit is ${Math.floor(((maxBase64 / 4) * 3) / 1024)} KB)`
		: undefined;
}
