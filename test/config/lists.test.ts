import {describe, it, expect} from 'vitest';
import {splitList} from '../../source/config/index.js';

describe('splitList', () => {
	it('splits flag values at commas, trims, drops empties, and keeps a /regex/ whole', () => {
		expect(splitList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
		expect(splitList('/^dv-(a,b)/')).toEqual(['/^dv-(a,b)/']);
		expect(splitList('a b')).toEqual(['a b']);
	});

	it('splits broker lists at whitespace too, as librdkafka does', () => {
		expect(splitList('a:1, b:2 c:3\td:4', 'broker')).toEqual(['a:1', 'b:2', 'c:3', 'd:4']);
		expect(splitList('/a,b/', 'broker')).toEqual(['/a', 'b/']);
	});
});
