// Shared by the e2e files: the broker from global-setup, a producer, the built CLI, group offsets.
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {dirname, join} from 'node:path';
import {inject} from 'vitest';
import {createKafkaProducer, ensureTopic, type ProducedMessage} from '../../source/core/demo/index.js';
import {
	CONNECTION_DEFAULTS,
	createKafkaClient,
	type Admin,
	type KafkaConnection,
} from '../../source/core/kafka/index.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = process.env.EDRTAIL_E2E_CLI ?? join(root, 'dist', 'cli.js');

export function brokers(): string {
	return inject('kafkaBrokers');
}

export function connection(): KafkaConnection {
	return {...CONNECTION_DEFAULTS, brokers: [brokers()], clientId: 'edrtail-e2e', ignoredKeys: []};
}

function testAdmin(): Admin {
	return createKafkaClient(
		{...connection(), clientId: 'edrtail-e2e-admin'},
		{logLevel: 'nothing', logFile: false},
	).admin();
}

/** Topic and group names unique per run, so a reused broker never mixes runs. */
export function unique(prefix: string): string {
	return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createTopic(topic: string, partitions: number): Promise<void> {
	await ensureTopic(connection(), topic, partitions);
}

export async function produce(topic: string, messages: ProducedMessage[]): Promise<void> {
	const producer = createKafkaProducer(connection());
	try {
		await producer.send(topic, messages);
	} finally {
		await producer.close();
	}
}

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs `node dist/cli.js ...args` as a user would, stdout not a TTY; kills it after timeoutMs.
 * `env` is added to the environment (a value of undefined removes the variable).
 */
export function runCli(
	args: string[],
	timeoutMs = 90_000,
	env: Record<string, string | undefined> = {},
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: Object.fromEntries(
				Object.entries({...process.env, NODE_ENV: 'production', ...env}).filter(([, v]) => v !== undefined),
			),
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (d: Buffer) => out.push(d));
		child.stderr.on('data', (d: Buffer) => err.push(d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')});
		});
	});
}

export interface JsonLine {
	category: string;
	summary: string;
	receivedAt: unknown;
	kafka?: {topic: string; partition: number; offset: string; timestamp: number; timestampType: string};
	raw: {id?: number; [key: string]: unknown};
	[key: string]: unknown;
}

export function parseLines(stdout: string): JsonLine[] {
	return stdout
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => JSON.parse(line) as JsonLine);
}

/**
 * Offsets committed on the cluster for a topic: per group that has any (offset >= 0).
 * Every group the broker knows is asked, so an ephemeral `edrtail-<random>` group is covered too.
 */
export async function committedOffsets(
	topic: string,
): Promise<Array<{groupId: string; partition: number; offset: string}>> {
	const admin = testAdmin();
	await admin.connect();
	try {
		const {groups} = await admin.listGroups();
		const found: Array<{groupId: string; partition: number; offset: string}> = [];
		for (const {groupId} of groups) {
			const offsets = await admin.fetchOffsets({groupId, topics: [topic]});
			for (const t of offsets)
				for (const p of t.partitions)
					if (BigInt(p.offset) >= 0n) found.push({groupId, partition: p.partition, offset: p.offset});
		}
		return found;
	} finally {
		await admin.disconnect();
	}
}

/**
 * Groups whose id matches and that still have members. On a fresh broker the first group join
 * creates __consumer_offsets, and until it has loaded the coordinator answers with a retriable
 * error: that means "none yet" to a caller polling with waitFor.
 */
export async function groupsWithMembers(id: RegExp): Promise<string[]> {
	const admin = testAdmin();
	await admin.connect();
	try {
		const ids = (await admin.listGroups()).groups.map(g => g.groupId).filter(g => id.test(g));
		if (ids.length === 0) return [];
		const {groups} = await admin.describeGroups(ids);
		return groups.filter(g => g.members.length > 0).map(g => g.groupId);
	} catch (error) {
		if ((error as {retriable?: boolean}).retriable) return [];
		throw error;
	} finally {
		await admin.disconnect();
	}
}

/** Polls until the check holds; throws after timeoutMs. */
export async function waitFor(
	check: () => boolean | Promise<boolean>,
	timeoutMs: number,
	what = 'condition',
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 200));
	}
}

/**
 * Records the topic holds (its partitions' end offsets summed, on a topic never truncated). After a
 * broker restart the test producer (not idempotent) may write a batch twice when it retries a send
 * the broker took: tests that count what a consumer shows compare with this, by offset.
 */
export async function recordsIn(topic: string): Promise<number> {
	const admin = testAdmin();
	await admin.connect();
	try {
		return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
	} finally {
		await admin.disconnect();
	}
}
