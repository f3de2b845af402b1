// Spellings the vendor renderings (MDE, CrowdStrike FDR, OCSF) share.
import type {DemoProcess} from './model.js';

/** "CORP\\alice.martin" -> ["CORP", "alice.martin"]; a name without domain -> ["", name]. */
export function splitUser(user: string): [domain: string, name: string] {
	const cut = user.indexOf('\\');
	return cut === -1 ? ['', user] : [user.slice(0, cut), user.slice(cut + 1)];
}

/** The Windows integrity level as MDE and OCSF write it. */
export function integrityName(p: DemoProcess): string {
	return p.integrity === 'SYSTEM' ? 'System' : p.integrity[0] + p.integrity.slice(1).toLowerCase();
}
