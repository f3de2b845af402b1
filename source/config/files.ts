import {ConfigError} from './errors.js';

/** Reads a text file; throws (ENOENT or otherwise) when it cannot. Passed in, so rules are tested without a disk. */
export type FileReader = (path: string) => string;

/** The file's text, or a one-line error naming what the file was for (`what`: "-F", "CA", ...). */
export function readOrFail(readFile: FileReader, path: string, what: string): string {
	try {
		return readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new ConfigError(
			`cannot read ${what} file ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
		);
	}
}
