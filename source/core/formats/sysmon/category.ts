// Which normalized category a Windows event is: Sysmon event ids on the Sysmon channel (or below 256
// without a channel), Security-log ids otherwise. Ids without a category keep a name as subtype.
import type {Category} from '../../event.js';

const SYSMON_OTHER: Record<number, string> = {
	4: 'Sysmon service state changed',
	6: 'Driver loaded',
	7: 'Image loaded',
	8: 'CreateRemoteThread',
	9: 'RawAccessRead',
	10: 'ProcessAccess',
	15: 'FileCreateStreamHash',
	16: 'Sysmon config change',
	17: 'Pipe created',
	18: 'Pipe connected',
	19: 'WmiEventFilter',
	20: 'WmiEventConsumer',
	21: 'WmiEventConsumerToFilter',
	24: 'Clipboard change',
	25: 'Process tampering',
	27: 'File block executable',
	28: 'File block shredding',
	29: 'File executable detected',
};

const SECURITY: Record<number, Category> = {
	4688: 'Process Creation',
	4689: 'Process Termination',
	4624: 'Login',
	4625: 'Login',
	4634: 'Logout',
	4647: 'Logout',
	4698: 'Scheduled Task Register',
	4699: 'Scheduled Task Delete',
	4700: 'Scheduled Task Update',
	4701: 'Scheduled Task Update',
	4702: 'Scheduled Task Update',
	4657: 'Registry Value Modified',
};

export function sysmonCategory(
	eventId: number | undefined,
	f: Record<string, string>,
): {category: Category; subtype?: string} {
	if (eventId === undefined) return {category: 'other', subtype: 'no EventID'};
	const channel = f.Channel?.toLowerCase();
	const isSysmon = channel === undefined ? eventId < 256 : channel.includes('sysmon');
	if (isSysmon) {
		switch (eventId) {
			case 1:
				return {category: 'Process Creation'};
			case 2:
				return {category: 'File Modification'};
			case 3:
				return {category: 'TCPv4 Connection'};
			case 5:
				return {category: 'Process Termination'};
			case 11:
				return {category: 'File Creation'};
			case 12: {
				const t = f.EventType;
				if (t === 'DeleteKey') return {category: 'Registry Key Delete'};
				if (t === 'DeleteValue') return {category: 'Registry Value Delete'};
				if (t === 'CreateValue') return {category: 'Registry Value Creation'};
				return {category: 'Registry Key Creation'};
			}
			case 13:
				return {category: 'Registry Value Modified'};
			case 14:
				return {category: 'Registry Key Rename'};
			case 22:
				return {category: 'DNS'};
			case 23:
			case 26:
				return {category: 'File Deletion'};
			default:
				return {category: 'other', subtype: SYSMON_OTHER[eventId] ?? `Sysmon EventID ${eventId}`};
		}
	}
	const category = SECURITY[eventId];
	return category
		? {category}
		: {category: 'other', subtype: `${f.Channel ?? f.Provider_Name ?? 'EventID'} ${eventId}`};
}

/**
 * Sysmon for Linux writes the same event ids to its own channel ("Linux-Sysmon/Operational",
 * provider "Linux-Sysmon"); without either, a Unix image path gives it away.
 */
export function sysmonOs(f: Record<string, string>): 'windows' | 'linux' {
	const origin = `${f.Channel ?? ''}|${f.Provider_Name ?? ''}`.toLowerCase();
	if (origin.includes('linux')) return 'linux';
	if (f.Channel === undefined && f.Provider_Name === undefined) {
		const image = f.Image ?? f.ParentImage ?? f.SourceImage;
		if (image !== undefined && image.startsWith('/')) return 'linux';
	}
	return 'windows';
}
