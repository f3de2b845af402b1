// Where the SigmaHQ rules corpus is, for the tests that read it (rules/corpus, rules/atomic, demo/atomics-rules).
// EDRTAIL_SIGMA_RULES names the `rules/` folder of a SigmaHQ checkout; without it, the default is
// ../shared/sigma/rules beside the repository. A relative path is taken from the repository root.
// When the folder is not there those tests are skipped (describe.skipIf), and the unit project's
// global setup (sigma-corpus-notice.ts) prints the reason once for the whole run.
import {statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const SIGMA_RULES_ENV = 'EDRTAIL_SIGMA_RULES';
export const DEFAULT_SIGMA_RULES = '../shared/sigma/rules';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `root` is the absolute path of the corpus' rules/ folder; `reason` says why there is none. */
export type SigmaCorpus = {root: string; reason?: undefined} | {root?: undefined; reason: string};

export function sigmaCorpus(env: NodeJS.ProcessEnv = process.env): SigmaCorpus {
	const given = env[SIGMA_RULES_ENV];
	const path = resolve(REPO_ROOT, given || DEFAULT_SIGMA_RULES);
	if (isDirectory(path)) return {root: path};
	const where = given ? `${SIGMA_RULES_ENV}=${given}` : `the default ${DEFAULT_SIGMA_RULES} (${path})`;
	return {
		reason: `no SigmaHQ rules corpus at ${where}: the tests that need it are skipped (set ${SIGMA_RULES_ENV} to a SigmaHQ checkout's rules/ folder)`,
	};
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
