// Runs every benchmark in bench/ in turn (each prints its own figures). Never pass/fail on time.
import {readdirSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
	.filter(f => f.endsWith('.js') && f !== 'run.js')
	.filter(f => only.length === 0 || only.some(o => f.includes(o)))
	.sort();
let failed = 0;
for (const file of files) {
	console.log(`\n== ${file}`);
	const r = spawnSync(process.execPath, [join(here, file)], {stdio: 'inherit', env: {...process.env, NODE_ENV: 'production'}});
	if (r.status !== 0) {
		failed++;
		console.log(`(${file} exited with ${r.status})`);
	}
}
process.exitCode = failed ? 1 : 0;
