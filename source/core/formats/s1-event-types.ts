// SentinelOne's event type strings (Cloud Funnel 2.0 `event.type` / `meta.event.name`, DV API
// `eventType`) -> category. docs/formats.md §4; unconfirmed spellings are accepted too because a wrong
// guess costs nothing and a missed one files a real event under "other".
import type {EdrCategory} from '../event.js';

const TYPES: Record<string, EdrCategory> = {
	'process creation': 'Process Creation',
	'process termination': 'Process Termination',
	'process exit': 'Process Exit',
	'file creation': 'File Creation',
	'file modification': 'File Modification',
	'file deletion': 'File Deletion',
	'file rename': 'File Rename',
	'dns resolved': 'DNS',
	'dns unresolved': 'DNS',
	dns: 'DNS',
	'ip connect': 'TCPv4 Connection',
	'ip listen': 'TCPv4 Listen',
	'tcpv4 connection': 'TCPv4 Connection',
	'tcpv4 listen': 'TCPv4 Listen',
	'http request': 'HTTP Request',
	http: 'HTTP Request',
	login: 'Login',
	logout: 'Logout',
	'registry key create': 'Registry Key Creation',
	'registry key creation': 'Registry Key Creation',
	'registry key rename': 'Registry Key Rename',
	'registry key delete': 'Registry Key Delete',
	'registry key export': 'Registry Key Export',
	'registry key security changed': 'Registry Key Security Changed',
	'registry key import': 'Registry Key Import',
	'registry value create': 'Registry Value Creation',
	'registry value creation': 'Registry Value Creation',
	'registry value modified': 'Registry Value Modified',
	'registry value delete': 'Registry Value Delete',
	'task register': 'Scheduled Task Register',
	'task update': 'Scheduled Task Update',
	'task delete': 'Scheduled Task Delete',
	'task start': 'Scheduled Task Start',
	'task trigger': 'Scheduled Task Trigger',
	'scheduled task register': 'Scheduled Task Register',
	'scheduled task update': 'Scheduled Task Update',
	'scheduled task delete': 'Scheduled Task Delete',
	'scheduled task start': 'Scheduled Task Start',
	'scheduled task trigger': 'Scheduled Task Trigger',
	persistency: 'Persistency',
	// `meta.event.name` spellings
	processcreation: 'Process Creation',
	processtermination: 'Process Termination',
	processexit: 'Process Exit',
	filecreation: 'File Creation',
	filemodification: 'File Modification',
	filedeletion: 'File Deletion',
	filerename: 'File Rename',
	tcpv4: 'TCPv4 Connection',
	tcpv4listen: 'TCPv4 Listen',
	winlogonattempt: 'Login',
	winlogoff: 'Logout',
	regkeycreate: 'Registry Key Creation',
	regkeyrename: 'Registry Key Rename',
	regkeydelete: 'Registry Key Delete',
	regkeyexport: 'Registry Key Export',
	regkeysecuritychanged: 'Registry Key Security Changed',
	regkeyimport: 'Registry Key Import',
	regvaluecreate: 'Registry Value Creation',
	regvaluemodified: 'Registry Value Modified',
	regvaluedelete: 'Registry Value Delete',
	schedtaskregister: 'Scheduled Task Register',
	schedtaskupdate: 'Scheduled Task Update',
	schedtaskdelete: 'Scheduled Task Delete',
	schedtaskstart: 'Scheduled Task Start',
	schedtasktrigger: 'Scheduled Task Trigger',
};

/** CF2 copies the HTTP method into `event.type`. */
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE']);

export function isHttpMethod(type: string): boolean {
	return type.length <= 7 && HTTP_METHODS.has(type.toUpperCase());
}

export function categoryOfS1Type(type: string | undefined): EdrCategory | undefined {
	if (!type || type.length > 40) return undefined;
	return TYPES[type.toLowerCase()] ?? (isHttpMethod(type) ? 'HTTP Request' : undefined);
}
