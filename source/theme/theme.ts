// Semantic colour tokens. Components ask for "selection" or "hit level high", never for "red", so
// the no-colour theme can swap colours for inverse, bold, underline and glyphs in one place.
import type {Family, Level} from '../core/event.js';
import type {TokenKind} from '../core/view/index.js';

/** The subset of Ink's <Text> props a token may set. */
export interface Style {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	underline?: boolean;
	inverse?: boolean;
}

export interface Theme {
	name: 'default' | 'no-color';
	/** Whether tokens carry colours (the no-colour theme relies on attributes and glyphs). */
	colour: boolean;
	selection: Style;
	/** Marker in front of the selected row: readable even where attributes are stripped. */
	selectionGlyph: string;
	/** Search match characters inside a row. */
	match: Style;
	/** Text a rule matched, inside a row or the raw JSON. */
	hitMatch: Style;
	muted: Style;
	accent: Style;
	title: Style;
	warning: Style;
	error: Style;
	ok: Style;
	level: Record<Level, Style>;
	/** One column per level, distinct without colour (critical ‼, high !, medium *, low +, info ·). */
	levelGlyph: Record<Level, string>;
	family: Record<Family, Style>;
	json: Record<TokenKind, Style>;
	/** Hidden categories and families in the bar and picker. */
	off: Style;
}

const levelGlyph: Record<Level, string> = {critical: '‼', high: '!', medium: '*', low: '+', informational: '·'};

export const defaultTheme: Theme = {
	name: 'default',
	colour: true,
	selection: {inverse: true},
	selectionGlyph: '›',
	match: {color: 'black', backgroundColor: 'yellow'},
	hitMatch: {color: 'black', backgroundColor: 'redBright'},
	muted: {color: 'gray'},
	accent: {color: 'cyan'},
	title: {color: 'cyanBright', bold: true},
	warning: {color: 'yellow'},
	error: {color: 'red', bold: true},
	ok: {color: 'green'},
	level: {
		critical: {color: 'magentaBright', bold: true},
		high: {color: 'redBright', bold: true},
		medium: {color: 'yellow', bold: true},
		low: {color: 'blue'},
		informational: {color: 'gray'},
	},
	levelGlyph,
	family: {
		process: {color: 'green'},
		file: {color: 'blue'},
		network: {color: 'cyan'},
		registry: {color: 'magenta'},
		'scheduled task': {color: 'yellow'},
		login: {color: 'greenBright'},
		persistence: {color: 'red'},
		correlation: {color: 'redBright', bold: true},
		other: {color: 'white'},
		undecodable: {color: 'red', dimColor: true},
	},
	json: {
		key: {color: 'cyan'},
		string: {color: 'green'},
		number: {color: 'yellow'},
		boolean: {color: 'magenta'},
		null: {color: 'gray'},
		punct: {color: 'gray'},
		match: {color: 'black', backgroundColor: 'redBright'},
	},
	off: {color: 'gray', dimColor: true, underline: false},
};

const none: Style = {};

/** NO_COLOR / --no-color / TERM=dumb: every state is carried by attributes and glyphs. */
export const noColorTheme: Theme = {
	name: 'no-color',
	colour: false,
	selection: {inverse: true},
	selectionGlyph: '›',
	match: {underline: true, bold: true},
	hitMatch: {underline: true, bold: true},
	muted: none,
	accent: none,
	title: {bold: true},
	warning: {bold: true},
	error: {bold: true},
	ok: none,
	level: {critical: {bold: true}, high: {bold: true}, medium: {bold: true}, low: none, informational: none},
	levelGlyph,
	family: {
		process: none,
		file: none,
		network: none,
		registry: none,
		'scheduled task': none,
		login: none,
		persistence: none,
		correlation: {bold: true},
		other: none,
		undecodable: none,
	},
	json: {
		key: {bold: true},
		string: none,
		number: none,
		boolean: none,
		null: none,
		punct: none,
		match: {underline: true, bold: true},
	},
	off: none,
};

export function themeFor(noColor: boolean): Theme {
	return noColor ? noColorTheme : defaultTheme;
}
