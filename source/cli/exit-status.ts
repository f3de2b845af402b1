// How a run of edrtail ends: the codes themselves, without what classifies an error (exit-codes.ts).
// A worker thread that only reports how a command ended (rules check) loads this and nothing else:
// exit-codes.ts reaches the Kafka stage, and with it kafkajs, for its fault codes.

export const EXIT = {
	/** Done: the source ended, --count was reached, q or Ctrl-C on the screen, the reader of stdout left. */
	ok: 0,
	/** A runtime failure: the source failed (a broker, a file that cannot be read to its end), stdout failed. */
	failure: 1,
	/** A usage error: the command line, the environment or a file it names asks for what cannot be done. */
	usage: 2,
	/** The full screen crashed (EX_SOFTWARE), after the terminal was restored. */
	crash: 70,
	/** 128 + the signal's number: SIGHUP, SIGINT, SIGTERM. */
	sighup: 129,
	sigint: 130,
	sigterm: 143,
} as const;

export type ExitSignal = 'SIGHUP' | 'SIGINT' | 'SIGTERM';

export const EXIT_SIGNALS: readonly ExitSignal[] = ['SIGHUP', 'SIGINT', 'SIGTERM'];

export function signalExitCode(signal: ExitSignal): number {
	return signal === 'SIGHUP' ? EXIT.sighup : signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}
