// vitest globalSetup for the e2e project: one real Kafka broker for all e2e files.
// `scripts/dev-kafka start` fetches Kafka (cached), formats an empty single-node KRaft cluster and
// prints the bootstrap address as its last line; teardown stops it, also when tests failed.
// EDRTAIL_TEST_BROKERS=host:port uses a broker you run yourself instead (nothing started or stopped).
// The same broker has secured listeners (SASL_SSL, EHUB, SSL, EXPIRED: see scripts/dev-kafka); their addresses,
// certificates and passwords reach the tests as `kafkaSecured` (empty with EDRTAIL_TEST_BROKERS).
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {dirname, join} from 'node:path';
import type {TestProject} from 'vitest/node';
import type {} from 'vitest';

declare module 'vitest' {
	export interface ProvidedContext {
		kafkaBrokers: string;
		/** `scripts/dev-kafka secured` as KEY=VALUE pairs; {} when the broker has no secured listeners. */
		kafkaSecured: Record<string, string>;
	}
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const devKafka = join(root, 'scripts', 'dev-kafka');

function securedListeners(): Record<string, string> {
	let text = '';
	try {
		text = run('secured', 'ignore');
	} catch {
		return {};
	}
	return Object.fromEntries(
		text
			.split('\n')
			.map(line => /^([A-Z_]+)=(.*)$/.exec(line))
			.filter(m => m !== null)
			.map(m => [m[1]!, m[2]!]),
	);
}

function run(command: string, stderr: 'inherit' | 'ignore' = 'inherit'): string {
	return execFileSync(devKafka, [command], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', stderr],
		timeout: 600_000,
	});
}

export default function setup(project: TestProject) {
	if (!existsSync(join(root, 'dist', 'cli.js'))) {
		throw new Error(
			'dist/cli.js is missing: the e2e tests drive the built CLI; run `npx tsc -p tsconfig.json` (npm test does)',
		);
	}
	const given = process.env.EDRTAIL_TEST_BROKERS;
	if (given) {
		project.provide('kafkaBrokers', given);
		project.provide('kafkaSecured', {});
		return;
	}
	// Stop only a broker this run started: one a developer left running stays up.
	let wasRunning = false;
	try {
		wasRunning = run('status').startsWith('running');
	} catch {
		wasRunning = false;
	}
	const brokers = run('start').trim().split('\n').at(-1) ?? '';
	if (!/^[\w.-]+:\d+$/.test(brokers))
		throw new Error(`scripts/dev-kafka start printed "${brokers}" as its last line, not HOST:PORT`);
	project.provide('kafkaBrokers', brokers);
	project.provide('kafkaSecured', securedListeners());
	return () => {
		if (!wasRunning) run('stop');
	};
}
