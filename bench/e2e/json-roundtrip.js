// The file baseline: a bare Node script that reads NDJSON, JSON.parse + JSON.stringify each line and
// writes it to stdout; the least any JSON-in, JSON-out tool in Node does per event.
//   node bench/e2e/json-roundtrip.js FILE > /dev/null
import {createReadStream} from 'node:fs';

const input = createReadStream(process.argv[2]);
let rest = '';
const drained = () => new Promise(resolve => process.stdout.once('drain', resolve));
const write = text => (process.stdout.write(text) ? undefined : drained());
for await (const chunk of input) {
	const lines = (rest + chunk.toString('utf8')).split('\n');
	rest = lines.pop();
	let out = '';
	for (const line of lines) if (line) out += JSON.stringify(JSON.parse(line)) + '\n';
	await write(out);
}
if (rest) await write(JSON.stringify(JSON.parse(rest)) + '\n');
