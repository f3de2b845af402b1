// Preloaded into the measured CLI (node --import): says on stderr when a write to stdout fails.
// edrtail treats any stdout error but EPIPE as the end of its output and exits 1 without a word;
// the benchmark wants to print why a run stopped (e.g. ENOBUFS on a congested pipe).
process.stdout.on('error', error =>
	process.stderr.write(`bench: stdout write failed: ${error.code ?? error.message}\n`),
);
