// Registry paths and data as Sigma rules spell them (HKLM\..., CurrentControlSet), whatever the
// vendor wrote (MACHINE\..., \REGISTRY\MACHINE\..., ControlSet001).

const HIVES: Array<[string, string]> = [
	['\\REGISTRY\\MACHINE\\', 'HKLM\\'],
	['\\REGISTRY\\USER\\', 'HKU\\'],
	['HKEY_LOCAL_MACHINE\\', 'HKLM\\'],
	['HKEY_USERS\\', 'HKU\\'],
	['HKEY_CURRENT_USER\\', 'HKCU\\'],
	['MACHINE\\', 'HKLM\\'],
	['USER\\', 'HKU\\'],
];

export function normalizeRegistryPath(path: string | undefined): string | undefined {
	if (!path) return path === '' ? '' : undefined;
	let p = path;
	for (const [from, to] of HIVES) {
		if (p.length >= from.length && p.slice(0, from.length).toUpperCase() === from) {
			p = to + p.slice(from.length);
			break;
		}
	}
	const cs = p.search(/\\ControlSet001\\/i);
	if (cs !== -1) p = `${p.slice(0, cs)}\\CurrentControlSet\\${p.slice(cs + 15)}`;
	return p;
}

export function registryValueName(path: string | undefined): string | undefined {
	if (!path) return undefined;
	const cut = path.lastIndexOf('\\');
	return cut === -1 ? path : path.slice(cut + 1) || undefined;
}

const TYPE_NAMES: Record<number, string> = {
	0: 'REG_NONE',
	1: 'REG_SZ',
	2: 'REG_EXPAND_SZ',
	3: 'REG_BINARY',
	4: 'REG_DWORD',
	5: 'REG_DWORD_BIG_ENDIAN',
	6: 'REG_LINK',
	7: 'REG_MULTI_SZ',
	11: 'REG_QWORD',
};

export function registryTypeName(type: number | string | undefined): string | undefined {
	if (type === undefined) return undefined;
	if (typeof type === 'string') return type;
	return TYPE_NAMES[type] ?? String(type);
}

function isHex(s: string): boolean {
	if (s.length === 0 || s.length % 2 !== 0) return false;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
	}
	return true;
}

/** Data hex past this many characters stays hex: nobody reads a 1 MB binary value inline. */
const MAX_DECODED_HEX = 8192;

/**
 * The export carries value data as hex of the raw bytes. Shown the way Sysmon's `Details` shows
 * it, so Sigma's `Details` values match: strings decoded from UTF-16LE, DWORDs as
 * "DWORD (0x00000001)". Text that is not hex (other formats, demo data) passes through.
 */
export function decodeRegistryData(data: string | undefined, type: number | undefined): string | undefined {
	if (data === undefined || !isHex(data) || data.length > MAX_DECODED_HEX) return data;
	const bytes = Buffer.from(data, 'hex');
	if (type === 4 && bytes.length === 4) return `DWORD (0x${bytes.readUInt32LE(0).toString(16).padStart(8, '0')})`;
	if (type === 11 && bytes.length === 8) return `QWORD (0x${bytes.readBigUInt64LE(0).toString(16).padStart(16, '0')})`;
	if (type === 3) return data;
	const stringType = type === 1 || type === 2 || type === 7;
	if (!stringType && !looksUtf16(bytes)) return data;
	let text = bytes.toString('utf16le', 0, bytes.length - (bytes.length % 2));
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
	text = text.slice(0, end);
	return type === 7 ? text.split('\0').join(' ') : text;
}

/** Mostly-ASCII UTF-16LE: every odd byte zero. */
function looksUtf16(bytes: Buffer): boolean {
	if (bytes.length < 4) return false;
	for (let i = 1; i < bytes.length; i += 2) if (bytes[i] !== 0) return false;
	return true;
}
