// The broker the end-to-end benchmarks read from: EDRTAIL_BENCH_BROKERS=host:port when given (nothing
// started or stopped), else this worktree's `scripts/dev-kafka` broker: reused when it already runs,
// started (and stopped at the end, also on Ctrl-C) when it does not.
import {execFileSync} from 'node:child_process';
import {join} from 'node:path';
import {root} from './paths.js';

const devKafka = join(root, 'scripts', 'dev-kafka');

function run(command) {
	const options = {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000};
	return execFileSync(devKafka, [command], options);
}

function isRunning() {
	try {
		return run('status').startsWith('running');
	} catch {
		return false;
	}
}

/** Runs `fn(brokers)` with a broker up; stops it afterwards when this call started it. */
export async function withBroker(fn) {
	const given = process.env.EDRTAIL_BENCH_BROKERS;
	if (given) return fn(given);
	const wasRunning = isRunning();
	const lines = run('start').trim().split('\n');
	const brokers = lines[lines.length - 1];
	if (!/^[\w.-]+:\d+$/.test(brokers)) throw new Error(`scripts/dev-kafka start printed "${brokers}", not HOST:PORT`);
	if (wasRunning) return fn(brokers);
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		try {
			run('stop');
		} catch (error) {
			console.error(`could not stop the broker: ${error.message}`);
		}
	};
	// The broker runs in its own session (setsid): Ctrl-C reaches us, not it, so we stop it.
	const onSignal = signal => {
		stop();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);
	try {
		// Children that see this variable reuse the broker instead of starting their own.
		process.env.EDRTAIL_BENCH_BROKERS = brokers;
		return await fn(brokers);
	} finally {
		delete process.env.EDRTAIL_BENCH_BROKERS;
		for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, onSignal);
		stop();
	}
}
