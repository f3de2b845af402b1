// Sigma `re` values are PCRE-flavoured (pySigma passes them to backends as written). Translate the
// few constructs JavaScript spells differently; anything JavaScript cannot compile rejects the rule.
import {RuleError} from './sigma-string.js';

export interface RegexFlags {
	i: boolean;
	m: boolean;
	s: boolean;
}

export function compileSigmaRegex(source: string, flags: RegexFlags): RegExp {
	let src = source;
	const f = {...flags};
	// Leading inline flags, e.g. (?i) or (?si): JavaScript has no inline flags.
	const inline = /^\(\?([imsx]+)\)/.exec(src);
	if (inline) {
		const letters = inline[1]!; // the pattern's one group always takes part
		if (letters.includes('x')) throw new RuleError('invalid regex: extended mode (?x) is not supported');
		if (letters.includes('i')) f.i = true;
		if (letters.includes('m')) f.m = true;
		if (letters.includes('s')) f.s = true;
		src = src.slice(inline[0].length);
	}
	src = translate(src);
	try {
		return new RegExp(src, (f.i ? 'i' : '') + (f.m ? 'm' : '') + (f.s ? 's' : ''));
	} catch (error) {
		throw new RuleError(`invalid regex: ${(error as Error).message}`);
	}
}

function translate(src: string): string {
	let out = '';
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (c === '\\' && i + 1 < src.length) {
			const n = src[i + 1];
			i++;
			if (n === 'A') out += '^';
			else if (n === 'Z' || n === 'z') out += '$';
			else out += c + n;
		} else if (c === '(' && src.startsWith('(?P<', i)) {
			out += '(?<';
			i += 3;
		} else if (c === '(' && src.startsWith('(?P=', i)) {
			const end = src.indexOf(')', i);
			if (end === -1) throw new RuleError('invalid regex: unterminated (?P= group');
			out += `\\k<${src.slice(i + 4, end)}>`;
			i = end;
		} else out += c;
	}
	return out;
}
