// The top self-time functions of a V8 CPU profile (node --cpu-prof), one line each, so the hot spots
// of a run can be read without a browser. Not a benchmark: bench/run.js skips it.
//   node bench/profile-top.js FILE.cpuprofile|DIR [N]     (DIR: every .cpuprofile in it, one per thread)
// Self time comes from the samples' time deltas; functions are merged by name, file and line.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {basename, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

function where(frame) {
	if (!frame.url) return '';
	let url = frame.url.replace(/^file:\/\//, '');
	if (url.startsWith(root)) url = relative(root, url);
	return `${url}:${frame.lineNumber + 1}`;
}

/** [{name, where, selfMs, share}] sorted by self time, and the profile's total. */
export function topSelf(profile, n = 10) {
	const byId = new Map(profile.nodes.map(node => [node.id, node]));
	const self = new Map();
	const {samples = [], timeDeltas = []} = profile;
	let total = 0;
	for (let i = 0; i < samples.length; i++) {
		// A sample's time is the delta to the next one (the last sample gets its own delta).
		const dt = (timeDeltas[i + 1] ?? timeDeltas[i] ?? 0) / 1000;
		const node = byId.get(samples[i]);
		if (!node || dt < 0) continue;
		total += dt;
		const f = node.callFrame;
		const key = `${f.functionName}\u0000${f.url}\u0000${f.lineNumber}`;
		const entry = self.get(key) ?? {name: f.functionName || '(anonymous)', where: where(f), selfMs: 0};
		entry.selfMs += dt;
		self.set(key, entry);
	}
	const top = [...self.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, n);
	for (const e of top) e.share = total ? e.selfMs / total : 0;
	return {top, totalMs: total};
}

export function profileFiles(path) {
	if (!statSync(path).isDirectory()) return [path];
	return readdirSync(path)
		.filter(f => f.endsWith('.cpuprofile'))
		.map(f => join(path, f))
		.sort();
}

export function formatTop(file, n = 10) {
	const {top, totalMs} = topSelf(JSON.parse(readFileSync(file, 'utf8')), n);
	const lines = [`${basename(file)}: ${(totalMs / 1000).toFixed(2)} s sampled; top ${top.length} by self time`];
	top.forEach((e, i) => {
		const ms = e.selfMs.toFixed(0).padStart(7);
		const share = `${(e.share * 100).toFixed(1)}%`.padStart(6);
		lines.push(`${String(i + 1).padStart(3)}. ${ms} ms ${share}  ${e.name}${e.where ? `  ${e.where}` : ''}`);
	});
	return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const [path, count] = process.argv.slice(2);
	if (!path) {
		console.error('usage: node bench/profile-top.js FILE.cpuprofile|DIR [N]');
		process.exit(2);
	}
	for (const file of profileFiles(path)) console.log(formatTop(file, Number(count ?? 10)) + '\n');
}
