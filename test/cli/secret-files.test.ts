import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, it, expect} from 'vitest';
import {readableSecretFiles} from '../../source/cli/make-source.js';

describe('readableSecretFiles', () => {
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-secrets-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const file = (name: string, text: string, mode: number) => {
		const path = join(dir, name);
		writeFileSync(path, text);
		chmodSync(path, mode);
		return path;
	};

	it('warns about a -F file with a password, or a password file, that others may read', () => {
		const open = file('open.properties', 'bootstrap.servers=k:9093\nsasl.password=hunter2-secret\n', 0o644);
		const closed = file('closed.properties', 'sasl.password=hunter2-secret\n', 0o600);
		const noSecret = file('plain.properties', 'bootstrap.servers=k:9092\n', 0o644);
		const pwFile = file('pw', 'hunter2-secret\n', 0o640);
		const warnings = readableSecretFiles({properties: [open, closed, noSecret]}, {EDRTAIL_SASL_PASSWORD_FILE: pwFile});
		expect(warnings).toEqual([
			`${open} holds a password and other users may read it: chmod 600 ${open}`,
			`${pwFile} holds a password and other users may read it: chmod 600 ${pwFile}`,
		]);
		expect(warnings.join('\n')).not.toContain('hunter2');
	});

	it('says nothing for files that are only the owner may read, or that cannot be read', () => {
		const closed = file('closed2.properties', 'sasl.password=x\n', 0o600);
		expect(readableSecretFiles({properties: [closed, join(dir, 'missing')]}, {})).toEqual([]);
	});
});
