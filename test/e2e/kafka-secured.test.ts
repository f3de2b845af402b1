// The built CLI against the secured listeners of the test broker (scripts/dev-kafka): SCRAM and PLAIN
// over TLS, mutual TLS, ACLs. Topics are created and filled through the plain listener (a super user
// there); edrtail reads them as "reader", who may read only topics named readable-*.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, it, expect, beforeAll, inject} from 'vitest';
import {createTopic, parseLines, produce, runCli, unique, type CliResult} from './kafka-helpers.js';

const secured = inject('kafkaSecured');
const EVENTS = 300;

describe.skipIf(!secured.SASL_SSL)('edrtail on a secured broker (SASL_SSL, mTLS, ACLs)', () => {
	const s = secured as Record<string, string>;
	const readable = unique(`${s.READABLE_PREFIX ?? 'readable-'}sec`);
	const forbidden = unique('private-sec');
	const dir = mkdtempSync(join(tmpdir(), 'edrtail-secured-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));
	const logFile = join(dir, 'kafkajs.log');
	const outputs: string[] = [];

	/** Runs the CLI with a kafkajs log file, and keeps every byte it wrote for the secret check. */
	async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
		const result = await runCli(args, 60_000, {EDRTAIL_LOG: logFile, EDRTAIL_SASL_PASSWORD: undefined, ...env});
		outputs.push(result.stdout, result.stderr);
		return result;
	}

	function properties(name: string, lines: Record<string, string>): string {
		const file = join(dir, name);
		writeFileSync(
			file,
			Object.entries(lines)
				.map(([k, v]) => `${k}=${v}\n`)
				.join(''),
			{mode: 0o600},
		);
		return file;
	}

	const readAll = ['-t', readable, '--from', 'earliest', '--exit-at-end', '--json'];

	function expectEveryEventOnce(result: CliResult): void {
		expect(result.code, result.stderr).toBe(0);
		const ids = parseLines(result.stdout).map(l => l.raw.id);
		expect(ids).toHaveLength(EVENTS);
		expect(new Set(ids).size).toBe(EVENTS);
	}

	beforeAll(async () => {
		await createTopic(readable, 2);
		await createTopic(forbidden, 1);
		const messages = Array.from({length: EVENTS}, (_, id) => ({
			key: `host-${id % 5}`,
			value: JSON.stringify({id, host: `WS-${id % 5}`, message: `secured event ${id}`}),
		}));
		await produce(readable, messages);
		await produce(forbidden, messages.slice(0, 10));
	});

	it('reads every event once with SCRAM-SHA-512 over TLS from a -F kcat properties file', async () => {
		const file = properties('scram512.properties', {
			'bootstrap.servers': s.SASL_SSL!,
			'security.protocol': 'SASL_SSL',
			'sasl.mechanisms': 'SCRAM-SHA-512',
			'sasl.username': 'reader',
			'sasl.password': s.READER_PASSWORD!,
			'ssl.ca.location': s.CA!,
		});
		expectEveryEventOnce(await cli(['-F', file, ...readAll]));
	});

	it('reads every event once with SCRAM-SHA-256 over TLS from a -F file', async () => {
		const file = properties('scram256.properties', {
			'bootstrap.servers': s.SASL_SSL!,
			'security.protocol': 'SASL_SSL',
			'sasl.mechanism': 'SCRAM-SHA-256',
			'sasl.username': 'reader',
			'sasl.password': s.READER_PASSWORD!,
			'ssl.ca.location': s.CA!,
		});
		expectEveryEventOnce(await cli(['-F', file, ...readAll]));
	});

	it('reads with PLAIN over TLS, the password from the environment (as on Event Hubs)', async () => {
		const args = ['-b', s.EHUB!, '--sasl-mechanism', 'plain', '--sasl-username', 'reader', '--tls-ca', s.CA!];
		expectEveryEventOnce(await cli([...args, ...readAll], {EDRTAIL_SASL_PASSWORD: s.READER_PASSWORD}));
	});

	it('reads with a client certificate on the mutual-TLS listener', async () => {
		const args = ['-b', s.SSL!, '--tls-ca', s.CA!, '--tls-cert', s.CLIENT_CERT!, '--tls-key', s.CLIENT_KEY!];
		expectEveryEventOnce(await cli([...args, ...readAll]));
	});

	describe('each fault is one sentence and its own exit code', () => {
		const scram = ['--sasl-mechanism', 'scram-sha-512', '--sasl-username', 'reader'];
		const password = () => ({EDRTAIL_SASL_PASSWORD: s.READER_PASSWORD});
		const byIp = () => s.SASL_SSL!.replace(/^localhost:/, '127.0.0.1:');
		const otherCa = join(dir, 'other-ca.pem');

		beforeAll(() => {
			// A real CA that signed nothing the broker has, so the failure is the chain, not parsing.
			const key = join(dir, 'other-ca.key');
			const subject = ['-subj', '/CN=some other CA', '-days', '1', '-keyout', key, '-out', otherCa];
			execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', ...subject], {stdio: 'ignore'});
		});

		async function fails(args: string[], env: Record<string, string | undefined>, code: number, sentence: RegExp) {
			const result = await cli([...args, ...readAll], env);
			expect(result.stdout).toBe('');
			const lines = result.stderr.trim().split('\n');
			expect(lines, result.stderr).toHaveLength(1);
			expect(lines[0]).toMatch(sentence);
			expect(result.code, result.stderr).toBe(code);
		}

		it('a wrong password', async () => {
			const args = ['-b', s.SASL_SSL!, ...scram, '--tls-ca', s.CA!];
			await fails(
				args,
				{EDRTAIL_SASL_PASSWORD: 'not-the-password'},
				31,
				/rejected the user name or password of reader/,
			);
		});

		it('a CA that did not sign the broker certificate', async () => {
			const args = ['-b', s.SASL_SSL!, ...scram, '--tls-ca', otherCa];
			await fails(args, password(), 20, /is signed by a CA this client does not trust: give that CA with --tls-ca/);
		});

		it('a hostname mismatch, and --tls-no-verify-hostname accepting it with a warning', async () => {
			const args = ['-b', byIp(), ...scram, '--tls-ca', s.CA!];
			await fails(args, password(), 21, /does not name 127\.0\.0\.1: .*--tls-no-verify-hostname/);
			const accepted = await cli([...args, '--tls-no-verify-hostname', ...readAll], password());
			expectEveryEventOnce(accepted);
			expect(accepted.stderr).toMatch(/host name is not checked against its certificate/);
		});

		it('a mechanism the listener refuses (SCRAM on the PLAIN-only listener)', async () => {
			const args = ['-b', s.EHUB!, ...scram, '--tls-ca', s.CA!];
			await fails(args, password(), 30, /does not enable SCRAM-SHA-512 on this listener/);
		});

		it('no client certificate on the mutual-TLS listener', async () => {
			await fails(['-b', s.SSL!, '--tls-ca', s.CA!], {}, 23, /requires a client certificate: give it with --tls-cert/);
		});

		it('a topic the user may not read is "not authorized", not "not found"', async () => {
			const args = ['-b', s.SASL_SSL!, ...scram, '--tls-ca', s.CA!, '-t', forbidden];
			const result = await cli([...args, '--from', 'earliest', '--exit-at-end', '--json'], password());
			expect(result.stderr.trim()).toMatch(
				new RegExp(`^edrtail: reader \\(SCRAM-SHA-512\\) is not authorized to read topic ${forbidden}`),
			);
			expect(result.stderr).not.toMatch(/not found/);
			expect(result.code).toBe(40);
		});

		it('a consumer group the user may not use (a DENY ACL on denied-*), reading and in check', async () => {
			const group = unique(s.DENIED_GROUP_PREFIX ?? 'denied-');
			const args = ['-b', s.SASL_SSL!, ...scram, '--tls-ca', s.CA!];
			const sentence = new RegExp(
				`^edrtail: localhost:\\d+ found no coordinator for consumer group ${group}: reader \\(SCRAM-SHA-512\\) ` +
					'is most likely not authorized to use it',
			);
			await fails([...args, '--group', group], password(), 41, sentence);
			const checked = await cli(['check', ...args, '-t', readable, '--group', group], password());
			expect(checked.stderr.trim()).toMatch(sentence);
			expect(checked.code).toBe(41);
		});

		it('an expired broker certificate', async () => {
			await fails(['-b', s.EXPIRED!, '--tls-ca', s.CA!], {}, 22, /the certificate of localhost:\d+ has expired/);
			const checked = await cli(['check', '-b', s.EXPIRED!, '--tls-ca', s.CA!]);
			expect(checked.code).toBe(22);
		});
	});

	describe('edrtail check', () => {
		const scramFile = () =>
			properties('check.properties', {
				'bootstrap.servers': s.SASL_SSL!,
				'security.protocol': 'SASL_SSL',
				'sasl.mechanisms': 'SCRAM-SHA-512',
				'sasl.username': 'reader',
				'sasl.password': s.READER_PASSWORD!,
				'ssl.ca.location': s.CA!,
			});

		it('lists the topics the user may read, with partitions and end offsets, and not the others', async () => {
			const result = await cli(['check', '-F', scramFile(), '--json']);
			expect(result.code, result.stderr).toBe(0);
			const report = JSON.parse(result.stdout) as {
				topics: Array<{name: string; partitions: Array<{partition: number; high: string}>; ratePerSecond: number}>;
			};
			const names = report.topics.map(t => t.name);
			expect(names).toContain(readable);
			expect(names).not.toContain(forbidden);
			const mine = report.topics.find(t => t.name === readable)!;
			expect(mine.partitions.map(p => p.partition)).toEqual([0, 1]);
			expect(mine.partitions.reduce((sum, p) => sum + Number(p.high), 0)).toBe(EVENTS);
			expect(typeof mine.ratePerSecond).toBe('number');

			const text = await cli(['check', '-F', scramFile(), '-t', readable]);
			expect(text.code, text.stderr).toBe(0);
			expect(text.stdout).toMatch(/^connected and authenticated to localhost:\d+ \(SASL_SSL, SCRAM-SHA-512 as reader/);
			expect(text.stdout).toContain(`${readable}: 2 partition(s), ${EVENTS} record(s) kept`);
		});

		it('fails fast with the sentence and code of the fault', async () => {
			const denied = await cli(['check', '-F', scramFile(), '-t', forbidden]);
			expect(denied.code).toBe(40);
			expect(denied.stderr).toMatch(/is not authorized to read topic/);
			const started = Date.now();
			const wrong = await cli(
				[
					'check',
					'-b',
					s.SASL_SSL!,
					'--sasl-mechanism',
					'scram-sha-256',
					'--sasl-username',
					'reader',
					'--tls-ca',
					s.CA!,
				],
				{
					EDRTAIL_SASL_PASSWORD: 'nope',
				},
			);
			expect(wrong.code).toBe(31);
			expect(Date.now() - started).toBeLessThan(15_000);
		});

		it('commits nothing by default, with --group X --commit the offsets, and check shows the lag', async () => {
			const group = unique('soc');
			const read = ['-F', scramFile(), ...readAll, '--group', group];
			expectEveryEventOnce(await cli(read));
			const none = await cli(['check', '-F', scramFile(), '-t', readable, '--group', group, '--json']);
			const noneReport = JSON.parse(none.stdout) as {topics: Array<{partitions: Array<{committed?: string}>}>};
			expect(noneReport.topics[0]!.partitions.every(p => p.committed === undefined)).toBe(true);

			expectEveryEventOnce(await cli([...read, '--commit']));
			await produce(readable, [{key: 'host-0', value: JSON.stringify({id: EVENTS, message: 'one more'})}]);
			const after = await cli(['check', '-F', scramFile(), '-t', readable, '--group', group, '--json']);
			expect(after.code, after.stderr).toBe(0);
			const report = JSON.parse(after.stdout) as {group: {groupId: string; lag: string}};
			expect(report.group).toMatchObject({groupId: group, lag: '1'});
		});
	});

	it('never writes a password: not to stdout, stderr or the EDRTAIL_LOG file', () => {
		expect(outputs.length).toBeGreaterThan(0);
		const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
		expect(log.length).toBeGreaterThan(0);
		for (const secret of [s.READER_PASSWORD!, s.ADMIN_PASSWORD!]) {
			for (const text of [...outputs, log]) expect(text.includes(secret)).toBe(false);
		}
	});
});
