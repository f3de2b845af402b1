// Where a SASL password may come from: EDRTAIL_SASL_PASSWORD, a password file
// (EDRTAIL_SASL_PASSWORD_FILE, a profile's saslPasswordFile), sasl.password in a -F file, -X or a
// profile, or else the terminal prompt the CLI passes in. Never a flag: flags show in `ps`.
import {needsPassword, withPassword, type KafkaConnection} from '../core/kafka/index.js';
import {readOrFail, type FileReader} from './files.js';

/** Where a password may come from, for the messages that ask for one or refuse one from a flag. */
export const PASSWORD_SOURCES =
	'EDRTAIL_SASL_PASSWORD, EDRTAIL_SASL_PASSWORD_FILE, sasl.password in a -F file or a profile, or the prompt on a terminal';

/** Asks for the password of `username` (the CLI: a terminal prompt without echo). */
export type AskPassword = (username: string) => Promise<string>;

export function passwordFromEnv(env: Record<string, string | undefined>): {password?: string; passwordFile?: string} {
	return {
		// A password file names where to read; an explicit password beats it (same layer).
		passwordFile:
			env.EDRTAIL_SASL_PASSWORD || !env.EDRTAIL_SASL_PASSWORD_FILE ? undefined : env.EDRTAIL_SASL_PASSWORD_FILE,
		password: env.EDRTAIL_SASL_PASSWORD || undefined,
	};
}

/** The password the merged settings give, reading the password file when that is what they name. */
export function readPassword(s: {password?: string; passwordFile?: string}, readFile: FileReader): string | undefined {
	if (s.password !== undefined || !s.passwordFile) return s.password;
	return readOrFail(readFile, s.passwordFile, 'password').replace(/\r?\n$/, '');
}

/** The connection with its password: asked for only when SASL is on and nothing else gave one. */
export async function completePassword(connection: KafkaConnection, ask: AskPassword): Promise<KafkaConnection> {
	if (!needsPassword(connection) || !connection.sasl) return connection;
	return withPassword(connection, await ask(connection.sasl.username));
}
