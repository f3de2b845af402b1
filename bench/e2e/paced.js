// The paced producer (paced-producer.js) as a child process, for the screen benchmarks: its own
// process, so the benchmark's tmux polling cannot stall its pacing.
import {createInterface} from 'node:readline';
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {root} from './paths.js';

/** The producer child, and a way to await its next line that starts with a word. */
export function startProducer(brokers, topic, partitions, format, rate) {
	const args = [
		join(root, 'bench', 'e2e', 'paced-producer.js'),
		brokers,
		topic,
		String(partitions),
		format,
		String(rate),
	];
	const child = spawn(process.execPath, args, {stdio: ['pipe', 'pipe', 'inherit']});
	const waiting = [];
	createInterface({input: child.stdout}).on('line', line => {
		const i = waiting.findIndex(w => line.startsWith(w.word));
		if (i !== -1) waiting.splice(i, 1)[0].resolve(line.split(' ').slice(1).map(Number));
	});
	return {
		child,
		send: line => child.stdin.write(line + '\n'),
		next: word => new Promise(resolve => waiting.push({word, resolve})),
	};
}
