import {describe, expect, it} from 'vitest';
import {joinDashValues} from '../../source/cli/flags.js';

describe('joinDashValues', () => {
	it('keeps a relative --from value attached so it is not read as a flag', () => {
		expect(joinDashValues(['-b', 'h:1', '--from', '-15m', '-t', 'x'])).toEqual(['-b', 'h:1', '--from=-15m', '-t', 'x']);
		expect(joinDashValues(['--from', 'earliest'])).toEqual(['--from', 'earliest']);
	});
});
