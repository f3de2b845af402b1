// The flat Sysmon shape is copied whole and its values turned to text in place; whatever that
// cannot keep as is (a renamed key, a dropped value, the prototype's name) goes the key-by-key way.
// Either way the fields are the same.
import {describe, expect, it} from 'vitest';
import {sysmonFields} from '../../../source/core/formats/sysmon/fields.js';

describe('flat Sysmon fields', () => {
	it('turns numbers and booleans to text and keeps empty strings, in the line order', () => {
		const f = sysmonFields(JSON.parse('{"EventID":1,"ProcessId":42,"Elevated":true,"CommandLine":"","Image":"a"}'));
		expect(Object.entries(f)).toEqual([
			['EventID', '1'],
			['ProcessId', '42'],
			['Elevated', 'true'],
			['CommandLine', ''],
			['Image', 'a'],
		]);
	});

	it('reads an element object by its text, drops nulls and removes spaces from names', () => {
		const f = sysmonFields(
			JSON.parse('{"EventID":1,"Image":{"#text":"x.exe"},"User":null,"Rule Name":"r","Hashes":"h"}'),
		);
		expect(Object.entries(f)).toEqual([
			['EventID', '1'],
			['Image', 'x.exe'],
			['RuleName', 'r'],
			['Hashes', 'h'],
		]);
	});

	it('never makes a field of the prototype name, nor of the attributes', () => {
		const f = sysmonFields(JSON.parse('{"EventID":1,"__proto__":"p","#attributes":"a","Image":"x"}'));
		expect(Object.keys(f)).toEqual(['EventID', 'Image']);
		expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
	});

	it('keeps at most 512 fields', () => {
		const o: Record<string, unknown> = {EventID: 1};
		for (let i = 0; i < 600; i++) o[`F${i}`] = `v${i}`;
		const f = sysmonFields(o);
		expect(Object.keys(f)).toHaveLength(512);
		expect(f.F510).toBe('v510');
		expect(f.F511).toBeUndefined();
	});
});
