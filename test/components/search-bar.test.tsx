// The search bar must show a search error at every width: the error, shortened, wins over the
// counts and flags, and the typed text keeps only a part of the line.
import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {SearchBar, type SearchBarProps} from '../../source/components/search-bar.js';
import {parseQuery} from '../../source/core/view/query.js';

function bar(text: string, width: number, editing: boolean, extra: Partial<SearchBarProps> = {}): string {
	const props: SearchBarProps = {
		editing,
		input: text,
		applied: editing ? '' : text,
		errors: parseQuery(text).errors,
		shown: 1234,
		total: 5000,
		hitsOnly: false,
		hiddenCount: 0,
		fuzzyLimited: false,
		width,
		...extra,
	};
	const app = render(<SearchBar {...props} />);
	const frame = app.lastFrame()!;
	app.unmount();
	return frame;
}

describe('SearchBar errors', () => {
	const cases: Array<[string, RegExp, RegExp]> = [
		// query, what 80 columns show, what 40 columns show
		['level>=bogus', /✖ unknown level "bogus" \(informational/, /✖ unknown level/],
		['cat:nonsense', /✖ unknown category "nonsense"/, /✖ unknown categ/],
		['imag:cmd.exe', /✖ unknown field "imag": did you mean image:\?/, /✖ unknown field/],
		['host:ws01 /a(?=b)/', /✖ \/a\(\?=b\)\/: lookahead and lookbehind are not supported/, /✖ \/a\(\?=b\)\/: look/],
	];
	for (const [query, at80, at40] of cases) {
		it(`shows the error of ${query} while typing and once applied, at 80 and 40 columns`, () => {
			for (const editing of [true, false]) {
				const wide = bar(query, 80, editing, {hitsOnly: true, hiddenCount: 3});
				expect(wide).toMatch(at80);
				expect(wide.length).toBeLessThanOrEqual(80);
				const narrow = bar(query, 40, editing, {hitsOnly: true});
				expect(narrow).toMatch(at40);
				expect(narrow.length).toBeLessThanOrEqual(40);
				expect(narrow).toMatch(editing ? /^\/ .*▌/ : /^\//);
			}
		});
	}

	it('without errors, still shows the box, the count and the flags', () => {
		expect(bar('image:cmd.exe', 80, true)).toMatch(/^\/ image:cmd\.exe▌\s+1,234 of 5,000/);
		expect(bar('image:cmd.exe', 80, false, {hitsOnly: true})).toMatch(
			/^\/image:cmd\.exe\s+.*hits only.*1,234 of 5,000/,
		);
	});
});
