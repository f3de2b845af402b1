import {createInterface} from 'node:readline';
import {ConfigError, PASSWORD_SOURCES} from '../config/index.js';

/** Asks for a secret on the terminal without echoing it. Refuses when stdin is not a terminal. */
export function promptPassword(question: string): Promise<string> {
	if (!process.stdin.isTTY) {
		const sources = PASSWORD_SOURCES.replace(/, or the prompt on a terminal$/, '');
		const message = `a SASL password is needed and stdin is not a terminal to ask on: use ${sources}`;
		return Promise.reject(new ConfigError(message));
	}
	return new Promise(resolve => {
		const rl = createInterface({input: process.stdin, output: process.stderr, terminal: true});
		const output = rl as unknown as {_writeToOutput: (s: string) => void};
		let asked = false;
		output._writeToOutput = (s: string) => {
			// Print the question once, then nothing of what is typed.
			if (!asked) {
				asked = true;
				process.stderr.write(s);
			}
		};
		rl.question(question, answer => {
			rl.close();
			process.stderr.write('\n');
			resolve(answer);
		});
	});
}
