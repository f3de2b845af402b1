// vitest globalSetup for the unit project: says once per run, before any test, that the SigmaHQ
// corpus is missing and what to set. (Each test file runs in its own worker, so a file cannot say
// it "once" itself; the skipped files just skip.)
import {sigmaCorpus} from './sigma-corpus.js';

export default function setup(): void {
	const corpus = sigmaCorpus();
	if (corpus.reason !== undefined) process.stdout.write(`\nsigma corpus: ${corpus.reason}\n`);
}
