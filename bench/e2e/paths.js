// Where things are, and the knobs every end-to-end benchmark shares.
import {existsSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(root, 'dist', 'cli.js');
/** EDRTAIL_BENCH_QUICK=1: small sizes everywhere, for a first look in a minute or two. */
export const quick = process.env.EDRTAIL_BENCH_QUICK === '1';

/** A count from the environment ("500000", "500_000", "500k"), else the default (quick or not). */
export function envCount(name, full, small = full) {
	const text = process.env[name];
	if (text === undefined || text === '') return quick ? small : full;
	const m = /^(\d[\d_,]*)(k|m)?$/i.exec(text.trim());
	if (!m) throw new Error(`${name}=${text}: not a count (e.g. 500000, 500k)`);
	const n = Number(m[1].replace(/[_,]/g, ''));
	return m[2] ? n * (m[2].toLowerCase() === 'k' ? 1000 : 1_000_000) : n;
}

export function envList(name, fallback) {
	const text = process.env[name];
	return (text ? text : fallback)
		.split(',')
		.map(s => s.trim())
		.filter(Boolean);
}

/** The SigmaHQ windows rules: EDRTAIL_BENCH_RULES, else ../shared/sigma/rules/windows from the repo. */
export function rulesDir() {
	const dir = resolve(root, process.env.EDRTAIL_BENCH_RULES ?? join('..', 'shared', 'sigma', 'rules', 'windows'));
	return existsSync(dir) ? {dir} : {dir, missing: `${dir} not found (set EDRTAIL_BENCH_RULES)`};
}

export function requireBuild() {
	if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build (npm run bench does)`);
}
