// Which category an MDE Advanced Hunting row is: its table (the record's "AdvancedHunting-<Table>"
// category) and its ActionType. What has no category of its own is "other" as "<Table>/<ActionType>".
import type {Category} from '../../event.js';

const PREFIX = 'AdvancedHunting-';

/** Table name from the record category ("AdvancedHunting-DeviceProcessEvents" -> "DeviceProcessEvents"). */
export function tableOf(category: string | undefined): string | undefined {
	if (!category) return undefined;
	return category.startsWith(PREFIX) ? category.slice(PREFIX.length) : category;
}

const BY_TABLE: Record<string, Record<string, Category>> = {
	DeviceProcessEvents: {ProcessCreated: 'Process Creation'},
	DeviceFileEvents: {
		FileCreated: 'File Creation',
		FileModified: 'File Modification',
		FileDeleted: 'File Deletion',
		FileRenamed: 'File Rename',
	},
	DeviceNetworkEvents: {
		ConnectionSuccess: 'TCPv4 Connection',
		ConnectionFailed: 'TCPv4 Connection',
		ConnectionAttempt: 'TCPv4 Connection',
		ConnectionRequest: 'TCPv4 Connection',
		ConnectionFound: 'TCPv4 Connection',
		ConnectionAcknowledged: 'TCPv4 Connection',
		InboundConnectionAccepted: 'TCPv4 Connection',
		ListeningConnectionCreated: 'TCPv4 Listen',
		DnsConnectionInspected: 'DNS',
		HttpConnectionInspected: 'HTTP Request',
	},
	DeviceRegistryEvents: {
		RegistryKeyCreated: 'Registry Key Creation',
		RegistryKeyDeleted: 'Registry Key Delete',
		RegistryKeyRenamed: 'Registry Key Rename',
		RegistryValueSet: 'Registry Value Modified',
		RegistryValueDeleted: 'Registry Value Delete',
	},
	DeviceLogonEvents: {LogonSuccess: 'Login', LogonFailed: 'Login', LogonAttempted: 'Login'},
	DeviceEvents: {
		ScheduledTaskCreated: 'Scheduled Task Register',
		ScheduledTaskUpdated: 'Scheduled Task Update',
		ScheduledTaskEnabled: 'Scheduled Task Update',
		ScheduledTaskDisabled: 'Scheduled Task Update',
		ScheduledTaskDeleted: 'Scheduled Task Delete',
		DnsQueryResponse: 'DNS',
	},
};

/** ActionTypes name their table almost always: a row without a table name is read by its ActionType. */
const TABLE_OF_ACTION = new Map<string, string>();
for (const [table, actions] of Object.entries(BY_TABLE))
	for (const action of Object.keys(actions)) if (!TABLE_OF_ACTION.has(action)) TABLE_OF_ACTION.set(action, table);
TABLE_OF_ACTION.set('ImageLoaded', 'DeviceImageLoadEvents');

export function tableOfAction(action: string | undefined): string | undefined {
	return action === undefined ? undefined : TABLE_OF_ACTION.get(action);
}

export function mdeCategory(
	table: string | undefined,
	action: string | undefined,
): {category: Category; subtype?: string} {
	const category = table && action ? BY_TABLE[table]?.[action] : undefined;
	if (category) return {category};
	const t = table ?? 'unknown table';
	return {category: 'other', subtype: action ? `${t}/${action}` : t};
}
