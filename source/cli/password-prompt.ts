import {createInterface} from 'node:readline';

/** Asks for a secret on the terminal without echoing it. Refuses when stdin is not a terminal. */
export function promptPassword(question: string): Promise<string> {
	if (!process.stdin.isTTY) return Promise.reject(new Error('a SASL password is needed: set EDRTAIL_SASL_PASSWORD or EDRTAIL_SASL_PASSWORD_FILE, or put sasl.password in the -F file'));
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
