// Ink's frame assembly (its `Output.get`), made to reuse the previous frames' work. Ink builds
// every frame from nothing: a grid of one object per cell (1,920 at 80x24), each text line cut
// into styled characters again (`@alcalzone/ansi-tokenize`), each character measured, each row
// turned back into a string. Its caches live in the Output object, which is new each frame, so a
// row that did not change costs as much as a new one: about 6 ms a frame at 80x24 (10 ms with
// Ink's other steps), which a key's frame waits for. `installInkOutput` replaces that method with
// one that keeps the caches from frame to frame and remembers each row's string by what was
// placed on it, and gives the same frames byte for byte (test/cli/ink-output.test.ts compares the
// two). docs/stack.md section 2 item 14.
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';

/** The Ink version whose `Output` this file reproduces; another one keeps Ink's own. */
export const INK_OUTPUT_VERSION = '6.8.0';

interface StyledChar {
	type: string;
	value: string;
	fullWidth: boolean;
	styles: unknown[];
}

interface Caches {
	styledChars: Map<string, StyledChar[]>;
	widths: Map<string, number>;
	blockWidths: Map<string, number>;
	getStyledChars(line: string): StyledChar[];
	getStringWidth(text: string): number;
	getWidestLine(text: string): number;
}

interface Clip {
	x1?: number;
	x2?: number;
	y1?: number;
	y2?: number;
}

type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Array<(line: string, index: number) => string>}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

/** What this file needs of an Ink Output object. */
export interface OutputLike {
	width: number;
	height: number;
	operations: Operation[];
	caches: Caches;
}

export interface OutputClass {
	new (options: {width: number; height: number}): OutputLike;
	prototype: {get(this: OutputLike): {output: string; height: number}};
}

export interface InkParts {
	Output: OutputClass;
	sliceAnsi(text: string, from: number, to?: number): string;
	styledCharsToString(chars: StyledChar[]): string;
}

/**
 * Lines kept cut into styled characters (an object per character: about 8 KB a line), and rows
 * kept as strings; past either, that cache is dropped whole (a changing screen starts over). Four
 * screens of 50 rows: a few MB at most.
 */
const LINE_LIMIT = 200;
const ROW_LIMIT = 1000;

const BLANK: StyledChar = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: []}) as StyledChar;

/**
 * A `get` for Ink's Output that keeps its caches and its rows across frames. Same algorithm as
 * Ink 6.8's, step for step (clips, transformers, wide characters, rows outside the frame), except
 * that a row is built only when what was placed on it differs from every row remembered.
 */
export function fastOutputGet(parts: InkParts): (this: OutputLike) => {output: string; height: number} {
	const {sliceAnsi, styledCharsToString} = parts;
	let caches: Caches | undefined;
	const rows = new Map<string, string>();
	const ids = new WeakMap<StyledChar[], number>();
	let nextId = 1;
	const idOf = (chars: StyledChar[]) => {
		let id = ids.get(chars);
		if (id === undefined) ids.set(chars, (id = nextId++));
		return id;
	};

	return function get(this: OutputLike) {
		caches ??= this.caches;
		if (caches.styledChars.size > LINE_LIMIT || caches.widths.size > ROW_LIMIT) {
			caches.styledChars.clear();
			caches.widths.clear();
			caches.blockWidths.clear();
		}
		if (rows.size > ROW_LIMIT) rows.clear();
		this.caches = caches;
		const shared = caches;
		// Per row: x and the characters placed there, in order (Ink writes them in this order).
		const placed: Array<Array<number | StyledChar[]>> = [];
		for (let y = 0; y < this.height; y++) placed.push([]);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(operation.clip);
			if (operation.type === 'unclip') clips.pop();
			if (operation.type !== 'write') continue;
			const {text, transformers} = operation;
			let {x, y} = operation;
			let lines = text.split('\n');
			const clip = clips.at(-1);
			if (clip) {
				const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
				const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
				if (clipHorizontally) {
					const width = shared.getWidestLine(text);
					if (x + width < clip.x1! || x > clip.x2!) continue;
				}
				if (clipVertically) {
					const height = lines.length;
					if (y + height < clip.y1! || y > clip.y2!) continue;
				}
				if (clipHorizontally) {
					lines = lines.map(line => {
						const from = x < clip.x1! ? clip.x1! - x : 0;
						const width = shared.getStringWidth(line);
						const to = x + width > clip.x2! ? clip.x2! - x : width;
						return sliceAnsi(line, from, to);
					});
					if (x < clip.x1!) x = clip.x1!;
				}
				if (clipVertically) {
					const from = y < clip.y1! ? clip.y1! - y : 0;
					const height = lines.length;
					const to = y + height > clip.y2! ? clip.y2! - y : height;
					lines = lines.slice(from, to);
					if (y < clip.y1!) y = clip.y1!;
				}
			}
			let offsetY = 0;
			for (const [index, cut] of lines.entries()) {
				let line = cut;
				const row = placed[y + offsetY];
				// A row outside the frame: Ink skips it without moving on, so the lines after it too.
				if (!row) continue;
				for (const transformer of transformers) line = transformer(line, index);
				row.push(x, shared.getStyledChars(line));
				offsetY++;
			}
		}
		const out: string[] = [];
		for (const row of placed) {
			// The width too: the blank cells a row starts with.
			let key = `${this.width}|`;
			for (let i = 0; i < row.length; i += 2) key += `${row[i] as number}:${idOf(row[i + 1] as StyledChar[])},`;
			let line = rows.get(key);
			if (line === undefined) {
				line = buildRow(this.width, row, shared, styledCharsToString);
				rows.set(key, line);
			}
			out.push(line);
		}
		return {output: out.join('\n'), height: placed.length};
	};
}

/** One row as Ink builds it: blank cells, the characters placed over them, styles re-encoded. */
function buildRow(
	width: number,
	row: Array<number | StyledChar[]>,
	caches: Caches,
	styledCharsToString: InkParts['styledCharsToString'],
): string {
	const cells: StyledChar[] = [];
	for (let x = 0; x < width; x++) cells.push(BLANK);
	for (let i = 0; i < row.length; i += 2) {
		let offsetX = row[i] as number;
		for (const character of row[i + 1] as StyledChar[]) {
			cells[offsetX] = character;
			const characterWidth = Math.max(1, caches.getStringWidth(character.value));
			if (characterWidth > 1) {
				for (let index = 1; index < characterWidth; index++)
					cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
			}
			offsetX += characterWidth;
		}
	}
	return styledCharsToString(cells.filter(item => item !== undefined)).trimEnd();
}

/**
 * Ink's Output class and the two helpers it uses, loaded from Ink's own files (its package exports
 * only its entry, and the helpers must be the very versions it uses). Undefined when Ink is not the
 * version this file reproduces.
 */
export async function loadInkParts(): Promise<InkParts | undefined> {
	const entry = createRequire(import.meta.url).resolve('ink');
	const inkDir = dirname(dirname(entry));
	const pkg = JSON.parse(readFileSync(join(inkDir, 'package.json'), 'utf8')) as {version?: string};
	if (pkg.version !== INK_OUTPUT_VERSION) return undefined;
	const output = (await import(pathToFileURL(join(dirname(entry), 'output.js')).href)) as {default?: OutputClass};
	const slice = (await importFrom(inkDir, 'slice-ansi')) as {default?: InkParts['sliceAnsi']};
	const tokenize = (await importFrom(inkDir, '@alcalzone/ansi-tokenize')) as {
		styledCharsToString?: InkParts['styledCharsToString'];
	};
	const Output = output.default;
	if (typeof Output?.prototype?.get !== 'function' || !slice.default || !tokenize.styledCharsToString) return undefined;
	return {Output, sliceAnsi: slice.default, styledCharsToString: tokenize.styledCharsToString};
}

/** A package as a module of `fromDir` imports it: found as Node finds it, its ESM entry. */
async function importFrom(fromDir: string, name: string): Promise<unknown> {
	for (let dir = fromDir; ; dir = dirname(dir)) {
		const pkgDir = join(dir, 'node_modules', name);
		if (existsSync(join(pkgDir, 'package.json'))) return import(pathToFileURL(join(pkgDir, esmEntry(pkgDir))).href);
		if (dirname(dir) === dir) throw new Error(`${name} not found from ${fromDir}`);
	}
}

type Exports = string | {[condition: string]: Exports};

/** The file a package's `import` of its root resolves to (its exports' import or default). */
function esmEntry(pkgDir: string): string {
	const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {exports?: Exports; main?: string};
	let target: Exports | undefined = pkg.exports;
	if (target && typeof target === 'object' && '.' in target) target = target['.'];
	while (target && typeof target === 'object') target = target['import'] ?? target['default'];
	return typeof target === 'string' ? target : (pkg.main ?? 'index.js');
}

/** Replaces Ink's Output.get for the rest of the process; false when Ink is another version. */
export async function installInkOutput(): Promise<boolean> {
	const parts = await loadInkParts();
	if (!parts) return false;
	parts.Output.prototype.get = fastOutputGet(parts);
	return true;
}
