import {describe, expect, it} from 'vitest';
import {suggest} from '../../source/config/index.js';

describe('suggest', () => {
	it('suggests only what is close, or the one name a prefix starts', () => {
		expect(suggest('--hit-only', ['--hits-only', '--json'])).toBe('--hits-only');
		expect(suggest('--jsno', ['--hits-only', '--json'])).toBe('--json');
		expect(suggest('sasl.mechansim', ['sasl.mechanism', 'sasl.username'])).toBe('sasl.mechanism');
		expect(suggest('--zzz', ['--hits-only', '--json'])).toBeUndefined();
		expect(suggest('--exit', ['--exit-at-end', '--json'])).toBe('--exit-at-end');
	});
});
