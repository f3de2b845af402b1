// IPv4 and IPv6 networks for the `cidr` modifier. Addresses become bigints so one comparison
// (masked equality) serves both families.
import {RuleError} from './sigma-string.js';

interface Ip {
	v6: boolean;
	n: bigint;
}

export function parseIp(text: string): Ip | undefined {
	let s = text.trim();
	if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
	const zone = s.indexOf('%');
	if (zone !== -1) s = s.slice(0, zone);
	if (s.includes(':')) return parseV6(s);
	const v4 = parseV4(s);
	return v4 === undefined ? undefined : {v6: false, n: v4};
}

function parseV4(s: string): bigint | undefined {
	const parts = s.split('.');
	if (parts.length !== 4) return undefined;
	let n = 0n;
	for (const p of parts) {
		if (!/^\d{1,3}$/.test(p)) return undefined;
		const b = Number(p);
		if (b > 255) return undefined;
		n = (n << 8n) | BigInt(b);
	}
	return n;
}

function parseV6(s: string): Ip | undefined {
	let text = s;
	// An embedded IPv4 tail (::ffff:10.0.0.1) is two hex groups.
	const lastColon = text.lastIndexOf(':');
	const last = text.slice(lastColon + 1);
	if (last.includes('.')) {
		const v4 = parseV4(last);
		if (v4 === undefined) return undefined;
		text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const groups = (h: string) => (h === '' ? [] : h.split(':'));
	// split gives at least one part; a second one only where '::' was there.
	const [headText = '', restText] = halves;
	const head = groups(headText);
	const rest = restText === undefined ? [] : groups(restText);
	const explicit = head.length + rest.length;
	if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
	const all = [...head, ...Array<string>(8 - explicit).fill('0'), ...rest];
	let n = 0n;
	for (const g of all) {
		if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
		n = (n << 16n) | BigInt(`0x${g}`);
	}
	return {v6: true, n};
}

// Rules list many networks for one field: parse the event's address once, not once per network.
let lastText: string | undefined;
let lastIp: Ip | undefined;
function parseCached(text: string): Ip | undefined {
	if (text !== lastText) {
		lastText = text;
		lastIp = parseIp(text);
	}
	return lastIp;
}

export type CidrTest = (value: string) => boolean;

export function compileCidr(network: string): CidrTest {
	const [addr, bitsText] = network.split('/');
	const ip = parseIp(addr ?? '');
	if (!ip) throw new RuleError(`invalid cidr: ${network}`);
	const width = ip.v6 ? 128 : 32;
	const bits = bitsText === undefined ? width : Number(bitsText);
	if (!Number.isInteger(bits) || bits < 0 || bits > width) throw new RuleError(`invalid cidr: ${network}`);
	const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(width - bits);
	const net = ip.n & mask;
	return value => {
		let v = parseCached(value);
		if (!v) return false;
		// An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is that IPv4 address.
		if (v.v6 && !ip.v6 && v.n >> 32n === 0xffffn) v = {v6: false, n: v.n & 0xffffffffn};
		return v.v6 === ip.v6 && (v.n & mask) === net;
	};
}
